"""The barometer's invitation and reminder mails: kinds of `people.notifications`, each sent once.

The keys say everything: ``implementation.invitation:<invitation id>`` and
``implementation.reminder:<invitation id>`` — a person is invited once per round and reminded once,
whatever the retries, duplicate deliveries or beat runs."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from people.models import Notification
from people.notifications import Pending, notifications_queue

from .models import Round, RoundInvitation

INVITATION = "implementation.invitation"
REMINDER = "implementation.reminder"
# Reminders go to those who have not answered when this many days are left before the close.
REMINDER_DAYS_BEFORE_CLOSE = 3


def _queue(kind, invitations) -> int:
    prefix = "invitation" if kind == INVITATION else "reminder"
    return notifications_queue([
        Pending(key=f"implementation.{prefix}:{pk}", kind=kind, recipient_id=person_id, data={"invitation": pk})
        for pk, person_id in invitations
    ])


def invitations_queue(*, round_id: int) -> int:
    """Queue the invitation of every respondent of an open round who has not answered (call inside a
    transaction; the sends go after commit)."""
    rows = RoundInvitation.objects.filter(round_id=round_id, has_answered=False).values_list("pk", "person_id")
    return _queue(INVITATION, rows)


def reminders_queue(*, today: datetime.date | None = None) -> int:
    """Queue a reminder for everyone who has not answered a round closing within
    REMINDER_DAYS_BEFORE_CLOSE days (and open today)."""
    today = today or timezone.localdate()
    rows = RoundInvitation.objects.filter(
        has_answered=False, round__opens_on__lte=today, round__closes_on__gte=today,
        round__closes_on__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSE),
    ).values_list("pk", "person_id")
    return _queue(REMINDER, rows)


def opened_rounds_invitations_queue(*, today: datetime.date | None = None) -> int:
    """Queue the invitations of every round open today (a round opened for a later day is mailed on
    its opening day; keys already used are not sent again)."""
    today = today or timezone.localdate()
    ids = Round.objects.filter(opens_on__lte=today, closes_on__gte=today).values_list("pk", flat=True)
    return sum(invitations_queue(round_id=pk) for pk in ids)


def _render(notification: Notification, template: str) -> EmailMessage | None:
    invitation = (RoundInvitation.objects.select_related("round__municipality", "person")
                  .filter(pk=notification.data["invitation"]).first())
    today = timezone.localdate()
    if invitation is None or invitation.has_answered or not invitation.round.is_open_on(today):
        return None
    context = {
        "invitation": invitation,
        "round": invitation.round,
        "municipality": invitation.round.municipality,
        "answer_url": settings.SITE_URL + reverse("implementation:answer", args=[invitation.round_id]),
    }
    subject = render_to_string(f"implementation/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"implementation/email/{template}_message.txt", context)
    return EmailMessage(subject, body, to=[notification.address])


def render_invitation(notification: Notification) -> EmailMessage | None:
    return _render(notification, "invitation")


def render_reminder(notification: Notification) -> EmailMessage | None:
    return _render(notification, "reminder")
