"""Beat tasks: monthly snapshot, daily reminders, weekly digest to leaders.

Every notification due gets a `NotificationLog` row with a unique key (person, deadline and stage;
leader, municipality and ISO week), written with ON CONFLICT DO NOTHING; the mail is sent by
`send_notification_task`, which locks the row and sets `sent_at`. A retry, a second run the same day
or a second worker therefore sends nothing twice.
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import NotificationLog

REMINDER_DAYS = (7, 30, 60)


def reminder_stage(days_left):
    """The reminder due at this many days before the deadline: "60", "30", "7", "overdue" or None."""
    if days_left is None:
        return None
    if days_left < 0:
        return "overdue"
    for threshold in REMINDER_DAYS:
        if days_left <= threshold:
            return str(threshold)
    return None


def _active_reports(today):
    """(municipality, figures, rows) for every municipality whose agreement is active today."""
    from people.models import Municipality

    from .selectors import evaluate, load_evidence

    evidence = load_evidence(first_day=today, last_day=today, detailed=True)
    municipalities = Municipality.objects.filter(pk__in=list(evidence.terms)).order_by("name")
    for municipality in municipalities:
        figures, rows = evaluate(evidence, municipality.pk, today)
        if figures.terms.is_active:
            yield municipality, figures, rows


def _queue(logs):
    """Write the log rows that are new, then queue a send for each row not yet sent."""
    if not logs:
        return 0
    NotificationLog.objects.bulk_create(logs, ignore_conflicts=True)
    pending = list(
        NotificationLog.objects.filter(key__in=[log.key for log in logs], sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in pending:
        transaction.on_commit(lambda pk=pk: send_notification_task.delay(pk))
    return len(pending)


@shared_task
def send_compliance_reminders_task(day: str | None = None) -> int:
    """Daily: remind caseworkers 60, 30 and 7 days before their deadline, and once when overdue."""
    from .status import Status

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    logs = []
    with transaction.atomic():
        for municipality, _figures, rows in _active_reports(today):
            for row in rows:
                if row.status not in (Status.WITHIN, Status.OVERDUE):
                    continue
                stage = reminder_stage(row.derived.days_left)
                if stage is None:
                    continue
                deadline = row.derived.deadline.isoformat()
                logs.append(NotificationLog(
                    key=f"reminder:{municipality.pk}:{row.person_id}:{deadline}:{stage}",
                    kind=NotificationLog.Kind.REMINDER, recipient_id=row.person_id, municipality=municipality,
                    data={"deadline": deadline, "stage": stage, "days_left": row.derived.days_left},
                ))
        return _queue(logs)


@shared_task
def send_leader_digests_task(day: str | None = None) -> int:
    """Weekly: each leader of a municipality with overdue staff gets the list once per ISO week."""
    from people.models import Membership
    from people.roles import Role

    from .status import Status

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    year, week, _ = today.isocalendar()
    logs = []
    with transaction.atomic():
        reports = list(_active_reports(today))
        leaders = {}
        for mid, pid in Membership.objects.current(today).filter(
            role=Role.LEADER, municipality_id__in=[m.pk for m, _f, _r in reports]
        ).values_list("municipality_id", "person_id"):
            leaders.setdefault(mid, set()).add(pid)
        for municipality, _figures, rows in reports:
            overdue = [r for r in rows if r.status == Status.OVERDUE]
            if not overdue:
                continue
            people = [[r.name, r.team_name, r.derived.deadline.isoformat()] for r in
                      sorted(overdue, key=lambda r: (r.derived.deadline, r.name))]
            for leader_id in sorted(leaders.get(municipality.pk, ())):
                logs.append(NotificationLog(
                    key=f"digest:{municipality.pk}:{leader_id}:{year}-W{week:02d}",
                    kind=NotificationLog.Kind.DIGEST, recipient_id=leader_id, municipality=municipality,
                    data={"people": people, "week": f"{year}-W{week:02d}"},
                ))
        return _queue(logs)


@shared_task
def take_monthly_snapshot_task(day: str | None = None) -> int:
    """Monthly (on the 1st): store every municipality's figures as of the last day of the month before."""
    from .services import snapshot_month

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    return snapshot_month(month=last_month_end.replace(day=1), as_of=last_month_end)


class _Row:
    def __init__(self, name, team_name, deadline):
        self.name, self.team_name = name, team_name
        self.derived = type("D", (), {"deadline": datetime.date.fromisoformat(deadline)})()


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_task(self, log_id: int) -> bool:
    """Send one logged notification once. The row lock and sent_at make a retry or a second worker a no-op.

    Only the log row is locked (of=self): locking the joined recipient and municipality rows too would
    make a second worker skip other people's notifications while one of the same municipality is sent."""
    with transaction.atomic():
        log = (
            NotificationLog.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "municipality")
            .filter(pk=log_id, sent_at__isnull=True)
            .first()
        )
        if log is None:
            return False
        with translation.override("da"):
            if log.kind == NotificationLog.Kind.REMINDER:
                context = {
                    "person": log.recipient, "municipality": log.municipality,
                    "deadline": datetime.date.fromisoformat(log.data["deadline"]),
                    "days_left": log.data.get("days_left"), "overdue": log.data.get("stage") == "overdue",
                    "status_url": settings.SITE_URL + reverse("compliance:own_status"),
                }
                template = "compliance/email/reminder"
            else:
                context = {
                    "leader": log.recipient, "municipality": log.municipality,
                    "rows": [_Row(*p) for p in log.data.get("people", [])],
                    "report_url": settings.SITE_URL + reverse(
                        "compliance:municipal", kwargs={"slug": log.municipality.slug}
                    ) + "?status=ikke-opfyldt",
                }
                template = "compliance/email/digest"
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            body = render_to_string(f"{template}_message.txt", context)
        EmailMultiAlternatives(subject, body, to=[log.recipient.email]).send()
        log.sent_at = timezone.now()
        log.save(update_fields=["sent_at"])
    return True
