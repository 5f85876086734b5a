"""The layout holds for every role at desktop (1366x900) and phone (390x844) sizes.

Each role logs in (demo-like data built with factories, not the whole demo) and visits the pages it
uses. On every page: the header is one row at 1366 px, the document is never wider than the viewport,
no table reaches past the viewport, and axe finds no serious or critical WCAG 2.1 A/AA issue. The
Wagtail admin's page editor and the moderation pages a superuser and a leader meet are included.
Screenshots are saved under a temporary folder (LAYOUT_SCREENSHOTS=/some/dir keeps them).
"""

import datetime
import os
import pathlib
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from tests.conftest import assert_accessible, browser_login
from tests.factories import TOTP_SECRET, MembershipFactory, MunicipalityFactory, ProviderFactory, TeamFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# What the layout checks read from the page (one evaluate call per page).
MEASURE = """() => {
    const nav = document.querySelector('.main-nav');
    const header = document.querySelector('.site-header .header-inner');
    const link = nav && nav.querySelector('a');
    // A table may be wider than the screen inside a box that scrolls sideways (its own or a wrapper):
    // what must stay inside the viewport is that box.
    const box = (t) => {
        for (let n = t; n && n !== document.body; n = n.parentElement) {
            const o = getComputedStyle(n).overflowX;
            if (o === 'auto' || o === 'scroll' || o === 'hidden') return n;
        }
        return t;
    };
    const tables = [...document.querySelectorAll('main table')].map(t => {
        const r = box(t).getBoundingClientRect();
        return {left: r.left, right: r.right, visible: t.getBoundingClientRect().width > 0};
    });
    return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        navHeight: nav ? nav.getBoundingClientRect().height : 0,
        navVisible: !!nav && nav.getBoundingClientRect().height > 0,
        linkHeight: link ? link.getBoundingClientRect().height : 0,
        headerHeight: header ? header.getBoundingClientRect().height : 0,
        brandHeight: (document.querySelector('.site-header .brand') || {getBoundingClientRect: () => ({height: 0})}).getBoundingClientRect().height,
        tables: tables,
    };
}"""


def _screens():
    keep = os.environ.get("LAYOUT_SCREENSHOTS")
    return pathlib.Path(keep) if keep else None


@pytest.fixture
def screens(tmp_path):
    folder = _screens() or tmp_path / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def world(transactional_db):
    """One municipality with staff in every licence status, a provider with a cohort, a lesson with the
    ICS triangle, and a local lesson waiting for the leader's approval."""
    from content import method as ics_method
    from courses.services.material import local_material_setup
    from scheduling.services.registration import registration_create
    from tests.compliance.factories import agreement, completion, staff
    from tests.courses.test_material_support import build_lesson, local_index
    from tests.factories import national_admin
    from tests.scheduling.factories import cohort, event_with_sessions

    municipality = MunicipalityFactory(name="Testrup Kommune")
    team = TeamFactory(municipality=municipality, name="Familieafdelingen Syd")
    agreement(municipality)
    leader = MembershipFactory(municipality=municipality, role="leder").person
    caseworker = MembershipFactory(municipality=municipality, team=team, role="sagsbehandler",
                                   start_date=datetime.date.today() - datetime.timedelta(days=30)).person
    superuser = MembershipFactory(municipality=municipality, role="superbruger").person
    provider = ProviderFactory()
    coordinator = MembershipFactory(provider=provider, municipality=None, role="koordinator").person
    admin = national_admin()
    for person in [caseworker, leader]:
        person.full_name = {caseworker: "Sofie Lund Kristensen", leader: "Mette Kjær Andersen"}[person]
        person.save()

    # Staff in every status: completed, overdue (started long ago), within the deadline.
    for n in range(6):
        done = staff(municipality, team=team, start=datetime.date(2019, 1, 1))
        completion(done, datetime.date(2020, 3, 1 + n))
    for _n in range(4):
        staff(municipality, team=team, start=datetime.date(2021, 1, 1))
    for _n in range(3):
        staff(municipality, team=team, start=datetime.date.today() - datetime.timedelta(days=20))

    triangle = {"title": "ICS-trekanten", "introduction": "", "dimensions": [
        {"dimension": key, "text": f"<p>Tekst om {ics_method.DIMENSIONS[key].label}.</p>", "highlighted": False}
        for key in ics_method.DIMENSION_KEYS]}
    built = build_lesson(body=[("paragraph", "<p>Indledning til trekanten.</p>"), ("triangle", triangle)])
    course = built.course.specific  # an ICS basic course (the default kind)

    basic_cohort = cohort(provider, title="ICS-grundkursus, hold 1 (Aarhus)", course_page=course, capacity=20)
    registration_create(event=basic_cohort, person=caseworker, by=caseworker, municipality=municipality)
    theme_day = event_with_sessions(days=(10,), municipality=municipality, title="Temadag om tragtmodellen")

    # A superuser's local lesson, submitted: the leader approves it in the admin.
    index_page = local_index(municipality)
    local_material_setup(index_page=index_page)
    local = build_lesson(index=index_page, body=[("paragraph", "<p>Lokal temadag.</p>")]).lesson
    local.save_revision(user=superuser)
    local.get_workflow().start(local, superuser)

    return {
        "municipality": municipality, "caseworker": caseworker, "leader": leader, "superuser": superuser,
        "coordinator": coordinator, "admin": admin, "lesson": built.lesson, "course": course,
        "cohort": basic_cohort, "theme_day": theme_day, "local_lesson": local,
    }


