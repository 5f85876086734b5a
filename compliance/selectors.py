"""Reads for compliance, scoped to the viewer, computed in bulk.

Statuses are computed from a handful of queries (memberships, completions, exemptions, licence terms,
enrolments and cohort registrations), whatever the number of people, and one pass in Python over the
rows using the rules in `compliance.status`. The same evidence serves several days at once (the trend).
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from people.models import Membership, Municipality, Team
from people.permissions import access_for, get_visible_or_404, visible_municipalities
from people.roles import Role

from .models import Exemption, LicenceTerms, MonthlySnapshot
from .status import (
    BOOKABLE,
    Completed,
    Derived,
    ExemptionSpan,
    Figures,
    Span,
    Status,
    derive,
    terms_on,
)

# The roles the basic-course requirement covers. Superusers are experienced caseworkers.
COVERED_ROLES = (Role.CASEWORKER, Role.SUPERUSER)

KIND_BASIC = "grundkursus"
KIND_SUPERUSER = "superbrugerkursus"
KIND_BRUSH_UP = "brush-up"


# --- Scope -------------------------------------------------------------------------------------


def report_municipalities(viewer):
    """Municipalities whose compliance report the viewer may see: led ones; all for national admins."""
    return visible_municipalities(viewer)


def report_municipality_or_404(*, viewer, slug):
    return get_visible_or_404(report_municipalities(viewer), slug=slug)


def may_see_national(viewer):
    return access_for(viewer).is_national_admin


# --- Evidence ----------------------------------------------------------------------------------


def _local_date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            return timezone.localdate(value)
        return value.date()
    return value


@dataclass
class Evidence:
    first_day: datetime.date
    last_day: datetime.date
    # municipality id -> [(person_id, role, team_id, start_date, end_date)]
    memberships: dict = field(default_factory=lambda: defaultdict(list))
    people: dict = field(default_factory=dict)  # person id -> (full name, email)
    teams: dict = field(default_factory=dict)  # team id -> name
    basic: dict = field(default_factory=lambda: defaultdict(list))
    superuser_course: dict = field(default_factory=lambda: defaultdict(list))
    brush_ups: dict = field(default_factory=lambda: defaultdict(list))
    exemptions: dict = field(default_factory=lambda: defaultdict(list))  # (person, municipality) -> spans
    in_progress: dict = field(default_factory=lambda: defaultdict(list))  # person -> spans
    terms: dict = field(default_factory=lambda: defaultdict(list))  # municipality -> history rows
    certificates: dict = field(default_factory=dict)  # completion id -> url


def load_evidence(
    *, first_day, last_day, municipality_ids=None, person_id=None, detailed=False, person_ids=None
) -> Evidence:
    """Everything needed to derive statuses on any day in [first_day, last_day], in a constant number of
    queries. `municipality_ids` None means every municipality; `person_id`/`person_ids` narrow to people."""
    if person_id is not None:
        person_ids = [person_id]
    evidence = Evidence(first_day=first_day, last_day=last_day)
    memberships = Membership.objects.filter(
        role__in=COVERED_ROLES, municipality__isnull=False, start_date__lte=last_day
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=first_day))
    if municipality_ids is not None:
        memberships = memberships.filter(municipality_id__in=list(municipality_ids))
    if person_ids is not None:
        memberships = memberships.filter(person_id__in=person_ids)
    columns = ["municipality_id", "person_id", "role", "team_id", "start_date", "end_date"]
    if detailed:
        columns += ["person__full_name", "person__email", "team__name"]
    for row in memberships.values_list(*columns):
        evidence.memberships[row[0]].append(row[1:6])
        if detailed:
            evidence.people[row[1]] = (row[6], row[7])
            if row[3]:
                evidence.teams[row[3]] = row[8]

    _load_completions(evidence, memberships, everyone=municipality_ids is None and person_ids is None)

    exemptions = Exemption.objects.filter(valid_from__lte=last_day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=first_day)
    )
    if municipality_ids is not None:
        exemptions = exemptions.filter(municipality_id__in=list(municipality_ids))
    if person_ids is not None:
        exemptions = exemptions.filter(person_id__in=person_ids)
    for pid, mid, valid_from, valid_until, withdrawn_on, reason, by, pk in exemptions.values_list(
        "person_id", "municipality_id", "valid_from", "valid_until", "withdrawal__withdrawn_on", "reason",
        "granted_by__full_name", "pk",
    ):
        evidence.exemptions[(pid, mid)].append(
            ExemptionSpan(valid_from, valid_until, withdrawn_on, reason, by, pk)
        )

    terms = LicenceTerms.objects.order_by("valid_from", "recorded_at", "pk")
    if municipality_ids is not None:
        terms = terms.filter(agreement__municipality_id__in=list(municipality_ids))
    for mid, *row in terms.values_list(
        "agreement__municipality_id", "valid_from", "status", "grace_period_days", "min_superusers", "brush_up_years"
    ):
        evidence.terms[mid].append(tuple(row))

    scope = None if municipality_ids is None and person_ids is None else memberships.values("person_id")
    for pid, span in in_progress_spans(person_ids=scope, last_day=last_day):
        evidence.in_progress[pid].append(span)
    return evidence


def _load_completions(evidence, memberships, *, everyone):
    from courses.models import Completion

    completions = Completion.objects.filter(
        course__kind__in=[KIND_BASIC, KIND_SUPERUSER, KIND_BRUSH_UP], completed_on__lte=evidence.last_day
    )
    if not everyone:
        completions = completions.filter(person_id__in=memberships.values("person_id"))
    target = {KIND_BASIC: evidence.basic, KIND_SUPERUSER: evidence.superuser_course, KIND_BRUSH_UP: evidence.brush_ups}
    has_code = _completion_has_certificate_code(Completion)
    columns = ["person_id", "course__kind", "completed_on", "revocation__revoked_at", "pk"]
    if has_code:
        columns.append(has_code)
    for row in completions.values_list(*columns):
        pid, kind, completed_on, revoked_at, pk = row[:5]
        target[kind][pid].append(Completed(completed_on, _local_date(revoked_at), pk))
        if has_code and row[5]:
            evidence.certificates[pk] = _certificate_url(row[5])


def _completion_has_certificate_code(model):
    """The learning code may add a certificate verification code to Completion; use it when it is there."""
    names = {f.name for f in model._meta.get_fields()}
    for candidate in ("verification_code", "certificate_code", "code"):
        if candidate in names:
            return candidate
    return None


def _certificate_url(code):
    from django.urls import NoReverseMatch, reverse

    for name in ("courses:certificate_verify", "courses:certificate", "courses:verify_certificate"):
        try:
            return reverse(name, args=[code])
        except NoReverseMatch:
            continue
    return None


def in_progress_spans(*, person_ids, last_day):
    """(person id, Span) for every basic-course enrolment and basic-course cohort registration that
    could make someone "in progress". Reads the courses and scheduling models defensively: each part
    is skipped when its model is not there."""
    yield from _enrolment_spans(person_ids, last_day)
    yield from _registration_spans(person_ids, last_day)


def _model(app_label, name):
    from django.apps import apps

    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _field_names(model):
    return {f.name for f in model._meta.get_fields()}


def _first(names, *candidates):
    return next((c for c in candidates if c in names), None)


def _enrolment_spans(person_ids, last_day):
    Enrolment = _model("courses", "Enrolment")
    if Enrolment is None:
        return
    names = _field_names(Enrolment)
    person_field = _first(names, "person", "learner", "user")
    course_field = _first(names, "course", "course_page")
    start_field = _first(names, "enrolled_at", "created_at", "started_at")
    if not (person_field and course_field and start_field):
        return
    end_field = _first(names, "withdrawn_at", "ended_at", "cancelled_at", "completed_at")
    qs = Enrolment.objects.filter(**{f"{course_field}__kind": KIND_BASIC})
    if person_ids is not None:
        qs = qs.filter(**{f"{person_field}_id__in": person_ids})
    columns = [f"{person_field}_id", start_field] + ([end_field] if end_field else [])
    for row in qs.values_list(*columns):
        start = _local_date(row[1])
        if start is None or start > last_day:
            continue
        end = _local_date(row[2]) if end_field else None
        yield row[0], Span(start, end - datetime.timedelta(days=1) if end else None)


def _registration_spans(person_ids, last_day):
    Registration = _model("scheduling", "Registration")
    Event = _model("scheduling", "Event")
    if Registration is None or Event is None:
        return
    from courses.models import CoursePage

    names = _field_names(Registration)
    start_field = _first(names, "created_at", "registered_at")
    if not start_field or "status" not in names:
        return
    end_field = _first(names, "cancelled_at", "status_changed_at", "updated_at")
    event_names = _field_names(Event)
    qs = Registration.objects.filter(
        event__course_page_id__in=CoursePage.objects.filter(kind=KIND_BASIC).values("pk"),
    )
    if "kind" in event_names:
        qs = qs.filter(event__kind="hold")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    event_end = _event_end_expression(Event)
    columns = ["person_id", "status", start_field] + ([end_field] if end_field else [])
    if event_end is not None:
        qs = qs.annotate(_event_end=event_end)
        columns.append("_event_end")
    for row in qs.values_list(*columns):
        pid, status, start = row[0], row[1], _local_date(row[2])
        if start is None or start > last_day:
            continue
        changed = _local_date(row[3]) if end_field else None
        event_ends = _local_date(row[-1]) if event_end is not None else None
        if status == "cancelled":
            if not changed:
                continue  # no record of when; it never counts
            end = changed - datetime.timedelta(days=1)
        else:
            end = None
        if event_ends and (end is None or event_ends < end):
            end = event_ends  # a cohort that is over no longer makes anyone "in progress"
        if end is not None and end < start:
            continue
        yield pid, Span(start, end)


def _event_end_expression(Event):
    """The last day of a cohort: the latest session's end (or start), if sessions carry dates."""
    from django.db.models import Max

    Session = _model("scheduling", "Session")
    if Session is None:
        return None
    names = _field_names(Session)
    field_name = _first(names, "ends_at", "end", "starts_at", "start", "date")
    fk = next((f for f in Session._meta.get_fields() if f.many_to_one and f.related_model is Event), None)
    if not field_name or fk is None:
        return None
    related = fk.related_query_name()
    return Max(f"event__{related}__{field_name}")


