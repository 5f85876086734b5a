"""A learner's records as the lesson page reads them are kept per version of the learner's records
(courses.selectors.learner_records): every kind of record written through the services shows at once,
one learner's copy never serves another, and a kept copy costs no query."""

import datetime

import pytest
from django.core.cache import cache
from django.http import QueryDict

from courses.models import EnrolmentEnd
from courses.selectors.exercises import case_tasks, quiz_questions
from courses.selectors.learner_records import (
    course_records,
    learner_changed,
    learner_courses,
    learner_version,
    lesson_attempts,
)
from courses.services.completion import completion_record, completion_revoke
from courses.services.enrolment import enrolment_end, enrolment_self
from courses.services.exercises import case_save, quiz_submit
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import build_course, quiz_block, staff
from tests.courses.test_lesson_speed import case_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return build_course(modules=(2,), bodies={(0, 0): [quiz_block(), case_block()]})


def _quiz(lesson):
    block = next(child for child in lesson.exercise_blocks() if child.block_type == "quiz")
    question_id, _question, answers = quiz_questions(block.value)[0]
    right = next(answer_id for answer_id, answer in answers.items() if answer["correct"])
    return block.id, QueryDict(f"q-{question_id}={right}")


def _case(lesson):
    block = next(child for child in lesson.exercise_blocks() if child.block_type == "case_exercise")
    task_id, _task = case_tasks(block.value)[0]
    return block.id, QueryDict(f"task-{task_id}=Emma har en god skolegang.")


def test_every_record_written_through_the_services_shows_at_once(course, caseworker, admin_user):
    lesson, course_id = course.lessons[0], course.course.pk
    records = lambda: course_records(person_id=caseworker.pk, course_id=course_id)  # noqa: E731
    attempts = lambda: lesson_attempts(person_id=caseworker.pk, lesson_id=lesson.pk)  # noqa: E731
    assert records().enrolment is None and attempts().quiz == ()  # kept from here on

    enrolment = enrolment_self(person=caseworker, course=course.course)
    assert records().enrolment.pk == enrolment.pk

    block_id, data = _quiz(lesson)
    attempt = quiz_submit(person=caseworker, lesson=lesson, block_id=block_id, data=data)
    assert [a.pk for a in attempts().quiz] == [attempt.pk]

    block_id, data = _case(lesson)
    case_save(person=caseworker, lesson=lesson, block_id=block_id, data=data)
    assert [a.block_id for a in attempts().case] == [block_id]

    lesson_complete(person=caseworker, lesson=course.lessons[1])
    assert records().done_lesson_ids == {course.lessons[1].pk}

    completion, _created = completion_record(person=caseworker, course=course.course,
                                             completed_on=datetime.date.today(), method="e-learning")
    assert records().completion.pk == completion.pk

    completion_revoke(completion=completion, by=admin_user, reason="Registreret ved en fejl")
    assert records().completion is None

    enrolment_end(enrolment=enrolment, reason=EnrolmentEnd.WITHDRAWN)
    assert records().enrolment is None


def test_a_kept_copy_costs_no_query_and_a_changed_learner_is_read_again(course, caseworker,
                                                                       django_assert_num_queries):
    enrolment_self(person=caseworker, course=course.course)
    course_records(person_id=caseworker.pk, course_id=course.course.pk)
    lesson_attempts(person_id=caseworker.pk, lesson_id=course.lessons[0].pk)
    with django_assert_num_queries(0):
        course_records(person_id=caseworker.pk, course_id=course.course.pk)
        lesson_attempts(person_id=caseworker.pk, lesson_id=course.lessons[0].pk)
    learner_changed(caseworker.pk)
    with django_assert_num_queries(2 + 3):  # enrolment, lessons done; quiz, magnet board and case rows
        course_records(person_id=caseworker.pk, course_id=course.course.pk)
        lesson_attempts(person_id=caseworker.pk, lesson_id=course.lessons[0].pk)


def test_one_learners_copy_never_serves_another(course, caseworker, municipality):
    other = staff(municipality)
    enrolment_self(person=caseworker, course=course.course)
    block_id, data = _quiz(course.lessons[0])
    quiz_submit(person=caseworker, lesson=course.lessons[0], block_id=block_id, data=data)
    assert course_records(person_id=caseworker.pk, course_id=course.course.pk).enrolment is not None
    assert lesson_attempts(person_id=caseworker.pk, lesson_id=course.lessons[0].pk).quiz
    assert course_records(person_id=other.pk, course_id=course.course.pk).enrolment is None
    assert lesson_attempts(person_id=other.pk, lesson_id=course.lessons[0].pk).quiz == ()


