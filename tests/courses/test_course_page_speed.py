"""The course page and the module page: a fixed, small number of queries, whatever the number of lessons
and learners. Their address is found below the course index in one query; the learner's records in the
course are the kept ones (courses.selectors.learner_records), so what they do shows at once, and a
completion without an enrolment still shows."""

import datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CompletionMethod
from courses.services.completion import completion_record
from courses.services.enrolment import enrolment_self
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import build_course, quiz_block, staff

pytestmark = pytest.mark.django_db

# A warm view by an enrolled learner of a course with a quiz: the session's person and roles, the page's
# way in (home page, page, view restrictions, local material), the course's lessons and quiz attempts
# for its completion rules.
MAX_QUERIES = 9


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return ctx.captured_queries


def _warm_queries(client, person, *, lessons, learners):
    cache.clear()
    caches["local"].clear()
    per_module = (lessons // 3, lessons // 3, lessons - 2 * (lessons // 3))
    built = build_course(modules=per_module, bodies={(0, 0): [quiz_block()]})
    enrolment_self(person=person, course=built.course)
    lesson_complete(person=person, lesson=built.lessons[1])
    for _ in range(learners - 1):
        other = staff(person.memberships.first().municipality)
        enrolment_self(person=other, course=built.course)
        lesson_complete(person=other, lesson=built.lessons[1])
    client.force_login(person)
    counts = {}
    for name, url in (("course", built.course.url), ("module", built.modules[0].url)):
        _queries(client, url)  # the first view reads the outline and the records
        counts[name] = len(_queries(client, url))
    return counts


@pytest.mark.parametrize("size", [{"lessons": 15, "learners": 1}, {"lessons": 3, "learners": 20},
                                  {"lessons": 30, "learners": 20}])
def test_course_and_module_page_queries_are_few_and_do_not_grow(client, caseworker, size):
    small = _warm_queries(client, caseworker, lessons=3, learners=1)
    large = _warm_queries(client, caseworker, **size)
    assert large == small
    assert max(small.values()) <= MAX_QUERIES


def test_a_module_and_a_course_are_found_without_wagtails_lookup_by_slug(client, caseworker):
    built = build_course(modules=(2,))
    client.force_login(caseworker)
    for page in (built.course, built.modules[0]):
        client.get(page.url)
        sql = [q["sql"] for q in _queries(client, page.url)]
        assert not [s for s in sql if '"wagtailcore_page"."slug" =' in s]
        # Nor its course index again: the router hands it over (the material_index property).
        assert not [s for s in sql if 'FROM "courses_courseindexpage"' in s and '"depth" DESC' in s]


def test_a_lesson_done_shows_on_the_course_page_at_once(client, caseworker):
    built = build_course(modules=(2, 2))
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    assert "0 af 4 lektioner · 0 %" in client.get(built.course.url).content.decode()
    lesson_complete(person=caseworker, lesson=built.lessons[0])
    html = client.get(built.course.url).content.decode()
    assert "1 af 4 lektioner · 25 %" in html
    assert "Alle obligatoriske lektioner gennemført (1 af 4)" in html  # the completion rules read the same records


def test_a_completion_without_an_enrolment_shows_on_the_course_page(client, caseworker):
    built = build_course(modules=(1,))
    client.force_login(caseworker)
    assert "Gennemført" not in client.get(built.course.url).content.decode()
    completion_record(person=caseworker, course=built.course, completed_on=datetime.date(2026, 11, 2),
                      method=CompletionMethod.IMPORTED)
    html = client.get(built.course.url).content.decode()
    assert "Gennemført" in html and "2. november 2026" in html


def test_another_learners_records_never_show(client, caseworker, municipality):
    built = build_course(modules=(2,))
    other = staff(municipality)
    enrolment_self(person=caseworker, course=built.course)
    enrolment_self(person=other, course=built.course)
    lesson_complete(person=other, lesson=built.lessons[0])
    client.force_login(other)
    assert "1 af 2 lektioner · 50 %" in client.get(built.course.url).content.decode()
    client.force_login(caseworker)
    assert "0 af 2 lektioner · 0 %" in client.get(built.course.url).content.decode()
