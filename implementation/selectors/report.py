"""A round's report: aggregates only, never an individual's answers.

Suppression: no figure is shown for a respondent group with fewer than `MIN_RESPONDENTS` responses; the
report says which groups are hidden and why. The "all respondents" column could otherwise give a hidden
group away by subtraction, so it leaves out the hidden groups unless together they reach the threshold
(then only their pooled figure could be derived, which is itself above it).

A fixed number of queries, whatever the number of respondents or municipalities (tests pin it):
the invitations per group, the responses per group, the statements, the answers counted by statement,
group and value; the same three for the previous round; the national answers and responses of the period.

The change since the previous round compares only statements that are comparable: the same code and the
same text in both versions. The national figure is every municipality's rounds that opened in the same
half-year as this one (`period_of`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    PHASE_ORDER,
    SCALE,
    Answer,
    Phase,
    RespondentGroup,
    Response,
    Round,
    RoundInvitation,
    Statement,
    StatementAnswer,
)

MIN_RESPONDENTS = 5
ALL = "alle"
TOP = 5


def period_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The half-year a round opening on `day` belongs to, for the national figure."""
    if day.month <= 6:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
    return datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31)


@dataclass
class Cell:
    """One group's answers to a statement or a phase: counts per answer value and the mean (1–5,
    "Ved ikke" left out). `suppressed` cells carry no figures at all."""

    counts: dict = field(default_factory=lambda: {v: 0 for v in Answer.values})
    respondents: int = 0
    suppressed: bool = False

    def add(self, value, n):
        self.counts[value] += n

    @property
    def answered(self):
        return sum(self.counts.values())

    @property
    def scale_total(self):
        return sum(self.counts[v] for v in SCALE)

    @property
    def mean(self) -> float | None:
        if self.suppressed or not self.scale_total:
            return None
        return round(sum(int(v) * self.counts[v] for v in SCALE) / self.scale_total, 2)

    @property
    def agree_percent(self) -> float | None:
        if self.suppressed or not self.answered:
            return None
        return round(100 * (self.counts[Answer.AGREE] + self.counts[Answer.STRONGLY_AGREE]) / self.answered, 1)

    def percents(self) -> list[tuple[str, str, float]]:
        """[(value, label, percent)] in scale order, "Ved ikke" last."""
        total = self.answered
        return [(v, Answer(v).label, round(100 * self.counts[v] / total, 1) if total else 0.0) for v in Answer.values]


@dataclass
class GroupRate:
    group: str
    label: str
    invited: int
    answered: int
    suppressed: bool

    @property
    def percent(self):
        return round(100 * self.answered / self.invited, 1) if self.invited and not self.suppressed else None


@dataclass
class StatementRow:
    statement: Statement
    cells: dict  # group (or ALL) -> Cell
    comparable: bool = False
    previous: dict = field(default_factory=dict)  # group -> mean in the previous round (comparable only)

    @property
    def spread(self) -> float | None:
        means = [c.mean for g, c in self.cells.items() if g != ALL and c.mean is not None]
        return round(max(means) - min(means), 2) if len(means) >= 2 else None

    @property
    def overall(self) -> Cell:
        return self.cells[ALL]

    def change(self, group):
        now, before = self.cells[group].mean, self.previous.get(group)
        return None if now is None or before is None else round(now - before, 2)


@dataclass
class PhaseBlock:
    phase: str
    label: str
    statements: list
    cells: dict  # group -> Cell over the phase's statements
    previous: dict  # group -> mean over the comparable statements in the previous round
    current_comparable: dict  # group -> mean over the same comparable statements in this round
    national: dict  # group -> Cell nationally in the period

    def change(self, group):
        now, before = self.current_comparable.get(group), self.previous.get(group)
        return None if now is None or before is None else round(now - before, 2)


@dataclass
class RoundReport:
    round: Round
    groups: list  # the round's groups, in order, then ALL
    group_labels: dict
    rates: list
    responses: dict  # group -> number of responses
    suppressed: list  # [(label, responses)]
    all_note: str
    phases: list
    widest: list
    lowest: list
    previous_round: Round | None
    comparable_count: int
    statement_count: int
    period: tuple
    national_rounds: int
    open_until: datetime.date | None = None  # set while the round is open: no figures until it closes

    @property
    def total_responses(self):
        return sum(self.responses.values())


