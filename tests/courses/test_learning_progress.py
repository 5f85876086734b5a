"""Enrolment, lesson progress, module and course percentages, resume, and the e-learning completion."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import (
    Completion,
    CompletionMethod,
    CourseKind,
    Enrolment,
    EnrolmentSource,
    LessonProgress,
)
from courses.selectors.catalogue import open_courses
from courses.selectors.progress import course_progress
from courses.services.enrolment import enrolment_assign, enrolment_self
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import build_course, elearning, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def test_self_enrolment_in_open_course_and_twice_changes_nothing(caseworker, elearning):  # noqa: F811
    first = enrolment_self(person=caseworker, course=elearning.course)
    again = enrolment_self(person=caseworker, course=elearning.course)
    assert first.pk == again.pk
    assert first.source == EnrolmentSource.SELF
    assert Enrolment.objects.filter(person=caseworker).count() == 1


def test_no_self_enrolment_in_course_with_course_days(caseworker):
    basic = build_course(title="ICS-grundkursus", course_days=3, kind=CourseKind.BASIC)
    with pytest.raises(ValidationError) as exc:
        enrolment_self(person=caseworker, course=basic.course)
    assert "kursusdage" in str(exc.value) or "course days" in str(exc.value)
    assert not Enrolment.objects.exists()


def test_marking_a_lesson_of_a_course_not_enrolled_in_is_refused_over_http(client, caseworker, elearning):  # noqa: F811
    client.force_login(caseworker)
    lesson = elearning.lessons[0]
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Du er ikke tilmeldt kurset" in text
    assert elearning.course.title in text
    assert not LessonProgress.objects.exists()
    assert not Enrolment.objects.exists()


def test_progress_percentages_and_resume(caseworker, elearning):  # noqa: F811
    enrolment_self(person=caseworker, course=elearning.course)
    first, second, optional = elearning.lessons
    progress = course_progress(person=caseworker, course=elearning.course)
    assert (progress.done, progress.total, progress.percent) == (0, 3, 0)
    assert progress.next_lesson.lesson.pk == first.pk

    lesson_complete(person=caseworker, lesson=second)
    progress = course_progress(person=caseworker, course=elearning.course)
    assert (progress.done, progress.total, progress.percent) == (1, 3, 33)
    assert [m.percent for m in progress.modules] == [50, 0]
    # Resume after the lesson last worked on: the optional lesson in module 2 comes next.
    assert progress.next_lesson.lesson.pk == optional.pk
    assert not Completion.objects.exists()


def test_all_required_lessons_complete_the_course_once(caseworker, elearning):  # noqa: F811
    enrolment_self(person=caseworker, course=elearning.course)
    first, second, optional = elearning.lessons
    lesson_complete(person=caseworker, lesson=first)
    assert not Completion.objects.exists()
    lesson_complete(person=caseworker, lesson=second)  # the optional lesson is not needed
    completion = Completion.objects.get()
    assert completion.person == caseworker
    assert completion.course.pk == elearning.course.pk
    assert completion.method == CompletionMethod.E_LEARNING
    assert completion.completed_on == datetime.date.today()
    assert completion.verification_code and len(completion.verification_code) == 14
    # Marking more lessons (or the same again) writes nothing new.
    lesson_complete(person=caseworker, lesson=optional)
    lesson_complete(person=caseworker, lesson=second)
    assert Completion.objects.count() == 1
    assert LessonProgress.objects.filter(person=caseworker).count() == 3


def test_mark_as_completed_over_http_and_my_courses_page(client, caseworker, elearning):  # noqa: F811
    client.force_login(caseworker)
    response = client.post(reverse("courses:enrol", args=[elearning.course.pk]))
    assert response.status_code == 302
    lesson = elearning.lessons[0]
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]),
                           {"next": reverse("courses:my_courses")}, follow=True)
    text = response.content.decode()
    assert "markeret som gennemført" in text
    assert LessonProgress.objects.filter(person=caseworker, lesson=lesson).exists()
    assert 'aria-valuenow="33"' in text
    assert elearning.lessons[1].title in text  # the next lesson is offered


def test_dashboard_panel_shows_progress_and_next_lesson(client, caseworker, elearning):  # noqa: F811
    enrolment_self(person=caseworker, course=elearning.course)
    lesson_complete(person=caseworker, lesson=elearning.lessons[0])
    client.force_login(caseworker)
    text = client.get(reverse("dashboard")).content.decode()
    assert elearning.course.title in text
    assert 'aria-valuenow="33"' in text
    assert elearning.lessons[1].title in text


def test_leader_assigns_a_course_to_a_whole_team_with_a_due_date(leader, municipality, team, elearning):  # noqa: F811
    members = [staff(municipality, team=team) for _ in range(3)]
    outsider = staff(municipality)  # same municipality, other team
    due = datetime.date.today() + datetime.timedelta(days=30)
    enrolments = enrolment_assign(by=leader, course=elearning.course, due_date=due, team=team)
    assert {e.person_id for e in enrolments} == {p.pk for p in members}
    assert all(e.due_date == due and e.assigned_by == leader and e.source == EnrolmentSource.ASSIGNED
               for e in enrolments)
    assert not Enrolment.objects.filter(person=outsider).exists()
    # Assigning again with a new due date updates, never duplicates.
    later = due + datetime.timedelta(days=10)
    enrolment_assign(by=leader, course=elearning.course, due_date=later, people=[members[0]])
    assert Enrolment.objects.filter(person=members[0]).get().due_date == later
    assert Enrolment.objects.count() == 3


def test_leader_cannot_assign_to_another_municipality(other_leader, caseworker, elearning):  # noqa: F811
    with pytest.raises(PermissionDenied):
        enrolment_assign(by=other_leader, course=elearning.course, due_date=None, people=[caseworker])
    assert not Enrolment.objects.exists()


def test_assign_over_http_and_past_due_date_is_refused(client, leader, municipality, caseworker, elearning):  # noqa: F811
    client.force_login(leader)
    url = reverse("courses:assign", args=[municipality.slug])
    response = client.post(url, {"course": elearning.course.pk, "person": caseworker.email,
                                 "due_date": "2001-01-01"})
    assert response.status_code == 200
    assert "Fristen kan ikke ligge i fortiden" in response.content.decode()
    assert not Enrolment.objects.exists()
    due = datetime.date.today() + datetime.timedelta(days=14)
    response = client.post(url, {"course": elearning.course.pk, "person": caseworker.email, "due_date": due.isoformat()})
    assert response.status_code == 302
    assert Enrolment.objects.get().due_date == due


def test_team_view_is_scoped_to_the_led_municipality(client, leader, other_leader, municipality, caseworker,
                                                     elearning):  # noqa: F811
    enrolment_self(person=caseworker, course=elearning.course)
    lesson_complete(person=caseworker, lesson=elearning.lessons[0])
    url = reverse("courses:team_progress", args=[municipality.slug])
    client.force_login(leader)
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert caseworker.full_name in text and "33 %" in text
    client.force_login(other_leader)
    assert client.get(url).status_code == 404
    client.force_login(caseworker)
    assert client.get(url).status_code == 404
    assert client.get(reverse("courses:team_index")).status_code == 403


def test_lesson_controls_tag_renders_for_enrolled_and_not_enrolled(rf, caseworker, elearning):  # noqa: F811
    from django.template import Context, Template

    template = Template("{% load learning_tags %}{% lesson_progress_controls page %}")
    request = rf.get("/")
    request.user = caseworker
    lesson = elearning.lessons[0]
    html = template.render(Context({"request": request, "page": lesson}))
    assert reverse("courses:enrol", args=[elearning.course.pk]) in html
    enrolment_self(person=caseworker, course=elearning.course)
    html = template.render(Context({"request": request, "page": lesson}))
    assert reverse("courses:lesson_complete", args=[lesson.pk]) in html
    lesson_complete(person=caseworker, lesson=lesson)
    html = Template("{% load learning_tags %}{% course_progress page %}").render(
        Context({"request": request, "page": elearning.course}))
    assert 'aria-valuenow="33"' in html


def test_another_municipalitys_local_course_is_not_open_to_me(caseworker, other_municipality, municipality):
    from wagtail.models import Page

    from courses.models import CourseIndexPage, CoursePage

    home = Page.objects.get(depth=2).specific
    local = home.add_child(instance=CourseIndexPage(title="Lokalt", slug="lokalt", municipality=other_municipality))
    course = local.add_child(instance=CoursePage(title="Lokal temadag", slug="lokal-temadag", course_days=0))
    own = home.add_child(instance=CourseIndexPage(title="Vores", slug="vores", municipality=municipality))
    own_course = own.add_child(instance=CoursePage(title="Vores temadag", slug="vores-temadag", course_days=0))
    assert course.pk not in {c.pk for c in open_courses(caseworker)}
    assert own_course.pk in {c.pk for c in open_courses(caseworker)}
    with pytest.raises(ValidationError):
        enrolment_self(person=caseworker, course=course)
    assert enrolment_self(person=caseworker, course=own_course).course_id == own_course.pk
