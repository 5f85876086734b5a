"""The coordinator's home (scheduling's cohorts panel) and the local events panel of leaders and
superusers, from the outside, with the query count constant as the data grows; and "Sign me up" never
offered to a coordinator on her own cohort."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scheduling.models import Attendance, Event, Registration
from tests.factories import MembershipFactory

from .factories import cohort, event_with_sessions

pytestmark = pytest.mark.django_db


def home(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/mit/")
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def register(event, person, municipality):
    return Registration.objects.create(event=event, person=person, municipality=municipality,
                                       status=Registration.Status.CONFIRMED, confirmed_at=timezone.now())


def test_the_coordinator_sees_her_cohorts_with_next_day_seats_waitlist_and_missing_attendance(
        client, coordinator, provider, municipality):
    ahead = cohort(provider, days=(10, 11), title="Hold forude", capacity=3)
    for _ in range(3):
        register(ahead, MembershipFactory(municipality=municipality).person, municipality)
    Registration.objects.create(event=ahead, person=MembershipFactory(municipality=municipality).person,
                                municipality=municipality, status=Registration.Status.WAITLISTED)
    held = cohort(provider, days=(-10, -9), title="Hold afholdt")
    person = MembershipFactory(municipality=municipality).person
    register(held, person, municipality)
    first = held.sessions.order_by("starts_at").first()
    Attendance.objects.create(session=first, person=person, status=Attendance.Status.ATTENDED)
    client.force_login(coordinator)
    _n, html = home(client)
    panel = html.split('id="panel-scheduling_cohorts"')[1]
    assert "Hold forude" in panel and "Hold afholdt" in panel
    assert panel.index("Hold forude") < panel.index("Hold afholdt")  # the one ahead first
    forude = panel.split("Hold forude", 1)[1].split("Hold afholdt", 1)[0]
    assert "3" in forude and "0 " in forude  # 3 of 3 taken, 0 free
    assert "1 " in forude  # one on the waitlist
    held_part = panel.split("Hold afholdt", 1)[1]
    assert "Attendance missing" in held_part or "Fremmøde mangler" in held_part  # day 2 not recorded


def test_another_providers_cohorts_do_not_show(client, coordinator):
    from tests.factories import ProviderFactory

    cohort(ProviderFactory(), days=(10, 11), title="Andres hold")
    client.force_login(coordinator)
    _n, html = home(client)
    assert "Andres hold" not in html


def test_a_caseworker_gets_no_cohorts_panel(client, caseworker, provider):
    cohort(provider, days=(10, 11))
    client.force_login(caseworker)
    _n, html = home(client)
    assert 'id="panel-scheduling_cohorts"' not in html


def test_the_coordinators_home_uses_a_constant_number_of_queries(client, coordinator, provider, municipality):
    def grow(n):
        for i in range(n):
            event = cohort(provider, days=(-5 - i, 20 + i), title=f"Hold {i}")
            person = MembershipFactory(municipality=municipality).person
            register(event, person, municipality)
            Attendance.objects.create(session=event.sessions.order_by("starts_at").first(), person=person,
                                      status=Attendance.Status.ATTENDED)

    grow(1)
    client.force_login(coordinator)
    home(client)
    small, _ = home(client)
    grow(5)
    large, _ = home(client)
    assert large == small


def test_a_coordinator_is_not_offered_sign_me_up_on_her_own_cohort(client, coordinator, provider):
    own = cohort(provider, days=(10, 11))
    client.force_login(coordinator)
    html = client.get(reverse("scheduling:event_detail", args=[own.pk])).content.decode()
    assert reverse("scheduling:register", args=[own.pk]) not in html


def test_a_caseworker_is_still_offered_sign_me_up(client, caseworker, provider):
    open_cohort = cohort(provider, days=(10, 11))
    client.force_login(caseworker)
    html = client.get(reverse("scheduling:event_detail", args=[open_cohort.pk])).content.decode()
    assert reverse("scheduling:register", args=[open_cohort.pk]) in html


def test_the_leader_sees_the_next_theme_day_and_coming_events_once_each(client, leader, municipality):
    event_with_sessions(days=(30,), municipality=municipality, title="Temadag om tragten")
    series = event_with_sessions(days=(5, 35, 65), municipality=municipality, kind=Event.Kind.TEAM_MEETING,
                                 title="Teammøde hver måned")
    assert series.sessions.count() == 3
    client.force_login(leader)
    _n, html = home(client)
    panel = html.split('id="panel-scheduling_local_events"')[1].split("</section>")[0]
    assert "Temadag om tragten" in panel
    assert panel.count("Teammøde hver måned") == 1


def test_the_local_events_panel_uses_a_constant_number_of_queries(client, superuser_person, municipality):
    def grow(n):
        for i in range(n):
            event_with_sessions(days=(10 + i, 40 + i), municipality=municipality)
            event_with_sessions(days=(12 + i,), municipality=municipality, kind=Event.Kind.BRUSH_UP)

    grow(1)
    client.force_login(superuser_person)
    home(client)
    small, _ = home(client)
    grow(6)
    large, _ = home(client)
    assert large == small
