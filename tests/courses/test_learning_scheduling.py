"""Learning meets scheduling: a confirmed cohort registration enrols, coming course days show on
My courses, a cancelled registration or a cancelled cohort ends the enrolment the cohort made (unless
another active registration on a cohort of the course keeps it), and a new registration reopens it.

Scheduling sends its signals after commit; here the tests send them the same way (inside
`django_capture_on_commit_callbacks(execute=True)`), so the receivers run as in production."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseKind, Enrolment, EnrolmentEnd, EnrolmentSource
from courses.services.enrolment import enrolment_end, enrolment_self
from scheduling.models import Event, Registration, Session
from scheduling.signals import event_cancelled, registration_changed
from tests.courses.test_learning_support import build_course, elearning  # noqa: F401

pytestmark = pytest.mark.django_db


def _cohort(course, provider, days_ahead=10, title="Hold forår"):
    event = Event.objects.create(
        kind=Event.Kind.COHORT, title=title, provider=provider, course_page=course, capacity=20,
    )
    sessions = []
    for day in (1, 2, 3):
        starts = timezone.now() + datetime.timedelta(days=days_ahead + day)
        sessions.append(Session.objects.create(
            event=event, day_number=day, starts_at=starts, ends_at=starts + datetime.timedelta(hours=6)))
    return event, sessions


def _basic():
    return build_course(title="ICS-grundkursus", modules=(1,), course_days=3, kind=CourseKind.BASIC).course


def _set_status(capture, registration, status):
    """Change a registration and send registration_changed after commit, as scheduling does."""
    with capture(execute=True):
        registration.status = status
        registration.cancelled_at = timezone.now() if status == Registration.Status.CANCELLED else None
        registration.save()
        transaction.on_commit(lambda: registration_changed.send(
            sender=Registration, registration_id=registration.pk, event_id=registration.event_id,
            person_id=registration.person_id, status=status,
        ))
    return registration


def _register(capture, event, person, status=Registration.Status.CONFIRMED):
    registration = Registration(event=event, person=person, status=status)
    return _set_status(capture, registration, status)


def _cancel_event(capture, event):
    with capture(execute=True):
        event.cancelled_at = timezone.now()
        event.cancel_reason = "Underviseren er syg"
        event.save(update_fields=["cancelled_at", "cancel_reason"])
        transaction.on_commit(lambda: event_cancelled.send(sender=Event, event_id=event.pk))


def test_confirmed_registration_enrols_in_the_course_and_days_show(
        client, caseworker, provider, django_capture_on_commit_callbacks):
    basic = _basic()
    event, sessions = _cohort(basic, provider)
    registration = _register(django_capture_on_commit_callbacks, event, caseworker, Registration.Status.WAITLISTED)
    assert not Enrolment.objects.exists()
    _set_status(django_capture_on_commit_callbacks, registration, Registration.Status.CONFIRMED)
    enrolment = Enrolment.objects.get()
    assert enrolment.source == EnrolmentSource.COHORT and enrolment.course_id == basic.pk
    assert enrolment.ended_at is None

    client.force_login(caseworker)
    text = client.get(reverse("courses:my_courses")).content.decode()
    assert "Kommende kursusdage" in text
    assert "Dag 3" in text
    assert timezone.localtime(sessions[0].starts_at).strftime("%H:%M") in text


def test_a_cancelled_registration_ends_the_cohort_enrolment_and_a_new_one_reopens_it(
        client, caseworker, provider, django_capture_on_commit_callbacks):
    basic = _basic()
    event, _sessions = _cohort(basic, provider)
    registration = _register(django_capture_on_commit_callbacks, event, caseworker)
    _set_status(django_capture_on_commit_callbacks, registration, Registration.Status.CANCELLED)
    enrolment = Enrolment.objects.get()
    assert enrolment.ended_at is not None and enrolment.end_reason == EnrolmentEnd.REGISTRATION_CANCELLED
    client.force_login(caseworker)
    assert basic.title not in client.get(reverse("courses:my_courses")).content.decode()

    # The same signal again (a duplicate delivery) changes nothing.
    ended_at = enrolment.ended_at
    _set_status(django_capture_on_commit_callbacks, registration, Registration.Status.CANCELLED)
    enrolment.refresh_from_db()
    assert enrolment.ended_at == ended_at

    # Registering again (a new registration, the old one stays cancelled) reopens the same row.
    _register(django_capture_on_commit_callbacks, event, caseworker)
    enrolment.refresh_from_db()
    assert Enrolment.objects.count() == 1
    assert enrolment.ended_at is None and enrolment.end_reason == ""
    assert enrolment.source == EnrolmentSource.COHORT


def test_another_active_registration_on_a_cohort_of_the_course_keeps_the_enrolment(
        caseworker, provider, django_capture_on_commit_callbacks):
    basic = _basic()
    spring, _ = _cohort(basic, provider)
    autumn, _ = _cohort(basic, provider, days_ahead=120, title="Hold efterår")
    first = _register(django_capture_on_commit_callbacks, spring, caseworker)
    _register(django_capture_on_commit_callbacks, autumn, caseworker, Registration.Status.WAITLISTED)
    _set_status(django_capture_on_commit_callbacks, first, Registration.Status.CANCELLED)
    assert Enrolment.objects.get().ended_at is None
    # The spring cohort's cancellation does not end it either: the autumn registration still stands.
    _cancel_event(django_capture_on_commit_callbacks, spring)
    assert Enrolment.objects.get().ended_at is None
    # Once the autumn cohort is cancelled too, nothing keeps it.
    _cancel_event(django_capture_on_commit_callbacks, autumn)
    enrolment = Enrolment.objects.get()
    assert enrolment.end_reason == EnrolmentEnd.COHORT_CANCELLED and enrolment.ended_at is not None


def test_a_cancelled_cohort_ends_the_enrolments_of_its_registered_people(
        caseworker, leader, provider, django_capture_on_commit_callbacks):
    basic = _basic()
    event, _ = _cohort(basic, provider)
    _register(django_capture_on_commit_callbacks, event, caseworker)
    _register(django_capture_on_commit_callbacks, event, leader)
    _cancel_event(django_capture_on_commit_callbacks, event)
    ended = Enrolment.objects.order_by("person_id")
    assert [e.end_reason for e in ended] == [EnrolmentEnd.COHORT_CANCELLED] * 2
    assert all(e.ended_at is not None for e in ended)


def test_cancellations_leave_enrolments_a_cohort_did_not_make(
        caseworker, provider, elearning, django_capture_on_commit_callbacks):  # noqa: F811
    """A person who enrolled themselves keeps that enrolment whatever happens to a cohort."""
    course = elearning.course
    enrolment_self(person=caseworker, course=course)
    event, _ = _cohort(course, provider)
    registration = _register(django_capture_on_commit_callbacks, event, caseworker)
    _set_status(django_capture_on_commit_callbacks, registration, Registration.Status.CANCELLED)
    enrolment = Enrolment.objects.get()
    assert enrolment.source == EnrolmentSource.SELF and enrolment.ended_at is None


def test_enrolment_end_is_idempotent_checks_who_and_self_enrolment_reopens(
        caseworker, leader, other_leader, elearning):  # noqa: F811
    enrolment = enrolment_self(person=caseworker, course=elearning.course)
    with pytest.raises(PermissionDenied):
        enrolment_end(enrolment=enrolment, reason=EnrolmentEnd.WITHDRAWN, by=other_leader)
    ended = enrolment_end(enrolment=enrolment, reason=EnrolmentEnd.WITHDRAWN, by=caseworker)
    assert ended.ended_at is not None and ended.end_reason == EnrolmentEnd.WITHDRAWN
    again = enrolment_end(enrolment=enrolment, reason=EnrolmentEnd.REGISTRATION_CANCELLED, by=leader)
    assert (again.ended_at, again.end_reason) == (ended.ended_at, EnrolmentEnd.WITHDRAWN)
    reopened = enrolment_self(person=caseworker, course=elearning.course)
    assert reopened.pk == enrolment.pk and reopened.ended_at is None and reopened.end_reason == ""
