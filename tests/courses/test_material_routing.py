"""The way to the course material below the home page (courses.routing, registered with content.routing):
an address below a course index starts from the process's table of indexes, kept per version of the
material. Whatever changes the tree (a new index, a renamed index, a course moved to another index, an
index given a municipality) is routed correctly at once, and the local-material rule still holds."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from content import routing
from courses.models import CourseIndexPage, LessonPage
from courses.routing import course_indexes_by_url_path, material_router
from courses.selectors.material import MATERIAL_VERSION_KEY, material_version
from courses.services.enrolment import enrolment_self
from tests.courses.test_learning_support import build_course, home_page, staff

pytestmark = pytest.mark.django_db


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in ctx.captured_queries if '"wagtailcore_page"' in q["sql"]]


def test_the_router_is_registered_for_the_home_page():
    assert material_router in routing.registered()


def test_a_lesson_is_found_in_one_page_query_from_the_kept_indexes(client, caseworker):
    built = build_course(modules=(2,))
    client.force_login(caseworker)
    lesson = built.lessons[0]
    assert client.get(lesson.url).status_code == 200  # the table of indexes is read
    status, page_queries = _page_queries(client, lesson.url)
    assert status == 200
    # Wagtail's way would look up the index by its slug and then as its specific page.
    assert not [sql for sql in page_queries if '"wagtailcore_page"."slug" =' in sql]
    assert not [sql for sql in page_queries if 'FROM "courses_courseindexpage"' in sql and "url_path" in sql]
    assert len([sql for sql in page_queries if 'FROM "courses_lessonpage"' in sql]) == 1  # the lesson itself


def test_course_and_module_pages_are_routed_through_the_index(client, caseworker):
    built = build_course(modules=(1,))
    client.force_login(caseworker)
    for page in (built.course, built.modules[0]):
        assert client.get(page.url).status_code == 200
        assert page.title in client.get(page.url).content.decode()


def test_other_addresses_are_routed_wagtails_way(client, caseworker):
    built = build_course(modules=(1,))
    client.force_login(caseworker)
    index = CourseIndexPage.objects.get(pk=built.course.get_parent().pk)
    assert client.get(index.url).status_code == 200  # the index itself is never the kept object
    assert material_router(home_page(), None, [index.slug]) is None
    assert material_router(home_page(), None, ["findes-ikke", "heller-ikke"]) is None
    assert client.get("/findes-ikke/heller-ikke/").status_code == 404
    assert client.get(f"{built.course.url}findes-ikke/").status_code == 404


def test_a_new_index_is_routed_at_once(client, caseworker):
    build_course(modules=(1,))
    client.force_login(caseworker)
    course_indexes_by_url_path()
    index = home_page().add_child(instance=CourseIndexPage(title="Nye kurser", slug="nye-kurser"))
    built = build_course(modules=(1,))
    course = built.course
    course.move(index, pos="last-child")
    lesson = LessonPage.objects.get(pk=built.lessons[0].pk)
    assert lesson.url.startswith("/nye-kurser/")
    assert client.get(lesson.url).status_code == 200


def test_a_renamed_index_answers_at_its_new_address_only(client, caseworker):
    built = build_course(modules=(1,))
    client.force_login(caseworker)
    old_url = built.lessons[0].url
    assert client.get(old_url).status_code == 200  # kept under its old address
    index = CourseIndexPage.objects.get(pk=built.course.get_parent().pk)
    index.slug = "omdoebte-kurser"
    index.save_revision().publish()
    new_url = LessonPage.objects.get(pk=built.lessons[0].pk).url
    assert new_url != old_url and "/omdoebte-kurser/" in new_url
    assert client.get(new_url).status_code == 200
    assert client.get(old_url).status_code == 404


def test_local_material_stays_with_its_municipality_when_routed_from_the_table(client, caseworker, municipality,
                                                                              other_municipality):
    built = build_course(modules=(1,))
    lesson = built.lessons[0]
    outsider = staff(other_municipality)
    client.force_login(outsider)
    assert client.get(lesson.url).status_code == 200  # national material: anyone logged in
    index = CourseIndexPage.objects.get(pk=built.course.get_parent().pk)
    index.municipality = municipality
    index.save()  # the index becomes local: the kept table is out of date at once
    assert client.get(lesson.url).status_code == 404
    client.force_login(caseworker)
    enrolment_self(person=caseworker, course=built.course)
    assert client.get(lesson.url).status_code == 200


def test_the_version_changes_again_when_the_change_commits(django_capture_on_commit_callbacks):
    """A request that read the new version before the commit may have kept the old tree under it."""
    before = material_version()
    with django_capture_on_commit_callbacks(execute=True):
        home_page().add_child(instance=CourseIndexPage(title="Flere kurser", slug="flere-kurser"))
        during = cache.get(MATERIAL_VERSION_KEY)
    after = cache.get(MATERIAL_VERSION_KEY)
    assert before != during != after


def test_a_lost_version_rereads_the_indexes(django_assert_num_queries):
    build_course(modules=(1,))
    course_indexes_by_url_path()
    with django_assert_num_queries(0):
        course_indexes_by_url_path()
    cache.delete(MATERIAL_VERSION_KEY)
    with django_assert_num_queries(1):
        indexes = course_indexes_by_url_path()
    assert set(indexes) == set(CourseIndexPage.objects.values_list("url_path", flat=True))
    assert all(isinstance(index, CourseIndexPage) for index in indexes.values())
    assert Page.objects.type(CourseIndexPage).count() == len(indexes)
