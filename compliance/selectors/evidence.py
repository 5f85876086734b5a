"""The evidence behind every compliance figure, loaded in bulk, and its evaluation on a day.

`load_evidence` reads, in a constant number of queries whatever the number of people:
memberships (people), licence terms and exemptions (compliance), completions and e-learning spans
through `courses.evidence`, and basic-course cohort bookings through `scheduling.evidence`. Every one
of these is an append-only record or carries its own recorded times, so the same evidence answers for
any day in [first_day, last_day] (the trend, the "as of" report). `evaluate` then applies the rules of
`compliance.status` (`derive` and `progress_on`) person by person.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from courses import evidence as course_evidence
from courses.evidence import CompletionRecord
from courses.models import CourseKind, CoursePage
from people.models import Membership
from people.roles import Role
from scheduling import evidence as scheduling_evidence

from ..models import Exemption, LicenceTerms
from ..status import (
    BOOKABLE,
    Derived,
    ExemptionSpan,
    Figures,
    Progress,
    Status,
    derive,
    progress_on,
    terms_on,
)

# The roles the basic-course requirement covers. Superusers are experienced caseworkers.
COVERED_ROLES = (Role.CASEWORKER, Role.SUPERUSER)
EVIDENCE_KINDS = (CourseKind.BASIC, CourseKind.SUPERUSER, CourseKind.BRUSH_UP)


@dataclass
class Evidence:
    first_day: datetime.date
    last_day: datetime.date
    # municipality id -> [(person_id, role, team_id, start_date, end_date)]
    memberships: dict = field(default_factory=lambda: defaultdict(list))
    people: dict = field(default_factory=dict)  # person id -> (full name, email)
    teams: dict = field(default_factory=dict)  # team id -> name
    municipality_names: dict = field(default_factory=dict)  # municipality id -> name (detailed only)
    # person id -> [courses.evidence.CompletionRecord], one list per course kind
    completions: dict = field(default_factory=lambda: {kind: defaultdict(list) for kind in EVIDENCE_KINDS})
    exemptions: dict = field(default_factory=lambda: defaultdict(list))  # (person, municipality) -> spans
    bookings: dict = field(default_factory=lambda: defaultdict(list))  # person -> [BookingSpan]
    learning: dict = field(default_factory=lambda: defaultdict(list))  # person -> [LearningSpan]
    terms: dict = field(default_factory=lambda: defaultdict(list))  # municipality -> history rows

    def completed(self, kind, person_id):
        return self.completions[kind].get(person_id, ())


def basic_course_ids():
    """The basic-course pages, as a subquery."""
    return CoursePage.objects.filter(kind=CourseKind.BASIC).values("pk")


def terms_history(*, until, municipality_ids=None) -> dict:
    """{municipality id: [(valid_from, status, grace, min_superusers, brush_up_years)]} up to `until`,
    in the order `status.terms_on` reads them. One query."""
    rows = LicenceTerms.objects.filter(valid_from__lte=until).order_by("valid_from", "recorded_at", "pk")
    if municipality_ids is not None:
        rows = rows.filter(agreement__municipality_id__in=list(municipality_ids))
    history = defaultdict(list)
    for mid, *row in rows.values_list(
        "agreement__municipality_id", "valid_from", "status", "grace_period_days", "min_superusers", "brush_up_years"
    ):
        history[mid].append(tuple(row))
    return history


def exemption_spans(*, first_day, last_day, municipality_ids=None, person_ids=None) -> dict:
    """{(person id, municipality id): [ExemptionSpan]} for exemptions overlapping the days. One query."""
    exemptions = Exemption.objects.filter(valid_from__lte=last_day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=first_day)
    )
    if municipality_ids is not None:
        exemptions = exemptions.filter(municipality_id__in=list(municipality_ids))
    if person_ids is not None:
        exemptions = exemptions.filter(person_id__in=person_ids)
    out = defaultdict(list)
    for pid, mid, valid_from, valid_until, withdrawn_on, reason, by, pk in exemptions.values_list(
        "person_id", "municipality_id", "valid_from", "valid_until", "withdrawal__withdrawn_on", "reason",
        "granted_by__full_name", "pk",
    ):
        out[(pid, mid)].append(ExemptionSpan(valid_from, valid_until, withdrawn_on, reason, by, pk))
    return out


def activity(*, until, person_ids=None) -> tuple[dict, dict]:
    """({person id: [BookingSpan]}, {person id: [LearningSpan]}) for the basic course. Six queries."""
    bookings, learning = defaultdict(list), defaultdict(list)
    for span in scheduling_evidence.booking_spans(course_page_ids=basic_course_ids(), until=until,
                                                  person_ids=person_ids):
        bookings[span.person_id].append(span)
    for span in course_evidence.learning_spans(kind=CourseKind.BASIC, until=until, person_ids=person_ids):
        learning[span.person_id].append(span)
    return bookings, learning


def load_evidence(
    *, first_day, last_day, municipality_ids=None, person_ids=None, detailed=False
) -> Evidence:
    """Everything needed to derive statuses and progress on any day in [first_day, last_day], in a
    constant number of queries (ten). `municipality_ids` None means every municipality; `person_ids`
    narrows to people."""
    evidence = Evidence(first_day=first_day, last_day=last_day)
    memberships = Membership.objects.filter(
        role__in=COVERED_ROLES, municipality__isnull=False, start_date__lte=last_day
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=first_day))
    if municipality_ids is not None:
        memberships = memberships.filter(municipality_id__in=list(municipality_ids))
    if person_ids is not None:
        memberships = memberships.filter(person_id__in=list(person_ids))
    columns = ["municipality_id", "person_id", "role", "team_id", "start_date", "end_date"]
    if detailed:
        columns += ["person__full_name", "person__email", "team__name", "municipality__name"]
    for row in memberships.values_list(*columns):
        evidence.memberships[row[0]].append(row[1:6])
        if detailed:
            evidence.people[row[1]] = (row[6], row[7])
            if row[3]:
                evidence.teams[row[3]] = row[8]
            evidence.municipality_names[row[0]] = row[9]

    # Everyone: no filter (a subquery over all staff would only cost the database more). Given people: the
    # ids themselves (a person's completions and activity count wherever they work, and a subquery would
    # cost compiling for each of the six reads: a quarter of a person's own status). Else the members.
    if person_ids is not None:
        scope = list(person_ids)
    elif municipality_ids is not None:
        scope = memberships.values("person_id")
    else:
        scope = None
    for record in course_evidence.completions(kinds=list(EVIDENCE_KINDS), until=last_day, person_ids=scope):
        evidence.completions[record.course_kind][record.person_id].append(record)
    evidence.exemptions = exemption_spans(first_day=first_day, last_day=last_day,
                                          municipality_ids=municipality_ids, person_ids=scope)
    evidence.terms = terms_history(until=last_day, municipality_ids=municipality_ids)
    evidence.bookings, evidence.learning = activity(until=last_day, person_ids=scope)
    return evidence


@dataclass
class StatusRow:
    """One person on a municipality's staff on a day: status, progress and what the report shows."""

    person_id: int
    name: str
    email: str
    team_id: int | None
    team_name: str
    roles: tuple
    start_date: datetime.date
    end_date: datetime.date | None
    derived: Derived
    progress: Progress
    is_superuser: bool = False
    superuser_qualified: bool = False
    completion: CompletionRecord | None = None  # the basic-course completion the status rests on

    @property
    def certificate_url(self):
        return self.completion.certificate_url if self.completion else None

    @property
    def status(self):
        return self.derived.status

    @property
    def status_label(self):
        return Status(self.derived.status).label

    @property
    def needs_action(self):
        """Not completed and not exempt: the person must still take the course."""
        return self.derived.status in BOOKABLE

    @property
    def bookable(self):
        """Offered for booking: needs action and holds no confirmed booking still to come."""
        return self.needs_action and self.progress.booking is None


