"""Each person's licence status, derived from evidence and never stored or typed in.

Pure functions on plain values, so the same rules serve a single person, a municipal report of
thousands and an "as of" report for a past date, and can be checked against a brute-force
recomputation in the tests. This module is the only place the rules are written.

The status, as of a day D, for a person on a municipality's staff (a caseworker or superuser
membership in force on D), is exactly one of four:

1. Gennemført (completed): a basic-course completion dated on or before D and not revoked by D.
   A completion belongs to the person: it counts even when taken before this job or elsewhere. When the
   agreement requires a brush-up every N years, the latest basic or brush-up completion must be at
   most N years old on D; after that the person is past their deadline again.
2. Fritaget (exempt): an exemption in force on D (from/until dates, not withdrawn by D).
3. Inden for frist (within the deadline): deadline = start date + the grace period in force on D;
   on the deadline day itself the person is still within it (0 days left).
4. Overskredet (overdue): the day after the deadline and later.

Progress is a separate axis, shown beside the status and never instead of it (`progress_on`): booked
on a cohort (with its dates), on a cohort's waitlist, or e-learning started (with a percentage). A
person overdue and booked on a future cohort is overdue, and is listed "Overskredet · tilmeldt hold
26.–28. jan. 2027". Booking or enrolling never moves a deadline.

The compliance percentage is completed / (staff − exempt); exempt people are neither compliant nor
non-compliant. Leaders are not counted; superusers are (they are experienced caseworkers).
"""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DEFAULT_GRACE_PERIOD_DAYS, DEFAULT_MIN_SUPERUSERS, AgreementStatus


class Status(models.TextChoices):
    COMPLETED = "gennemfoert", gettext_lazy("Completed")
    WITHIN = "inden-for-frist", gettext_lazy("Within deadline")
    OVERDUE = "overskredet", gettext_lazy("Overdue")
    EXEMPT = "fritaget", gettext_lazy("Exempt")


STATUS_ORDER = [Status.OVERDUE, Status.WITHIN, Status.EXEMPT, Status.COMPLETED]
# Statuses for which a leader is offered "book on a cohort".
BOOKABLE = frozenset({Status.OVERDUE, Status.WITHIN})
# The badge classes (static/css/site.css): one colour and one marker per status (✓ ○ ◷ !), never colour alone.
BADGE = {
    Status.COMPLETED: "badge-status status-completed",
    Status.EXEMPT: "badge-status status-exempt",
    Status.WITHIN: "badge-status status-within",
    Status.OVERDUE: "badge-status status-overdue",
}


@dataclass(frozen=True)
class Terms:
    status: str = AgreementStatus.ACTIVE
    grace_period_days: int = DEFAULT_GRACE_PERIOD_DAYS
    min_superusers: int = DEFAULT_MIN_SUPERUSERS
    brush_up_years: int | None = None
    licensed: bool = False  # False: no agreement row applies on the day; the defaults are used

    @property
    def status_label(self):
        return AgreementStatus(self.status).label

    @property
    def is_active(self):
        return self.licensed and self.status == AgreementStatus.ACTIVE


DEFAULT_TERMS = Terms()


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Completed:
    """A completion as evidence: the day and, if revoked, the day of the revocation."""

    completed_on: datetime.date
    revoked_on: datetime.date | None = None
    completion_id: int | None = None

    def counts_on(self, day):
        return self.completed_on <= day and (self.revoked_on is None or self.revoked_on > day)


@dataclass(frozen=True)
class ExemptionSpan:
    valid_from: datetime.date
    valid_until: datetime.date | None
    withdrawn_on: datetime.date | None = None
    reason: str = ""
    granted_by: str = ""
    exemption_id: int | None = None

    def applies_on(self, day):
        return (
            self.valid_from <= day
            and (self.valid_until is None or self.valid_until >= day)
            and (self.withdrawn_on is None or self.withdrawn_on > day)
        )

    @property
    def ends_on(self):
        """The last day the exemption applies (None: open-ended)."""
        candidates = [d for d in (self.valid_until, self.withdrawn_on - datetime.timedelta(days=1)
                                  if self.withdrawn_on else None) if d]
        return min(candidates) if candidates else None


