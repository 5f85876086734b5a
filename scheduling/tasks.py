"""Celery tasks for scheduling. The only one is the reminder beat run: it queues the reminders due
through `people.notifications` (see scheduling/notifications.py), so a second run, a retry or a
second worker sends nothing twice. Every other message is queued by the service that makes it due."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import Event, Session

# A week and a day before, for every kind of event.
DEFAULT_REMINDER_DAYS = {kind: (7, 1) for kind in Event.Kind}


def reminder_days():
    """Days before a session to remind, per kind of event; the setting SCHEDULING_REMINDER_DAYS
    ({kind: (days, ...)}) overrides the kinds it names."""
    return {**DEFAULT_REMINDER_DAYS, **settings.SCHEDULING_REMINDER_DAYS}


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminders_task(today: str | None = None) -> int:
    """Queue a reminder for every confirmed participant the configured number of days before each
    session (beat: hourly). Returns how many sends were queued (reminders not yet sent)."""
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    queued = 0
    with transaction.atomic():
        for kind, days_list in reminder_days().items():
            for days in days_list:
                day = today + datetime.timedelta(days=days)
                start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
                sessions = Session.objects.filter(
                    event__kind=kind, cancelled=False, event__cancelled_at__isnull=True,
                    starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1),
                )
                for session in sessions:
                    queued += notifications.reminders_queue(session, days)
    return queued