# --- Evaluation --------------------------------------------------------------------------------


@dataclass
class PersonRow:
    person_id: int
    name: str
    email: str
    team_id: int | None
    team_name: str
    roles: tuple
    start_date: datetime.date
    end_date: datetime.date | None
    derived: Derived
    is_superuser: bool = False
    superuser_qualified: bool = False
    certificate_url: str | None = None

    @property
    def status(self):
        return self.derived.status

    @property
    def status_label(self):
        return Status(self.derived.status).label

    @property
    def bookable(self):
        return self.derived.status in BOOKABLE


def evaluate(evidence: Evidence, municipality_id: int, day: datetime.date, *, rows=True):
    """(Figures, [PersonRow]) for one municipality on one day, from loaded evidence."""
    terms = terms_on(evidence.terms.get(municipality_id, []), day)
    figures = Figures(municipality_id=municipality_id, as_of=day, terms=terms)
    # Group the memberships in force on the day by person.
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
    out = []
    counts = figures.counts
    for pid, (start, end, team_id, roles) in people.items():
        derived = derive(
            as_of=day, start_date=start, terms=terms,
            basic=evidence.basic.get(pid, ()), brush_ups=evidence.brush_ups.get(pid, ()),
            exemptions=evidence.exemptions.get((pid, municipality_id), ()),
            in_progress=evidence.in_progress.get(pid, ()),
        )
        counts[derived.status] += 1
        is_superuser = Role.SUPERUSER in roles
        qualified = is_superuser and any(c.counts_on(day) for c in evidence.superuser_course.get(pid, ()))
        if qualified:
            figures.qualified_superusers += 1
        if rows:
            name, email = evidence.people.get(pid, ("", ""))
            out.append(PersonRow(
                person_id=pid, name=name, email=email, team_id=team_id,
                team_name=evidence.teams.get(team_id, "") if team_id else "",
                roles=tuple(sorted(roles)), start_date=start, end_date=end, derived=derived,
                is_superuser=is_superuser, superuser_qualified=qualified,
                certificate_url=evidence.certificates.get(derived.completion_id),
            ))
    return figures, out


