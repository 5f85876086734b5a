"""A caseworker works through a lesson in a real browser with the keyboard alone: the triangle opens a
dimension, the funnel steps, the quiz and the magnet board are answered and scored by the server."""

import pytest

from content import method as ics_method
from courses.models import MagnetBoardAttempt, QuizAttempt
from tests.conftest import assert_accessible, browser_login
from tests.courses.test_material_support import MAGNETS, QUIZ, build_lesson

# tests/conftest.py restores the data migrations' reference data for transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TRIANGLE = {
    "title": "ICS-trekanten", "introduction": "",
    "dimensions": [{"dimension": key, "text": f"<p>Tekst om {ics_method.DIMENSIONS[key].label}.</p>", "highlighted": False}
                   for key in ics_method.DIMENSION_KEYS],
}
FUNNEL = {
    "title": "Tragtmodellen", "case": "<p>En opdigtet underretning.</p>",
    "phases": [{"phase": key, "questions": list(questions), "notes": ""} for key, _l, questions in ics_method.FUNNEL_PHASES],
}


def tab_to(page, selector, limit=250):
    """Press Tab until the focused element matches the selector (keyboard only, no clicks)."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_lesson_by_keyboard_alone(page, live_server, caseworker):
    built = build_lesson(body=[
        ("paragraph", "<p>Indledning.</p>"), ("triangle", TRIANGLE), ("funnel", FUNNEL),
        ("quiz", QUIZ), ("magnet_board", MAGNETS),
    ])
    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + built.lesson.url)
    assert page.locator("h1").inner_text() == built.lesson.title
    assert_accessible(page)

    # The triangle: a dimension opens its text.
    tab_to(page, '[data-dim="socialt-netvaerk"]')
    page.keyboard.press("Enter")
    panel = page.locator(".triangle-panel")
    assert "Tekst om Socialt netværk." in panel.inner_text()
    assert page.locator('[data-dim="socialt-netvaerk"]').get_attribute("aria-expanded") == "true"

    # The funnel: one phase at a time.
    assert page.locator("[data-phase]:visible").count() == 1
    tab_to(page, ".funnel-nav button:not([disabled]):last-child")
    page.keyboard.press("Enter")
    assert "Fase 2 af 3" in page.locator(".funnel-status").inner_text()
    assert "Hypotesedannelse" in page.locator("[data-phase]:visible h3").inner_text()

    # The quiz: radio with the arrow keys, check boxes with Space.
    q1, q2 = built.questions
    tab_to(page, f'input[name="q-{q1.id}"]')
    page.keyboard.press("ArrowDown")  # moves to and checks the second answer, "Ti"
    assert page.locator(f'input[value="{q1.answers["Ti"]}"]').is_checked()
    for answer in ("Trygt omsorgsmiljø", "Stimulering og vejledning"):
        tab_to(page, f'input[value="{q2.answers[answer]}"]')
        page.keyboard.press("Space")
    tab_to(page, ".quiz-form button[type=submit]")
    page.keyboard.press("Enter")
    result = page.locator(".quiz [data-result]")
    result.wait_for()
    assert "Bestået" in result.inner_text() and "2 af 2 rigtige" in result.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-result')")  # focus moved to the result
    attempt = QuizAttempt.objects.get(person=caseworker)
    assert (attempt.score, attempt.passed) == (2, True)

    # The magnet board: Enter on a card picks it up, Enter on a dimension places it.
    placements = {card["text"]: card["dimension"] for card in MAGNETS["cards"]}
    for _ in placements:
        tab_to(page, ".magnet-tray .magnet-card")
        text = page.evaluate("document.activeElement.querySelector('.magnet-card-text').textContent")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
        tab_to(page, f'[data-zone="{placements[text]}"] .magnet-zone-button')
        page.keyboard.press("Enter")
    assert "2 af 2 kort placeret" in page.locator(".magnet-counter").inner_text()
    tab_to(page, ".magnet-form button[type=submit]")
    page.keyboard.press("Enter")
    board_result = page.locator(".magnet-board [data-result]")
    board_result.wait_for()
    assert "2 af 2 kort placeret rigtigt" in board_result.inner_text()
    assert MagnetBoardAttempt.objects.get(person=caseworker).score == 2
    assert_accessible(page)


def test_without_javascript_the_blocks_are_lists_and_forms(browser, live_server, caseworker):
    built = build_lesson(body=[("triangle", TRIANGLE), ("magnet_board", MAGNETS)])
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + built.lesson.url)
    assert page.locator(".triangle-list").is_visible()
    assert not page.locator(".triangle-figure").is_visible()
    assert "Tekst om Socialt netværk." in page.locator(".triangle-list").inner_text()
    selects = page.locator(".magnet-select-list select")
    assert selects.count() == 2
    for index, card in enumerate(MAGNETS["cards"]):
        selects.nth(index).select_option(card["dimension"])
    page.locator(".magnet-form button[type=submit]").click()
    assert "2 af 2 kort placeret rigtigt" in page.locator(".magnet-board").inner_text()
    context.close()
