"""A quiz teaches before it tells: the correct answers, the feedback and the explanations are shown only
after a pass or after the block's number of attempts, and a failed attempt is followed by a pause.
Every rule is checked from the outside, over HTTP, as a learner who posts directly would try it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import QuizAttempt
from courses.services.exercises import clock
from tests.courses.test_material_support import QUIZ, build_lesson, correct_quiz_post
from tests.factories import MembershipFactory

JSON = {"HTTP_ACCEPT": "application/json"}
# Everything that tells which answer is right (the fixture's answer key and its markers).
SECRETS = ["FEEDBACK-SYV-FORKERT", "FEEDBACK-TI-RIGTIGT", "FORKLARING-TI", "FEEDBACK-OMSORG", "FEEDBACK-NETVAERK",
           "FEEDBACK-STIMULERING", "Rigtigt svar"]


def _lesson(**settings):
    return build_lesson(body=[("paragraph", "<p>Indledning.</p>"), ("quiz", {**QUIZ, **settings})])


@pytest.fixture
def built(db):
    return _lesson()


@pytest.fixture
def learner(client, caseworker):
    client.force_login(caseworker)
    return caseworker


def quiz_url(built):
    return reverse("courses:quiz_submit", args=[built.lesson.pk, built.quiz_id])


def wrong_post(built):
    q1, q2 = built.questions
    return {f"q-{q1.id}": [q1.answers["Syv"]], f"q-{q2.id}": [q2.answers["Socialt netværk"]]}


def _age_attempts(person, minutes):
    """Move the learner's attempts back in time, as if `minutes` had passed (no waiting in tests)."""
    for attempt in QuizAttempt.objects.filter(person=person):
        attempt.submitted_at -= datetime.timedelta(minutes=minutes)
        attempt.save(update_fields=["submitted_at"])


def _page(client, built, query=""):
    return client.get(built.lesson.url + query).content.decode()


def test_a_failed_attempt_shows_which_questions_were_wrong_but_not_the_answers(client, learner, built):
    response = client.post(quiz_url(built), wrong_post(built), **JSON)
    assert response.status_code == 200
    data = response.json()
    assert (data["score"], data["passed"]) == (0, False)
    for html in (data["html"], _page(client, built)):
        for secret in SECRETS:
            assert secret not in html, secret
        assert html.count("Ikke helt") == 2  # a verdict per question
        assert "Dit svar" in html
        assert "efter 3 forsøg (du har brugt 1)" in html


def test_a_question_answered_right_shows_its_own_feedback_and_nothing_of_the_others(client, learner, built):
    q1, q2 = built.questions
    post = {f"q-{q1.id}": [q1.answers["Ti"]], f"q-{q2.id}": [q2.answers["Trygt omsorgsmiljø"]]}
    html = client.post(quiz_url(built), post, **JSON).json()["html"]
    assert "FEEDBACK-TI-RIGTIGT" in html and "FORKLARING-TI" in html  # question 1 was right
    assert "FEEDBACK-OMSORG" not in html and "FEEDBACK-STIMULERING" not in html  # question 2 was not
    assert html.count("Rigtigt svar") == 1


def test_an_immediate_retry_is_refused_on_the_server_and_nothing_is_stored(client, learner, built):
    client.post(quiz_url(built), wrong_post(built), **JSON)
    first = QuizAttempt.objects.get(person=learner)
    response = client.post(quiz_url(built), {**correct_quiz_post(built), "attempt": first.pk}, **JSON)
    assert response.status_code == 429
    retry_at = first.submitted_at + datetime.timedelta(minutes=1)
    assert f"Du kan prøve igen kl. {clock(retry_at)}" in response.json()["error"]
    assert QuizAttempt.objects.filter(person=learner).count() == 1
    # Without JavaScript: back to the block with the same message, still nothing stored.
    page = client.post(quiz_url(built), correct_quiz_post(built), follow=True).content.decode()
    assert f"kl. {clock(retry_at)}" in page
    assert QuizAttempt.objects.filter(person=learner).count() == 1


def test_the_retry_form_is_not_offered_during_the_pause(client, learner, built):
    client.post(quiz_url(built), wrong_post(built), **JSON)
    html = _page(client, built, f"?igen={built.quiz_id}")
    assert f'name="q-{built.questions[0].id}"' not in html  # no form yet
    assert "Du kan prøve igen kl." in html
    _age_attempts(learner, 2)
    html = _page(client, built, f"?igen={built.quiz_id}")
    assert f'name="q-{built.questions[0].id}"' in html
    assert "Du kan prøve igen kl." not in html


def test_after_the_pause_a_new_attempt_counts(client, learner, built):
    client.post(quiz_url(built), wrong_post(built), **JSON)
    _age_attempts(learner, 1)
    response = client.post(quiz_url(built), correct_quiz_post(built), **JSON)
    assert response.status_code == 200 and response.json()["passed"] is True


