"""The invitation mail, one kind of notification (`people.notifications`).

`invitation_mail_queue` is called by `services.invitation_create` inside its transaction; the mail
goes out after commit through `send_notification_task`, which calls `render_invitation_mail`. An
invitation is mailed once and never again (inviting the person again makes a new invitation, with a
new id), so the key `invitation:<id>` says everything: a retry, a duplicate delivery or the beat sweep
sends it once.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Invitation, Notification
from .notifications import notification_queue

NOTIFICATION_KIND = "people.invitation"


def invitation_mail_queue(*, invitation: Invitation) -> int:
    """Queue the invitation's mail (once per invitation). The invitee may have no account yet, so the
    notification is addressed to the invitation's email."""
    return notification_queue(
        key=f"invitation:{invitation.pk}", kind=NOTIFICATION_KIND, email=invitation.email,
        data={"invitation": invitation.pk},
    )


def render_invitation_mail(notification: Notification) -> EmailMessage | None:
    """The mail with the link to accept, or None when the invitation was accepted, has expired or
    was deleted.

    The invitation is locked, as `services.invitation_accept` locks it, so an acceptance under way
    finishes first and is not followed by the mail. Records `Invitation.sent_at` too: the renderer
    runs inside the send's transaction, so a failed send rolls that back with the notification's own
    `sent_at`."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("municipality", "provider", "invited_by")
        .filter(pk=notification.data["invitation"], accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        return None
    context = {
        "invitation": invitation,
        "accept_url": settings.SITE_URL + invitation.get_absolute_url(),
        "organisation": invitation.municipality or invitation.provider or "ICS Metodesekretariat",
    }
    subject = render_to_string("people/email/invitation_subject.txt", context).strip()
    body = render_to_string("people/email/invitation_message.txt", context)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return EmailMessage(subject, body, to=[notification.address])