# --- Reports -----------------------------------------------------------------------------------


@dataclass
class TeamFigures:
    team_id: int | None
    name: str
    counts: dict
    total: int
    percent: float | None


@dataclass
class MunicipalReport:
    municipality: Municipality
    as_of: datetime.date
    figures: Figures
    rows: list
    teams: list
    agreement: object = None


SORT_KEYS = {
    "navn": lambda r: (r.name.lower(), r.person_id),
    "team": lambda r: (r.team_name.lower(), r.name.lower()),
    "status": lambda r: ([s.value for s in _status_rank()].index(r.status), r.name.lower()),
    "frist": lambda r: (r.derived.deadline or datetime.date.max, r.name.lower()),
    "start": lambda r: (r.start_date, r.name.lower()),
}


def _status_rank():
    from .status import STATUS_ORDER

    return STATUS_ORDER


def team_figures(rows):
    by_team = defaultdict(lambda: {s: 0 for s in Status.values})
    names = {}
    for row in rows:
        by_team[row.team_id][row.status] += 1
        names[row.team_id] = row.team_name
    out = []
    for team_id, counts in by_team.items():
        total = sum(counts.values())
        denominator = total - counts[Status.EXEMPT]
        percent = round(100 * counts[Status.COMPLETED] / denominator, 1) if denominator else None
        out.append(TeamFigures(team_id, names[team_id] or "", counts, total, percent))
    return sorted(out, key=lambda t: (t.team_id is None, t.name.lower()))


