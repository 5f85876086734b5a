"""The barometer benchmark: 98 municipalities with a licence and a closed round of 500 respondents each
(bulk_create), then the national overview and one municipal report timed with their query counts, both
as the selector and as the rendered page. Everything is rolled back afterwards unless `keep`."""

import datetime
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.models import AgreementStatus, LicenceAgreement, LicenceTerms
from people.models import Membership, Municipality, User
from people.roles import Role

from . import demo
from .chart import phase_count_chart
from .models import (
    SCALE,
    Answer,
    ImplementationPlan,
    Phase,
    QuestionnaireVersion,
    Response,
    Round,
    RoundInvitation,
    StatementAnswer,
)
from .selectors.national import national_overview, phase_counts
from .selectors.report import round_report

EMAIL_DOMAIN = "barometer-bench.invalid"
GROUP_SHARES = (("ledere", Role.LEADER, 0.08), ("superbrugere", Role.SUPERUSER, 0.07),
                ("sagsbehandlere", Role.CASEWORKER, 0.85))


class Rollback(Exception):
    pass


@dataclass
class Timing:
    label: str
    seconds: float
    queries: int


def _version():
    version = QuestionnaireVersion.objects.order_by("number").first()
    if version is None:
        version = demo._version(None)
    return version


def _group_at(share: float) -> tuple[str, str]:
    """The group and role of the respondent at this share of a municipality's list."""
    cumulative = 0.0
    for group, role, part in GROUP_SHARES:
        cumulative += part
        if share < cumulative:
            return group, role
    return GROUP_SHARES[-1][0], GROUP_SHARES[-1][1]


def build(*, municipalities=98, respondents=500, seed=2026, stdout=None):
    """Write the data. Returns the first municipality's round (the one whose report is timed)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    version = _version()
    statements = list(version.statements.all())
    chosen = list(Municipality.objects.order_by("code")[:municipalities])
    if len(chosen) < municipalities:
        raise ValueError(f"Only {len(chosen)} municipalities in the database; run the migrations first.")
    for m in chosen:
        if not LicenceAgreement.objects.filter(municipality=m).exists():
            agreement = LicenceAgreement.objects.create(municipality=m, signed_on=datetime.date(2020, 1, 1))
            LicenceTerms.objects.create(agreement=agreement, valid_from=datetime.date(2020, 1, 1),
                                        status=AgreementStatus.ACTIVE, grace_period_days=365, min_superusers=2)
    ImplementationPlan.objects.bulk_create(
        [ImplementationPlan(municipality=m, phase=rng.choice(list(Phase.values))) for m in chosen],
        ignore_conflicts=True)
    users = User.objects.bulk_create(
        [User(email=f"b{i}@{EMAIL_DOMAIN}", full_name=f"Bench Respondent {i}", password="!")
         for i in range(municipalities * respondents)], batch_size=5000)
    opens_on = today - datetime.timedelta(days=30)
    rounds = Round.objects.bulk_create([
        Round(municipality=m, version=version, opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=21),
              groups=[g for g, _r, _s in GROUP_SHARES]) for m in chosen])
    memberships, invitations, responses = [], [], []
    for index, user in enumerate(users):
        m_index = index // respondents
        share = (index % respondents) / respondents
        group, role = _group_at(share)
        memberships.append(Membership(person=user, role=role, municipality=chosen[m_index],
                                      start_date=today - datetime.timedelta(days=rng.randint(60, 3000))))
        answered = rng.random() < 0.8
        invitations.append(RoundInvitation(round=rounds[m_index], person=user, group=group, has_answered=answered))
        if answered:
            responses.append(Response(round=rounds[m_index], group=group))
    Membership.objects.bulk_create(memberships, batch_size=5000)
    RoundInvitation.objects.bulk_create(invitations, batch_size=5000)
    Response.objects.bulk_create(responses, batch_size=5000)
    if stdout:
        stdout.write(f"  {len(users)} respondents, {len(responses)} responses; writing the answers …")
    batch = []
    for response in responses:
        for s in statements:
            if not s.applies_to(response.group):
                continue
            value = Answer.DONT_KNOW if rng.random() < 0.05 else rng.choice(SCALE)
            batch.append(StatementAnswer(response=response, statement=s, value=value))
        if len(batch) >= 20_000:
            StatementAnswer.objects.bulk_create(batch, batch_size=10_000)
            batch = []
    StatementAnswer.objects.bulk_create(batch, batch_size=10_000)
    return rounds[0]


def _timed(label, fn):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        fn()
        seconds = time.perf_counter() - start
    return Timing(label, seconds, len(queries))


def measure(barometer_round) -> list[Timing]:
    from .views.reports import _context

    def national_page():
        rows = national_overview()
        counts = phase_counts(rows)
        render_to_string("implementation/national.html", {
            "rows": rows, "counts": counts, "chart": phase_count_chart(counts), "sort": "navn",
            "descending": False, "sort_links": {}, "query": ""})

    def report_page():
        render_to_string("implementation/report.html", _context(barometer_round))

    n = barometer_round.invitations.count()
    return [
        _timed("National overview (selector)", lambda: national_overview()),
        _timed("National overview (page)", national_page),
        _timed(f"Municipal report, {n} respondents (selector)", lambda: round_report(barometer_round=barometer_round)),
        _timed(f"Municipal report, {n} respondents (page)", report_page),
    ]


def run(*, municipalities=98, respondents=500, keep=False, stdout=None) -> list[Timing]:
    timings = []
    try:
        with transaction.atomic():
            start = time.perf_counter()
            barometer_round = build(municipalities=municipalities, respondents=respondents, stdout=stdout)
            if stdout:
                stdout.write(f"  built in {time.perf_counter() - start:.1f} s")
            measure(barometer_round)  # warm the caches (translations, templates) once
            timings = measure(barometer_round)
            if not keep:
                raise Rollback
    except Rollback:
        pass
    return timings
