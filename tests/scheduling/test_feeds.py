import datetime
import uuid

import pytest
from django.urls import reverse
from icalendar import Calendar

from scheduling.models import Registration, Session
from scheduling.selectors import municipality_feed_path
from scheduling.services.calendar_feed import calendar_token_renew
from scheduling.services.events import event_update, session_cancel, session_save
from scheduling.services.registration import registration_create

from .factories import at, event_with_sessions

pytestmark = pytest.mark.django_db


def feed_url(person):
    return reverse("scheduling:personal_feed", args=[person.calendar_token])


def add_confirmed_events(person, municipality, count, sessions_each=2):
    for _ in range(count):
        event = event_with_sessions(municipality=municipality, days=tuple(range(10, 10 + sessions_each)), capacity=50)
        Registration.objects.create(event=event, person=person, status="confirmed", municipality=municipality)


def test_personal_feed_holds_only_confirmed_sessions(client, municipality, caseworker):
    add_confirmed_events(caseworker, municipality, 2)
    waiting = event_with_sessions(municipality=municipality, title="Venteliste-temadag")
    Registration.objects.create(event=waiting, person=caseworker, status="waitlisted", municipality=municipality)
    response = client.get(feed_url(caseworker))  # no login: calendar programs cannot log in
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    assert len(cal.walk("VEVENT")) == 4
    assert "Venteliste-temadag" not in response.content.decode()
    assert len(cal.walk("VTIMEZONE")) == 1


def test_personal_feed_query_count_is_constant(client, municipality, caseworker, django_assert_num_queries):
    add_confirmed_events(caseworker, municipality, 2)
    with django_assert_num_queries(2) as small:
        client.get(feed_url(caseworker))
    add_confirmed_events(caseworker, municipality, 25, sessions_each=3)
    with django_assert_num_queries(2):
        response = client.get(feed_url(caseworker))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2 * 2 + 25 * 3
    assert len(small.captured_queries) == 2


def test_municipal_feed_query_count_is_constant(client, municipality, leader, django_assert_num_queries):
    event_with_sessions(municipality=municipality, days=(5, 6))
    url = municipality_feed_path(leader, municipality)
    with django_assert_num_queries(5):
        client.get(url)
    for _ in range(30):
        event_with_sessions(municipality=municipality, days=(5, 6, 7))
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2 + 90
    with django_assert_num_queries(4):  # unchanged: served from the cache
        assert client.get(url).content == response.content


def test_municipal_feed_cache_never_stale(client, municipality, leader):
    event = event_with_sessions(municipality=municipality, days=(5, 6))
    url = municipality_feed_path(leader, municipality)
    assert b"STATUS:CANCELLED" not in client.get(url).content
    session_cancel(session=event.sessions.first(), by=None, reason="Sygdom")
    assert b"STATUS:CANCELLED" in client.get(url).content
    event_update(event=event, by=None, title="Nyt navn på temadagen")
    assert "Nyt navn på temadagen" in client.get(url).content.decode()
    session_save(event=event, by=None, starts_at=at(20, 9), ends_at=at(20, 12))
    assert client.get(url).content.decode().count("BEGIN:VEVENT") == 3


def test_renewed_token_revokes_old_feed(client, municipality, caseworker):
    old_url = feed_url(caseworker)
    assert client.get(old_url).status_code == 200
    calendar_token_renew(person=caseworker)
    caseworker.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 404
    assert caseworker.full_name.encode() not in response.content
    assert client.get(feed_url(caseworker)).status_code == 200


def test_renew_over_http(client, caseworker):
    client.force_login(caseworker)
    old = caseworker.calendar_token
    response = client.post(reverse("scheduling:subscription_renew"))
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.calendar_token != old
    assert client.get(reverse("scheduling:personal_feed", args=[old])).status_code == 404


def test_made_up_token_is_404(client, caseworker):
    assert client.get(reverse("scheduling:personal_feed", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/kalender/feed/ikke-en-uuid.ics").status_code == 404


def test_inactive_person_feed_is_404(client, caseworker):
    caseworker.is_active = False
    caseworker.save()
    assert client.get(feed_url(caseworker)).status_code == 404


def test_municipal_feed_refuses_another_municipality(client, municipality, other_leader):
    event_with_sessions(municipality=municipality)
    url = municipality_feed_path(other_leader, municipality)
    assert client.get(url).status_code == 404


def test_cancelled_session_stays_in_feed_as_cancelled(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, days=(8, 9))
    registration_create(event=event, person=caseworker, by=caseworker)
    session_cancel(session=event.sessions.first(), by=None, reason="Sygdom")
    cal = Calendar.from_ical(client.get(feed_url(caseworker)).content)
    statuses = sorted(str(v["STATUS"]) for v in cal.walk("VEVENT"))
    assert statuses == ["CANCELLED", "CONFIRMED"]


def test_bench_command_runs_small(capsys):
    from django.core.management import call_command

    call_command("bench_calendar", personal=20, municipal=50)
    out = capsys.readouterr().out
    assert "20 sessions" in out and "50 sessions" in out
    assert not Session.objects.exists()  # the benchmark rolls its data back


def test_session_times_survive_dst_in_feed(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, days=(3,))
    session = event.sessions.get()
    session.starts_at = datetime.datetime(2027, 10, 31, 9, tzinfo=datetime.UTC) - datetime.timedelta(hours=1)
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.save()
    Registration.objects.create(event=event, person=caseworker, status="confirmed", municipality=municipality)
    content = client.get(feed_url(caseworker)).content
    assert b"DTSTART;TZID=Europe/Copenhagen:20271031T090000" in content
    assert at(0).tzinfo is not None


def test_trainer_feed_holds_the_days_they_teach(client, provider):
    from tests.factories import MembershipFactory

    from .factories import cohort

    trainer = MembershipFactory(provider=provider, municipality=None, role="underviser").person
    taught = cohort(provider, days=(5, 6, 7), title="Hold med underviser")
    taught.hosts.add(trainer)
    cohort(provider, title="Andet hold")
    content = client.get(feed_url(trainer)).content.decode()
    assert content.count("BEGIN:VEVENT") == 3 and "Andet hold" not in content
