import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from scheduling import selectors
from scheduling.services.events import event_cancel
from scheduling.services.registration import registration_cancel, registration_create
from scheduling.signals import registration_changed
from tests.factories import MembershipFactory

from .factories import cohort, event_with_sessions

pytestmark = pytest.mark.django_db


def test_open_cohorts_for_course_page(provider):
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title="Grundkursus", slug="grundkursus-test"))
    later = cohort(provider, course_page=page, days=(40, 41))
    sooner = cohort(provider, course_page=page, days=(20, 21))
    cohort(provider, course_page=page, days=(-1, 30))  # begun: no longer booked, though a day is ahead
    cohort(provider, course_page=page, days=(-3, -2))  # already held
    cancelled = cohort(provider, course_page=page)
    event_cancel(event=cancelled, by=None, reason="For få tilmeldte")
    cohort(provider, course_page=page, registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    cohort(provider, course_page=page, registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    only_cancelled_days_ahead = cohort(provider, course_page=page, days=(15, 16))
    only_cancelled_days_ahead.sessions.update(cancelled=True)
    first_day_cancelled = cohort(provider, course_page=page, days=(10, 30))
    first_day_cancelled.sessions.filter(day_number=1).update(cancelled=True)  # now starts on day 30
    cohort(provider)  # another course
    result = list(selectors.open_cohorts_for_course_page(page.pk))
    assert result == [sooner, first_day_cancelled, later]  # by first session that takes place
    assert [c.confirmed_count for c in result] == [0, 0, 0]
    assert result[0].first_start == sooner.sessions.order_by("starts_at").first().starts_at


def test_open_cohorts_for_course_page_query_count(provider, django_assert_num_queries):
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title="Grundkursus", slug="grundkursus-test"))
    for _ in range(4):
        cohort(provider, course_page=page)
    with django_assert_num_queries(2):
        rows = list(selectors.open_cohorts_for_course_page(page.pk))
        assert all(len(c.sessions.all()) == 3 and c.provider for c in rows)


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