def municipal_report(*, municipality, as_of=None) -> MunicipalReport:
    as_of = as_of or timezone.localdate()
    evidence = load_evidence(first_day=as_of, last_day=as_of, municipality_ids=[municipality.pk], detailed=True)
    figures, rows = evaluate(evidence, municipality.pk, as_of)
    rows.sort(key=SORT_KEYS["navn"])
    from .models import LicenceAgreement

    agreement = LicenceAgreement.objects.filter(municipality=municipality).first()
    return MunicipalReport(municipality, as_of, figures, rows, team_figures(rows), agreement)


def filter_rows(rows, *, status=None, team=None, query=None, sort="navn", descending=False):
    if status in Status.values:
        rows = [r for r in rows if r.status == status]
    elif status == "ikke-opfyldt":
        rows = [r for r in rows if r.bookable]
    if team == "ingen":
        rows = [r for r in rows if r.team_id is None]
    elif team:
        rows = [r for r in rows if str(r.team_id) == str(team)]
    if query:
        q = query.lower()
        rows = [r for r in rows if q in r.name.lower() or q in r.email.lower()]
    key = SORT_KEYS.get(sort, SORT_KEYS["navn"])
    return sorted(rows, key=key, reverse=descending)


@dataclass
class NationalRow:
    municipality: Municipality
    figures: Figures

    @property
    def licensed(self):
        return self.figures.terms.licensed


NATIONAL_SORT = {
    "navn": lambda r: r.municipality.name,
    "procent": lambda r: (r.figures.percent is None, r.figures.percent or 0),
    "overskredet": lambda r: r.figures.overdue,
    "ansatte": lambda r: r.figures.total,
    "superbrugere": lambda r: r.figures.qualified_superusers,
    "licens": lambda r: (not r.licensed, r.figures.terms.status),
}


