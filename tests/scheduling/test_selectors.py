import pytest
from wagtail.models import Page

from scheduling import selectors
from scheduling.models import Registration
from scheduling.services.events import event_cancel
from scheduling.services.registration import registration_cancel, registration_create
from scheduling.signals import registration_changed
from tests.factories import MembershipFactory

from .factories import cohort, event_with_sessions

pytestmark = pytest.mark.django_db


def test_registrations_for_people_constant_queries(municipality, django_assert_num_queries):
    people = [MembershipFactory(municipality=municipality).person for _ in range(3)]
    for _ in range(2):
        event = event_with_sessions(municipality=municipality, days=(5, 6))
        for person in people:
            Registration.objects.create(event=event, person=person, status="confirmed", municipality=municipality)
    with django_assert_num_queries(2):
        rows = list(selectors.registrations_for_people([p.pk for p in people]))
        sessions = [s for r in rows for s in r.event.sessions.all()]
    assert len(rows) == 6 and len(sessions) == 12
    for _ in range(5):
        event = event_with_sessions(municipality=municipality, days=(5, 6, 7))
        for person in people:
            Registration.objects.create(event=event, person=person, status="waitlisted", municipality=municipality)
    with django_assert_num_queries(2):
        rows = list(selectors.registrations_for_people([p.pk for p in people]))
        [list(r.event.sessions.all()) for r in rows]
    assert len(rows) == 21


def test_open_cohorts_for_course_page(provider):
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title="Grundkursus", slug="grundkursus-test"))
    open_cohort = cohort(provider, course_page=page)
    cohort(provider, course_page=page, days=(-3, -2))  # already held
    cancelled = cohort(provider, course_page=page)
    event_cancel(event=cancelled, by=None, reason="For få tilmeldte")
    cohort(provider)  # another course
    assert list(selectors.open_cohorts_for_course_page(page.pk)) == [open_cohort]


def test_registration_changed_signal_after_commit(municipality, django_capture_on_commit_callbacks):
    event = event_with_sessions(municipality=municipality)
    person = MembershipFactory(municipality=municipality).person
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    registration_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            registration = registration_create(event=event, person=person, by=person)
        assert received == []  # nothing before commit
        for callback in callbacks:
            callback()
    finally:
        registration_changed.disconnect(listener)
    assert received == [{"registration_id": registration.pk, "event_id": event.pk, "person_id": person.pk,
                         "status": "confirmed", "signal": registration_changed}]


def test_visible_events_scoping(municipality, other_municipality, provider, caseworker, other_leader):
    mine = event_with_sessions(municipality=municipality)
    theirs = event_with_sessions(municipality=other_municipality)
    open_theirs = event_with_sessions(municipality=other_municipality, audience="aaben")
    a_cohort = cohort(provider)
    visible = set(selectors.visible_events(caseworker))
    assert {mine, open_theirs, a_cohort} <= visible and theirs not in visible
    assert mine not in set(selectors.visible_events(other_leader))
    assert set(selectors.managed_events(other_leader)) == {theirs, open_theirs}


def test_open_for_registration_respects_audience_and_own_bookings(municipality, other_municipality, caseworker):
    for_me = event_with_sessions(municipality=municipality, audience="sagsbehandlere")
    for_superusers = event_with_sessions(municipality=municipality, audience="superbrugere")
    elsewhere = event_with_sessions(municipality=other_municipality)
    booked = event_with_sessions(municipality=municipality)
    registration_create(event=booked, person=caseworker, by=caseworker)
    cancelled_other = event_with_sessions(municipality=municipality)
    someone = MembershipFactory(municipality=municipality).person
    registration_cancel(
        registration=registration_create(event=cancelled_other, person=caseworker, by=caseworker),
        by=caseworker,
    )
    registration_create(event=cancelled_other, person=someone, by=someone)
    result = set(selectors.open_for_registration(caseworker))
    assert for_me in result and cancelled_other in result
    assert not result & {for_superusers, elsewhere, booked}
