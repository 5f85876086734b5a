import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scheduling import hooks
from scheduling.models import Event, Registration, RegistrationChange
from scheduling.services.events import event_update, quota_set, session_save
from scheduling.services.registration import (
    registration_cancel,
    registration_create,
    registrations_bulk_create,
)
from tests.factories import MembershipFactory, MunicipalityFactory

from .factories import at, cohort, event_with_sessions

pytestmark = pytest.mark.django_db


def staff(municipality, n, role="sagsbehandler"):
    return [MembershipFactory(municipality=municipality, role=role).person for _ in range(n)]


def test_confirmed_then_waitlisted_when_full(municipality, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality, capacity=2)
    people = staff(municipality, 3)
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [registration_create(event=event, person=p, by=p).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    subjects = [m.subject for m in mail.outbox]
    assert sum("Tilmelding bekræftet" in s for s in subjects) == 2
    assert sum("venteliste" in s.lower() for s in subjects) == 1


def test_waitlist_moves_up_and_tells_the_person(municipality, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality, capacity=1)
    first, second = staff(municipality, 2)
    r1 = registration_create(event=event, person=first, by=first)
    r2 = registration_create(event=event, person=second, by=second)
    assert r2.status == "waitlisted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=r1, by=first, reason="Syg")
    r2.refresh_from_db()
    assert r2.status == "confirmed"
    to_second = [m for m in mail.outbox if m.to == [second.email]]
    assert len(to_second) == 1 and "plads" in to_second[0].subject
    assert "METHOD:REQUEST" in to_second[0].alternatives[0].content
    assert list(RegistrationChange.objects.filter(registration=r2).values_list("status", flat=True)) == [
        "waitlisted", "confirmed",
    ]


def test_waitlist_priority_hook_orders_promotion(municipality):
    event = event_with_sessions(municipality=municipality, capacity=1)
    holder, early, late = staff(municipality, 3)
    r_holder = registration_create(event=event, person=holder, by=holder)
    registration_create(event=event, person=early, by=early)
    registration_create(event=event, person=late, by=late)

    def late_first(ev, person_ids):
        return {late.pk: 0}

    hooks.register_waitlist_priority(late_first)
    try:
        registration_cancel(registration=r_holder, by=holder)
    finally:
        hooks.unregister_waitlist_priority(late_first)
    statuses = dict(Registration.objects.filter(event=event).values_list("person_id", "status"))
    assert statuses[late.pk] == "confirmed" and statuses[early.pk] == "waitlisted"


def test_deadline_passed_is_refused_in_danish(municipality):
    event = event_with_sessions(municipality=municipality, registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    person = staff(municipality, 1)[0]
    with pytest.raises(ValidationError) as exc:
        registration_create(event=event, person=person, by=person)
    assert "Tilmeldingsfristen" in exc.value.messages[0]
    assert not Registration.objects.exists()


def test_outside_audience_is_refused(municipality, other_municipality):
    event = event_with_sessions(municipality=municipality, audience=Event.Audience.SUPERUSERS)
    caseworker = staff(municipality, 1)[0]
    stranger = MembershipFactory(municipality=other_municipality, role="superbruger").person
    for person in (caseworker, stranger):
        with pytest.raises(ValidationError) as exc:
            registration_create(event=event, person=person, by=person)
        assert "målgruppen" in exc.value.messages[0]
    assert not Registration.objects.exists()


def test_double_registration_refused(municipality):
    event = event_with_sessions(municipality=municipality)
    person = staff(municipality, 1)[0]
    registration_create(event=event, person=person, by=person)
    with pytest.raises(ValidationError):
        registration_create(event=event, person=person, by=person)
    assert Registration.objects.count() == 1


def test_bulk_booking_all_or_nothing(municipality, leader):
    event = event_with_sessions(municipality=municipality, capacity=1, audience=Event.Audience.CASEWORKERS)
    a, b = staff(municipality, 2)
    superuser = staff(municipality, 1, role="superbruger")[0]  # on the staff, outside the audience
    with pytest.raises(ValidationError) as exc:
        registrations_bulk_create(event=event, people=[a, superuser, b], by=leader, municipality=municipality)
    assert superuser.full_name in " ".join(exc.value.messages)
    assert not Registration.objects.exists()
    created = registrations_bulk_create(event=event, people=[a, b], by=leader, municipality=municipality)
    assert [r.status for r in created] == ["confirmed", "waitlisted"]
    assert all(r.booked_by == leader for r in created)


def test_bulk_booking_someone_off_the_staff_is_refused(municipality, other_municipality, leader):
    event = event_with_sessions(municipality=municipality, audience=Event.Audience.OPEN)
    a = staff(municipality, 1)[0]
    outsider = MembershipFactory(municipality=other_municipality).person
    with pytest.raises(PermissionDenied) as exc:
        registrations_bulk_create(event=event, people=[a, outsider], by=leader, municipality=municipality)
    assert outsider.full_name in str(exc.value)
    assert not Registration.objects.exists()


def test_bulk_booking_needs_a_leader_of_that_municipality(municipality, other_leader):
    event = event_with_sessions(municipality=municipality, audience=Event.Audience.OPEN)
    a = staff(municipality, 1)[0]
    superuser = staff(municipality, 1, role="superbruger")[0]
    for by in (other_leader, superuser, a):
        with pytest.raises(PermissionDenied):
            registrations_bulk_create(event=event, people=[a], by=by, municipality=municipality)
    assert not Registration.objects.exists()


def test_a_national_admin_may_book_any_staff(municipality):
    from tests.factories import national_admin

    event = event_with_sessions(municipality=municipality)
    a = staff(municipality, 1)[0]
    [registration] = registrations_bulk_create(event=event, people=[a], by=national_admin(), municipality=municipality)
    assert registration.municipality == municipality


def test_booking_someone_else_needs_their_leader(municipality, other_municipality, leader, other_leader):
    event = event_with_sessions(municipality=municipality, audience=Event.Audience.OPEN)
    person, colleague = staff(municipality, 2)
    for by in (other_leader, colleague):
        with pytest.raises(PermissionDenied):
            registration_create(event=event, person=person, by=by)
    assert not Registration.objects.exists()
    assert registration_create(event=event, person=person, by=leader).booked_by == leader


def test_cancelling_someone_elses_registration_needs_organiser_or_leader(municipality, leader, other_leader):
    event = event_with_sessions(municipality=municipality)
    person, colleague = staff(municipality, 2)
    registration = registration_create(event=event, person=person, by=person)
    for by in (colleague, other_leader):
        with pytest.raises(PermissionDenied):
            registration_cancel(registration=registration, by=by)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    registration_cancel(registration=registration, by=leader)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_cancellation_deadline_applies_to_self_not_leader(municipality, leader):
    event = event_with_sessions(municipality=municipality, cancellation_deadline=timezone.now() - datetime.timedelta(minutes=1))
    person = staff(municipality, 1)[0]
    registration = registration_create(event=event, person=person, by=person)
    with pytest.raises(ValidationError) as exc:
        registration_cancel(registration=registration, by=person)
    assert "Afmeldingsfristen" in exc.value.messages[0]
    registration_cancel(registration=registration, by=leader, reason="Leder afmelder")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_capacity_below_confirmed_refused(municipality):
    event = event_with_sessions(municipality=municipality, capacity=3)
    for p in staff(municipality, 3):
        registration_create(event=event, person=p, by=p)
    with pytest.raises(ValidationError) as exc:
        event_update(event=event, by=None, capacity=2)
    assert "3" in exc.value.messages[0]
    event.refresh_from_db()
    assert event.capacity == 3


def test_raising_capacity_promotes(municipality):
    event = event_with_sessions(municipality=municipality, capacity=1)
    a, b = staff(municipality, 2)
    registration_create(event=event, person=a, by=a)
    rb = registration_create(event=event, person=b, by=b)
    event_update(event=event, by=None, capacity=2)
    rb.refresh_from_db()
    assert rb.status == "confirmed"


def test_quota_reserves_seats_for_named_municipality(provider):
    reserved, other = MunicipalityFactory(), MunicipalityFactory()
    event = cohort(provider, capacity=3)
    quota_set(event=event, municipality=reserved, seats=2, by=None)
    outsiders = staff(other, 2)
    results = [registration_create(event=event, person=p, by=p).status for p in outsiders]
    assert results == ["confirmed", "waitlisted"]
    insiders = staff(reserved, 3)
    results = [registration_create(event=event, person=p, by=p).status for p in insiders]
    assert results == ["confirmed", "confirmed", "waitlisted"]


def test_overlap_warning(municipality):
    from scheduling.selectors import overlapping_sessions

    person = staff(municipality, 1)[0]
    first = event_with_sessions(municipality=municipality, days=(10,))
    second = event_with_sessions(municipality=municipality, days=(10,))
    third = event_with_sessions(municipality=municipality, days=(11,))
    registration_create(event=first, person=person, by=person)
    assert [s.event for s in overlapping_sessions(person, second)] == [first]
    assert overlapping_sessions(person, third) == []


def test_session_ending_before_start_refused(municipality):
    event = event_with_sessions(municipality=municipality)
    with pytest.raises(ValidationError) as exc:
        session_save(event=event, by=None, starts_at=at(5, 12), ends_at=at(5, 10))
    assert "slutte, efter" in " ".join(exc.value.messages)
    assert event.sessions.count() == 1
