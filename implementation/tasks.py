"""Celery tasks: ids in, idempotent (the notification keys send each mail once), names end in _task.
The beat entry lives in CELERY_BEAT_SCHEDULE (lms/settings/base.py)."""

from celery import shared_task
from django.db import transaction

from . import mail
from .services.answering import drafts_purge


@shared_task
def round_invitations_send_task(round_id: int) -> int:
    """Queue the invitations of one round (again: already-sent keys send nothing)."""
    with transaction.atomic():
        return mail.invitations_queue(round_id=round_id)


@shared_task
def barometer_daily_task() -> dict:
    """Daily: invitations of rounds opening today, reminders before the close, drafts of closed rounds."""
    with transaction.atomic():
        invited = mail.opened_rounds_invitations_queue()
        reminded = mail.reminders_queue()
        purged = drafts_purge()
    return {"invited": invited, "reminded": reminded, "drafts_purged": purged}
