"""Autosave of a case answer is idempotent and honest: the same text twice is one stored answer, a
retry or a late save never overwrites newer text, a concurrent first save finds the other's row
instead of failing (the 500 that told the learner "Dit svar kunne ikke gemmes" although it was saved),
and the page shows one status with the server's saved time. Checked over HTTP."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from courses.models import CaseAnswer
from courses.services.exercises import clock
from tests.courses.test_material_support import CASE, build_lesson
from tests.factories import MembershipFactory

JSON = {"HTTP_ACCEPT": "application/json"}


def _built():
    return build_lesson(body=[("paragraph", "<p>Indledning.</p>"), ("case_exercise", CASE)])


@pytest.fixture
def built(db):
    return _built()


@pytest.fixture
def learner(client, caseworker):
    client.force_login(caseworker)
    return caseworker


def save_url(built):
    return reverse("courses:case_save", args=[built.lesson.pk, built.case_id])


def _save(client, built, text, **extra):
    return client.post(save_url(built), {f"task-{built.tasks[0]}": text, **extra}, **JSON)


def test_a_save_answers_with_the_servers_saved_time(client, learner, built):
    data = _save(client, built, "Skolen er bekymret.", revision="1").json()
    answer = CaseAnswer.objects.get(person=learner)
    assert data["ok"] is True and data["answer"] == answer.pk
    assert data["saved_at"] == clock(answer.updated_at)
    assert data["message"] == f"Gemt kl. {clock(answer.updated_at)}."
    assert data["revision"] == answer.revision == 1


def test_the_same_text_twice_is_one_stored_answer_unchanged(client, learner, built):
    first = _save(client, built, "Skolen er bekymret.", revision="1").json()
    answer = CaseAnswer.objects.get(person=learner)
    saved = answer.updated_at
    again = _save(client, built, "Skolen er bekymret.", revision="2", answer=str(answer.pk))
    assert again.status_code == 200
    assert again.json()["changed"] is False and again.json()["saved_at"] == first["saved_at"]
    answer.refresh_from_db()
    assert CaseAnswer.objects.count() == 1 and answer.updated_at == saved


def test_a_retry_of_the_same_save_changes_nothing(client, learner, built):
    _save(client, built, "Første udkast.", revision="1")
    answer = CaseAnswer.objects.get(person=learner)
    retry = _save(client, built, "Første udkast.", revision="1")  # after a timeout, without the answer id
    assert retry.status_code == 200 and retry.json()["changed"] is False and retry.json()["stale"] is False
    assert CaseAnswer.objects.count() == 1
    answer.refresh_from_db()
    assert answer.answers == {built.tasks[0]: "Første udkast."} and answer.revision == 1


def test_a_late_older_save_does_not_overwrite_the_later_text(client, learner, built):
    _save(client, built, "Kort.", revision="1")
    _save(client, built, "Kort. Og så den længere, senere tekst.", revision="2")
    late = _save(client, built, "Kort. Og så", revision="1")  # sent before revision 2, arriving after it
    assert late.status_code == 200 and late.json()["stale"] is True and late.json()["revision"] == 2
    answer = CaseAnswer.objects.get(person=learner)
    assert answer.answers[built.tasks[0]] == "Kort. Og så den længere, senere tekst."


def test_two_pages_with_the_same_revision_keep_the_later_text(client, learner, built):
    _save(client, built, "Fra fanen til venstre.", revision="1")
    other = _save(client, built, "Fra fanen til højre.", revision="1")  # another tab, same starting point
    assert other.json()["stale"] is True  # told to send again with a higher revision …
    again = _save(client, built, "Fra fanen til højre.", revision=str(other.json()["revision"] + 1))
    assert again.json()["changed"] is True  # … and then it is kept
    assert CaseAnswer.objects.get().answers[built.tasks[0]] == "Fra fanen til højre."


def test_a_save_without_a_revision_is_the_newest(client, learner, built):
    _save(client, built, "Med script.", revision="7")
    client.post(save_url(built), {f"task-{built.tasks[0]}": "Uden script.", "action": "save"})
    answer = CaseAnswer.objects.get(person=learner)
    assert answer.answers[built.tasks[0]] == "Uden script." and answer.revision == 8


@pytest.mark.parametrize("revision", ["abc", "-1", "1.5", "9" * 30])
def test_a_revision_that_is_not_a_number_is_refused(client, learner, built, revision):
    response = _save(client, built, "Tekst", revision=revision)
    assert response.status_code == 400 and "versionsnummer" in response.json()["error"]
    assert not CaseAnswer.objects.exists()


def test_without_javascript_the_page_shows_one_status_with_the_saved_time(client, learner, built):
    response = client.post(save_url(built), {f"task-{built.tasks[0]}": "Uden script.", "action": "save"})
    assert response.status_code == 302 and response["Location"].endswith(f"#blk-{built.case_id}")
    html = client.get(response["Location"]).content.decode()
    answer = CaseAnswer.objects.get(person=learner)
    assert html.count("Gemt kl.") == 1
    assert f"Gemt kl. {clock(answer.updated_at)}." in html
    assert 'name="action" value="save"' in html  # the plain submit button that needs no script
    assert "Uden script." in html


def test_an_error_is_the_servers_own_message_and_nothing_is_saved(client, learner, built):
    response = _save(client, built, "x" * 20001, revision="1")
    assert response.status_code == 400 and "for langt" in response.json()["error"]
    assert not CaseAnswer.objects.exists()


def test_another_learners_answers_are_never_shown_or_changed(client, learner, built, municipality):
    _save(client, built, "Min egen fortrolige note.", revision="1")
    mine = CaseAnswer.objects.get(person=learner)
    colleague = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    client.force_login(colleague)
    assert "Min egen fortrolige note." not in client.get(built.lesson.url).content.decode()
    refused = _save(client, built, "Overskrevet", revision="99", answer=str(mine.pk))
    assert refused.status_code == 403
    mine.refresh_from_db()
    assert mine.answers[built.tasks[0]] == "Min egen fortrolige note." and mine.revision == 1
    assert not CaseAnswer.objects.filter(person=colleague).exists()


@pytest.mark.django_db(transaction=True)
def test_a_first_save_while_another_first_save_is_under_way_succeeds(caseworker):
    """The 500: two first saves at once (the timer's and the focus-out's). The second used to insert
    a second row, hit the unique constraint and answer 500 although the first had saved."""
    built = _built()
    results = []
    client = Client()
    client.force_login(caseworker)

    def second_save():
        try:
            results.append(_save(client, built, "Den anden gemning.", revision="2"))
        except Exception as exc:  # pragma: no cover - reported below
            results.append(exc)
        finally:
            connection.close()

    with transaction.atomic():
        CaseAnswer.objects.create(person=caseworker, lesson=built.lesson, block_id=built.case_id,
                                  answers={built.tasks[0]: "Den første gemning."}, revision=1)
        worker = threading.Thread(target=second_save)
        worker.start()
        _wait_until_blocked()  # the second save waits for this first one to commit
    worker.join(timeout=30)
    assert len(results) == 1
    assert results[0].status_code == 200, results[0].content[:300]
    assert results[0].json()["changed"] is True
    answer = CaseAnswer.objects.get()
    assert answer.answers[built.tasks[0]] == "Den anden gemning." and answer.revision == 2


def _wait_until_blocked(attempts=2000):
    """Until another connection waits for a lock this one holds (PostgreSQL's own view of it)."""
    with connection.cursor() as cursor:
        for _ in range(attempts):
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the view is frozen for the transaction
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                           "AND datname = current_database() AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0]:
                return
            cursor.execute("SELECT pg_sleep(0.01)")
    raise AssertionError("the second save never reached the lock")
