"""The municipal report, the national report and the fast figures behind the national table."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from courses import evidence as course_evidence
from courses.models import Completion, CourseKind
from people.models import Membership, Municipality, MunicipalityRegion
from people.roles import Role

from ..models import LicenceAgreement
from ..status import STATUS_ORDER, Figures, Progress, Status, terms_on
from .evidence import (
    COVERED_ROLES,
    Evidence,
    StatusRow,
    activity,
    derive_person,
    evaluate,
    exemption_spans,
    load_evidence,
    terms_history,
)


@dataclass
class TeamFigures:
    team_id: int | None
    name: str
    counts: dict
    total: int
    percent: float | None
    booked: int = 0


@dataclass
class MunicipalReport:
    municipality: Municipality
    as_of: datetime.date
    figures: Figures
    rows: list[StatusRow]
    teams: list[TeamFigures]
    agreement: LicenceAgreement | None = None


_RANK = {status: index for index, status in enumerate(STATUS_ORDER)}
SORT_KEYS = {
    "navn": lambda r: (r.name.lower(), r.person_id),
    "team": lambda r: (r.team_name.lower(), r.name.lower()),
    "status": lambda r: (_RANK[r.status], r.name.lower()),
    "frist": lambda r: (r.derived.deadline or datetime.date.max, r.name.lower()),
    "start": lambda r: (r.start_date, r.name.lower()),
    "fremdrift": lambda r: (r.progress.first_day or datetime.date.max, r.name.lower()),
}
# The filter "ikke-opfyldt" (needs action): overdue or within the deadline, whatever the progress.
NEEDS_ACTION = "ikke-opfyldt"


def team_figures(rows: list[StatusRow]) -> list[TeamFigures]:
    by_team = defaultdict(lambda: {s: 0 for s in Status.values})
    booked = defaultdict(int)
    names = {}
    for row in rows:
        by_team[row.team_id][row.status] += 1
        names[row.team_id] = row.team_name
        if row.needs_action and row.progress.booking is not None:
            booked[row.team_id] += 1
    out = []
    for team_id, counts in by_team.items():
        total = sum(counts.values())
        denominator = total - counts[Status.EXEMPT]
        percent = round(100 * counts[Status.COMPLETED] / denominator, 1) if denominator else None
        out.append(TeamFigures(team_id, names[team_id] or "", counts, total, percent, booked[team_id]))
    return sorted(out, key=lambda t: (t.team_id is None, t.name.lower()))


def municipal_report(*, municipality: Municipality, as_of: datetime.date | None = None) -> MunicipalReport:
    """Every person on the municipality's staff on the day, with status and progress. Constant queries."""
    as_of = as_of or timezone.localdate()
    evidence = load_evidence(first_day=as_of, last_day=as_of, municipality_ids=[municipality.pk], detailed=True)
    figures, rows = evaluate(evidence, municipality.pk, as_of)
    rows.sort(key=SORT_KEYS["navn"])
    agreement = LicenceAgreement.objects.filter(municipality=municipality).first()
    return MunicipalReport(municipality, as_of, figures, rows, team_figures(rows), agreement)


def filter_rows(rows, *, status=None, progress=None, team=None, query=None, sort="navn", descending=False):
    """The report's rows as the screen (and the export of the screen) filters them."""
    if status in Status.values:
        rows = [r for r in rows if r.status == status]
    elif status == NEEDS_ACTION:
        rows = [r for r in rows if r.needs_action]
    if progress in Progress.Kind.values:
        rows = [r for r in rows if r.progress.kind == progress]
    if team == "ingen":
        rows = [r for r in rows if r.team_id is None]
    elif team:
        rows = [r for r in rows if str(r.team_id) == str(team)]
    if query:
        q = query.lower()
        rows = [r for r in rows if q in r.name.lower() or q in r.email.lower()]
    key = SORT_KEYS.get(sort, SORT_KEYS["navn"])
    return sorted(rows, key=key, reverse=descending)


# --- National ----------------------------------------------------------------------------------


@dataclass
class NationalRow:
    municipality: Municipality
    figures: Figures

    @property
    def licensed(self):
        return self.figures.terms.licensed

    @property
    def overdue_share(self):
        """Overdue people as a share (%, one decimal) of the staff less the exempt; None without staff."""
        f = self.figures
        return round(100 * f.overdue / f.denominator, 1) if f.denominator else None


NATIONAL_SORT = {
    "navn": lambda r: r.municipality.name,
    "procent": lambda r: (r.figures.percent is None, r.figures.percent or 0),
    "overskredet": lambda r: r.figures.overdue,
    "ansatte": lambda r: r.figures.total,
    "superbrugere": lambda r: r.figures.qualified_superusers,
    "licens": lambda r: (not r.licensed, r.figures.terms.status),
    "risiko": lambda r: risk_order(r),  # defined below with the national filters
}


