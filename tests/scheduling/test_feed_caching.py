"""Calendar feeds and .ics files answer conditional requests and cache their body per version of the
data they show (issue 12, point 3): an unchanged feed costs one version query and a cache get, a
changed one is correct at once, and no validator or cached body outlives the right to read it."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people.models import Membership
from scheduling import ical
from scheduling.models import Event, Registration
from scheduling.selectors import municipality_feed_path
from scheduling.services.calendar_feed import calendar_token_renew
from scheduling.services.events import event_update, session_cancel, session_save
from scheduling.services.registration import registration_cancel

from .factories import at, event_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def personal_url(person):
    return reverse("scheduling:personal_feed", args=[person.calendar_token])


def confirmed(person, municipality, days=(10, 11), **kwargs):
    event = event_with_sessions(municipality=municipality, days=days, capacity=50, **kwargs)
    registration = Registration.objects.create(
        event=event, person=person, status=Registration.Status.CONFIRMED, municipality=municipality
    )
    return event, registration


# --- 304 Not Modified -------------------------------------------------------------------------------


def test_personal_feed_unchanged_is_304_without_a_body(client, municipality, caseworker):
    confirmed(caseworker, municipality)
    first = client.get(personal_url(caseworker))
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and not first["ETag"].startswith("W/")  # strong
    assert first["Last-Modified"]
    again = client.get(personal_url(caseworker), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    by_date = client.get(personal_url(caseworker), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    assert by_date.content == b""


def test_municipal_feed_unchanged_is_304(client, municipality, leader):
    event_with_sessions(municipality=municipality, days=(5, 6))
    url = municipality_feed_path(leader, municipality)
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # A list of validators matches if one of them does.
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", {first["ETag"]}').status_code == 304


def test_event_ics_unchanged_is_304_and_changes_with_the_event(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, days=(5, 6))
    client.force_login(caseworker)
    url = reverse("scheduling:event_ics", args=[event.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Disposition"] == f'attachment; filename="ics-akademi-{event.pk}.ics"'
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    session_cancel(session=event.sessions.first(), by=None, reason="Sygdom")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert b"STATUS:CANCELLED" in changed.content
    assert changed["ETag"] != first["ETag"]


def test_event_ics_is_not_answered_to_someone_who_may_not_see_it(client, municipality, other_leader):
    event = event_with_sessions(municipality=municipality, audience=Event.Audience.LEADERS)
    client.force_login(other_leader)
    url = reverse("scheduling:event_ics", args=[event.pk])
    assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 404


# --- The version changes with everything the feed shows ---------------------------------------------


def test_personal_version_follows_registrations_sessions_and_token(client, municipality, caseworker, leader):
    event, registration = confirmed(caseworker, municipality)
    tags = [client.get(personal_url(caseworker))["ETag"]]

    def changed():
        response = client.get(personal_url(caseworker), HTTP_IF_NONE_MATCH=tags[-1])
        assert response.status_code == 200
        tags.append(response["ETag"])
        return response.content.decode()

    other, _registration = confirmed(caseworker, municipality, days=(30,), title="Ny temadag")
    assert "Ny temadag" in changed()
    session_save(event=event, by=None, session=event.sessions.first(), starts_at=at(12, 8), ends_at=at(12, 11))
    assert "T080000" in changed()
    session_cancel(session=event.sessions.last(), by=None, reason="Sygdom")
    assert "STATUS:CANCELLED" in changed()
    event_update(event=other, by=None, title="Omdøbt temadag")
    assert "Omdøbt temadag" in changed()
    registration_cancel(registration=registration, by=None)
    assert changed().count("BEGIN:VEVENT") == 1
    hosted = event_with_sessions(municipality=municipality, days=(40,), title="Værtens temadag")
    hosted.hosts.add(caseworker)
    assert "Værtens temadag" in changed()
    calendar_token_renew(person=caseworker)
    assert changed().count("BEGIN:VEVENT") == 2
    assert len(set(tags)) == len(tags)


def test_municipal_version_follows_a_session_leaving_the_window(client, municipality, leader):
    old = event_with_sessions(municipality=municipality, days=(-300,), title="Gammel temadag")
    url = municipality_feed_path(leader, municipality)
    first = client.get(url)
    assert "Gammel temadag" in first.content.decode()
    old.sessions.update(starts_at=at(-400, 9), ends_at=at(-400, 15))  # as if a hundred days went by
    later = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200
    assert "Gammel temadag" not in later.content.decode()


def test_personal_version_follows_a_session_leaving_the_window(client, municipality, caseworker):
    """The personal reader's query is compiled once per process: the window's start is still today's."""
    old, _registration = confirmed(caseworker, municipality, days=(-300,), title="Gammel temadag")
    first = client.get(personal_url(caseworker))
    assert "Gammel temadag" in first.content.decode()
    old.sessions.update(starts_at=at(-400, 9), ends_at=at(-400, 15))  # as if a hundred days went by
    later = client.get(personal_url(caseworker), HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200
    assert "Gammel temadag" not in later.content.decode()


def test_each_token_reads_its_own_person(municipality, caseworker, leader):
    from scheduling.selectors import personal_feed_reader

    confirmed(caseworker, municipality, title="Sagsbehandlerens kursusdag")
    for person in (caseworker, leader, caseworker):
        reader_person, version = personal_feed_reader(person.calendar_token)
        assert reader_person.pk == person.pk
        assert version.startswith(f"{person.pk}|{person.calendar_token}|")
    assert personal_feed_reader(caseworker.calendar_token)[1] != personal_feed_reader(leader.calendar_token)[1]


def test_municipal_version_follows_a_moved_session(client, municipality, leader):
    event = event_with_sessions(municipality=municipality, days=(5, 6))
    url = municipality_feed_path(leader, municipality)
    first = client.get(url)
    session_save(event=event, by=None, session=event.sessions.first(), starts_at=at(8, 7), ends_at=at(8, 10))
    moved = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert moved.status_code == 200
    assert "T070000" in moved.content.decode()


# --- Bad input ----------------------------------------------------------------------------------------


def test_stale_etag_gets_the_new_body(client, municipality, leader):
    event = event_with_sessions(municipality=municipality, days=(5,))
    url = municipality_feed_path(leader, municipality)
    stale = client.get(url)["ETag"]
    event_update(event=event, by=None, title="Flyttet temadag")
    response = client.get(url, HTTP_IF_NONE_MATCH=stale)
    assert response.status_code == 200
    assert "Flyttet temadag" in response.content.decode()
    assert response["ETag"] != stale


def test_stale_if_modified_since_gets_the_new_body(client, municipality, caseworker):
    event, _registration = confirmed(caseworker, municipality)
    first = client.get(personal_url(caseworker))
    long_ago = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert client.get(personal_url(caseworker), HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200
    session_cancel(session=event.sessions.first(), by=None, reason="Sygdom")
    with mock.patch("scheduling.views.feeds.time.time", return_value=timezone.now().timestamp() + 5):
        response = client.get(personal_url(caseworker), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert b"STATUS:CANCELLED" in response.content


@pytest.mark.parametrize("header,value", [
    ("HTTP_IF_NONE_MATCH", "not an etag"),
    ("HTTP_IF_NONE_MATCH", '"unterminated'),
    ("HTTP_IF_NONE_MATCH", "W/"),
    ("HTTP_IF_NONE_MATCH", ",,,"),
    ("HTTP_IF_NONE_MATCH", "\x00\xff" * 10),
    ("HTTP_IF_NONE_MATCH", '"' + "a" * 10000 + '"'),
    ("HTTP_IF_MODIFIED_SINCE", "yesterday"),
    ("HTTP_IF_MODIFIED_SINCE", "Mon, 99 Foo 2024 99:99:99 GMT"),
    ("HTTP_IF_MODIFIED_SINCE", "9" * 400),
    ("HTTP_IF_MODIFIED_SINCE", ""),
])
def test_malformed_validators_are_ignored(client, municipality, caseworker, leader, header, value):
    confirmed(caseworker, municipality)
    for url in (personal_url(caseworker), municipality_feed_path(leader, municipality)):
        client.get(url)  # cached
        response = client.get(url, **{header: value})
        assert response.status_code == 200
        assert b"BEGIN:VCALENDAR" in response.content


def test_revoked_token_with_a_cached_body_is_404(client, municipality, caseworker):
    confirmed(caseworker, municipality)
    old_url = personal_url(caseworker)
    first = client.get(old_url)
    assert first.status_code == 200
    calendar_token_renew(person=caseworker)
    assert client.get(old_url).status_code == 404
    assert client.get(old_url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
    assert client.get(old_url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 404


def test_revoked_token_closes_the_cached_municipal_feed(client, municipality, leader):
    event_with_sessions(municipality=municipality, days=(5,))
    old_url = municipality_feed_path(leader, municipality)
    first = client.get(old_url)
    calendar_token_renew(person=leader)
    assert client.get(old_url).status_code == 404
    assert client.get(old_url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404


def test_municipal_feed_of_an_owner_who_lost_their_role_is_404(client, municipality, leader):
    event_with_sessions(municipality=municipality, days=(5,))
    url = municipality_feed_path(leader, municipality)
    first = client.get(url)
    assert first.status_code == 200
    # The role ends without the token being renewed (no signal): the role check still closes the feed.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(person=leader).update(
        start_date=yesterday - datetime.timedelta(days=30), end_date=yesterday
    )
    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404


# --- An unchanged feed costs next to nothing ---------------------------------------------------------


def test_unchanged_personal_feed_is_one_query_and_no_build(client, municipality, caseworker):
    for _ in range(5):
        confirmed(caseworker, municipality, days=(10, 11, 12))
    first = client.get(personal_url(caseworker))
    with mock.patch.object(ical, "feed_calendar", side_effect=AssertionError("rebuilt")) as builder:
        for headers in ({}, {"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(personal_url(caseworker), **headers)
            assert len(queries.captured_queries) == 1  # the owner and the version together
            assert response.status_code == (200 if not headers else 304)
    assert not builder.called
    assert client.get(personal_url(caseworker)).content == first.content


def test_unchanged_municipal_feed_is_constant_queries_and_no_build(
    client, municipality, leader, django_assert_num_queries
):
    for _ in range(20):
        event_with_sessions(municipality=municipality, days=(5, 6, 7))
    url = municipality_feed_path(leader, municipality)
    first = client.get(url)
    with mock.patch.object(ical, "feed_calendar", side_effect=AssertionError("rebuilt")) as builder:
        # the reader (person, municipality, their roles) and the version; never the sessions
        with django_assert_num_queries(4):
            assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        with django_assert_num_queries(4):
            assert client.get(url).content == first.content
    assert not builder.called


def test_changed_feed_is_built_once_then_cached(client, municipality, leader):
    event = event_with_sessions(municipality=municipality, days=(5,))
    url = municipality_feed_path(leader, municipality)
    client.get(url)
    session_cancel(session=event.sessions.first(), by=None, reason="Sygdom")
    with mock.patch.object(ical, "feed_calendar", wraps=ical.feed_calendar) as builder:
        changed = client.get(url)
        assert client.get(url).content == changed.content
    assert builder.call_count == 1


def test_unchanged_event_ics_is_not_rebuilt_and_follows_its_organiser(client, municipality, caseworker):
    event = event_with_sessions(municipality=municipality, days=(5, 6))
    client.force_login(caseworker)
    url = reverse("scheduling:event_ics", args=[event.pk])
    first = client.get(url)
    with mock.patch.object(ical, "event_calendar", side_effect=AssertionError("rebuilt")) as builder:
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).content == first.content
        with CaptureQueriesContext(connection) as conditional:
            assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert not builder.called
    assert len(conditional.captured_queries) == len(cold.captured_queries)  # the version only, never the sessions
    municipality.name = "Omdøbt Kommune"
    municipality.save()
    renamed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert renamed.status_code == 200
    assert "Omdøbt Kommune" in renamed.content.decode()
