"""Exercises are scored on the server, stored per learner, and tampered posts are refused with a
Danish message and nothing saved."""

import pytest
from django.urls import reverse

from courses.models import CaseAnswer, MagnetBoardAttempt, QuizAttempt
from courses.signals import exercise_submitted
from tests.courses.test_material_support import build_lesson, correct_quiz_post, local_index
from tests.factories import MembershipFactory

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def built(db):
    return build_lesson()


@pytest.fixture
def learner(client, caseworker):
    client.force_login(caseworker)
    return caseworker


@pytest.fixture
def signals():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    exercise_submitted.connect(receiver, dispatch_uid="test-material-signals")
    yield received
    exercise_submitted.disconnect(dispatch_uid="test-material-signals")


def quiz_url(built):
    return reverse("courses:quiz_submit", args=[built.lesson.pk, built.quiz_id])


def magnet_url(built):
    return reverse("courses:magnet_submit", args=[built.lesson.pk, built.magnet_id])


def case_url(built, action="case_save"):
    return reverse(f"courses:{action}", args=[built.lesson.pk, built.case_id])


# --- Quiz -------------------------------------------------------------------------------------


def test_correct_quiz_is_scored_stored_and_signalled(client, learner, built, signals,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(quiz_url(built), correct_quiz_post(built), **JSON)
    assert response.status_code == 200
    data = response.json()
    assert (data["score"], data["max_score"], data["passed"]) == (2, 2, True)
    attempt = QuizAttempt.objects.get(person=learner)
    assert (attempt.lesson_id, attempt.block_id, attempt.passed) == (built.lesson.pk, built.quiz_id, True)
    assert signals == [{"signal": exercise_submitted, "person_id": learner.pk, "lesson_id": built.lesson.pk,
                        "kind": "quiz"}]
    # The re-rendered block now holds the feedback.
    assert "FEEDBACK-TI-RIGTIGT" in data["html"]
    assert "Bestået" in data["html"]


def test_partly_wrong_quiz_fails_at_a_pass_mark_of_100(client, learner, built):
    q1, q2 = built.questions
    post = {f"q-{q1.id}": q1.answers["Ti"], f"q-{q2.id}": [q2.answers["Trygt omsorgsmiljø"]]}
    data = client.post(quiz_url(built), post, **JSON).json()
    assert (data["score"], data["passed"]) == (1, False)
    assert QuizAttempt.objects.get(person=learner).passed is False


def test_quiz_without_javascript_redirects_back_to_the_block_with_feedback(client, learner, built):
    response = client.post(quiz_url(built), correct_quiz_post(built), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#blk-{built.quiz_id}")
    html = response.content.decode()
    assert "2 af 2 rigtige" in html
    assert "FEEDBACK-TI-RIGTIGT" in html


def _refused(response, text):
    assert response.status_code in (400, 403, 404, 409)
    assert text in response.json()["error"]


@pytest.mark.parametrize("tamper, message", [
    ("unknown_question", "ikke er i denne quiz"),
    ("duplicate_answer", "samme svar mere end én gang"),
    ("foreign_answer", "ikke hører til"),
    ("two_on_single", "kun have ét svar"),
    ("missing_question", "Besvar alle spørgsmål"),
])
def test_tampered_quiz_posts_are_refused_and_nothing_saved(client, learner, built, signals, tamper, message,
                                                           django_capture_on_commit_callbacks):
    q1, q2 = built.questions
    post = correct_quiz_post(built)
    if tamper == "unknown_question":
        post["q-ikke-et-spoergsmaal"] = [q1.answers["Ti"]]
    elif tamper == "duplicate_answer":
        post[f"q-{q1.id}"] = [q1.answers["Ti"], q1.answers["Ti"]]
    elif tamper == "foreign_answer":
        post[f"q-{q1.id}"] = [q2.answers["Socialt netværk"]]
    elif tamper == "two_on_single":
        post[f"q-{q1.id}"] = [q1.answers["Ti"], q1.answers["Syv"]]
    elif tamper == "missing_question":
        del post[f"q-{q2.id}"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(quiz_url(built), post, **JSON)
    _refused(response, message)
    assert not QuizAttempt.objects.exists()
    assert signals == []


def test_quiz_for_a_block_that_is_not_a_quiz_is_refused(client, learner, built):
    url = reverse("courses:quiz_submit", args=[built.lesson.pk, built.magnet_id])
    response = client.post(url, correct_quiz_post(built), **JSON)
    assert response.status_code == 404
    assert not QuizAttempt.objects.exists()


def test_quiz_requires_login_and_post(client, built):
    assert client.post(quiz_url(built), correct_quiz_post(built)).status_code == 302
    assert not QuizAttempt.objects.exists()


# --- Magnet board -----------------------------------------------------------------------------


def test_magnet_board_scored_per_card(client, learner, built, signals, django_capture_on_commit_callbacks):
    cards = built.cards
    post = {f"card-{cards['Kommer sulten i skole']}": "trygt-omsorgsmiljoe",
            f"card-{cards['Spiller fodbold']}": "socialt-netvaerk"}
    with django_capture_on_commit_callbacks(execute=True):
        data = client.post(magnet_url(built), post, **JSON).json()
    assert (data["score"], data["max_score"]) == (1, 2)
    assert data["results"] == {cards["Kommer sulten i skole"]: True, cards["Spiller fodbold"]: False}
    attempt = MagnetBoardAttempt.objects.get(person=learner)
    assert attempt.results == data["results"]
    assert signals[0]["kind"] == "magnet_board"
    assert "Fritidsforhold og venskaber" in data["html"]  # the right place of the wrong card, after checking


@pytest.mark.parametrize("tamper, message", [
    ("unknown_card", "ikke er på denne tavle"),
    ("unknown_dimension", "ikke findes"),
    ("twice", "mere end én gang"),
    ("missing", "Placér alle kort"),
])
def test_tampered_magnet_posts_are_refused(client, learner, built, tamper, message):
    cards = built.cards
    post = {f"card-{cards['Kommer sulten i skole']}": ["trygt-omsorgsmiljoe"],
            f"card-{cards['Spiller fodbold']}": ["fritid-og-venskaber"]}
    if tamper == "unknown_card":
        post["card-falsk"] = ["socialt-netvaerk"]
    elif tamper == "unknown_dimension":
        post[f"card-{cards['Spiller fodbold']}"] = ["barnets-skostoerrelse"]
    elif tamper == "twice":
        post[f"card-{cards['Spiller fodbold']}"] = ["fritid-og-venskaber", "socialt-netvaerk"]
    elif tamper == "missing":
        del post[f"card-{cards['Spiller fodbold']}"]
    _refused(client.post(magnet_url(built), post, **JSON), message)
    assert not MagnetBoardAttempt.objects.exists()


# --- Case exercise ----------------------------------------------------------------------------


def test_case_answer_is_autosaved_editable_and_fixed_after_submitting(client, learner, built, signals,
                                                                      django_capture_on_commit_callbacks):
    task1, task2 = built.tasks
    first = client.post(case_url(built), {f"task-{task1}": "Skolen er bekymret."}, **JSON).json()
    answer = CaseAnswer.objects.get(person=learner)
    assert first["answer"] == answer.pk and answer.submitted_at is None
    client.post(case_url(built), {"answer": answer.pk, f"task-{task1}": "Skolen er bekymret for maden.",
                                  f"task-{task2}": "Fodbold og mormor."}, **JSON)
    answer.refresh_from_db()
    assert answer.answers == {task1: "Skolen er bekymret for maden.", task2: "Fodbold og mormor."}
    assert CaseAnswer.objects.count() == 1

    page = client.get(built.lesson.url).content.decode()
    assert "MODELSVAR-BEKYMRING" not in page
    assert "Skolen er bekymret for maden." in page  # the draft is shown again

    with django_capture_on_commit_callbacks(execute=True):
        data = client.post(case_url(built, "case_submit"), {"answer": answer.pk}, **JSON).json()
    assert data["submitted"] is True
    assert "MODELSVAR-BEKYMRING" in data["html"]
    assert [s["kind"] for s in signals] == ["case_exercise"]

    late = client.post(case_url(built), {"answer": answer.pk, f"task-{task1}": "Ændret bagefter"}, **JSON)
    _refused(late, "allerede afleveret")
    answer.refresh_from_db()
    assert answer.answers[task1] == "Skolen er bekymret for maden."


def test_case_cannot_be_submitted_with_an_empty_task(client, learner, built):
    task1, _task2 = built.tasks
    response = client.post(case_url(built, "case_submit"), {f"task-{task1}": "Kun ét svar"}, **JSON)
    _refused(response, "Besvar alle opgaver")
    assert not CaseAnswer.objects.filter(submitted_at__isnull=False).exists()


def test_another_learners_answer_id_is_refused(client, built, municipality, caseworker):
    other = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    client.force_login(other)
    client.post(case_url(built), {f"task-{built.tasks[0]}": "Den andens tekst"}, **JSON)
    others_answer = CaseAnswer.objects.get(person=other)

    client.force_login(caseworker)
    response = client.post(case_url(built), {"answer": others_answer.pk, f"task-{built.tasks[0]}": "Overskrevet"},
                           **JSON)
    assert response.status_code == 403
    assert "tilhører ikke dig" in response.json()["error"]
    others_answer.refresh_from_db()
    assert others_answer.answers == {built.tasks[0]: "Den andens tekst"}
    assert not CaseAnswer.objects.filter(person=caseworker).exists()


def test_retry_naming_another_learners_quiz_attempt_is_refused(client, built, municipality, caseworker):
    other = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    client.force_login(other)
    client.post(quiz_url(built), correct_quiz_post(built))
    others_attempt = QuizAttempt.objects.get(person=other)

    client.force_login(caseworker)
    response = client.post(quiz_url(built), {**correct_quiz_post(built), "attempt": others_attempt.pk}, **JSON)
    assert response.status_code == 403
    assert "tilhører ikke dig" in response.json()["error"]
    assert not QuizAttempt.objects.filter(person=caseworker).exists()
    # With the learner's own previous attempt the retry is accepted.
    client.post(quiz_url(built), correct_quiz_post(built))
    own = QuizAttempt.objects.get(person=caseworker)
    assert client.post(quiz_url(built), {**correct_quiz_post(built), "attempt": own.pk}, **JSON).status_code == 200
    assert QuizAttempt.objects.filter(person=caseworker).count() == 2


def test_unknown_task_id_is_refused(client, learner, built):
    response = client.post(case_url(built), {"task-opdigtet": "tekst"}, **JSON)
    _refused(response, "ikke er i denne case")
    assert not CaseAnswer.objects.exists()


# --- The answer key stays on the server -------------------------------------------------------


def test_answer_key_is_not_in_the_page_before_answering(client, learner, built):
    html = client.get(built.lesson.url).content.decode()
    assert "Hvor mange dimensioner har trekanten?" in html
    for secret in ["FEEDBACK-TI-RIGTIGT", "FEEDBACK-SYV-FORKERT", "FORKLARING-TI", "FORKLARING-MAD",
                   "MODELSVAR-BEKYMRING", "MODELSVAR-RESSOURCER", "selected", "checked"]:
        assert secret not in html, secret
    q1, _q2 = built.questions
    # The answers are there to choose, but nothing marks which one is right.
    assert f'value="{q1.answers["Ti"]}"' in html
    assert "Rigtigt svar" not in html


def test_answer_key_after_answering_is_shown_only_to_the_learner_who_answered(client, learner, built, municipality):
    client.post(quiz_url(built), correct_quiz_post(built))
    assert "FEEDBACK-TI-RIGTIGT" in client.get(built.lesson.url).content.decode()
    colleague = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    client.force_login(colleague)
    assert "FEEDBACK-TI-RIGTIGT" not in client.get(built.lesson.url).content.decode()


def test_retry_shows_the_form_again_without_the_key(client, learner, built):
    client.post(quiz_url(built), correct_quiz_post(built))
    html = client.get(built.lesson.url + f"?igen={built.quiz_id}").content.decode()
    assert "FEEDBACK-TI-RIGTIGT" not in html
    assert f'name="q-{built.questions[0].id}"' in html


# --- Local material ---------------------------------------------------------------------------


def test_local_material_is_closed_to_other_municipalities(client, municipality, other_municipality, caseworker):
    built = build_lesson(index=local_index(municipality))
    outsider = MembershipFactory(municipality=other_municipality, role="sagsbehandler").person
    client.force_login(outsider)
    assert client.get(built.lesson.url).status_code == 404
    assert client.post(quiz_url(built), correct_quiz_post(built), **JSON).status_code == 404
    assert not QuizAttempt.objects.exists()
    client.force_login(caseworker)
    assert client.get(built.lesson.url).status_code == 200


def test_material_pages_ask_anonymous_visitors_to_log_in(client, built):
    response = client.get(built.lesson.url)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_lesson_page_query_count_does_not_grow_with_attempts(client, learner, built, django_assert_max_num_queries):
    client.post(quiz_url(built), correct_quiz_post(built))
    with django_assert_max_num_queries(40) as first:
        client.get(built.lesson.url)
        baseline = len(first.captured_queries)
    for _ in range(5):
        client.post(quiz_url(built), correct_quiz_post(built))
        client.post(case_url(built), {f"task-{built.tasks[0]}": "Kladde"})
    assert baseline > 0
    with django_assert_max_num_queries(baseline):
        client.get(built.lesson.url)