@dataclass
class Derived:
    status: str
    deadline: datetime.date | None
    days_left: int | None
    completed_on: datetime.date | None = None
    completion_id: int | None = None
    exemption: ExemptionSpan | None = None


def derive(
    *,
    as_of: datetime.date,
    start_date: datetime.date,
    terms: Terms,
    basic: list[Completed] = (),
    brush_ups: list[Completed] = (),
    exemptions: list[ExemptionSpan] = (),
) -> Derived:
    """The status of one person on one day. See the module docstring for the rules."""
    valid_basic = [c for c in basic if c.counts_on(as_of)]
    deadline = start_date + datetime.timedelta(days=terms.grace_period_days)
    completed_on = completion_id = None
    if valid_basic:
        first = min(valid_basic, key=lambda c: c.completed_on)
        latest = max(valid_basic, key=lambda c: c.completed_on)
        completed_on, completion_id = latest.completed_on, latest.completion_id
        if not terms.brush_up_years:
            return Derived(Status.COMPLETED, None, None, completed_on, completion_id)
        refreshed = [c.completed_on for c in brush_ups if c.counts_on(as_of) and c.completed_on >= first.completed_on]
        last = max([latest.completed_on, *refreshed])
        expires = add_years(last, terms.brush_up_years)
        if as_of <= expires:
            return Derived(Status.COMPLETED, expires, (expires - as_of).days, completed_on, completion_id)
        deadline = max(deadline, expires)
    for exemption in exemptions:
        if exemption.applies_on(as_of):
            return Derived(Status.EXEMPT, None, None, completed_on, completion_id, exemption)
    days_left = (deadline - as_of).days
    if days_left >= 0:
        return Derived(Status.WITHIN, deadline, days_left, completed_on, completion_id)
    return Derived(Status.OVERDUE, deadline, days_left, completed_on, completion_id)


def terms_on(history: list[tuple], day: datetime.date) -> Terms:
    """The terms in force on a day from a municipality's history rows
    (valid_from, status, grace_period_days, min_superusers, brush_up_years), sorted by valid_from and
    recording order. Before the first row (or with none) the municipality is unlicensed: defaults apply."""
    current = None
    for row in history:
        if row[0] <= day:
            current = row
        else:
            break
    if current is None:
        return DEFAULT_TERMS
    _valid_from, status, grace, min_superusers, brush_up = current[:5]
    return Terms(status=status, grace_period_days=grace, min_superusers=min_superusers,
                 brush_up_years=brush_up, licensed=True)


class Booking(Protocol):
    """A cohort booking as `scheduling.evidence.BookingSpan` gives it."""

    is_confirmed: bool
    event_title: str

    def covers(self, day: datetime.date) -> bool: ...
    def first_day(self, day: datetime.date) -> datetime.date | None: ...
    def last_day(self, day: datetime.date) -> datetime.date | None: ...


class Learning(Protocol):
    """An enrolment as `courses.evidence.LearningSpan` gives it."""

    def covers(self, day: datetime.date) -> bool: ...
    def percent_on(self, day: datetime.date) -> int: ...


