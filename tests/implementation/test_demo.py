"""implementation.demo on a small staff: plans in different phases, two rounds a year apart whose
answers differ by group, 28 statements in seven per phase; a second run changes nothing."""

import pytest

from implementation import demo
from implementation.models import ImplementationPlan, QuestionnaireVersion, Response, Round, StatementAnswer
from implementation.selectors.report import round_report
from people.models import Municipality

from .factories import staff

pytestmark = pytest.mark.django_db


def test_the_demo_gives_every_chart_a_real_picture(admin_user):
    municipalities = [Municipality.objects.get(slug=slug) for slug in ("skanderborg", "vesthimmerland")]
    for m in municipalities:
        staff(m, "leder", 1)
        staff(m, "sagsbehandler", 12)
        staff(m, "superbruger", 2)
    demo.load()
    counts = (Round.objects.count(), Response.objects.count(), StatementAnswer.objects.count())
    demo.load()
    assert (Round.objects.count(), Response.objects.count(), StatementAnswer.objects.count()) == counts

    version = QuestionnaireVersion.objects.get(number=1)
    phases = [s.phase for s in version.statements.all()]
    assert len(phases) == 28 and all(phases.count(p) == 7 for p in set(phases))
    assert version.statements.filter(audience="superbrugere").count() >= 4 and version.is_frozen

    plans = dict(ImplementationPlan.objects.values_list("municipality__slug", "phase"))
    assert plans["skanderborg"] != plans["vesthimmerland"]
    skanderborg = municipalities[0]
    earlier, later = Round.objects.filter(municipality=skanderborg).order_by("opens_on")
    assert (later.opens_on - earlier.opens_on).days == 365
    report = round_report(barometer_round=later)
    assert report.previous_round == earlier
    running = next(p for p in report.phases if p.phase == "i-gang")
    means = {g: c.mean for g, c in running.cells.items()}
    assert means["superbrugere"] > means["sagsbehandlere"] + 0.5, (means, report.responses)
    # Vesthimmerland keeps one leader: that group is hidden in its report.
    hidden = round_report(barometer_round=Round.objects.filter(municipality=municipalities[1]).first()).suppressed
    assert [label for label, _n in hidden] == ["Ledere"]
