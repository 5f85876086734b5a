"""The contract compliance reads of courses (`courses.evidence`): its fields and its query counts."""

import dataclasses
import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import evidence
from courses.models import CompletionRevocation, CourseKind, Enrolment, EnrolmentEnd, LessonProgress
from tests.compliance.factories import completion, course_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_completion_record_fields_are_pinned():
    assert [f.name for f in dataclasses.fields(evidence.CompletionRecord)] == [
        "completion_id", "person_id", "course_id", "course_kind", "completed_on", "method", "recorded_by",
        "revoked_on", "certificate_url",
    ]


def test_learning_span_fields_are_pinned():
    assert [f.name for f in dataclasses.fields(evidence.LearningSpan)] == [
        "person_id", "course_id", "course_title", "started_on", "ended_on", "end_reason", "lesson_total",
        "lessons_done_on",
    ]


def _queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


def test_completions_carry_revocation_day_and_certificate_in_one_query_whatever_the_number():
    people = [UserFactory() for _ in range(3)]
    for person in people:
        done = completion(person, D(2024, 1, 1))
        done.verification_code = f"CODE{person.pk}"
        done.save(update_fields=["verification_code"])
    revoked = completion(UserFactory(), D(2024, 1, 1))
    CompletionRevocation.objects.create(
        completion=revoked, reason="Fejl", revoked_by=people[0],
        revoked_at=timezone.make_aware(datetime.datetime(2024, 6, 1, 12)),
    )
    count, records = _queries(lambda: evidence.completions(kinds=[CourseKind.BASIC], until=D(2025, 1, 1)))
    assert count == 1
    assert len(records) == 4
    by_id = {r.completion_id: r for r in records}
    assert by_id[revoked.pk].revoked_on == D(2024, 6, 1)
    assert by_id[revoked.pk].counts_on(D(2024, 5, 31)) and not by_id[revoked.pk].counts_on(D(2024, 6, 1))
    assert all(by_id[pk].certificate_url.startswith("/") for pk in by_id if pk != revoked.pk)
    for _ in range(5):
        completion(UserFactory(), D(2024, 2, 1))
    assert _queries(lambda: evidence.completions(kinds=[CourseKind.BASIC], until=D(2025, 1, 1)))[0] == 1


def test_learning_spans_have_a_recorded_end_and_a_percentage_for_any_day():
    from wagtail.models import Page  # noqa: F401  (the tree exists through the course page factory)

    from courses.models import LessonPage, ModulePage

    course = course_page(CourseKind.BASIC)
    module = course.add_child(instance=ModulePage(title="Dag 1", slug="dag-1"))
    lessons = [module.add_child(instance=LessonPage(title=f"Lektion {n}", slug=f"lektion-{n}")) for n in range(4)]
    person, other = UserFactory(), UserFactory()
    at = timezone.make_aware(datetime.datetime(2024, 1, 10, 9))
    Enrolment.objects.create(person=person, course=course, source="self", enrolled_at=at,
                             ended_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 9)),
                             end_reason=EnrolmentEnd.WITHDRAWN)
    Enrolment.objects.create(person=other, course=course, source="self", enrolled_at=at)
    LessonProgress.objects.create(person=person, lesson=lessons[0], course=course, method="marked",
                                  completed_at=timezone.make_aware(datetime.datetime(2024, 2, 1, 9)))
    cache.clear()
    count, spans = _queries(lambda: evidence.learning_spans(kind=CourseKind.BASIC, until=D(2025, 1, 1)))
    assert count == 3
    mine = next(s for s in spans if s.person_id == person.pk)
    assert mine.lesson_total == 4
    assert mine.percent_on(D(2024, 1, 31)) == 0 and mine.percent_on(D(2024, 2, 1)) == 25
    assert mine.covers(D(2024, 2, 29)) and not mine.covers(D(2024, 3, 1))  # ended that day
    assert mine.end_reason == EnrolmentEnd.WITHDRAWN
    for _ in range(4):
        Enrolment.objects.create(person=UserFactory(), course=course, source="self", enrolled_at=at)
    # The lesson totals are kept per version of the material: one query fewer, whatever the number of people.
    assert _queries(lambda: evidence.learning_spans(kind=CourseKind.BASIC, until=D(2025, 1, 1)))[0] == 2
    # A lesson added, and one unpublished: the totals follow at once.
    module.add_child(instance=LessonPage(title="Lektion 5", slug="lektion-5"))
    assert next(s for s in evidence.learning_spans(kind=CourseKind.BASIC, until=D(2025, 1, 1))
                if s.person_id == person.pk).lesson_total == 5
    LessonPage.objects.get(pk=lessons[1].pk).unpublish()
    count, spans = _queries(lambda: evidence.learning_spans(kind=CourseKind.BASIC, until=D(2025, 1, 1)))
    assert count == 3 and next(s for s in spans if s.person_id == person.pk).lesson_total == 4
