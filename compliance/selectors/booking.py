"""Reads behind a leader's booking of staff on a basic-course cohort: who needs action (in the order
to act on), the cohorts with their days, seats, quota and waitlist, and the plan of who goes where.

The plan is what `compliance.services.book_on_cohort` will do: the seats a booking from the
municipality may take come from scheduling's one rule (`seats_open_to`), and people are booked in the
plan's order, so the first ones get the seats. The service checks the plan again under the cohort's
row lock, so a confirmation that went stale writes nothing."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Municipality
from scheduling.models import Event, EventQuota, Registration
from scheduling.selectors import ACTIVE
from scheduling.services.registration import seats_open_to

from ..status import Status
from .evidence import StatusRow
from .reports import municipal_report

PLAN_SALT = "compliance.booking.plan"


def action_order(row: StatusRow):
    """Overdue first, then the nearest deadline, then by name."""
    return (row.status != Status.OVERDUE, row.derived.deadline or datetime.date.max, row.name.lower(), row.person_id)


def people_needing_action(rows: list[StatusRow]) -> list[StatusRow]:
    """The rows of people who must still take the basic course (overdue or within the deadline),
    overdue first, then the nearest deadline. Those already booked are in the list; `bookable` is
    False for them."""
    return sorted((r for r in rows if r.needs_action), key=action_order)


@dataclass
class CohortOption:
    """A cohort as the leader chooses it: its days, seats and the municipality's share."""

    event: Event
    days: list  # the sessions not cancelled, in order
    capacity: int
    confirmed: int
    waitlisted: int
    quota: int | None  # seats reserved for this municipality (None: no quota)
    quota_used: int  # confirmed seats this municipality holds
    open_to_us: int  # seats a booking from this municipality can take now

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.confirmed)

    @property
    def first_day(self):
        return timezone.localdate(self.days[0].starts_at) if self.days else None

    @property
    def last_day(self):
        return timezone.localdate(self.days[-1].starts_at) if self.days else None


def _shares(events, municipality_id):
    """(quotas by event, confirmed counts by event and municipality): two queries for all the events."""
    ids = [e.pk for e in events]
    quotas = {}
    for event_id, municipality, seats in EventQuota.objects.filter(event_id__in=ids).values_list(
        "event_id", "municipality_id", "seats"
    ):
        quotas.setdefault(event_id, {})[municipality] = seats
    confirmed = {}
    for event_id, municipality in Registration.objects.filter(
        event_id__in=ids, status=Registration.Status.CONFIRMED
    ).values_list("event_id", "municipality_id"):
        confirmed.setdefault(event_id, Counter())[municipality] += 1
    return quotas, confirmed


def cohort_options(*, municipality: Municipality, cohorts: list[Event]) -> list[CohortOption]:
    """The cohorts (from `compliance.services.bookable_cohorts`, which carries the counts and the
    prefetched sessions) with seats, quota and waitlist for this municipality. Two queries."""
    quotas, confirmed = _shares(cohorts, municipality.pk)
    options = []
    for event in cohorts:
        event_quotas = quotas.get(event.pk, {})
        counts = confirmed.get(event.pk, Counter())
        options.append(CohortOption(
            event=event,
            days=[s for s in event.sessions.all() if not s.cancelled],
            capacity=event.capacity,
            confirmed=event.confirmed_count,
            waitlisted=event.waitlisted_count,
            quota=event_quotas.get(municipality.pk),
            quota_used=counts.get(municipality.pk, 0),
            open_to_us=seats_open_to(
                capacity=event.capacity, confirmed_by_municipality=counts, quotas=event_quotas,
                municipality_id=municipality.pk,
            ),
        ))
    return options


# --- The plan: who goes where -------------------------------------------------------------------


class Outcome:
    SEAT = Registration.Status.CONFIRMED.value
    WAITLIST = Registration.Status.WAITLISTED.value
    ON_THIS_COHORT = "paa-holdet"  # already registered on this cohort (a seat or the waitlist)
    BOOKED_ELSEWHERE = "tilmeldt-andet-hold"  # holds a confirmed seat on a cohort to come
    NOT_NEEDED = "ikke-noedvendigt"  # completed or exempt

    WRITES = (SEAT, WAITLIST)


@dataclass
class PlanLine:
    row: StatusRow
    outcome: str
    note: str = ""


@dataclass
class BookingPlan:
    municipality: Municipality
    option: CohortOption
    lines: list[PlanLine]
    unknown: list[int] = field(default_factory=list)  # chosen ids not on the staff

    def of(self, outcome) -> list[PlanLine]:
        return [line for line in self.lines if line.outcome == outcome]

    @property
    def seats(self):
        return self.of(Outcome.SEAT)

    @property
    def waitlist(self):
        return self.of(Outcome.WAITLIST)

    @property
    def skipped(self):
        return [line for line in self.lines if line.outcome not in Outcome.WRITES]

    @property
    def to_book(self) -> list[int]:
        """The person ids to book, in booking order (the first ones get the seats)."""
        return [line.row.person_id for line in self.lines if line.outcome in Outcome.WRITES]

    @property
    def expected(self) -> dict[int, str]:
        return {line.row.person_id: line.outcome for line in self.lines if line.outcome in Outcome.WRITES}

    def token(self) -> str:
        """A signed statement of what the leader was shown, sent back with the confirmation."""
        return signing.dumps(
            {"m": self.municipality.pk, "e": self.option.event.pk,
             "p": sorted([pid, outcome] for pid, outcome in self.expected.items())},
            salt=PLAN_SALT,
        )

    def matches(self, token: str) -> bool:
        try:
            shown = signing.loads(token, salt=PLAN_SALT, max_age=datetime.timedelta(hours=2))
        except signing.BadSignature:  # also SignatureExpired
            return False
        return shown == signing.loads(self.token(), salt=PLAN_SALT)


def booking_plan(*, municipality: Municipality, option: CohortOption, person_ids: list[int],
                 rows: list[StatusRow] | None = None) -> BookingPlan:
    """Who of `person_ids` gets a seat on the cohort, who lands on its waitlist and who is not booked
    (already on it, booked elsewhere, completed or exempt). Writes nothing. `rows` are the municipal
    report's rows for today (read when not given)."""
    if rows is None:
        rows = municipal_report(municipality=municipality).rows
    by_id = {r.person_id: r for r in rows}
    wanted = set(person_ids)
    unknown = sorted(pid for pid in wanted if pid not in by_id)
    chosen = sorted((by_id[pid] for pid in wanted if pid in by_id), key=action_order)
    on_cohort = dict(
        Registration.objects.filter(event=option.event, person_id__in=[r.person_id for r in chosen],
                                    status__in=ACTIVE).values_list("person_id", "status")
    )
    seats_left = option.open_to_us
    lines = []
    for row in chosen:
        if row.person_id in on_cohort:
            note = (_("already has a seat on this cohort") if on_cohort[row.person_id] == Registration.Status.CONFIRMED
                    else _("already on this cohort's waitlist"))
            lines.append(PlanLine(row, Outcome.ON_THIS_COHORT, note))
        elif not row.needs_action:
            lines.append(PlanLine(row, Outcome.NOT_NEEDED, row.status_label))
        elif row.progress.booking is not None:
            lines.append(PlanLine(row, Outcome.BOOKED_ELSEWHERE, row.progress.label))
        elif seats_left > 0:
            seats_left -= 1
            lines.append(PlanLine(row, Outcome.SEAT))
        else:
            lines.append(PlanLine(row, Outcome.WAITLIST))
    return BookingPlan(municipality=municipality, option=option, lines=lines, unknown=unknown)