def figures_on(day, *, municipality_ids=None) -> dict:
    """{municipality id: Figures} on one day, the fast way for tables of many municipalities.

    The same rules as `status.derive`, with most of the work left to the database: the people who have
    completed and the qualified superusers are counted per municipality in SQL, and only the people
    without a valid completion (a minority) come back to Python for the deadline, exemption and
    enrolment checks. Municipalities whose agreement requires a brush-up take the full path for their
    people. Reconciled with `evaluate` and a brute-force recomputation in the tests."""
    from django.db.models import Count, Min

    from courses.models import Completion

    terms_rows = LicenceTerms.objects.filter(valid_from__lte=day).order_by("valid_from", "recorded_at", "pk")
    if municipality_ids is not None:
        terms_rows = terms_rows.filter(agreement__municipality_id__in=list(municipality_ids))
    history = defaultdict(list)
    for mid, *row in terms_rows.values_list(
        "agreement__municipality_id", "valid_from", "status", "grace_period_days", "min_superusers", "brush_up_years"
    ):
        history[mid].append(tuple(row))
    ids = (list(municipality_ids) if municipality_ids is not None
           else list(Municipality.objects.values_list("pk", flat=True)))
    out = {mid: Figures(municipality_id=mid, as_of=day, terms=terms_on(history.get(mid, []), day)) for mid in ids}
    brush_up = [mid for mid, f in out.items() if f.terms.brush_up_years]

    end_of_day = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    # Uncorrelated subqueries: the database hashes each set of people once.
    valid = Completion.objects.filter(completed_on__lte=day).filter(
        Q(revocation__isnull=True) | Q(revocation__revoked_at__gte=end_of_day)
    )
    has_basic = Q(person_id__in=valid.filter(course__kind=KIND_BASIC).values("person_id"))
    has_superuser_course = Q(person_id__in=valid.filter(course__kind=KIND_SUPERUSER).values("person_id"))
    staff = Membership.objects.on(day).filter(role__in=COVERED_ROLES, municipality__isnull=False)
    if municipality_ids is not None:
        staff = staff.filter(municipality_id__in=ids)

    counted = (
        staff.values("municipality_id")
        .annotate(
            completed=Count("person_id", distinct=True, filter=has_basic),
            qualified=Count("person_id", distinct=True, filter=Q(role=Role.SUPERUSER) & has_superuser_course),
        )
        .order_by()
        .values_list("municipality_id", "completed", "qualified")
    )
    for mid, completed, qualified in counted:
        figures = out.get(mid)
        if figures is not None:
            figures.qualified_superusers = qualified
            if mid not in brush_up:
                figures.counts[Status.COMPLETED] = completed

    rest = staff.filter(~has_basic | Q(municipality_id__in=brush_up)) if brush_up else staff.filter(~has_basic)
    rest = list(rest.values("municipality_id", "person_id").annotate(start=Min("start_date")).order_by()
                .values_list("municipality_id", "person_id", "start"))
    people = {pid for _mid, pid, _start in rest}
    exemptions = Exemption.objects.filter(valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    ).filter(Q(withdrawal__isnull=True) | Q(withdrawal__withdrawn_on__gt=day))
    if municipality_ids is not None:
        exemptions = exemptions.filter(municipality_id__in=ids)
    exempt = set(exemptions.values_list("person_id", "municipality_id"))
    scope = None if municipality_ids is None else staff.values("person_id")
    busy = {pid for pid, span in in_progress_spans(person_ids=scope, last_day=day) if pid in people and span.covers(day)}
    dates = _completion_dates(day, staff.filter(municipality_id__in=brush_up)) if brush_up else {}

    exempt_s, progress, within, overdue = Status.EXEMPT, Status.IN_PROGRESS, Status.WITHIN, Status.OVERDUE
    for mid, pid, start in rest:
        figures = out.get(mid)
        if figures is None:
            continue
        terms = figures.terms
        deadline = start + datetime.timedelta(days=terms.grace_period_days)
        if terms.brush_up_years:
            basic, brush_ups = dates.get(pid, ((), ()))
            derived = derive(as_of=day, start_date=start, terms=terms, basic=basic, brush_ups=brush_ups,
                             exemptions=[ExemptionSpan(day, day)] if (pid, mid) in exempt else (),
                             in_progress=[Span(day, day)] if pid in busy else ())
            figures.counts[derived.status] += 1
            continue
        if (pid, mid) in exempt:
            status = exempt_s
        elif pid in busy:
            status = progress
        elif deadline >= day:
            status = within
        else:
            status = overdue
        figures.counts[status] += 1
    return out


