"""Beat tasks: monthly snapshot, daily reminders, weekly digest to leaders. The rules are in
`compliance.reminders` and `compliance.services`; the tasks only call them and queue the mail through
`people.notifications` (idempotent: see there)."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from people.notifications import notifications_queue

from . import reminders
from .services import snapshot_month


def _day(day: str | None) -> datetime.date:
    return datetime.date.fromisoformat(day) if day else timezone.localdate()


@shared_task
def send_compliance_reminders_task(day: str | None = None) -> int:
    """Daily: remind caseworkers 60, 30 and 7 days before their deadline, and once when overdue."""
    with transaction.atomic():
        return notifications_queue(reminders.reminders_due(_day(day)))


@shared_task
def send_leader_digests_task(day: str | None = None) -> int:
    """Weekly: each leader of a municipality with overdue staff gets the list once per ISO week."""
    with transaction.atomic():
        return notifications_queue(reminders.digests_due(_day(day)))


@shared_task
def take_monthly_snapshot_task(day: str | None = None) -> int:
    """Monthly (on the 1st): store every municipality's figures as of the last day of the month before."""
    last_month_end = _day(day).replace(day=1) - datetime.timedelta(days=1)
    return snapshot_month(month=last_month_end.replace(day=1), as_of=last_month_end)
