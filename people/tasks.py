"""Celery tasks for people. The daily Wagtail group run: memberships end (and start) on a date, with
nobody touching them that day, so the groups are rebuilt from the memberships in force each night.
The daily retention purge deletes the personal data kept no longer than needed (`people.personal_data`)."""

import datetime

from celery import shared_task
from django.utils import timezone

from .groups import wagtail_groups_sync_many
from .personal_data import personal_data_purge


@shared_task
def wagtail_groups_sync_task(today: str | None = None) -> int:
    """Rebuild everyone's Wagtail groups (and former national admins' admin flags) from the memberships
    in force `today` (ISO date; the local date by default). Idempotent: a second run writes nothing.
    Returns how many people changed."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return len(wagtail_groups_sync_many(day=day).changed_person_ids)


@shared_task
def personal_data_purge_task() -> dict[str, int]:
    """Expired sessions, and roster imports and accepted or expired invitations older than
    ICS["RETENTION_DAYS"]: deleted. Idempotent (a second run finds nothing). Returns rows per kind."""
    return personal_data_purge()
