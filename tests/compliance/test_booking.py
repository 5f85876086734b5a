"""Booking non-compliant staff on a basic-course cohort (scheduling's services), "I gang" from
registrations and enrolments, and the waitlist put in order of the nearest licence deadline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance import selectors
from compliance.status import Status

from .factories import agreement, completion, course_page, staff

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(provider):
    from scheduling import services as scheduling_services

    start = timezone.now() + datetime.timedelta(days=20)
    return scheduling_services.event_create(
        by=None, kind="hold", title="Grundkursus, hold 7", provider=provider, audience="aaben",
        course_page=course_page("grundkursus"), capacity=1,
        sessions=[(start, start + datetime.timedelta(hours=6)),
                  (start + datetime.timedelta(days=1), start + datetime.timedelta(days=1, hours=6))],
    )


def status_of(municipality, person):
    report = selectors.municipal_report(municipality=municipality)
    return next(r for r in report.rows if r.person_id == person.pk)


def test_leader_books_overdue_people_on_a_cohort(client, municipality, leader, cohort):
    from scheduling.models import Registration

    agreement(municipality)
    late = staff(municipality, start=D(2020, 1, 1))
    later = staff(municipality, start=D(2021, 1, 1))
    done = staff(municipality)
    completion(done, D(2024, 3, 1))
    client.force_login(leader)
    page = client.get(reverse("compliance:municipal", args=[municipality.slug]))
    assert cohort in page.context["cohorts"]
    response = client.post(reverse("compliance:book", args=[municipality.slug]),
                           {"event": cohort.pk, "person": [late.pk, later.pk, done.pk]})
    assert response.status_code == 302
    registrations = Registration.objects.filter(event=cohort)
    assert sorted(registrations.values_list("status", flat=True)) == ["confirmed", "waitlisted"]
    assert done.pk not in registrations.values_list("person_id", flat=True)  # completed: not booked
    assert status_of(municipality, late).status == Status.IN_PROGRESS
    assert status_of(municipality, later).status == Status.IN_PROGRESS


def test_booking_someone_from_another_municipality_books_nobody(client, municipality, other_municipality, leader,
                                                                cohort):
    from scheduling.models import Registration

    stranger = staff(other_municipality, start=D(2020, 1, 1))
    client.force_login(leader)
    client.post(reverse("compliance:book", args=[municipality.slug]), {"event": cohort.pk, "person": [stranger.pk]})
    assert not Registration.objects.exists()


def test_a_cancelled_registration_ends_in_progress(municipality, leader, cohort):
    from scheduling import services as scheduling_services

    person = staff(municipality, start=D(2020, 1, 1))
    registration = scheduling_services.registration_create(event=cohort, person=person, by=leader)
    assert status_of(municipality, person).status == Status.IN_PROGRESS
    scheduling_services.registration_cancel(registration=registration, by=leader, reason="Syg")
    assert status_of(municipality, person).status == Status.OVERDUE


def test_enrolment_on_the_basic_course_is_in_progress(municipality):
    from courses.models import Enrolment

    person = staff(municipality, start=D(2020, 1, 1))
    Enrolment.objects.create(person=person, course=course_page("grundkursus"), source="self")
    assert status_of(municipality, person).status == Status.IN_PROGRESS


def test_waitlist_is_ordered_by_nearest_deadline(municipality, leader, cohort, other_municipality):
    from scheduling import hooks as scheduling_hooks
    from scheduling import services as scheduling_services

    agreement(municipality, grace_period_days=365)
    first_come = staff(municipality, start=D(2020, 1, 1), person=None)
    scheduling_services.registration_create(event=cohort, person=first_come, by=leader)  # takes the seat
    far = staff(municipality, start=timezone.localdate() - datetime.timedelta(days=10))
    near = staff(municipality, start=timezone.localdate() - datetime.timedelta(days=300))
    exempt_like = staff(municipality)
    completion(exempt_like, D(2024, 1, 1))
    waiting = [scheduling_services.registration_create(event=cohort, person=p, by=leader)
               for p in (exempt_like, far, near)]
    assert {r.status for r in waiting} == {"waitlisted"}
    ordered = scheduling_hooks.waitlist_order(cohort, waiting)
    assert [r.person_id for r in ordered] == [near.pk, far.pk, exempt_like.pk]
