"""Keyboard-only use of the case exercise (the other interactive blocks are driven by keyboard in
tests/courses/test_material_e2e.py): type answers, see them autosaved, submit, read the model answer."""

import pytest

from courses.models import CaseAnswer
from tests.conftest import assert_accessible, browser_login
from tests.courses.test_material_support import CASE, build_lesson

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
