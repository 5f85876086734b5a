"""Every role lands on a home that shows its next action, with the demo data, in Chromium at 1366 px
and 390 px: the right panels (and no other role's), no sideways scrolling, axe clean; and the national
report with its map and table. Screenshots go to $SCREENSHOT_DIR when it is set."""

import os
from pathlib import Path

import pytest

from tests.conftest import assert_accessible

from .helpers import demo_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = ((1366, 900), (390, 844))
# role: (demo account, the panels its home must show, panels it must not show)
HOMES = {
    "caseworker": ("sagsbehandler1@skanderborg.demo", ["compliance_own", "my_courses"],
                   ["compliance_leader", "scheduling_cohorts", "compliance_national", "local_material"]),
    "superuser": ("superbruger@skanderborg.demo", ["local_material", "scheduling_local_events"],
                  ["compliance_leader", "scheduling_cohorts", "compliance_national"]),
    "leader": ("leder@skanderborg.demo", ["compliance_leader", "material_approvals", "scheduling_local_events"],
               ["compliance_own", "scheduling_cohorts", "compliance_national"]),
    "coordinator": ("udbyder@via.demo", ["scheduling_cohorts", "completion_records"],
                    ["compliance_own", "compliance_leader", "compliance_national", "my_courses"]),
}


@pytest.fixture
def demo(demo_committed):
    """The demo as just loaded, committed (loaded once; later tests get its rows back by SQL)."""


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def _admin_login(page, live_server):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from people.demo import DEMO_ADMIN_TOTP_SECRET

    demo_login(page, live_server, "admin@ics.demo")
    counters = list(yield_hotp_counters_from_time())
    page.fill("input[name=code]", format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counters[len(counters) // 2])))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("role", list(HOMES))
def test_each_role_lands_on_its_home(browser, live_server, demo, role):
    email, wanted, unwanted = HOMES[role]
    for width, height in SIZES:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK",
                                      timezone_id="Europe/Copenhagen")
        page = context.new_page()
        demo_login(page, live_server, email)
        page.goto(f"{live_server.url}/mit/")
        for key in wanted:
            assert page.locator(f"#panel-{key}").count() == 1, (role, key)
        for key in unwanted:
            assert page.locator(f"#panel-{key}").count() == 0, (role, key)
        _no_sideways_scroll(page)
        assert_accessible(page)
        _shot(page, f"home-{role}-{width}")
        context.close()


def test_the_caseworkers_next_step_and_the_coordinators_cohorts(page, live_server, demo):
    demo_login(page, live_server, "sagsbehandler1@skanderborg.demo")
    page.goto(f"{live_server.url}/mit/")
    own = page.locator("#panel-compliance_own").locator("xpath=..")
    assert own.get_by_text("Frist").count() >= 1  # the deadline
    assert own.get_by_text("Det mangler").count() == 1  # what is missing
    assert own.locator(".own-next a.button").count() >= 1  # the button that fixes it


def test_the_national_admins_home_and_the_national_report(browser, live_server, demo):
    # One login (a TOTP code is accepted once), then both sizes.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK",
                                  timezone_id="Europe/Copenhagen")
    page = context.new_page()
    _admin_login(page, live_server)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/mit/")
        assert page.locator("#panel-compliance_national").count() == 1
        assert page.locator("#panel-compliance_national").locator("xpath=..").locator("svg").count() == 1
        _no_sideways_scroll(page)
        assert_accessible(page)
        _shot(page, f"home-national-{width}")
        page.goto(f"{live_server.url}/compliance/landet/")
        rows = page.locator(".compliance-table tbody tr")
        assert 0 < rows.count() < 98  # licensed municipalities only, by default
        assert page.locator(".national-map .map-tile").count() == 98
        _no_sideways_scroll(page)
        assert_accessible(page)
        _shot(page, f"national-report-{width}")
    page.get_by_role("link", name="Vis alle 98 kommuner").click()
    page.wait_for_load_state()
    assert page.locator(".compliance-table tbody tr").count() == 98
    context.close()