def figures_on(day: datetime.date, *, municipality_ids=None) -> dict[int, Figures]:
    """{municipality id: Figures} on one day, the fast way for tables of many municipalities.

    Provably the same as `evaluate` (the Hypothesis reconciliation test checks it): `derive` returns
    Gennemført, and nothing else matters, for a person with a valid basic completion on the day when no
    brush-up is required — that one branch is answered in SQL, counting such people per municipality.
    Everyone else (a minority, and everyone in a municipality that requires a brush-up) goes through the
    very same `derive_person` as the municipal report, on evidence loaded for them alone. A constant
    number of queries, whatever the number of municipalities and people."""
    history = terms_history(until=day, municipality_ids=municipality_ids)
    ids = (list(municipality_ids) if municipality_ids is not None
           else list(Municipality.objects.values_list("pk", flat=True)))
    out = {mid: Figures(municipality_id=mid, as_of=day, terms=terms_on(history.get(mid, []), day)) for mid in ids}
    brush_up = [mid for mid, f in out.items() if f.terms.brush_up_years]

    start_of_next_day = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
    # The same test as CompletionRecord.counts_on(day), in SQL. Uncorrelated subqueries: the database
    # hashes each set of people once.
    valid = Completion.objects.filter(completed_on__lte=day).filter(
        Q(revocation__isnull=True) | Q(revocation__revoked_at__gte=start_of_next_day)
    )
    has_basic = Q(person_id__in=valid.filter(course__kind=CourseKind.BASIC).values("person_id"))
    has_superuser_course = Q(person_id__in=valid.filter(course__kind=CourseKind.SUPERUSER).values("person_id"))
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
    rest_people = rest.values("person_id")
    rows = list(rest.values("municipality_id", "person_id").annotate(start=Min("start_date")).order_by()
                .values_list("municipality_id", "person_id", "start"))
    if not rows:
        return out
    evidence = Evidence(first_day=day, last_day=day)
    evidence.exemptions = exemption_spans(first_day=day, last_day=day, municipality_ids=municipality_ids,
                                          person_ids=rest_people)
    evidence.bookings, evidence.learning = activity(until=day, person_ids=rest_people)
    if brush_up:
        for record in course_evidence.completions(
            kinds=[CourseKind.BASIC, CourseKind.BRUSH_UP], until=day,
            person_ids=rest.filter(municipality_id__in=brush_up).values("person_id"),
        ):
            evidence.completions[record.course_kind][record.person_id].append(record)
    for mid, pid, start in rows:
        figures = out.get(mid)
        if figures is None:
            continue
        derived, progress = derive_person(evidence, municipality_id=mid, person_id=pid, start=start,
                                          terms=figures.terms, day=day)
        figures.add(derived, progress)
    return out


def national_report(*, as_of=None, sort="navn", descending=False) -> list[NationalRow]:
    """Every municipality, licensed or not, with its figures on the day. Constant query count."""
    as_of = as_of or timezone.localdate()
    figures = figures_on(as_of)
    out = [NationalRow(m, figures[m.pk]) for m in Municipality.objects.order_by("name")]
    key = NATIONAL_SORT.get(sort, NATIONAL_SORT["navn"])
    if sort == "procent":  # municipalities without staff ("–") go last whichever the direction
        known = sorted((r for r in out if r.figures.percent is not None), key=key, reverse=descending)
        return known + sorted((r for r in out if r.figures.percent is None), key=NATIONAL_SORT["navn"])
    return sorted(out, key=key, reverse=descending)


def national_totals(rows: list[NationalRow]) -> Figures:
    as_of = rows[0].figures.as_of if rows else timezone.localdate()
    total = Figures(municipality_id=0, as_of=as_of, terms=rows[0].figures.terms if rows else None)
    for row in rows:
        for status, count in row.figures.counts.items():
            total.counts[status] += count
        for kind, count in row.figures.progress.items():
            total.progress[kind] += count
        total.qualified_superusers += row.figures.qualified_superusers
    return total


# --- The national picture: filters (licensed only, region), risk order -----------------------------


def risk_order(row: NationalRow):
    """Most at risk first: the largest share of staff (less the exempt) overdue, then the lowest
    compliance, then the name. Municipalities without staff last."""
    f = row.figures
    share = f.overdue / f.denominator if f.denominator else -1
    return (-share, f.percent if f.percent is not None else 101, row.municipality.name)


def municipality_regions(day: datetime.date) -> dict:
    """{municipality id: Region} on a day (regions change: a period per municipality). One query."""
    periods = (
        MunicipalityRegion.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("region").order_by("valid_from")
    )
    return {p.municipality_id: p.region for p in periods}


@dataclass
class NationalView:
    """The national report as the screen (and the export of the screen) filters it."""

    as_of: datetime.date
    rows: list[NationalRow]  # filtered and sorted
    all_rows: list[NationalRow]  # every municipality (the map shows the whole country)
    regions: list  # [Region] on the day, for the filter
    region: object  # the chosen Region or None
    licensed_only: bool
    sort: str
    descending: bool
    region_of: dict  # municipality id -> Region

    @property
    def totals(self) -> Figures:
        return national_totals(self.rows)

    @property
    def licensed_count(self) -> int:
        return sum(1 for r in self.rows if r.licensed)


def national_view(*, as_of=None, licensed_only=True, region_id=None, sort="risiko",
                  descending=False) -> NationalView:
    """The national report filtered to licensed municipalities (by default) and one region (optional),
    sorted by risk (by default) or a `NATIONAL_SORT` key. Constant queries."""
    as_of = as_of or timezone.localdate()
    region_of = municipality_regions(as_of)
    regions = sorted({r.pk: r for r in region_of.values()}.values(), key=lambda r: r.name)
    region = next((r for r in regions if str(r.pk) == str(region_id)), None) if region_id else None
    if sort not in NATIONAL_SORT:
        sort = "risiko"
    rows = all_rows = national_report(as_of=as_of, sort=sort, descending=descending)
    if licensed_only:
        rows = [r for r in rows if r.licensed]
    if region is not None:
        rows = [r for r in rows if getattr(region_of.get(r.municipality.pk), "pk", None) == region.pk]
    return NationalView(as_of, rows, all_rows, regions, region, licensed_only, sort, descending, region_of)
