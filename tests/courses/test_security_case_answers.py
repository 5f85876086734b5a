"""A case answer that holds something shaped like a CPR number is refused over HTTP (autosave, submit
and the plain form post) with the validator's message, and nothing is saved."""

import pytest
from django.urls import reverse

from courses.models import CaseAnswer
from tests.courses.test_material_support import build_lesson

JSON = {"HTTP_ACCEPT": "application/json"}
CPR_SHAPED = ("Barnet har cpr 010203-1234.", "Mor: 0102031234", "Født 31 12 99 — 311299 1234")


@pytest.fixture
def built(db):
    return build_lesson()


def _url(built, action):
    return reverse(f"courses:{action}", args=[built.lesson.pk, built.case_id])


@pytest.mark.parametrize("text", CPR_SHAPED)
@pytest.mark.parametrize("action", ["case_save", "case_submit"])
def test_autosave_and_submit_refuse_a_cpr_shaped_number_with_json(client, caseworker, built, action, text):
    client.force_login(caseworker)
    task1, task2 = built.tasks
    response = client.post(_url(built, action), {f"task-{task1}": "Skolen er bekymret.", f"task-{task2}": text},
                           **JSON)
    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False and "CPR" in data["error"]
    assert not CaseAnswer.objects.exists()


def test_a_cpr_number_cannot_be_added_to_a_saved_draft(client, caseworker, built):
    client.force_login(caseworker)
    task1, _task2 = built.tasks
    client.post(_url(built, "case_save"), {f"task-{task1}": "Skolen er bekymret."}, **JSON)
    answer = CaseAnswer.objects.get()
    response = client.post(_url(built, "case_save"), {"answer": answer.pk, f"task-{task1}": "cpr 010203-1234"},
                           **JSON)
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.answers == {task1: "Skolen er bekymret."}


def test_the_plain_form_post_shows_the_message_and_saves_nothing(client, caseworker, built):
    client.force_login(caseworker)
    response = client.post(_url(built, "case_save"), {f"task-{built.tasks[0]}": "010203-1234"}, follow=True)
    assert response.status_code == 200
    assert "CPR" in response.content.decode()
    assert not CaseAnswer.objects.exists()


def test_numbers_that_are_not_dates_are_accepted(client, caseworker, built):
    client.force_login(caseworker)
    response = client.post(_url(built, "case_save"), {f"task-{built.tasks[0]}": "Sagsnr. 999999-1234, tlf. 12345678"},
                           **JSON)
    assert response.status_code == 200 and CaseAnswer.objects.count() == 1
