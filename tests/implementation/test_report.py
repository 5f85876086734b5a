"""The report and the national overview from the outside: anonymity (no page, export or admin view shows
an individual's answers; no figure for a group below five), the figures themselves, the comparison with
the previous round and the national figure, and query counts that do not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from implementation.models import Response, RoundInvitation, StatementAnswer
from implementation.selectors.report import round_report
from tests.compliance.factories import agreement
from tests.factories import MunicipalityFactory

from .factories import closed_round, invitations, questionnaire, responses, staff

pytestmark = pytest.mark.django_db


def test_responses_hold_no_person_and_no_time():
    """Anonymity by design: the answer rows cannot point at anyone."""
    assert {f.name for f in Response._meta.get_fields()} == {"id", "round", "group", "answers"}
    assert {f.name for f in StatementAnswer._meta.get_fields()} == {"id", "response", "statement", "value"}
    invitation_fields = {f.name for f in RoundInvitation._meta.get_fields()}
    assert not invitation_fields & {"answered_at", "response", "submitted_at"}


@pytest.fixture
def setting(municipality, leader):
    version = questionnaire()
    barometer_round = closed_round(municipality, version)
    invitations(barometer_round, staff(municipality, "sagsbehandler", 8), "sagsbehandlere", answered=6)
    invitations(barometer_round, staff(municipality, "superbruger", 4), "superbrugere", answered=4)
    invitations(barometer_round, [leader], "ledere", answered=0)
    responses(barometer_round, "sagsbehandlere", ["2", "2", "3", "3", "2", "ved-ikke"])
    # Four superusers, all "Helt enig": a group too small to show.
    responses(barometer_round, "superbrugere", ["5", "5", "5", "5"])
    return barometer_round


def test_a_group_below_five_is_hidden_everywhere_and_the_page_says_why(setting, client, leader):
    client.force_login(leader)
    page = client.get(reverse("implementation:report", args=[setting.pk])).content.decode()
    assert "Nogle grupper er skjult." in page
    assert "ICS-superbrugere: 4 besvarelser – skjult" in page
    assert "Skjult: færre end 5 respondenter" in page
    assert "»Alle respondenter« udelader de skjulte grupper" in page
    # The superusers' unanimous 5,00 appears nowhere, nor would "all respondents" reveal it by subtraction:
    # the caseworkers' mean (2,40) is also the "all" figure.
    assert "5,00" not in page
    data = round_report(barometer_round=setting)
    phase = data.phases[0]
    assert phase.cells["superbrugere"].suppressed and phase.cells["superbrugere"].mean is None
    assert phase.cells["sagsbehandlere"].mean == phase.cells["alle"].mean == 2.4
    csv = client.get(reverse("implementation:report_export", args=[setting.pk, "csv"])).content.decode("utf-8-sig")
    superuser_rows = [line for line in csv.splitlines() if ";ICS-superbrugere;" in line]
    assert superuser_rows and all(line.endswith("Skjult: færre end 5 respondenter") for line in superuser_rows)
    assert all(";;;;;;;;" in line for line in superuser_rows)  # every figure empty


def test_the_exports_carry_aggregates_only(setting, client, leader):
    client.force_login(leader)
    csv = client.get(reverse("implementation:report_export", args=[setting.pk, "csv"])).content.decode("utf-8-sig")
    header = csv.splitlines()[0]
    assert header.startswith("Fase;Kode;Udsagn;Respondentgruppe;Respondenter;Gennemsnit")
    for person in RoundInvitation.objects.filter(round=setting).select_related("person"):
        assert person.person.email not in csv and person.person.full_name not in csv
    assert not any(str(pk) in csv.split(";") for pk in Response.objects.values_list("pk", flat=True) if pk > 9)
    pdf = client.get(reverse("implementation:report_export", args=[setting.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_no_admin_view_shows_responses_or_answers(setting, client, admin_user):
    client.force_login(admin_user)
    for model in ("response", "statementanswer", "roundinvitation", "round"):
        assert client.get(f"/admin/snippets/implementation/{model}/").status_code == 404
    assert client.get("/admin/snippets/implementation/questionnaireversion/").status_code == 200


def test_there_is_no_way_to_ask_for_individual_answers(setting, client, leader):
    client.force_login(leader)
    response_id = Response.objects.filter(round=setting).first().pk
    for url in (f"/implementering/maaling/{setting.pk}/svar/{response_id}/",
                f"/implementering/maaling/{setting.pk}/rapport/{response_id}/",
                f"/implementering/maaling/{setting.pk}/rapport.json"):
        assert client.get(url).status_code == 404
    # Query parameters do not narrow the report to anyone.
    plain = client.get(reverse("implementation:report", args=[setting.pk])).content
    narrowed = client.get(reverse("implementation:report", args=[setting.pk]),
                          {"svar": response_id, "person": leader.pk, "group": "superbrugere"}).content
    assert plain.count(b"Skjult") == narrowed.count(b"Skjult")


def test_response_rate_change_since_previous_round_and_national_figure(municipality, leader):
    version = questionnaire()
    today = timezone.localdate()
    earlier = closed_round(municipality, version, opens_on=today - datetime.timedelta(days=400))
    later = closed_round(municipality, version, opens_on=today - datetime.timedelta(days=35))
    invitations(later, staff(municipality, "sagsbehandler", 10), "sagsbehandlere", answered=5)
    responses(earlier, "sagsbehandlere", ["2"] * 5)
    responses(later, "sagsbehandlere", ["4"] * 5)
    other = MunicipalityFactory()
    neighbour = closed_round(other, version, opens_on=later.opens_on)
    responses(neighbour, "sagsbehandlere", ["5"] * 5)
    data = round_report(barometer_round=later)
    rate = next(r for r in data.rates if r.group == "sagsbehandlere")
    assert (rate.invited, rate.answered, rate.percent) == (10, 5, 50.0)
    assert data.previous_round == earlier and data.comparable_count == 5
    phase = data.phases[0]
    assert phase.change("sagsbehandlere") == 2.0
    assert phase.national["sagsbehandlere"].mean == 4.5  # this round and the neighbour's, same half-year
    assert data.phases[2].statements[0].spread is None  # one group shown: no disagreement to measure


def _grow(municipality, version, n):
    barometer_round = closed_round(municipality, version)
    invitations(barometer_round, staff(municipality, "sagsbehandler", n), "sagsbehandlere", answered=n)
    responses(barometer_round, "sagsbehandlere", ["4", "3", "2", "5", "ved-ikke"] * (n // 5))
    responses(barometer_round, "superbrugere", ["5"] * n)
    return barometer_round


def test_the_report_runs_in_the_same_number_of_queries_for_few_and_many_respondents(client, municipality,
                                                                                     leader, other_municipality):
    version = questionnaire()
    small = _grow(municipality, version, 5)
    big = _grow(other_municipality, version, 40)
    from tests.factories import MembershipFactory

    other_leader = MembershipFactory(municipality=other_municipality, role="leder").person
    counts = []
    for barometer_round, person in ((small, leader), (big, other_leader)):
        client.force_login(person)
        client.get(reverse("implementation:report", args=[barometer_round.pk]))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("implementation:report", args=[barometer_round.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as queries:
        round_report(barometer_round=big)
    assert len(queries) <= 12


def _licensed(n, version):
    made = []
    for _ in range(n):
        m = MunicipalityFactory()
        agreement(m)
        staff(m, "sagsbehandler", 3)
        barometer_round = closed_round(m, version)
        invitations(barometer_round, staff(m, "sagsbehandler", 2), "sagsbehandlere", answered=1)
        made.append(m)
    return made


def test_the_national_overview_in_a_constant_number_of_queries(client, admin_user):
    version = questionnaire()
    client.force_login(admin_user)
    client.get(reverse("implementation:national"))  # the session's first request loads more than the page
    counts = []
    for n in (2, 6):
        _licensed(n, version)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("implementation:national"), {"sort": "svarprocent", "retning": "faldende"})
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert page.content.decode().count("Testkommune") >= 8
    csv = client.get(reverse("implementation:national_export")).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Kommune;Kode;Fase;Seneste måling åbnede")
    assert len(csv.splitlines()) == 1 + 8


def test_the_plan_page_fills_the_aiming_points_from_the_platform(client, leader, municipality, superuser_person):
    from scheduling.models import Event, Session

    staff(municipality, "superbruger", 2)
    event = Event.objects.create(kind=Event.Kind.TEAM_MEETING, municipality=municipality, title="ICS-teammøde")
    now = timezone.now()
    for days in (10, 40, 70):
        Session.objects.create(event=event, day_number=days, starts_at=now - datetime.timedelta(days=days),
                               ends_at=now - datetime.timedelta(days=days, hours=-1))
    client.force_login(leader)
    with CaptureQueriesContext(connection) as first:
        page = client.get(reverse("implementation:plan", args=[municipality.slug])).content.decode()
    assert "ICS-teammøder holdt de seneste 6 måneder" in page
    assert "<dd>3" in page  # three meetings held
    assert "Udpegede ICS-superbrugere</dt><dd>3" in page
    for days in (100, 130):
        Session.objects.create(event=event, day_number=days, starts_at=now - datetime.timedelta(days=days),
                               ends_at=now - datetime.timedelta(days=days, hours=-1))
    staff(municipality, "superbruger", 3)
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("implementation:plan", args=[municipality.slug]))
    assert len(first) == len(second)


def test_an_open_round_shows_no_figures_until_it_closes(client, municipality, leader):
    """Two looks at an open round's report must not give away whoever answered in between."""
    version = questionnaire()
    today = timezone.localdate()
    barometer_round = closed_round(municipality, version, opens_on=today - datetime.timedelta(days=3))
    barometer_round.closes_on = today + datetime.timedelta(days=4)
    barometer_round.save()
    invitations(barometer_round, staff(municipality, "sagsbehandler", 8), "sagsbehandlere", answered=7)
    responses(barometer_round, "sagsbehandlere", ["5", "5", "5", "5", "5", "5", "5"])
    client.force_login(leader)
    page = client.get(reverse("implementation:report", args=[barometer_round.pk])).content.decode()
    assert "Målingen er åben til og med den" in page
    assert "87,5 %" in page  # the response rate is shown
    assert "5,00" not in page and "Gennemsnit pr. fase" not in page
    csv = client.get(reverse("implementation:report_export", args=[barometer_round.pk, "csv"])).content.decode("utf-8-sig")
    assert all(line.split(";")[5] == "" for line in csv.splitlines()[1:])