def _counts(round_id):
    """{(statement id, group): {value: n}} and {group: responses} for a round. Two queries."""
    rows = (StatementAnswer.objects.filter(response__round_id=round_id)
            .values_list("statement_id", "response__group", "value").annotate(n=Count("pk")).order_by())
    counts = defaultdict(dict)
    for statement_id, group, value, n in rows:
        counts[(statement_id, group)][value] = n
    responses = dict(Response.objects.filter(round_id=round_id).values_list("group").annotate(n=Count("pk"))
                     .order_by())
    return counts, responses


def _pooled(groups, responses):
    """The groups the "all respondents" column pools, and the note saying what it leaves out."""
    shown = [g for g in groups if responses.get(g, 0) >= MIN_RESPONDENTS]
    hidden = [g for g in groups if g not in shown]
    if sum(responses.get(g, 0) for g in hidden) >= MIN_RESPONDENTS:
        return groups, ""
    if hidden and shown:
        return shown, _("»All respondents« leaves out the hidden groups, which could otherwise be worked out "
                        "by subtraction.")
    return shown, ""


def _cell(counts, statement_ids, groups, respondents):
    cell = Cell(respondents=respondents, suppressed=respondents < MIN_RESPONDENTS)
    if not cell.suppressed:
        for sid in statement_ids:
            for g in groups:
                for value, n in counts.get((sid, g), {}).items():
                    cell.add(value, n)
    return cell


def _mean_of(counts, statement_ids, group):
    cell = Cell()
    for sid in statement_ids:
        for value, n in counts.get((sid, group), {}).items():
            cell.add(value, n)
    return cell.mean


def previous_round_of(barometer_round: Round) -> Round | None:
    return (Round.objects.filter(municipality_id=barometer_round.municipality_id, opens_on__lt=barometer_round.opens_on)
            .select_related("version").order_by("-opens_on", "-pk").first())


