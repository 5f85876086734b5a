"""Each person's licence status, derived from evidence and never stored or typed in.

Pure functions on plain values, so the same rules serve a single person, a municipal report of
thousands and an "as of" report for a past date, and can be checked against a brute-force
recomputation in the tests.

The rules, as of a day D, for a person on a municipality's staff (a caseworker or superuser
membership in force on D):

1. Gennemført (completed): a basic-course completion dated on or before D and not revoked by D.
   A completion belongs to the person: it counts even when taken before this job or elsewhere. When the
   agreement requires a brush-up every N years, the latest basic or brush-up completion must be at
   most N years old on D; after that the person is past their deadline again.
2. Fritaget (exempt): an exemption in force on D (from/until dates, not withdrawn by D).
3. I gang (in progress): enrolled on the basic course or registered on a basic-course cohort on D.
4. Inden for frist (within the deadline): deadline = start date + the grace period in force on D;
   on the deadline day itself the person is still within it (0 days left).
5. Overskredet (overdue): the day after the deadline and later.

The compliance percentage is completed / (staff − exempt); exempt people are neither compliant nor
non-compliant. Leaders are not counted; superusers are (they are experienced caseworkers).
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_GRACE_PERIOD_DAYS, DEFAULT_MIN_SUPERUSERS, AgreementStatus


class Status(models.TextChoices):
    COMPLETED = "gennemfoert", _("Completed")
    IN_PROGRESS = "i-gang", _("In progress")
    WITHIN = "inden-for-frist", _("Within deadline")
    OVERDUE = "overskredet", _("Overdue")
    EXEMPT = "fritaget", _("Exempt")


STATUS_ORDER = [Status.OVERDUE, Status.WITHIN, Status.IN_PROGRESS, Status.EXEMPT, Status.COMPLETED]
# Statuses for which a leader is offered "book on a cohort".
BOOKABLE = frozenset({Status.OVERDUE, Status.WITHIN})
BADGE = {
    Status.COMPLETED: "badge-ok",
    Status.EXEMPT: "badge-ok",
    Status.IN_PROGRESS: "badge-warn",
    Status.WITHIN: "badge-warn",
    Status.OVERDUE: "badge-bad",
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


@dataclass(frozen=True)
class Span:
    """A period something holds (an enrolment, a registration): from and until (inclusive; None: open)."""

    start: datetime.date
    end: datetime.date | None = None

    def covers(self, day):
        return self.start <= day and (self.end is None or self.end >= day)


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
    in_progress: list[Span] = (),
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
    if any(span.covers(as_of) for span in in_progress):
        return Derived(Status.IN_PROGRESS, deadline, days_left, completed_on, completion_id)
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


@dataclass
class Figures:
    """A municipality's figures on a day."""

    municipality_id: int
    as_of: datetime.date
    terms: Terms
    counts: dict = field(default_factory=lambda: {s: 0 for s in Status.values})
    qualified_superusers: int = 0

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
    def in_progress(self):
        return self.counts[Status.IN_PROGRESS]

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