def _pages(role, w):
    slug = w["municipality"].slug
    common = ["/mit/", "/kurser/mine/", "/kalender/", "/kurser/", w["course"].url, w["lesson"].url, "/profil/"]
    return {
        "caseworker": common + ["/compliance/min-status/", f"/kalender/arrangement/{w['theme_day'].pk}/"],
        "superuser": common + [
            "/admin/", f"/admin/pages/{w['lesson'].pk}/edit/", f"/admin/pages/{w['local_lesson'].pk}/edit/",
        ],
        "leader": ["/mit/", f"/compliance/kommune/{slug}/", f"/compliance/kommune/{slug}/tilmeld/",
                   f"/compliance/kommune/{slug}/medarbejdere/", f"/medarbejdere/{slug}/", "/kalender/",
                   f"/kurser/team/{slug}/", "/kurser/",
                   "/admin/", f"/admin/pages/{w['local_lesson'].pk}/edit/"],
        "coordinator": ["/mit/", "/kalender/", f"/kalender/arrangement/{w['cohort'].pk}/",
                        f"/kalender/arrangement/{w['cohort'].pk}/deltagere/",
                        f"/kalender/session/{w['cohort'].sessions.first().pk}/fremmoede/", "/kurser/"],
        "national_admin": ["/mit/", "/compliance/landet/", f"/compliance/kommune/{slug}/", "/medarbejdere/",
                           "/kalender/", "/kurser/", "/admin/", f"/admin/pages/{w['lesson'].pk}/edit/"],
    }[role]


def _login(page, live_server, person):
    browser_login(page, live_server, person.email)
    for attempt in range(2):
        if "/2fa/" not in page.url:
            break
        if attempt:  # a code is accepted once (no replay): the second login of a role waits for the next one
            time.sleep(31 - time.time() % 30)
        counters = list(yield_hotp_counters_from_time())
        page.fill("input[name=code]", format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2])))
        page.locator("main button[type=submit]").first.click()
        page.wait_for_load_state()
    assert "/konto/login/" not in page.url and "/2fa/" not in page.url, f"{person.email} did not get in"


def _check_layout(page, viewport, name, screens, problems, *, compact_header=True):
    page.screenshot(path=str(screens / f"{name}.png"), full_page=True)
    m = page.evaluate(MEASURE)
    where = f"{name} ({page.url})"
    if m["scrollWidth"] > m["innerWidth"]:
        problems.append(f"{where}: the document is {m['scrollWidth']} px wide in a {m['innerWidth']} px viewport")
    for table in m["tables"]:
        if table["visible"] and (table["right"] > m["innerWidth"] + 0.5 or table["left"] < -0.5):
            problems.append(f"{where}: a table reaches {table['left']:.0f}–{table['right']:.0f} px "
                            f"in a {m['innerWidth']} px viewport")
    if viewport is DESKTOP and m["navVisible"]:
        # One row: the nav is no taller than one of its links (plus rounding).
        if m["navHeight"] > m["linkHeight"] * 1.5:
            problems.append(f"{where}: the menu wraps onto more rows ({m['navHeight']:.0f} px for "
                            f"{m['linkHeight']:.0f} px links)")
        if m["headerHeight"] > max(m["linkHeight"], m["brandHeight"]) * 2:
            problems.append(f"{where}: the header wraps ({m['headerHeight']:.0f} px high)")
    if compact_header and viewport is PHONE and m["headerHeight"] > viewport["height"] * 0.1:
        problems.append(f"{where}: the header takes {m['headerHeight']:.0f} of {viewport['height']} px")


