"""One progress figure, the same everywhere: the course's live lessons done of its live lessons,
written "3 af 9 lektioner · 33 %". A lesson page shows it once (no second bar for the lesson's place
in the course); the course page, the learner's courses and the licence status's e-learning percentage
(courses.evidence) count it the same way."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.evidence import learning_spans
from courses.selectors.progress import ProgressFigure, lesson_percent
from courses.services.enrolment import enrolment_self
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(caseworker):
    built = build_course(modules=(3, 3, 3), kind="grundkursus")
    enrolment_self(person=caseworker, course=built.course)
    for lesson in built.lessons[:2]:
        lesson_complete(person=caseworker, lesson=lesson)
    return built


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_figure_reads_as_lessons_and_a_percentage():
    assert ProgressFigure(done=3, total=9).label == "3 af 9 lektioner · 33 %"
    assert ProgressFigure(done=1, total=1).label == "1 af 1 lektion · 100 %"
    assert ProgressFigure(done=0, total=0).percent == 0
    assert lesson_percent(2, 3) == 67 and lesson_percent(5, 3) == 100
    assert lesson_percent(1, 8) == 13 and lesson_percent(1, 200) == 1  # half up, as people read it


def test_a_lesson_page_shows_one_progress_figure(client, caseworker, course):
    client.force_login(caseworker)
    html = _html(client, course.lessons[5].url)  # lesson 6 of 9: its place is not its progress
    assert html.count('role="progressbar"') == 1
    assert 'aria-valuetext="2 af 9 lektioner · 22 %"' in html
    assert html.count("lektioner ·") == 2  # the figure in words and the same words on its bar, nothing else
    assert 'aria-valuenow="22"' in html
    assert "67 %" not in html and "67%" not in html
    assert re.findall(r'class="progress"', html) == ['class="progress"']
    assert "lektion 6 af 9" in html  # the place, in words, without a bar


def test_the_course_page_and_my_courses_show_the_same_figure(client, caseworker, course):
    client.force_login(caseworker)
    assert "2 af 9 lektioner · 22 %" in _html(client, course.course.url)
    assert "2 af 9 lektioner · 22 %" in _html(client, reverse("courses:my_courses"))
    assert "2 af 9 lektioner · 22 %" in _html(client, reverse("dashboard"))  # the home's "continue" panel
    assert "2 af 3 lektioner · 67 %" in _html(client, course.course.url)  # the first module's own figure


def test_the_licence_status_counts_the_same_percentage(caseworker, course):
    [span] = learning_spans(kind="grundkursus", until=timezone.localdate(), person_ids=[caseworker.pk])
    assert span.percent_on(timezone.localdate()) == 22


def test_an_unpublished_lesson_leaves_every_figure_alike(client, caseworker, course):
    course.lessons[0].unpublish()  # one of the two done
    client.force_login(caseworker)
    html = _html(client, course.lessons[5].url)
    assert "1 af 8 lektioner · 13 %" in html, re.findall(r"\d+ af \d+ lektioner · \d+ %", html)
    assert "1 af 8 lektioner · 13 %" in _html(client, reverse("courses:my_courses"))
    [span] = learning_spans(kind="grundkursus", until=timezone.localdate(), person_ids=[caseworker.pk])
    assert span.percent_on(timezone.localdate()) == 13
