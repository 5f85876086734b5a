"""»Markér som gennemført« waits for the lesson's exercises: every quiz passed, every magnet board
checked, every case submitted. The service refuses it with a Danish message that says what is left;
the page shows the button as unavailable with that explanation; posting directly changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import LessonProgress, QuizAttempt
from courses.services.enrolment import enrolment_self
from courses.services.progress import lesson_complete
from tests.courses.test_material_support import build_lesson, correct_quiz_post

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def built(db):
    return build_lesson()  # a quiz, a magnet board and a case


@pytest.fixture
def learner(client, caseworker, built):
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    return caseworker


def complete_url(built):
    return reverse("courses:lesson_complete", args=[built.lesson.pk])


def _quiz(client, built, post):
    return client.post(reverse("courses:quiz_submit", args=[built.lesson.pk, built.quiz_id]), post, **JSON)


def _magnets(client, built):
    cards = built.cards
    post = {f"card-{cards['Kommer sulten i skole']}": "trygt-omsorgsmiljoe",
            f"card-{cards['Spiller fodbold']}": "socialt-netvaerk"}
    return client.post(reverse("courses:magnet_submit", args=[built.lesson.pk, built.magnet_id]), post, **JSON)


def _case(client, built):
    task1, task2 = built.tasks
    return client.post(reverse("courses:case_submit", args=[built.lesson.pk, built.case_id]),
                       {f"task-{task1}": "Bekymringen er …", f"task-{task2}": "Ressourcerne er …"}, **JSON)


def test_posting_completion_before_the_exercises_is_refused_with_what_is_left(client, learner, built):
    response = client.post(complete_url(built), {"next": built.lesson.url}, follow=True)
    html = response.content.decode()
    assert "når du har bestået quizzen »Quiz om trekanten«, tjekket magnettavlen »Placér kortene« og " \
           "afleveret casen »Case: Emil«" in html
    assert not LessonProgress.objects.filter(person=learner).exists()


def test_the_page_shows_the_button_unavailable_with_the_reason(client, learner, built):
    html = client.get(built.lesson.url).content.decode()
    assert 'aria-disabled="true"' in html
    assert f'aria-describedby="lesson-blocked-{built.lesson.pk}"' in html
    assert f'id="lesson-blocked-{built.lesson.pk}"' in html and "bestået quizzen »Quiz om trekanten«" in html
    assert f'action="{complete_url(built)}"' not in html  # no form that would post it
    assert f'href="#blk-{built.quiz_id}"' in html  # the way to the first exercise left


def test_a_failed_quiz_does_not_count_as_done(client, learner, built):
    q1, q2 = built.questions
    _quiz(client, built, {f"q-{q1.id}": [q1.answers["Syv"]], f"q-{q2.id}": [q2.answers["Socialt netværk"]]})
    _magnets(client, built)
    data = _case(client, built).json()
    assert "bestået quizzen »Quiz om trekanten«" in data["controls"]
    assert "tjekket magnettavlen" not in data["controls"] and "afleveret casen" not in data["controls"]
    assert not LessonProgress.objects.filter(person=learner).exists()
    with pytest.raises(ValidationError) as refused:
        lesson_complete(person=learner, lesson=built.lesson)
    assert refused.value.code == "exercises_outstanding"


def test_with_every_exercise_done_the_lesson_is_completed(client, learner, built,
                                                          django_capture_on_commit_callbacks):
    _magnets(client, built)
    _case(client, built)
    with django_capture_on_commit_callbacks(execute=True):
        data = _quiz(client, built, correct_quiz_post(built)).json()
    # The controls the page swaps in no longer hold the button back …
    assert 'aria-disabled="true"' not in data["controls"] and "bestået quizzen" not in data["controls"]
    # … and after the commit the last exercise completes the lesson by itself.
    assert LessonProgress.objects.filter(person=learner, lesson=built.lesson).exists()
    assert "Lektionen er gennemført" in client.get(built.lesson.url).content.decode()
    assert client.post(complete_url(built)).status_code == 302  # marking again changes nothing
    assert LessonProgress.objects.filter(person=learner).count() == 1


def test_marking_is_offered_once_the_exercises_are_done(client, learner, built):
    """Done exercises with no lesson progress yet (the automatic completion not run): the button works."""
    _magnets(client, built)
    _case(client, built)
    _quiz(client, built, correct_quiz_post(built))
    LessonProgress.objects.filter(person=learner).delete()
    html = client.get(built.lesson.url).content.decode()
    assert f'action="{complete_url(built)}"' in html and 'aria-disabled="true"' not in html
    client.post(complete_url(built))
    assert LessonProgress.objects.filter(person=learner, lesson=built.lesson).exists()


def test_a_lesson_without_exercises_can_be_marked_at_once(client, learner):
    plain = build_lesson(body=[("paragraph", "<p>Kun tekst.</p>")])
    enrolment_self(person=learner, course=plain.course)
    html = client.get(plain.lesson.url).content.decode()
    assert f'action="{complete_url(plain)}"' in html
    client.post(complete_url(plain))
    assert LessonProgress.objects.filter(person=learner, lesson=plain.lesson).exists()


def test_another_learners_pass_does_not_open_the_lesson(client, learner, built, municipality):
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(municipality=municipality, role="sagsbehandler").person
    QuizAttempt.objects.create(person=colleague, lesson=built.lesson, block_id=built.quiz_id, answers={}, score=2,
                               max_score=2, passed=True)
    html = client.get(built.lesson.url).content.decode()
    assert "bestået quizzen »Quiz om trekanten«" in html
    client.post(complete_url(built))
    assert not LessonProgress.objects.filter(person=learner).exists()


def test_a_lesson_completed_before_the_rule_stays_completed(client, learner, built):
    LessonProgress.objects.create(person=learner, lesson=built.lesson, course=built.course, method="marked",
                                  completed_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    html = client.get(built.lesson.url).content.decode()
    assert "Lektionen er gennemført" in html
    lesson_complete(person=learner, lesson=built.lesson)  # no error: nothing to refuse