def round_report(*, barometer_round: Round) -> RoundReport:
    """The whole report of a round (see the module docstring). A constant number of queries."""
    groups = list(barometer_round.groups)
    labels = {g: RespondentGroup(g).label for g in groups}
    labels[ALL] = _("All respondents")

    invited = {g: [0, 0] for g in groups}
    for group, n, answered in (RoundInvitation.objects.filter(round=barometer_round).values_list("group")
                               .annotate(n=Count("pk"), answered=Count("pk", filter=Q(has_answered=True)))
                               .order_by()):
        invited[group] = [n, answered]
    rates = [GroupRate(g, labels[g], invited[g][0], invited[g][1], invited[g][0] < MIN_RESPONDENTS) for g in groups]

    # While the round is open no figure is shown: a change between two looks at the report would give
    # away the answers of whoever answered in between.
    today = timezone.localdate()
    open_until = barometer_round.closes_on if barometer_round.closes_on >= today else None
    counts, responses = ({}, {}) if open_until else _counts(barometer_round.pk)
    statements = list(Statement.objects.filter(version_id=barometer_round.version_id).order_by("sort_order", "pk"))
    pooled, all_note = _pooled(groups, responses)
    pooled_respondents = sum(responses.get(g, 0) for g in pooled)

    previous = previous_round_of(barometer_round)
    prev_counts, prev_responses, comparable_ids = {}, {}, {}
    if previous is not None:
        prev_counts, prev_responses = _counts(previous.pk)
        earlier = {(s.code, s.text): s.pk for s in Statement.objects.filter(version_id=previous.version_id)}
        comparable_ids = {s.pk: earlier[(s.code, s.text)] for s in statements if (s.code, s.text) in earlier}

    start, end = period_of(barometer_round.opens_on)
    in_period = Q(response__round__opens_on__gte=start, response__round__opens_on__lte=end,
                  response__round__closes_on__lt=today)
    national_counts = defaultdict(dict)
    for phase, group, value, n in (StatementAnswer.objects.filter(in_period)
                                   .values_list("statement__phase", "response__group", "value")
                                   .annotate(n=Count("pk")).order_by()):
        national_counts[(phase, group)][value] = n
    national_responses = dict(Response.objects.filter(round__opens_on__gte=start, round__opens_on__lte=end,
                                                      round__closes_on__lt=today)
                              .values_list("group").annotate(n=Count("pk")).order_by())
    national_rounds = Round.objects.filter(opens_on__gte=start, opens_on__lte=end, closes_on__lt=today).count()

    def applies(statement, group):
        return group == ALL or statement.applies_to(group)

    rows_by_phase = defaultdict(list)
    for s in statements:
        cells = {g: _cell(counts, [s.pk], [g], responses.get(g, 0)) if applies(s, g) else None for g in groups}
        cells = {g: c for g, c in cells.items() if c is not None}
        cells[ALL] = _cell(counts, [s.pk], [g for g in pooled if s.applies_to(g)],
                           sum(responses.get(g, 0) for g in pooled if s.applies_to(g)))
        row = StatementRow(s, cells, comparable=s.pk in comparable_ids)
        if row.comparable:
            for g in groups:
                if prev_responses.get(g, 0) >= MIN_RESPONDENTS and g in cells:
                    row.previous[g] = _mean_of(prev_counts, [comparable_ids[s.pk]], g)
        rows_by_phase[s.phase].append(row)

    phases = []
    for phase in PHASE_ORDER:
        rows = rows_by_phase.get(phase, [])
        if not rows:
            continue
        ids = [r.statement.pk for r in rows]
        cells = {g: _cell(counts, [r.statement.pk for r in rows if r.statement.applies_to(g)], [g],
                          responses.get(g, 0)) for g in groups}
        cells[ALL] = _cell(counts, ids, pooled, pooled_respondents)
        comparable = [r for r in rows if r.comparable]
        prev_means, now_means = {}, {}
        for g in groups:
            mine = [r for r in comparable if r.statement.applies_to(g)]
            if mine and prev_responses.get(g, 0) >= MIN_RESPONDENTS and not cells[g].suppressed:
                prev_means[g] = _mean_of(prev_counts, [comparable_ids[r.statement.pk] for r in mine], g)
                now_means[g] = _mean_of(counts, [r.statement.pk for r in mine], g)
        national = {}
        for g in groups:
            cell = Cell(respondents=national_responses.get(g, 0),
                        suppressed=national_responses.get(g, 0) < MIN_RESPONDENTS)
            if not cell.suppressed:
                for value, n in national_counts.get((phase, g), {}).items():
                    cell.add(value, n)
            national[g] = cell
        phases.append(PhaseBlock(phase, Phase(phase).label, rows, cells, prev_means, now_means, national))

    every_row = [r for p in phases for r in p.statements]
    widest = sorted((r for r in every_row if r.spread is not None), key=lambda r: -r.spread)[:TOP]
    lowest = sorted((r for r in every_row if r.overall.mean is not None), key=lambda r: r.overall.mean)[:TOP]
    suppressed = [] if open_until else [(labels[g], responses.get(g, 0)) for g in groups
                                        if responses.get(g, 0) < MIN_RESPONDENTS]
    return RoundReport(
        round=barometer_round, groups=[*groups, ALL], group_labels=labels, rates=rates, responses=responses,
        suppressed=suppressed, all_note=all_note, phases=phases, widest=widest, lowest=lowest,
        previous_round=previous, comparable_count=len(comparable_ids), statement_count=len(statements),
        period=(start, end), national_rounds=national_rounds, open_until=open_until,
    )


def latest_phase_means(*, municipality_id: int) -> tuple[Round | None, dict]:
    """The municipality's latest closed round, and its mean per phase over all
    respondents ({phase: mean or None}; None also when fewer than five answered). Three queries."""
    latest = (Round.objects.filter(municipality_id=municipality_id, closes_on__lt=timezone.localdate())
              .select_related("version")
              .order_by("-opens_on", "-pk").first())
    if latest is None:
        return None, {}
    responses = dict(Response.objects.filter(round=latest).values_list("group").annotate(n=Count("pk")).order_by())
    pooled, _note = _pooled(list(latest.groups), responses)
    out = {p: None for p in PHASE_ORDER}
    if sum(responses.get(g, 0) for g in pooled) < MIN_RESPONDENTS:
        return latest, out
    cells = defaultdict(Cell)
    for phase, value, n in (StatementAnswer.objects.filter(response__round=latest, response__group__in=pooled)
                            .values_list("statement__phase", "value").annotate(n=Count("pk")).order_by()):
        cells[phase].add(value, n)
    return latest, {p: cells[p].mean if p in cells else None for p in PHASE_ORDER}