@dataclass(frozen=True)
class Progress:
    """What a person is doing about the course on a day, beside (never instead of) the status."""

    class Kind(models.TextChoices):
        BOOKED = "tilmeldt", gettext_lazy("Booked on a cohort")
        WAITLISTED = "venteliste", gettext_lazy("On a waitlist")
        E_LEARNING = "e-laering", gettext_lazy("E-learning started")
        NONE = "ingen", gettext_lazy("Nothing booked")

    as_of: datetime.date
    booking: Booking | None = None  # the confirmed booking standing on the day, soonest first
    waitlist: Booking | None = None  # a waitlist place standing on the day (when not booked)
    elearning_percent: int | None = None  # an enrolment standing on the day with lessons done

    @property
    def kind(self) -> str:
        if self.booking is not None:
            return self.Kind.BOOKED
        if self.waitlist is not None:
            return self.Kind.WAITLISTED
        if self.elearning_percent:
            return self.Kind.E_LEARNING
        return self.Kind.NONE

    @property
    def first_day(self) -> datetime.date | None:
        held = self.booking or self.waitlist
        return held.first_day(self.as_of) if held else None

    @property
    def last_day(self) -> datetime.date | None:
        held = self.booking or self.waitlist
        return held.last_day(self.as_of) if held else None

    @property
    def label(self) -> str:
        """E.g. "tilmeldt hold 26.–28. jan. 2027", "på venteliste til hold 3.–5. mar. 2027",
        "e-læring 40 %", or "" when there is nothing to show."""
        held = self.booking or self.waitlist
        if held is not None:
            days = day_range(self.first_day, self.last_day)
            if self.booking is not None:
                return _("booked on a cohort %(days)s") % {"days": days}
            return _("on the waitlist for a cohort %(days)s") % {"days": days}
        if self.elearning_percent:
            return _("e-learning %(percent)s %%") % {"percent": self.elearning_percent}
        return ""

    @property
    def pauses_reminders(self) -> bool:
        """A confirmed booking still to come pauses personal reminders (the leader's digest still lists
        the person: the booking does not make them compliant)."""
        return self.booking is not None


def progress_on(day: datetime.date, *, bookings: list[Booking] = (), learning: list[Learning] = ()) -> Progress:
    """The person's progress on `day` from their basic-course bookings and enrolments."""
    standing = sorted((b for b in bookings if b.covers(day)),
                      key=lambda b: (b.first_day(day) or datetime.date.max, b.event_title))
    booking = next((b for b in standing if b.is_confirmed), None)
    waitlist = None if booking else next((b for b in standing if not b.is_confirmed), None)
    percents = [span.percent_on(day) for span in learning if span.covers(day)]
    return Progress(as_of=day, booking=booking, waitlist=waitlist, elearning_percent=max(percents, default=None))


def day_range(first: datetime.date | None, last: datetime.date | None) -> str:
    """Danish-style day ranges: "26.–28. jan. 2027", "30. jan.–1. feb. 2027", "12. jan. 2027"."""
    if first is None:
        return ""
    last = last or first

    def day_month(day):
        return f"{day.day}. {date_format(day, 'b')}."

    if first == last:
        return f"{day_month(first)} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}.–{day_month(last)} {last.year}"
    if first.year == last.year:
        return f"{day_month(first)}–{day_month(last)} {last.year}"
    return f"{day_month(first)} {first.year}–{day_month(last)} {last.year}"


@dataclass
class Figures:
    """A municipality's figures on a day."""

    municipality_id: int
    as_of: datetime.date
    terms: Terms
    counts: dict = field(default_factory=lambda: {s: 0 for s in Status.values})
    # Progress of the people still required to take the course (not completed, not exempt), by kind.
    progress: dict = field(default_factory=lambda: {k: 0 for k in Progress.Kind.values})
    qualified_superusers: int = 0

    def add(self, derived: "Derived", progress: "Progress") -> None:
        """Count one person."""
        self.counts[derived.status] += 1
        if derived.status in BOOKABLE:
            self.progress[progress.kind] += 1

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def completed(self):
        return self.counts[Status.COMPLETED]

    @property
    def overdue(self):
        return self.counts[Status.OVERDUE]

    @property
    def exempt(self):
        return self.counts[Status.EXEMPT]

    @property
    def booked(self):
        """People not completed (nor exempt) with a cohort booking standing on the day."""
        return self.progress[Progress.Kind.BOOKED]

    @property
    def within(self):
        return self.counts[Status.WITHIN]

    @property
    def denominator(self):
        return self.total - self.exempt

    @property
    def percent(self):
        """Compliance in per cent (one decimal), or None when nobody is required to take the course."""
        if not self.denominator:
            return None
        return round(100 * self.completed / self.denominator, 1)

    @property
    def required_superusers(self):
        return self.terms.min_superusers

    @property
    def superusers_met(self):
        return self.qualified_superusers >= self.terms.min_superusers

    def counts_in_order(self):
        return [(s, Status(s).label, self.counts[s]) for s in STATUS_ORDER]
