"""The barometer in a real browser: a caseworker answers by keyboard alone; the leader's report and plan
pass axe."""

import datetime

import pytest
from django.utils import timezone

from implementation.models import Response, RoundInvitation
from implementation.services.rounds import round_open
from tests.conftest import assert_accessible, browser_login
from tests.e2e.helpers import tab_to

from .factories import closed_round, invitations, questionnaire, responses, staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_answers_by_keyboard_alone(page, live_server, municipality, leader, caseworker):
    today = timezone.localdate()
    version = questionnaire()
    barometer_round = round_open(municipality=municipality, version=version, opens_on=today,
                                 closes_on=today + datetime.timedelta(days=7), groups=["sagsbehandlere"], by=leader)
    browser_login(page, live_server, caseworker.email)
    page.goto(f"{live_server.url}/implementering/maaling/{barometer_round.pk}/")
    assert "Implementeringsbarometer" in page.locator("h1").inner_text()
    assert_accessible(page)
    fieldsets = page.locator("fieldset.impl-statement")
    assert fieldsets.count() == 4  # the superuser statement is not shown to a caseworker
    tab_to(page, "input[type=radio]")
    for _ in range(fieldsets.count()):
        for _ in range(3):
            page.keyboard.press("ArrowRight")  # from »Helt uenig« to »Enig«
        page.keyboard.press("Tab")
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Dine svar er sendt anonymt").wait_for()
    assert Response.objects.filter(round=barometer_round, group="sagsbehandlere").count() == 1
    response = Response.objects.get(round=barometer_round)
    assert set(response.answers.values_list("value", flat=True)) == {"4"}
    assert RoundInvitation.objects.get(round=barometer_round, person=caseworker).has_answered


def test_the_report_and_the_plan_pass_axe(page, live_server, municipality, leader):
    version = questionnaire()
    today = timezone.localdate()
    earlier = closed_round(municipality, version, opens_on=today - datetime.timedelta(days=400))
    later = closed_round(municipality, version, opens_on=today - datetime.timedelta(days=35))
    for barometer_round, values in ((earlier, ["2", "3", "3", "2", "4", "ved-ikke"]), (later, ["4", "4", "5", "3", "4", "2"])):
        invitations(barometer_round, staff(municipality, "sagsbehandler", 7), "sagsbehandlere", answered=6)
        responses(barometer_round, "sagsbehandlere", values)
        responses(barometer_round, "superbrugere", ["5", "5"])
        responses(barometer_round, "ledere", ["4", "3", "4", "5", "4"])
    browser_login(page, live_server, leader.email)
    page.goto(f"{live_server.url}/implementering/maaling/{later.pk}/rapport/")
    assert page.get_by_text("Nogle grupper er skjult.").is_visible()
    assert page.locator("svg.impl-chart").count() >= 5
    assert_accessible(page)
    page.screenshot(path="/tmp/barometer/report.png", full_page=True)
    page.goto(f"{live_server.url}/implementering/kommune/{municipality.slug}/")
    assert page.get_by_role("heading", name="De syv sigtepunkter").is_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/barometer/plan.png", full_page=True)
