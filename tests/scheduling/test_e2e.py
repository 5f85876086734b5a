"""Scheduling in a real browser: sign up, calendars, subscription, booking and the tablet roster; axe on
every page."""

import pytest

from scheduling.models import Attendance, Registration, Session
from scheduling.services.registration import registration_create
from tests.conftest import assert_accessible, browser_login
from tests.factories import MembershipFactory

from .factories import at, cohort, event_with_sessions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_caseworker_signs_up_and_finds_the_feed(page, live_server, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, title="Temadag: Tragtmodellen i praksis")
    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + "/kalender/")
    assert_accessible(page)
    page.get_by_role("link", name="Temadag: Tragtmodellen i praksis").click()
    assert_accessible(page)
    page.get_by_role("button", name="Tilmeld mig").click()
    assert page.get_by_text("Du er tilmeldt").first.is_visible()
    assert Registration.objects.get(event=event, person=caseworker).status == "confirmed"
    page.goto(live_server.url + "/kalender/?visning=maaned")
    assert_accessible(page)
    page.goto(live_server.url + "/kalender/abonnement/")
    assert_accessible(page)
    feed = page.locator("#feed-url").input_value()
    assert str(caseworker.calendar_token) in feed


def test_leader_books_staff_in_the_browser(page, live_server, municipality, leader):
    event = event_with_sessions(municipality=municipality, capacity=1, title="Brush-up: magneterne")
    staff = [MembershipFactory(municipality=municipality).person for _ in range(2)]
    browser_login(page, live_server, leader.email)
    page.goto(live_server.url + f"/kalender/arrangement/{event.pk}/book/")
    assert_accessible(page)
    for person in staff:
        page.get_by_label(person.full_name).check()
    page.get_by_role("button", name="Tilmeld de valgte").click()
    assert page.get_by_text("1 tilmeldt, 1 på venteliste").is_visible()
    assert_accessible(page)


def test_trainer_takes_attendance_on_a_tablet(page, live_server, provider):
    trainer = MembershipFactory(provider=provider, municipality=None, role="underviser").person
    event = cohort(provider, days=(20,))
    people = [MembershipFactory().person for _ in range(2)]
    for person in people:
        registration_create(event=event, person=person, by=person)
    session = event.sessions.get()
    Session.objects.filter(pk=session.pk).update(starts_at=at(0, 0, 5), ends_at=at(0, 23, 0))
    page.set_viewport_size({"width": 820, "height": 1180})
    browser_login(page, live_server, trainer.email)
    page.goto(live_server.url + f"/kalender/session/{session.pk}/fremmoede/")
    assert_accessible(page)
    box = page.locator(f"label[for=s-{people[0].pk}-attended]").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a finger-sized target
    page.locator(f"label[for=s-{people[0].pk}-attended]").click()
    page.locator(f"label[for=s-{people[1].pk}-excused]").click()
    page.get_by_role("button", name="Gem fremmøde").click()
    assert page.get_by_text("Fremmøde gemt (2 ændret)").is_visible()
    statuses = dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))
    assert statuses == {people[0].pk: "attended", people[1].pk: "excused"}
    assert_accessible(page)
