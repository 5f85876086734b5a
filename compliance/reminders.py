"""Who is reminded of what, and how the mail reads: personal reminders and the leaders' weekly digest.

The rules live here; `compliance.tasks` only calls them. Every message goes through the one
idempotent-notification mechanism (`people.notifications`): a reminder's key names the person, the
deadline and the stage, a digest's the leader, the municipality and the ISO week, so a retry, a second
beat run or a second worker sends nothing twice.

- Personal reminders go 60, 30 and 7 days before the deadline and once when it has passed. They pause
  while a confirmed cohort booking still to come stands (`Progress.pauses_reminders`); when the
  booking is cancelled or the cohort is over without a completion, they resume.
- The leaders' digest lists every overdue person, booked or not (a booking does not make anyone
  compliant), with the booking beside the name.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from people.models import Membership, Municipality, Notification
from people.notifications import Pending
from people.roles import Role

from .selectors.evidence import evaluate, load_evidence
from .selectors.reports import NEEDS_ACTION
from .status import Status

REMINDER_DAYS = (7, 30, 60)
REMINDER = "compliance.reminder"
DIGEST = "compliance.digest"


def reminder_stage(days_left: int | None) -> str | None:
    """The reminder due at this many days before the deadline: "60", "30", "7", "overdue" or None."""
    if days_left is None:
        return None
    if days_left < 0:
        return "overdue"
    for threshold in REMINDER_DAYS:
        if days_left <= threshold:
            return str(threshold)
    return None


def active_reports(day: datetime.date):
    """(municipality, figures, rows) for every municipality whose agreement is active on the day."""
    evidence = load_evidence(first_day=day, last_day=day, detailed=True)
    for municipality in Municipality.objects.filter(pk__in=list(evidence.terms)).order_by("name"):
        figures, rows = evaluate(evidence, municipality.pk, day)
        if figures.terms.is_active:
            yield municipality, figures, rows


def reminders_due(day: datetime.date) -> list[Pending]:
    """A reminder for each person overdue or near the deadline who holds no booking still to come."""
    due = []
    for municipality, _figures, rows in active_reports(day):
        for row in rows:
            if not row.needs_action or row.progress.pauses_reminders:
                continue
            stage = reminder_stage(row.derived.days_left)
            if stage is None:
                continue
            deadline = row.derived.deadline.isoformat()
            due.append(Pending(
                key=f"reminder:{municipality.pk}:{row.person_id}:{deadline}:{stage}", kind=REMINDER,
                recipient_id=row.person_id,
                data={"municipality_id": municipality.pk, "deadline": deadline, "stage": stage,
                      "days_left": row.derived.days_left},
            ))
    return due


def digests_due(day: datetime.date) -> list[Pending]:
    """Each leader of a municipality with overdue staff gets the list once per ISO week."""
    reports = list(active_reports(day))
    year, week, _weekday = day.isocalendar()
    leaders = {}
    for mid, pid in Membership.objects.current(day).filter(
        role=Role.LEADER, municipality_id__in=[m.pk for m, _f, _r in reports]
    ).values_list("municipality_id", "person_id"):
        leaders.setdefault(mid, set()).add(pid)
    due = []
    for municipality, _figures, rows in reports:
        overdue = sorted((r for r in rows if r.status == Status.OVERDUE), key=lambda r: (r.derived.deadline, r.name))
        if not overdue:
            continue
        people = [{"person_id": r.person_id, "name": r.name, "team": r.team_name, "deadline": r.derived.deadline.isoformat(),
                   "progress": str(r.progress.label)} for r in overdue]
        for leader_id in sorted(leaders.get(municipality.pk, ())):
            due.append(Pending(
                key=f"digest:{municipality.pk}:{leader_id}:{year}-W{week:02d}", kind=DIGEST, recipient_id=leader_id,
                data={"municipality_id": municipality.pk, "people": people, "week": f"{year}-W{week:02d}"},
            ))
    return due


def _message(template: str, context: dict, recipient) -> EmailMessage:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    return EmailMessage(subject, body, to=[recipient.email])


def render_reminder(notification: Notification) -> EmailMessage:
    data = notification.data
    municipality = Municipality.objects.get(pk=data["municipality_id"])
    return _message("compliance/email/reminder", {
        "person": notification.recipient, "municipality": municipality,
        "deadline": datetime.date.fromisoformat(data["deadline"]), "days_left": data.get("days_left"),
        "overdue": data.get("stage") == "overdue",
        "status_url": settings.SITE_URL + reverse("compliance:own_status"),
    }, notification.recipient)


def render_digest(notification: Notification) -> EmailMessage:
    data = notification.data
    municipality = Municipality.objects.get(pk=data["municipality_id"])
    rows = [{**p, "deadline": datetime.date.fromisoformat(p["deadline"])} for p in data.get("people", [])]
    return _message("compliance/email/digest", {
        "leader": notification.recipient, "municipality": municipality, "rows": rows,
        "report_url": settings.SITE_URL + reverse("compliance:municipal", kwargs={"slug": municipality.slug})
        + f"?status={NEEDS_ACTION}",
    }, notification.recipient)
