"""Learning meets scheduling: a confirmed cohort registration enrols, coming course days show on
My courses, and the dashboard keeps a constant number of queries with them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, EnrolmentSource
from tests.courses.test_learning_support import build_course

pytestmark = pytest.mark.django_db

scheduling_models = pytest.importorskip("scheduling.models")


def _cohort(course, provider, days_ahead=10):
    event = scheduling_models.Event.objects.create(
        kind="hold", title="Hold forår", provider=provider, course_page=course, capacity=20,
    )
    sessions = []
    for day in (1, 2, 3):
        starts = timezone.now() + datetime.timedelta(days=days_ahead + day)
        sessions.append(scheduling_models.Session.objects.create(
            event=event, day_number=day, starts_at=starts, ends_at=starts + datetime.timedelta(hours=6)))
    return event, sessions


def test_confirmed_registration_enrols_in_the_course_and_days_show(client, caseworker, provider):
    from scheduling.signals import registration_changed

    basic = build_course(title="ICS-grundkursus", modules=(1,), course_days=3, kind="grundkursus")
    event, sessions = _cohort(basic.course, provider)
    registration = scheduling_models.Registration.objects.create(event=event, person=caseworker, status="waitlisted")
    registration_changed.send(sender=None, registration_id=registration.pk, event_id=event.pk,
                              person_id=caseworker.pk, status="waitlisted")
    assert not Enrolment.objects.exists()
    registration.status = "confirmed"
    registration.save()
    registration_changed.send(sender=None, registration_id=registration.pk, event_id=event.pk,
                              person_id=caseworker.pk, status="confirmed")
    enrolment = Enrolment.objects.get()
    assert enrolment.source == EnrolmentSource.COHORT and enrolment.course_id == basic.course.pk

    client.force_login(caseworker)
    text = client.get(reverse("courses:my_courses")).content.decode()
    assert "Kommende kursusdage" in text
    assert "Dag 3" in text
    assert timezone.localtime(sessions[0].starts_at).strftime("%H:%M") in text
