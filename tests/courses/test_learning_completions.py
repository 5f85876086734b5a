"""Completions as append-only evidence: one valid row per person and course, revocation as a row of its
own, manual entries with a reason, the quiz rule, the attendance rule and concurrency."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from courses.models import (
    Completion,
    CompletionMethod,
    CompletionRevocation,
    CourseKind,
    Enrolment,
    LessonProgress,
    LessonProgressMethod,
)
from courses.selectors.completion import completion_rule_status
from courses.services.completion import completion_record, completion_revoke
from courses.services.enrolment import enrolment_ensure, enrolment_self
from courses.services.progress import lesson_complete
from courses.signals import exercise_submitted
from scheduling import models as scheduling_models
from tests.courses.test_learning_support import base_data, build_course, elearning, quiz_block  # noqa: F401

pytestmark = pytest.mark.django_db
YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


def test_record_twice_yields_one_row(caseworker, elearning):  # noqa: F811
    first, created = completion_record(
        person=caseworker, course=elearning.course, completed_on=YESTERDAY, method=CompletionMethod.E_LEARNING)
    second, created_again = completion_record(
        person=caseworker, course=elearning.course, completed_on=datetime.date.today(),
        method=CompletionMethod.E_LEARNING)
    assert created and not created_again
    assert first.pk == second.pk
    assert Completion.objects.count() == 1


def test_future_date_is_refused(caseworker, elearning):  # noqa: F811
    with pytest.raises(ValidationError):
        completion_record(person=caseworker, course=elearning.course,
                                   completed_on=datetime.date.today() + datetime.timedelta(days=1),
                                   method=CompletionMethod.IMPORTED)
    assert not Completion.objects.exists()


def test_manual_entry_needs_a_national_admin_or_coordinator_and_a_reason(caseworker, leader, admin_user, elearning,  # noqa: F811
                                                                         provider, coordinator):
    with pytest.raises(PermissionDenied):
        completion_record(person=caseworker, course=elearning.course, completed_on=YESTERDAY,
                                   method=CompletionMethod.MANUAL, by=leader, reason="Glemt")
    with pytest.raises(ValidationError):
        completion_record(person=caseworker, course=elearning.course, completed_on=YESTERDAY,
                                   method=CompletionMethod.MANUAL, by=admin_user, reason="  ")
    assert not Completion.objects.exists()
    event = scheduling_models.Event.objects.create(
        kind=scheduling_models.Event.Kind.COHORT, title="Hold", provider=provider, course_page=elearning.course)
    scheduling_models.Registration.objects.create(
        event=event, person=caseworker, status=scheduling_models.Registration.Status.CONFIRMED)
    completion, created = completion_record(
        person=caseworker, course=elearning.course, completed_on=YESTERDAY, method=CompletionMethod.MANUAL,
        by=coordinator, provider=provider, reason="Deltog på holdet i Aarhus; fremmøde ikke registreret")
    assert created and completion.recorded_by == coordinator and completion.reason.startswith("Deltog")


def test_revocation_is_a_new_row_and_history_stays(caseworker, admin_user, leader, elearning):  # noqa: F811
    completion, _ = completion_record(
        person=caseworker, course=elearning.course, completed_on=YESTERDAY, method=CompletionMethod.E_LEARNING)
    code = completion.verification_code
    with pytest.raises(PermissionDenied):
        completion_revoke(completion=completion, by=leader, reason="Fejl")
    with pytest.raises(ValidationError):
        completion_revoke(completion=completion, by=admin_user, reason="")
    revocation = completion_revoke(completion=completion, by=admin_user, reason="Registreret på forkert person")
    assert revocation.revoked_by == admin_user
    with pytest.raises(ValidationError):
        completion_revoke(completion=completion, by=admin_user, reason="Igen")
    completion.refresh_from_db()
    assert completion.verification_code == code and completion.completed_on == YESTERDAY  # never rewritten
    assert not Completion.objects.valid().exists()
    assert CompletionRevocation.objects.count() == 1
    # After a revocation a new completion may be written; the old row remains.
    fresh, created = completion_record(
        person=caseworker, course=elearning.course, completed_on=datetime.date.today(),
        method=CompletionMethod.E_LEARNING)
    assert created and fresh.pk != completion.pk and fresh.verification_code != code
    assert Completion.objects.count() == 2 and Completion.objects.valid().get() == fresh


def test_quiz_rule_needs_a_passed_quiz(caseworker):
    from courses.models import QuizAttempt

    course = build_course(modules=(1,), bodies={(0, 0): [quiz_block()]})
    lesson = course.lessons[0]
    block_id = lesson.exercise_blocks()[0].id
    enrolment_self(person=caseworker, course=course.course)
    QuizAttempt.objects.create(person=caseworker, lesson=lesson, block_id=block_id, answers={}, score=0,
                               max_score=1, passed=False)
    with pytest.raises(ValidationError, match="Test dig selv") as refused:
        lesson_complete(person=caseworker, lesson=lesson)  # the lesson waits for its quiz to be passed
    assert refused.value.code == "exercises_outstanding"
    # Marked completed before a lesson waited for its quiz: the course rule still asks for the pass.
    LessonProgress.objects.create(person=caseworker, lesson=lesson, course=course.course, method="marked")
    status = completion_rule_status(person=caseworker, course=course.course)
    assert [c.met for c in status.checks] == [True, False]
    assert not Completion.objects.exists()
    QuizAttempt.objects.create(person=caseworker, lesson=lesson, block_id=block_id, answers={}, score=1,
                               max_score=1, passed=True)
    exercise_submitted.send(sender=None, person_id=caseworker.pk, lesson_id=lesson.pk, kind="quiz")
    assert Completion.objects.get().method == CompletionMethod.E_LEARNING


def test_lesson_completes_itself_when_every_exercise_is_submitted(caseworker):
    from courses.models import CaseAnswer, QuizAttempt

    case = ("case_exercise", {"title": "Sagen om Emma", "vignette": "<p>En fiktiv sag.</p>",
                              "tasks": [{"task": "Placér fakta", "model_answer": "<p>Svar</p>"}], "facts": []})
    course = build_course(modules=(1, 1), bodies={(0, 0): [quiz_block(), case]})
    lesson = course.lessons[0]
    blocks = {child.block_type: child.id for child in lesson.exercise_blocks()}
    assert set(blocks) == {"quiz", "case_exercise"}
    enrolment_self(person=caseworker, course=course.course)
    QuizAttempt.objects.create(person=caseworker, lesson=lesson, block_id=blocks["quiz"], answers={}, score=1,
                               max_score=1, passed=True)
    exercise_submitted.send(sender=None, person_id=caseworker.pk, lesson_id=lesson.pk, kind="quiz")
    assert not LessonProgress.objects.exists()  # the case is still open
    answer = CaseAnswer.objects.create(person=caseworker, lesson=lesson, block_id=blocks["case_exercise"], answers={})
    exercise_submitted.send(sender=None, person_id=caseworker.pk, lesson_id=lesson.pk, kind="case")
    assert not LessonProgress.objects.exists()  # a draft is not a submission
    answer.submitted_at = timezone.now()
    answer.save()
    exercise_submitted.send(sender=None, person_id=caseworker.pk, lesson_id=lesson.pk, kind="case")
    progress = LessonProgress.objects.get()
    assert progress.lesson_id == lesson.pk and progress.method == LessonProgressMethod.EXERCISES
    assert not Completion.objects.exists()  # the second module's lesson is still missing


# --- Attendance (scheduling) -----------------------------------------------------------------------

def _cohort(models, course, provider, start):
    event = models.Event.objects.create(
        kind=models.Event.Kind.COHORT, title=f"Hold {start:%d.%m}", provider=provider, course_page=course, capacity=20,
    )
    sessions = []
    for day in (1, 2, 3):
        starts = timezone.make_aware(datetime.datetime.combine(start + datetime.timedelta(days=day - 1),
                                                               datetime.time(9)))
        sessions.append(models.Session.objects.create(event=event, day_number=day, starts_at=starts,
                                                      ends_at=starts + datetime.timedelta(hours=6)))
    return event, sessions


def _attend(models, session, person, by):
    from scheduling.signals import attendance_changed

    attendance = models.Attendance.objects.create(session=session, person=person, status=models.Attendance.Status.ATTENDED,
                                                   recorded_by=by)
    attendance_changed.send(sender=models.Attendance, attendance_id=attendance.pk, session_id=session.pk,
                            person_id=person.pk, status=models.Attendance.Status.ATTENDED)


def test_every_course_day_attended_completes_a_course_with_days_and_a_missed_day_can_be_made_up(
        caseworker, provider, coordinator):
    models = scheduling_models
    basic = build_course(title="ICS-grundkursus", modules=(1,), course_days=3, kind=CourseKind.BASIC)
    enrolment_ensure(person=caseworker, course=basic.course)
    lesson_complete(person=caseworker, lesson=basic.lessons[0])
    first_start = datetime.date.today() - datetime.timedelta(days=40)
    _event, first = _cohort(models, basic.course, provider, first_start)
    _event2, second = _cohort(models, basic.course, provider, first_start + datetime.timedelta(days=14))
    _attend(models, first[0], caseworker, coordinator)
    _attend(models, first[2], caseworker, coordinator)  # day 2 missed
    assert not Completion.objects.exists()
    _attend(models, second[0], caseworker, coordinator)  # another day 1 does not help
    assert not Completion.objects.exists()
    _attend(models, second[1], caseworker, coordinator)  # day 2 made up in the next cohort
    completion = Completion.objects.get()
    assert completion.method == CompletionMethod.ATTENDANCE
    assert completion.provider == provider
    assert Enrolment.objects.filter(person=caseworker, course=basic.course).count() == 1


# --- Concurrency (PostgreSQL row locks) ------------------------------------------------------------
# Transactional without serialized_rollback: the base_data fixture recreates what the data migrations
# wrote, so the tests do not depend on what earlier transactional tests left behind.

@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("base_data")
def test_two_simultaneous_completions_yield_exactly_one_row(caseworker):
    course = build_course(modules=(1,))
    barrier = threading.Barrier(4)
    errors = []

    def post():
        try:
            barrier.wait(timeout=10)
            completion_record(person=caseworker, course=course.course, completed_on=YESTERDAY,
                                       method=CompletionMethod.E_LEARNING)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    assert Completion.objects.filter(person=caseworker, course=course.course).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("base_data")
def test_marking_the_last_lesson_twice_at_once_yields_one_completion(caseworker):
    course = build_course(modules=(1,))
    enrolment_self(person=caseworker, course=course.course)
    barrier = threading.Barrier(3)
    errors = []

    def post():
        try:
            barrier.wait(timeout=10)
            lesson_complete(person=caseworker, lesson=course.lessons[0])
        except Exception as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    assert LessonProgress.objects.count() == 1
    assert Completion.objects.count() == 1
