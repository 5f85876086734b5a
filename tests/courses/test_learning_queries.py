"""The dashboard panel, the My courses page and the leader's team view use a constant number of
queries however many courses, lessons and people there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CompletionMethod
from courses.services.completion import completion_record
from courses.services.enrolment import enrolment_self
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import build_course, staff

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _learner_with(person, courses):
    for built in courses:
        enrolment_self(person=person, course=built.course)
        lesson_complete(person=person, lesson=built.lessons[0])


def test_my_courses_page_and_panel_queries_do_not_grow(client, caseworker, django_assert_max_num_queries):
    _learner_with(caseworker, [build_course(modules=(2, 1))])
    client.force_login(caseworker)
    urls = [reverse("courses:my_courses")]
    small = {url: _count(client, url) for url in urls}
    _learner_with(caseworker, [build_course(modules=(3, 4, 2)) for _ in range(5)])
    for _ in range(4):
        build_course(modules=(1,))  # open courses offered, not enrolled
    done = build_course(modules=(1,))
    completion_record(person=caseworker, course=done.course, completed_on=datetime.date(2023, 5, 1), method=CompletionMethod.IMPORTED)
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            response = client.get(url)
        assert response.content.decode().count('role="progressbar"') >= 6


def test_dashboard_panel_queries_do_not_grow(rf, caseworker):
    from courses.views.panels import my_courses_panel
    from people.permissions import access_for

    _learner_with(caseworker, [build_course(modules=(2, 1))])

    def panel_queries():
        request = rf.get("/mit/")
        request.user = caseworker
        with CaptureQueriesContext(connection) as ctx:
            panel = my_courses_panel(request, access_for(caseworker))
        return len(ctx.captured_queries), panel

    small, panel = panel_queries()
    assert len(panel["courses"]) == 1
    _learner_with(caseworker, [build_course(modules=(3, 4, 2)) for _ in range(6)])
    large, panel = panel_queries()
    assert len(panel["courses"]) == 7
    assert large <= small


def test_team_view_queries_do_not_grow(client, leader, municipality, team, django_assert_max_num_queries):
    courses = [build_course(modules=(2, 1)) for _ in range(2)]
    for _ in range(3):
        _learner_with(staff(municipality, team=team), courses[:1])
    client.force_login(leader)
    url = reverse("courses:team_progress", args=[municipality.slug])
    small = _count(client, url)
    courses += [build_course(modules=(3, 3)) for _ in range(3)]
    for _ in range(25):
        person = staff(municipality, team=team)
        _learner_with(person, courses)
        completion_record(person=person, course=courses[1].course,
                                   completed_on=datetime.date(2023, 5, 1),
                                   method=CompletionMethod.IMPORTED)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    text = response.content.decode()
    assert text.count("<tr>") >= 29
    with django_assert_max_num_queries(small):
        assert client.get(url + f"?team={team.pk}").status_code == 200