def test_the_answers_are_revealed_after_three_attempts_without_a_pass(client, learner, built):
    for number in range(1, 4):
        html = client.post(quiz_url(built), wrong_post(built), **JSON).json()["html"]
        _age_attempts(learner, 2)
        if number < 3:
            assert "FORKLARING-TI" not in html and "Rigtigt svar" not in html
    assert "FORKLARING-TI" in html and "FEEDBACK-SYV-FORKERT" in html and "Rigtigt svar" in html
    assert "Efter 3 forsøg" in html
    assert "FORKLARING-TI" in _page(client, built)


def test_a_pass_reveals_at_once_and_needs_no_pause(client, learner, built):
    html = client.post(quiz_url(built), correct_quiz_post(built), **JSON).json()["html"]
    assert "FEEDBACK-TI-RIGTIGT" in html and "Bestået" in html
    assert "Du kan prøve igen kl." not in html
    again = client.post(quiz_url(built), wrong_post(built), **JSON)
    assert again.status_code == 200
    # Passed once, the answers stay open and no pause follows the practice attempt.
    assert "FEEDBACK-SYV-FORKERT" in again.json()["html"]
    assert client.post(quiz_url(built), correct_quiz_post(built), **JSON).status_code == 200


def test_the_block_sets_the_attempts_and_the_pause(client, learner):
    built = _lesson(reveal_after=1, retry_pause=0)
    html = client.post(quiz_url(built), wrong_post(built), **JSON).json()["html"]
    assert "FORKLARING-TI" in html  # revealed after one attempt
    assert client.post(quiz_url(built), wrong_post(built), **JSON).status_code == 200  # no pause
    built = _lesson(reveal_after=5, retry_pause=10)
    client.post(quiz_url(built), wrong_post(built), **JSON)
    _age_attempts(learner, 9)
    assert client.post(quiz_url(built), wrong_post(built), **JSON).status_code == 429
    _age_attempts(learner, 2)
    assert client.post(quiz_url(built), wrong_post(built), **JSON).status_code == 200


def test_a_quiz_stored_before_the_settings_existed_uses_the_defaults(client, learner, built):
    raw = list(type(built.lesson).objects.get(pk=built.lesson.pk).body.raw_data)
    for item in raw:
        if item["type"] == "quiz":
            item["value"].pop("reveal_after", None)
            item["value"].pop("retry_pause", None)
    type(built.lesson).objects.filter(pk=built.lesson.pk).update(body=raw)
    client.post(quiz_url(built), wrong_post(built), **JSON)
    assert client.post(quiz_url(built), wrong_post(built), **JSON).status_code == 429


def test_the_pause_and_the_answers_are_each_learners_own(client, learner, built, municipality):
    for _ in range(3):
        client.post(quiz_url(built), wrong_post(built), **JSON)
        _age_attempts(learner, 2)
    assert "FORKLARING-TI" in _page(client, built)
    client.post(quiz_url(built), wrong_post(built), **JSON)  # the learner is paused now
    colleague = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    client.force_login(colleague)
    html = _page(client, built)
    for secret in [*SECRETS, "Dit svar", "Du kan prøve igen"]:
        assert secret not in html, secret
    response = client.post(quiz_url(built), wrong_post(built), **JSON)
    assert response.status_code == 200  # not paused by someone else's attempt
    assert "FORKLARING-TI" not in response.json()["html"]  # nor shown their revealed answers


def test_naming_another_learners_attempt_does_not_borrow_their_standing(client, learner, built, municipality):
    colleague = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    client.force_login(colleague)
    client.post(quiz_url(built), correct_quiz_post(built), **JSON)
    theirs = QuizAttempt.objects.get(person=colleague)
    client.force_login(learner)
    response = client.post(quiz_url(built), {**wrong_post(built), "attempt": theirs.pk}, **JSON)
    assert response.status_code == 403
    assert not QuizAttempt.objects.filter(person=learner).exists()


def test_the_json_answer_holds_nothing_beyond_the_score_before_the_reveal(client, learner, built):
    data = client.post(quiz_url(built), wrong_post(built), **JSON).json()
    assert set(data) == {"ok", "score", "max_score", "passed", "message", "html", "controls"}
    for secret in SECRETS:
        assert secret not in data["controls"]


def test_the_pause_is_measured_from_the_last_failed_attempt(client, learner, built):
    client.post(quiz_url(built), wrong_post(built), **JSON)
    attempt = QuizAttempt.objects.get(person=learner)
    attempt.submitted_at = timezone.now() - datetime.timedelta(seconds=59)
    attempt.save(update_fields=["submitted_at"])
    assert client.post(quiz_url(built), wrong_post(built), **JSON).status_code == 429
    attempt.submitted_at = timezone.now() - datetime.timedelta(seconds=61)
    attempt.save(update_fields=["submitted_at"])
    assert client.post(quiz_url(built), wrong_post(built), **JSON).status_code == 200
