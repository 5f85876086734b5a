"""The national overview: every licensed municipality's phase, latest round, response rate and
compliance figure, in a constant number of queries whatever the number of municipalities."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.selectors.reports import figures_on
from people.models import Municipality

from ..models import PHASE_ORDER, ImplementationPlan, Phase, Round, RoundInvitation

NO_PHASE = "ingen"


@dataclass
class NationalRow:
    municipality: Municipality
    phase: str | None
    latest_round: Round | None
    invited: int
    answered: int
    compliance: float | None

    @property
    def phase_label(self):
        return Phase(self.phase).label if self.phase else ""

    @property
    def phase_rank(self):
        return PHASE_ORDER.index(self.phase) + 1 if self.phase else 0

    @property
    def response_rate(self):
        return round(100 * self.answered / self.invited, 1) if self.invited else None


SORT_KEYS = {
    "navn": lambda r: r.municipality.name,
    "fase": lambda r: (r.phase_rank, r.municipality.name),
    "maaling": lambda r: (r.latest_round.opens_on if r.latest_round else datetime.date.min, r.municipality.name),
    "svarprocent": lambda r: (r.response_rate is None, r.response_rate or 0, r.municipality.name),
    "licensstatus": lambda r: (r.compliance is None, r.compliance or 0, r.municipality.name),
}


def national_overview(*, as_of: datetime.date | None = None, sort: str = "navn", descending: bool = False) -> list[NationalRow]:
    as_of = as_of or timezone.localdate()
    figures = figures_on(as_of)
    licensed = [mid for mid, f in figures.items() if f.terms.licensed]
    municipalities = list(Municipality.objects.filter(pk__in=licensed).order_by("name"))
    phases = dict(ImplementationPlan.objects.filter(municipality_id__in=licensed)
                  .values_list("municipality_id", "phase"))
    latest = {}
    for r in (Round.objects.filter(municipality_id__in=licensed, opens_on__lte=as_of)
              .order_by("municipality_id", "opens_on", "pk")):
        latest[r.municipality_id] = r
    totals = {rid: (n, a) for rid, n, a in (
        RoundInvitation.objects.filter(round_id__in=[r.pk for r in latest.values()]).values_list("round_id")
        .annotate(n=Count("pk"), a=Count("pk", filter=Q(has_answered=True))).order_by())}
    rows = []
    for m in municipalities:
        r = latest.get(m.pk)
        invited, answered = totals.get(r.pk, (0, 0)) if r else (0, 0)
        rows.append(NationalRow(m, phases.get(m.pk), r, invited, answered, figures[m.pk].percent))
    key = SORT_KEYS.get(sort, SORT_KEYS["navn"])
    return sorted(rows, key=key, reverse=descending)


def phase_counts(rows: list[NationalRow]) -> list[tuple[str, str, int]]:
    """[(phase, label, municipalities)] in phase order, then those without a plan."""
    counted = Counter(r.phase or NO_PHASE for r in rows)
    out = [(p, Phase(p).label, counted.get(p, 0)) for p in PHASE_ORDER]
    out.append((NO_PHASE, _("No plan yet"), counted.get(NO_PHASE, 0)))
    return out
