"""What the apps above scheduling may read of its registrations: bookings as typed, dated spans.

This module is scheduling's published contract for evidence (compliance reads it). Every function runs
a fixed number of queries, whatever the number of people, and returns frozen dataclasses built from
recorded times only — `RegistrationChange.changed_at` (the append-only history of a registration),
`Registration.cancelled_at`, `Event.cancelled_at`, `Session.cancelled_at` — never from `updated_at`,
so the same call answers for any past day. `tests/scheduling/test_evidence_contract.py` pins the fields
and the query counts.

- `booking_spans(...)` -> [BookingSpan]: one span per period a registration on a cohort held one
  status (confirmed, or on the waitlist), with the cohort's course days as they were planned (3 queries).
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from web.dates import local_date

from .models import Event, Registration, RegistrationChange, Session

__all__ = ["BookingSpan", "booking_spans"]


@dataclass(frozen=True)
class BookingSpan:
    """A registration on a cohort holding one status from `start` to `end` (inclusive; None: still
    holds). `sessions` are the cohort's course days as (day, cancelled_on) pairs: a day counts as
    planned on a day D when it was not cancelled by D. A booking stops holding the day after its
    registration changed or was cancelled, the day after the cohort was cancelled, and after the last
    course day planned (a cohort that is over books nobody)."""

    registration_id: int
    person_id: int
    event_id: int
    event_title: str
    course_page_id: int | None
    status: str  # Registration.Status.CONFIRMED or .WAITLISTED
    start: datetime.date
    end: datetime.date | None
    event_cancelled_on: datetime.date | None
    sessions: tuple[tuple[datetime.date, datetime.date | None], ...]

    def days_planned(self, day: datetime.date) -> list[datetime.date]:
        """The course days planned as known on `day` (cancelled ones left out once cancelled)."""
        return sorted(d for d, cancelled_on in self.sessions if cancelled_on is None or cancelled_on > day)

    def covers(self, day: datetime.date) -> bool:
        """Whether the booking stands on `day`: the registration held this status, the cohort was not
        cancelled, and at least one of its planned course days is still to come (or is today)."""
        if self.start > day or (self.end is not None and self.end < day):
            return False
        if self.event_cancelled_on is not None and self.event_cancelled_on <= day:
            return False
        planned = self.days_planned(day)
        return bool(planned) and planned[-1] >= day

    def first_day(self, day: datetime.date) -> datetime.date | None:
        planned = self.days_planned(day)
        return planned[0] if planned else None

    def last_day(self, day: datetime.date) -> datetime.date | None:
        planned = self.days_planned(day)
        return planned[-1] if planned else None

    @property
    def is_confirmed(self) -> bool:
        return self.status == Registration.Status.CONFIRMED


def booking_spans(
    *, course_page_ids: list[int] | QuerySet, until: datetime.date,
    person_ids: list[int] | QuerySet | None = None,
) -> list[BookingSpan]:
    """Bookings on cohorts (`Event.Kind.COHORT`) of the given course pages made on or before `until`.
    Three queries: the registrations with their events, their history, and the cohorts' sessions.

    A registration's periods come from its history rows (created, promoted, cancelled); a registration
    without history (written before the history existed) counts from `created_at` with its current
    status until `cancelled_at`."""
    registrations = Registration.objects.filter(
        event__kind=Event.Kind.COHORT, event__course_page_id__in=course_page_ids, created_at__date__lte=until,
    )
    if person_ids is not None:
        registrations = registrations.filter(person_id__in=person_ids)
    rows = list(registrations.order_by().values_list(
        "pk", "person_id", "event_id", "event__title", "event__course_page_id", "status", "created_at",
        "cancelled_at", "event__cancelled_at",
    ))
    if not rows:
        return []
    ids = [row[0] for row in rows]
    history = {}
    for registration_id, status, changed_at in (
        RegistrationChange.objects.filter(registration_id__in=ids).order_by("changed_at", "pk")
        .values_list("registration_id", "status", "changed_at")
    ):
        history.setdefault(registration_id, []).append((status, local_date(changed_at)))
    sessions = {}
    for event_id, starts_at, cancelled, cancelled_at in (
        Session.objects.filter(event_id__in={row[2] for row in rows}).order_by("starts_at")
        .values_list("event_id", "starts_at", "cancelled", "cancelled_at")
    ):
        cancelled_on = local_date(cancelled_at) if cancelled else None
        if cancelled and cancelled_on is None:
            cancelled_on = datetime.date.min  # cancelled with no time recorded: never planned
        sessions.setdefault(event_id, []).append((local_date(starts_at), cancelled_on))
    out = []
    for pk, person_id, event_id, title, page_id, status, created_at, cancelled_at, event_cancelled_at in rows:
        changes = history.get(pk) or [(status, local_date(created_at))]
        if not history.get(pk) and cancelled_at is not None:
            changes.append((Registration.Status.CANCELLED, local_date(cancelled_at)))
        for index, (held, since) in enumerate(changes):
            if held == Registration.Status.CANCELLED:
                continue
            following = changes[index + 1][1] if index + 1 < len(changes) else None
            end = following - datetime.timedelta(days=1) if following else None
            if end is not None and end < since:
                continue  # changed again the same day: it never held for a whole day
            out.append(BookingSpan(
                registration_id=pk, person_id=person_id, event_id=event_id, event_title=title,
                course_page_id=page_id, status=held, start=since, end=end,
                event_cancelled_on=local_date(event_cancelled_at),
                sessions=tuple(sessions.get(event_id, ())),
            ))
    return out