@pytest.mark.parametrize("role", ["caseworker", "superuser", "leader", "coordinator", "national_admin"])
def test_every_page_of_every_role_fits_both_sizes(role, browser, live_server, world, screens):
    person = world["admin" if role == "national_admin" else role]
    paths = _pages(role, world)
    problems = []
    for label, viewport in (("1366", DESKTOP), ("390", PHONE)):
        context = browser.new_context(viewport=viewport, locale="da-DK", timezone_id="Europe/Copenhagen")
        page = context.new_page()
        _login(page, live_server, person)
        for path in paths:
            response = page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert response.status == 200, f"{role}: {path} answered {response.status}"
            name = f"{role}-{label}-{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_') or 'root'}"
            _check_layout(page, viewport, name, screens, problems)
            try:
                assert_accessible(page)
            except AssertionError as error:
                problems.append(f"{name}: " + " | ".join(str(error).splitlines()[:4]))
        context.close()
    assert not problems, "\n".join(problems)


def test_the_leader_meets_the_lesson_awaiting_her_review(browser, live_server, world, screens):
    """The Wagtail dashboard's "awaiting your review" listing, and the moderation page behind it."""
    context = browser.new_context(viewport=DESKTOP, locale="da-DK", timezone_id="Europe/Copenhagen")
    page = context.new_page()
    _login(page, live_server, world["leader"])
    page.goto(live_server.url + "/admin/")
    assert world["local_lesson"].title in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/admin/pages/{world['local_lesson'].pk}/edit/")
    assert page.locator('[data-workflow-action-name="approve"]').count() >= 1
    assert_accessible(page)
    page.screenshot(path=str(screens / "leader-review.png"), full_page=True)
    context.close()


def test_phone_menu_is_a_disclosure_button_that_works_by_keyboard(browser, live_server, world):
    context = browser.new_context(viewport=PHONE, locale="da-DK")
    page = context.new_page()
    _login(page, live_server, world["leader"])
    button = page.locator("[data-menu-toggle]")
    nav = page.locator(".main-nav")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and nav.is_visible()
    assert nav.get_by_role("link", name="Medarbejdere", exact=True).is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-menu-toggle')")
    page.keyboard.press(" ")
    assert nav.is_visible()
    context.close()


def test_without_javascript_the_menu_shows_and_tables_scroll_inside_themselves(browser, live_server, world, screens):
    context = browser.new_context(viewport=PHONE, locale="da-DK", java_script_enabled=False)
    page = context.new_page()
    _login(page, live_server, world["leader"])
    assert page.locator(".main-nav").is_visible()
    assert not page.locator("[data-menu-toggle]").is_visible()
    problems = []
    slug = world["municipality"].slug
    for path in [f"/compliance/kommune/{slug}/", f"/compliance/kommune/{slug}/medarbejdere/", f"/medarbejdere/{slug}/"]:
        page.goto(live_server.url + path)
        assert page.evaluate(MEASURE)["tables"], f"{path} shows a table"
        assert not page.locator("table.is-stacked").count()
        # Without JavaScript there is no menu button: the menu is shown open, so the header is taller.
        _check_layout(page, PHONE, "nojs-" + path.strip("/").replace("/", "_"), screens, problems, compact_header=False)
    assert not problems, "\n".join(problems)
    context.close()


def test_tables_become_labelled_cards_on_a_phone(browser, live_server, world, screens):
    context = browser.new_context(viewport=PHONE, locale="da-DK")
    page = context.new_page()
    _login(page, live_server, world["leader"])
    page.goto(f"{live_server.url}/compliance/kommune/{world['municipality'].slug}/")
    table = page.locator("main table", has=page.locator(".badge-status")).first
    assert "is-stacked" in table.get_attribute("class")
    headers = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    first_row = table.locator("tbody tr").first
    labels = [cell.get_attribute("data-label") for cell in first_row.locator("td").all()]
    assert labels and all(label in headers for label in labels)
    # The status cell sits inside the viewport, under its label.
    status = first_row.locator(".badge-status").first
    box = status.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=str(screens / "leader-report-cards.png"), full_page=True)
    context.close()


def test_each_status_has_its_own_colour_and_marker(browser, live_server, world):
    from compliance.status import BADGE, Status

    context = browser.new_context(viewport=DESKTOP, locale="da-DK")
    page = context.new_page()
    _login(page, live_server, world["leader"])
    page.goto(live_server.url + "/mit/")
    seen = page.evaluate("""(classes) => classes.map(c => {
        const el = document.createElement('span');
        el.className = 'badge ' + c;
        el.textContent = 'x';
        document.body.appendChild(el);
        const style = getComputedStyle(el), before = getComputedStyle(el, '::before');
        const result = [style.color, style.backgroundColor, before.content];
        el.remove();
        return result;
    })""", [BADGE[s] for s in Status])
    colours = {(c, b) for c, b, _m in seen}
    markers = {m for _c, _b, m in seen}
    assert len(colours) == len(Status), seen
    assert len(markers) == len(Status) and "none" not in markers and "normal" not in markers, seen
    context.close()
