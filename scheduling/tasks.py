"""Celery tasks for scheduling. They take ids, and every mail goes through notifications.send_once,
so a retried task or a second worker sends nothing twice."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import notifications
from .models import Event, Registration, Session

DEFAULT_REMINDER_DAYS = {
    Event.Kind.COHORT: (7, 1),
    Event.Kind.THEME_DAY: (7, 1),
    Event.Kind.BRUSH_UP: (7, 1),
    Event.Kind.TEAM_MEETING: (7, 1),
}


def reminder_days():
    """Days before a session to remind, per kind of event; settings.SCHEDULING_REMINDER_DAYS overrides."""
    days = dict(DEFAULT_REMINDER_DAYS)
    days.update(getattr(settings, "SCHEDULING_REMINDER_DAYS", {}) or {})
    return days


RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def send_registration_notice_task(registration_id: int, kind: str) -> int:
    registration = (
        Registration.objects.select_related("event", "event__municipality", "event__provider", "person")
        .filter(pk=registration_id).first()
    )
    if registration is None:
        return 0
    # A notice that no longer matches the registration (cancelled before the mail went) is dropped.
    expected = {"confirmed": "confirmed", "promoted": "confirmed", "waitlisted": "waitlisted", "cancelled": "cancelled"}
    if registration.status != expected.get(kind) or (kind != "cancelled" and registration.event.is_cancelled):
        return 0
    return notifications.registration_notice(registration, kind)


def _confirmed(event_id):
    return list(
        Registration.objects.filter(event_id=event_id, status=Registration.Status.CONFIRMED).select_related("person")
    )


@shared_task(**RETRY)
def send_event_update_task(event_id: int, sequence: int) -> int:
    event = Event.objects.select_related("municipality", "provider").filter(pk=event_id).first()
    if event is None or event.is_cancelled or event.sequence != sequence:
        return 0  # a later change (or the cancellation) sends its own notice
    return notifications.event_update_notice(event, _confirmed(event_id))


@shared_task(**RETRY)
def send_session_cancelled_task(session_id: int) -> int:
    session = Session.objects.select_related("event", "event__municipality", "event__provider").filter(
        pk=session_id, cancelled=True
    ).first()
    if session is None:
        return 0
    return notifications.session_cancelled_notice(session, _confirmed(session.event_id))


@shared_task(**RETRY)
def send_event_cancelled_task(event_id: int) -> int:
    event = Event.objects.select_related("municipality", "provider").filter(
        pk=event_id, cancelled_at__isnull=False
    ).first()
    if event is None:
        return 0
    registrations = Registration.objects.filter(
        event=event, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    ).select_related("person")
    return notifications.event_cancelled_notice(event, registrations)


@shared_task(**RETRY)
def send_reminders_task(today: str | None = None) -> int:
    """Remind confirmed participants the configured number of days before each session (beat: hourly)."""
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    for kind, days_list in reminder_days().items():
        for days in days_list:
            day = today + datetime.timedelta(days=days)
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            end = start + datetime.timedelta(days=1)
            sessions = Session.objects.filter(
                event__kind=kind, cancelled=False, event__cancelled_at__isnull=True,
                starts_at__gte=start, starts_at__lt=end,
            ).select_related("event", "event__municipality", "event__provider")
            for session in sessions:
                for registration in _confirmed(session.event_id):
                    registration.event = session.event
                    sent += notifications.reminder_notice(registration, session, days)
    return sent