def _completion_dates(day, staff):
    """{person id: (basic completions, brush-ups)} as `Completed` valid on the day, for brush-up rules."""
    from courses.models import Completion

    end_of_day = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    out = defaultdict(lambda: ([], []))
    rows = Completion.objects.filter(
        person_id__in=staff.values("person_id"), completed_on__lte=day, course__kind__in=[KIND_BASIC, KIND_BRUSH_UP]
    ).filter(Q(revocation__isnull=True) | Q(revocation__revoked_at__gte=end_of_day))
    for pid, kind, completed_on in rows.values_list("person_id", "course__kind", "completed_on"):
        out[pid][0 if kind == KIND_BASIC else 1].append(Completed(completed_on))
    return out


def national_report(*, as_of=None, sort="navn", descending=False):
    """Every municipality, licensed or not, with its figures on the day. Constant query count."""
    as_of = as_of or timezone.localdate()
    figures = figures_on(as_of)
    out = [NationalRow(m, figures[m.pk]) for m in Municipality.objects.order_by("name")]
    key = NATIONAL_SORT.get(sort, NATIONAL_SORT["navn"])
    if sort == "procent":  # municipalities without staff ("–") go last whichever the direction
        known = sorted((r for r in out if r.figures.percent is not None), key=key, reverse=descending)
        return known + sorted((r for r in out if r.figures.percent is None), key=NATIONAL_SORT["navn"])
    return sorted(out, key=key, reverse=descending)


def national_totals(rows):
    from .status import Figures as F

    total = F(municipality_id=0, as_of=rows[0].figures.as_of if rows else timezone.localdate(),
              terms=rows[0].figures.terms if rows else None)
    for row in rows:
        for status, count in row.figures.counts.items():
            total.counts[status] += count
        total.qualified_superusers += row.figures.qualified_superusers
    return total


# --- Trend -------------------------------------------------------------------------------------


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def last_months(as_of, count=24):
    """The first days of the `count` months ending with as_of's month, oldest first."""
    year, month = as_of.year, as_of.month
    months = []
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


@dataclass
class TrendPoint:
    month: datetime.date
    as_of: datetime.date
    percent: float | None
    completed: int
    total: int
    overdue: int
    source: str  # "snapshot" or "computed"


def trend(*, municipality, as_of=None, months=24):
    """Monthly figures for the last `months` months: the stored snapshot where there is one (the
    figures as they were known then), otherwise computed from the evidence as of the month's end."""
    as_of = as_of or timezone.localdate()
    firsts = last_months(as_of, months)
    snapshots = {
        s.month: s for s in MonthlySnapshot.objects.filter(municipality=municipality, month__in=firsts)
    }
    days = {m: min(month_end(m.year, m.month), as_of) for m in firsts}
    # The current month is always computed live; past months use their snapshot when present.
    missing = [m for m in firsts if m not in snapshots or m == firsts[-1]]
    computed = {}
    if missing:
        evidence = load_evidence(
            first_day=days[missing[0]], last_day=days[missing[-1]], municipality_ids=[municipality.pk]
        )
        for m in missing:
            computed[m], _ = evaluate(evidence, municipality.pk, days[m], rows=False)
    points = []
    for m in firsts:
        if m in computed:
            f = computed[m]
            points.append(TrendPoint(m, days[m], f.percent, f.completed, f.total, f.overdue, "computed"))
        else:
            s = snapshots[m]
            denominator = s.total - s.exempt
            percent = round(100 * s.completed / denominator, 1) if denominator else None
            points.append(TrendPoint(m, s.as_of, percent, s.completed, s.total, s.overdue, "snapshot"))
    return points


# --- A person's own status ---------------------------------------------------------------------


def own_statuses(*, person, as_of=None):
    """The person's status in each municipality where they are on the staff today."""
    as_of = as_of or timezone.localdate()
    evidence = load_evidence(first_day=as_of, last_day=as_of, person_id=person.pk, detailed=True)
    if not evidence.memberships:
        return []
    names = dict(Municipality.objects.filter(pk__in=list(evidence.memberships)).values_list("pk", "name"))
    out = []
    for mid in evidence.memberships:
        _, rows = evaluate(evidence, mid, as_of)
        out.extend((names.get(mid, ""), row) for row in rows)
    return out


def teams_for(municipality):
    return Team.objects.filter(municipality=municipality).order_by("name")
