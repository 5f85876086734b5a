"""Status and progress are two axes: a booking is shown beside the status, never instead of it.

The edge cases of issue 10, each through the real services with on-commit callbacks executed (as
production runs them): a cancelled registration, a cohort cancelled after people booked, a cohort that
ended without attendance, a waitlisted person, a person who moves municipality while booked, a booking
made after the deadline, a revoked completion, an exemption that expires while booked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from compliance import services
from compliance.selectors.reports import municipal_report
from compliance.status import Progress, Status
from courses.models import CompletionRevocation, CourseKind
from scheduling.models import Registration, RegistrationChange
from scheduling.services import events as event_services
from scheduling.services import registration as registration_services
from tests.factories import MembershipFactory
from tests.scheduling.factories import cohort as cohort_factory

from .factories import agreement, completion, course_page, staff

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(provider):
    return cohort_factory(provider, days=(20, 21, 22), course_page=course_page(CourseKind.BASIC), capacity=1)


def row_of(municipality, person, as_of=None):
    report = municipal_report(municipality=municipality, as_of=as_of)
    return next(r for r in report.rows if r.person_id == person.pk)


def book(cohort, person, leader, capture):
    with capture(execute=True):
        return registration_services.registration_create(event=cohort, person=person, by=leader)


def test_overdue_and_booked_counts_as_overdue_with_the_booking_beside_it(
    municipality, leader, cohort, django_capture_on_commit_callbacks
):
    agreement(municipality)
    late = staff(municipality, start=D(2020, 1, 1))
    book(cohort, late, leader, django_capture_on_commit_callbacks)
    row = row_of(municipality, late)
    assert row.status == Status.OVERDUE
    assert row.progress.kind == Progress.Kind.BOOKED
    first = timezone.localdate() + datetime.timedelta(days=20)
    assert row.progress.first_day == first
    assert row.progress.last_day == first + datetime.timedelta(days=2)
    with translation.override("da"):
        assert row.progress.label.startswith("tilmeldt hold ")
    figures = municipal_report(municipality=municipality).figures
    assert figures.overdue == 1 and figures.booked == 1
    assert not row.bookable  # a confirmed booking to come: not offered again


def test_a_cancelled_registration_ends_the_booking(municipality, leader, cohort, django_capture_on_commit_callbacks):
    late = staff(municipality, start=D(2020, 1, 1))
    registration = book(cohort, late, leader, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_cancel(registration=registration, by=leader, reason="Syg")
    row = row_of(municipality, late)
    assert row.status == Status.OVERDUE
    assert row.progress.kind == Progress.Kind.NONE
    assert row.bookable  # offered for booking again
    # The cohort enrolment the booking made has a recorded end, too.
    enrolment = late.enrolments.get()
    assert enrolment.ended_at is not None


def test_a_cohort_cancelled_after_people_booked(municipality, leader, cohort, django_capture_on_commit_callbacks):
    late = staff(municipality, start=D(2020, 1, 1))
    book(cohort, late, leader, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=cohort, by=None, reason="For få tilmeldte")
    row = row_of(municipality, late)
    assert row.status == Status.OVERDUE and row.progress.kind == Progress.Kind.NONE
    assert Registration.objects.get(person=late).status == Registration.Status.CONFIRMED  # kept as it was
    assert late.enrolments.get().end_reason == "cohort-cancelled"


def test_a_cohort_that_ended_without_attendance_books_nobody(municipality, leader, provider):
    late = staff(municipality, start=D(2020, 1, 1))
    past = cohort_factory(provider, days=(-30, -29, -28), course_page=course_page(CourseKind.BASIC))
    booked_at = timezone.now() - datetime.timedelta(days=60)
    registration = Registration.objects.create(event=past, person=late, status=Registration.Status.CONFIRMED,
                                               created_at=booked_at, confirmed_at=booked_at)
    RegistrationChange.objects.create(registration=registration, status=registration.status, changed_at=booked_at)
    assert row_of(municipality, late).progress.kind == Progress.Kind.NONE
    # As of a day before the cohort ended, the booking stood: the "as of" report reads recorded times.
    during = timezone.localdate() - datetime.timedelta(days=40)
    before = row_of(municipality, late, as_of=during)
    assert before.status == Status.OVERDUE and before.progress.kind == Progress.Kind.BOOKED


def test_a_waitlisted_person(municipality, leader, cohort, django_capture_on_commit_callbacks):
    first, second = staff(municipality, start=D(2020, 1, 1)), staff(municipality, start=D(2020, 2, 1))
    book(cohort, first, leader, django_capture_on_commit_callbacks)
    waiting = book(cohort, second, leader, django_capture_on_commit_callbacks)
    assert waiting.status == Registration.Status.WAITLISTED
    row = row_of(municipality, second)
    assert row.status == Status.OVERDUE
    assert row.progress.kind == Progress.Kind.WAITLISTED
    assert row.bookable  # a waitlist place is no seat: the leader may book elsewhere


def test_a_person_who_moves_municipality_while_booked(
    municipality, other_municipality, leader, cohort, django_capture_on_commit_callbacks
):
    mover = staff(municipality, start=D(2020, 1, 1))
    book(cohort, mover, leader, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    mover.memberships.filter(municipality=municipality).update(end_date=today - datetime.timedelta(days=1))
    MembershipFactory(person=mover, municipality=other_municipality, role="sagsbehandler", start_date=today)
    assert mover.pk not in {r.person_id for r in municipal_report(municipality=municipality).rows}
    row = row_of(other_municipality, mover)
    assert row.status == Status.WITHIN  # a new job, a new deadline
    assert row.progress.kind == Progress.Kind.BOOKED  # the booking is the person's and goes along


def test_a_booking_made_after_the_deadline(municipality, leader, cohort, django_capture_on_commit_callbacks):
    agreement(municipality, grace_period_days=30)
    person = staff(municipality, start=timezone.localdate() - datetime.timedelta(days=31))
    assert row_of(municipality, person).status == Status.OVERDUE
    book(cohort, person, leader, django_capture_on_commit_callbacks)
    row = row_of(municipality, person)
    assert row.status == Status.OVERDUE and row.derived.days_left == -1
    assert row.progress.kind == Progress.Kind.BOOKED


def test_a_revoked_completion(municipality, leader, cohort, django_capture_on_commit_callbacks):
    person = staff(municipality, start=D(2020, 1, 1))
    done = completion(person, D(2021, 1, 1))
    assert row_of(municipality, person).status == Status.COMPLETED
    CompletionRevocation.objects.create(completion=done, reason="Fejlregistreret", revoked_by=leader)
    book(cohort, person, leader, django_capture_on_commit_callbacks)
    row = row_of(municipality, person)
    assert row.status == Status.OVERDUE and row.progress.kind == Progress.Kind.BOOKED


def test_an_exemption_that_expires_while_booked(municipality, leader, cohort, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    person = staff(municipality, start=D(2020, 1, 1))
    services.exemption_create(person=person, municipality=municipality, reason="Orlov", by=leader,
                              valid_from=D(2021, 1, 1), valid_until=today + datetime.timedelta(days=5))
    book(cohort, person, leader, django_capture_on_commit_callbacks)
    assert row_of(municipality, person).status == Status.EXEMPT
    later = row_of(municipality, person, as_of=today + datetime.timedelta(days=6))
    assert later.status == Status.OVERDUE and later.progress.kind == Progress.Kind.BOOKED


def test_leader_books_overdue_people_on_a_cohort(client, municipality, leader, cohort):
    agreement(municipality)
    late = staff(municipality, start=D(2020, 1, 1))
    later = staff(municipality, start=D(2021, 1, 1))
    done = staff(municipality)
    completion(done, D(2024, 3, 1))
    client.force_login(leader)
    page = client.get(reverse("compliance:book", args=[municipality.slug]))
    assert cohort.pk in [o.event.pk for o in page.context["options"]]
    shown = client.post(reverse("compliance:book", args=[municipality.slug]),
                        {"hold": cohort.pk, "person": [late.pk, later.pk, done.pk]})
    assert not Registration.objects.exists()  # the confirmation step writes nothing
    plan = shown.context["plan"]
    response = client.post(reverse("compliance:book_confirm", args=[municipality.slug]),
                           {"hold": cohort.pk, "person": [late.pk, later.pk, done.pk], "plan": plan.token()})
    assert response.status_code == 302
    registrations = Registration.objects.filter(event=cohort)
    assert dict(registrations.values_list("person_id", "status")) == {late.pk: "confirmed", later.pk: "waitlisted"}
    assert done.pk not in registrations.values_list("person_id", flat=True)  # completed: not booked
    assert {row_of(municipality, p).status for p in (late, later)} == {Status.OVERDUE}
    page = client.get(reverse("compliance:municipal", args=[municipality.slug]) + "?fremdrift=tilmeldt")
    assert [r.person_id for r in page.context["rows"]] == [late.pk]


def test_booking_someone_from_another_municipality_books_nobody(client, municipality, other_municipality, leader,
                                                                cohort):
    stranger = staff(other_municipality, start=D(2020, 1, 1))
    client.force_login(leader)
    for name in ("compliance:book", "compliance:book_confirm"):
        client.post(reverse(name, args=[municipality.slug]), {"hold": cohort.pk, "person": [stranger.pk]})
    assert not Registration.objects.exists()


def test_waitlist_is_ordered_by_nearest_deadline(municipality, leader, cohort):
    from scheduling import hooks as scheduling_hooks

    agreement(municipality, grace_period_days=365)
    first_come = staff(municipality, start=D(2020, 1, 1))
    registration_services.registration_create(event=cohort, person=first_come, by=leader)  # takes the seat
    far = staff(municipality, start=timezone.localdate() - datetime.timedelta(days=10))
    near = staff(municipality, start=timezone.localdate() - datetime.timedelta(days=300))
    done = staff(municipality)
    completion(done, D(2024, 1, 1))
    waiting = [registration_services.registration_create(event=cohort, person=p, by=leader) for p in (done, far, near)]
    assert {r.status for r in waiting} == {Registration.Status.WAITLISTED}
    ordered = scheduling_hooks.waitlist_order(cohort, waiting)
    assert [r.person_id for r in ordered] == [near.pk, far.pk, done.pk]