def derive_person(evidence: Evidence, *, municipality_id, person_id, start, terms, day) -> tuple[Derived, Progress]:
    """The one evaluation of a person on a day, used by every report: `derive` and `progress_on` on the
    person's evidence."""
    derived = derive(
        as_of=day, start_date=start, terms=terms,
        basic=evidence.completed(CourseKind.BASIC, person_id),
        brush_ups=evidence.completed(CourseKind.BRUSH_UP, person_id),
        exemptions=evidence.exemptions.get((person_id, municipality_id), ()),
    )
    progress = progress_on(day, bookings=evidence.bookings.get(person_id, ()),
                           learning=evidence.learning.get(person_id, ()))
    return derived, progress


def people_on(evidence: Evidence, municipality_id, day) -> dict:
    """{person id: [start, end, team id, roles]} for the memberships in force on the day, merged per
    person (earliest start; the caseworker membership's team first)."""
    people = {}
    for pid, role, team_id, start, end in evidence.memberships.get(municipality_id, ()):
        if start > day or (end is not None and end < day):
            continue
        entry = people.get(pid)
        if entry is None:
            people[pid] = [start, end, team_id, {role}]
            continue
        entry[3].add(role)
        entry[0] = min(entry[0], start)
        if entry[1] is not None and (end is None or end > entry[1]):
            entry[1] = end
        if team_id and (not entry[2] or role == Role.CASEWORKER):
            entry[2] = team_id
    return people


def evaluate(evidence: Evidence, municipality_id: int, day: datetime.date, *, rows=True):
    """(Figures, [StatusRow]) for one municipality on one day, from loaded evidence."""
    terms = terms_on(evidence.terms.get(municipality_id, []), day)
    figures = Figures(municipality_id=municipality_id, as_of=day, terms=terms)
    out = []
    for pid, (start, end, team_id, roles) in people_on(evidence, municipality_id, day).items():
        derived, progress = derive_person(evidence, municipality_id=municipality_id, person_id=pid,
                                          start=start, terms=terms, day=day)
        figures.add(derived, progress)
        is_superuser = Role.SUPERUSER in roles
        qualified = is_superuser and any(
            c.counts_on(day) for c in evidence.completed(CourseKind.SUPERUSER, pid)
        )
        if qualified:
            figures.qualified_superusers += 1
        if rows:
            name, email = evidence.people.get(pid, ("", ""))
            completion = next((c for c in evidence.completed(CourseKind.BASIC, pid)
                               if c.completion_id == derived.completion_id), None)
            out.append(StatusRow(
                person_id=pid, name=name, email=email, team_id=team_id,
                team_name=evidence.teams.get(team_id, "") if team_id else "",
                roles=tuple(sorted(roles)), start_date=start, end_date=end, derived=derived, progress=progress,
                is_superuser=is_superuser, superuser_qualified=qualified, completion=completion,
            ))
    return figures, out
