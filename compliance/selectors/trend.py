"""The monthly trend of a municipality's figures."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Sum
from django.utils import timezone

from people.models import Municipality

from ..models import MonthlySnapshot
from .evidence import evaluate, load_evidence
from .reports import figures_on


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
    booked: int
    source: str  # "snapshot" or "computed"


def trend(*, municipality: Municipality, as_of=None, months=24, figures_as_of=None) -> list[TrendPoint]:
    """Monthly figures for the last `months` months: the stored snapshot where there is one (the
    figures as they were known then), otherwise computed from the evidence as of the month's end.
    `figures_as_of`: the municipality's figures on `as_of` when the caller has them already (the
    municipal report computes the same from the same evidence); the current month then costs nothing."""
    as_of = as_of or timezone.localdate()
    firsts = last_months(as_of, months)
    snapshots = {
        s.month: s for s in MonthlySnapshot.objects.filter(municipality=municipality, month__in=firsts)
    }
    days = {m: min(month_end(m.year, m.month), as_of) for m in firsts}
    # The current month is always computed live; past months use their snapshot when present.
    missing = [m for m in firsts if m not in snapshots or m == firsts[-1]]
    computed = {}
    if figures_as_of is not None:
        computed[firsts[-1]] = figures_as_of
        missing.remove(firsts[-1])
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
            points.append(TrendPoint(m, days[m], f.percent, f.completed, f.total, f.overdue, f.booked, "computed"))
        else:
            s = snapshots[m]
            denominator = s.total - s.exempt
            percent = round(100 * s.completed / denominator, 1) if denominator else None
            points.append(TrendPoint(m, s.as_of, percent, s.completed, s.total, s.overdue, s.booked, "snapshot"))
    return points


# --- The national trend (the national report and the national admin's home) ---------------------


def national_trend(*, municipality_ids, as_of=None, months=24) -> list[TrendPoint]:
    """Monthly figures summed over the municipalities: the stored snapshots where every one of them has
    one, otherwise computed from the evidence as of the month's end (`reports.figures_on`, constant
    queries per month). The current month is always computed live. One query for the snapshots, a fixed
    number per computed month (at most `months`)."""
    as_of = as_of or timezone.localdate()
    ids = list(municipality_ids)
    firsts = last_months(as_of, months)
    days = {m: min(month_end(m.year, m.month), as_of) for m in firsts}
    if not ids:
        return [TrendPoint(m, days[m], None, 0, 0, 0, 0, "computed") for m in firsts]
    stored = {
        row["month"]: row for row in MonthlySnapshot.objects.filter(municipality_id__in=ids, month__in=firsts[:-1])
        .values("month").annotate(n=Count("pk"), total=Sum("total"), completed=Sum("completed"),
                                  overdue=Sum("overdue"), exempt=Sum("exempt"), booked=Sum("booked"),
                                  last_day=Max("as_of"))
        .order_by()
    }
    points = []
    for m in firsts:
        row = stored.get(m)
        if row is not None and row["n"] == len(ids):
            denominator = row["total"] - row["exempt"]
            percent = round(100 * row["completed"] / denominator, 1) if denominator else None
            points.append(TrendPoint(m, row["last_day"], percent, row["completed"], row["total"], row["overdue"],
                                     row["booked"], "snapshot"))
            continue
        figures = figures_on(days[m], municipality_ids=ids).values()
        completed = sum(f.completed for f in figures)
        total = sum(f.total for f in figures)
        denominator = total - sum(f.exempt for f in figures)
        points.append(TrendPoint(
            m, days[m], round(100 * completed / denominator, 1) if denominator else None, completed, total,
            sum(f.overdue for f in figures), sum(f.booked for f in figures), "computed",
        ))
    return points