def test_the_lesson_page_shows_a_new_attempt_from_a_kept_copy_at_once(client, course, caseworker):
    lesson = course.lessons[0]
    enrolment_self(person=caseworker, course=course.course)
    client.force_login(caseworker)
    assert "Bestået" not in client.get(lesson.url).content.decode()  # the records kept, with no attempt
    block_id, data = _quiz(lesson)
    quiz_submit(person=caseworker, lesson=lesson, block_id=block_id, data=data)
    assert "Bestået" in client.get(lesson.url).content.decode()


def test_the_version_changes_again_when_the_change_commits(course, caseworker, django_capture_on_commit_callbacks):
    """A request that read the new version before the commit may have kept the old rows under it."""
    before = learner_version(caseworker.pk)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_self(person=caseworker, course=course.course)
        during = learner_version(caseworker.pk)
    after = learner_version(caseworker.pk)
    assert before != during != after


def test_a_lost_version_reads_the_records_again(course, caseworker, django_assert_num_queries):
    enrolment_self(person=caseworker, course=course.course)
    course_records(person_id=caseworker.pk, course_id=course.course.pk)
    cache.delete(f"courses:learner-version:{caseworker.pk}")
    with django_assert_num_queries(2):
        assert course_records(person_id=caseworker.pk, course_id=course.course.pk).enrolment is not None


def test_the_learners_course_list_shows_every_record_at_once(course, caseworker, admin_user):
    """The dashboard's and "My courses"' rows (learner_courses), kept from the first read on."""
    rows = lambda: learner_courses(person_id=caseworker.pk)  # noqa: E731
    assert rows().enrolments == () and rows().completions == ()
    enrolment = enrolment_self(person=caseworker, course=course.course)
    assert [e.pk for e in rows().enrolments] == [enrolment.pk]
    assert rows().enrolments[0].course.title == course.course.title
    lesson_complete(person=caseworker, lesson=course.lessons[1])
    assert rows().done_lesson_ids == {course.lessons[1].pk}
    completion, _created = completion_record(person=caseworker, course=course.course,
                                             completed_on=datetime.date.today(), method="e-learning")
    assert [c.pk for c in rows().completions] == [completion.pk]
    completion_revoke(completion=completion, by=admin_user, reason="Registreret ved en fejl")
    assert rows().completions == ()
    enrolment_end(enrolment=enrolment, reason=EnrolmentEnd.WITHDRAWN)
    assert rows().enrolments == ()


def test_a_course_taken_offline_leaves_the_kept_course_list(course, caseworker, django_assert_num_queries):
    enrolment_self(person=caseworker, course=course.course)
    assert len(learner_courses(person_id=caseworker.pk).enrolments) == 1
    with django_assert_num_queries(0):
        learner_courses(person_id=caseworker.pk)
    course.course.unpublish()  # a new version of the material
    assert learner_courses(person_id=caseworker.pk).enrolments == ()


def test_my_courses_shows_a_lesson_done_from_a_kept_copy_at_once(client, course, caseworker):
    from django.urls import reverse

    enrolment_self(person=caseworker, course=course.course)
    client.force_login(caseworker)
    url = reverse("courses:my_courses")
    assert client.get(url).context["courses"][0].done == 0  # the rows kept, nothing done
    lesson_complete(person=caseworker, lesson=course.lessons[1])  # the first has exercises to pass
    assert client.get(url).context["courses"][0].done == 1


def test_one_persons_learning_spans_are_kept_and_show_a_lesson_done_at_once(caseworker, django_assert_num_queries):
    """A person's own licence status reads their basic-course spans (courses.evidence.learning_spans)."""
    from courses import evidence
    from courses.models import CourseKind

    basic = build_course(modules=(2,), kind=CourseKind.BASIC)
    today = datetime.date.today()
    spans = lambda: evidence.learning_spans(kind=CourseKind.BASIC, until=today, person_ids=[caseworker.pk])  # noqa: E731
    assert spans() == []
    enrolment_self(person=caseworker, course=basic.course)
    assert [s.percent_on(today) for s in spans()] == [0]
    with django_assert_num_queries(0):
        spans()
    lesson_complete(person=caseworker, lesson=basic.lessons[0])
    assert [s.percent_on(today) for s in spans()] == [50]
    # Everyone's spans (the reports) are read afresh, never from a person's kept copy.
    with django_assert_num_queries(2):
        assert [s.person_id for s in evidence.learning_spans(kind=CourseKind.BASIC, until=today)] == [caseworker.pk]
