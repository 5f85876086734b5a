"""Keyboard-only use of the case exercise (the other interactive blocks are driven by keyboard in
tests/courses/test_material_e2e.py): type answers, see them autosaved, submit, read the model answer;
a failed quiz waits for its pause before a retry; »Markér som gennemført« waits for the quiz."""

import datetime

import pytest

from courses.models import CaseAnswer, LessonPage, LessonProgress, QuizAttempt
from courses.services.enrolment import enrolment_self
from tests.conftest import assert_accessible, browser_login
from tests.courses.test_material_support import CASE, QUIZ, build_lesson

from .helpers import tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_case_exercise_by_keyboard_alone(page, live_server, caseworker):
    built = build_lesson(body=[("paragraph", "<p>Indledning.</p>"), ("case_exercise", CASE)])
    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + built.lesson.url)
    assert "MODELSVAR-BEKYMRING" not in page.content()  # the model answer stays on the server

    tab_to(page, ".case-form textarea")
    page.keyboard.type("Skolen er bekymret for fravær og sult.")
    page.locator("[data-case-status]").filter(has_text="Gemt").wait_for()
    answer = CaseAnswer.objects.get(person=caseworker)
    assert answer.submitted_at is None and "fravær" in str(answer.answers)

    page.keyboard.press("Tab")
    page.keyboard.type("Bedstemor henter ham ofte og er en ressource.")
    tab_to(page, ".case-form button[value=submit]")
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    page.locator(".case-model").first.wait_for()
    assert "MODELSVAR-BEKYMRING" in page.content()
    answer.refresh_from_db()
    assert answer.submitted_at is not None
    assert_accessible(page)


def _key_choose(page, built, question, text):
    """Choose an answer as a keyboard user does: Tab to the question's choices, then (radio buttons)
    the arrow keys to the answer, or (check boxes) Tab to it; Space ticks it."""
    target = f'[id$="-{built.questions[question].answers[text]}"]'
    tab_to(page, f'input[name="q-{built.questions[question].id}"]')
    for _ in range(10):
        if page.evaluate("(s) => document.activeElement.matches(s)", target):
            break
        radio = page.evaluate("document.activeElement.type === 'radio'")
        page.keyboard.press("ArrowDown" if radio else "Tab")
    assert page.evaluate("(s) => document.activeElement.matches(s)", target)
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def _age_attempts(person, minutes):
    for attempt in QuizAttempt.objects.filter(person=person):
        attempt.submitted_at -= datetime.timedelta(minutes=minutes)
        attempt.save(update_fields=["submitted_at"])


def test_quiz_retry_waits_for_the_pause_by_keyboard_alone(page, live_server, caseworker):
    built = build_lesson(body=[("paragraph", "<p>Indledning.</p>"), ("quiz", QUIZ)])
    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + built.lesson.url)

    _key_choose(page, built, 0, "Syv")
    _key_choose(page, built, 1, "Socialt netværk")
    tab_to(page, ".quiz-form button[type=submit]")
    page.keyboard.press("Enter")
    pause = page.locator("[data-quiz-pause]")
    pause.wait_for()
    assert "Du kan prøve igen kl." in pause.inner_text()
    assert page.locator("[data-retry-link]").is_hidden()  # no way to retry before the pause is over
    for secret in ("Rigtigt svar", "FORKLARING-TI", "FEEDBACK-SYV-FORKERT"):
        assert secret not in page.content()
    assert page.evaluate("document.activeElement.matches('[data-result]')")  # focus moved to the result
    assert_accessible(page)

    _age_attempts(caseworker, 2)  # the pause is over (no waiting in a test)
    page.reload()
    tab_to(page, "[data-retry-link] a")
    page.keyboard.press("Enter")
    page.locator(".quiz-form").wait_for()
    _key_choose(page, built, 0, "Ti")
    _key_choose(page, built, 1, "Trygt omsorgsmiljø")
    _key_choose(page, built, 1, "Stimulering og vejledning")
    tab_to(page, ".quiz-form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator(".exercise-result.is-passed").wait_for()
    assert "FEEDBACK-TI-RIGTIGT" in page.content()
    assert QuizAttempt.objects.filter(person=caseworker, passed=True).count() == 1


def test_completion_button_waits_for_the_quiz_by_keyboard_alone(page, live_server, caseworker):
    built = build_lesson(body=[("paragraph", "<p>Indledning.</p>"), ("quiz", QUIZ)])
    plain = LessonPage.objects.get(pk=built.lesson.pk).get_parent().add_child(
        instance=LessonPage(title="Efter quizzen", slug="efter-quizzen", body=[("paragraph", "<p>Tekst.</p>")]))
    enrolment_self(person=caseworker, course=built.course)
    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + built.lesson.url)

    tab_to(page, "[data-completion-blocked]")  # reachable, and says why it waits
    blocked = page.locator("[data-completion-blocked]")
    assert blocked.get_attribute("aria-disabled") == "true"
    reason = page.locator(f"#{blocked.get_attribute('aria-describedby')}").inner_text()
    assert "bestået quizzen »Quiz om trekanten«" in reason
    page.keyboard.press("Enter")
    assert not LessonProgress.objects.filter(person=caseworker).exists()

    _key_choose(page, built, 0, "Ti")
    _key_choose(page, built, 1, "Trygt omsorgsmiljø")
    _key_choose(page, built, 1, "Stimulering og vejledning")
    tab_to(page, ".quiz-form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator(".exercise-result.is-passed").wait_for()
    page.locator("[data-completion-blocked]").wait_for(state="detached")  # the controls were swapped in
    assert_accessible(page)

    page.goto(live_server.url + plain.url)
    tab_to(page, ".learning-controls button[type=submit]:not([name])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert LessonProgress.objects.filter(person=caseworker, lesson=plain).exists()
    assert "Lektionen er gennemført" in page.content()
