"""Days off: a course day or meeting on a Danish public holiday or a weekend is warned about before
saving (kept only when the planner confirms); course days are placed on working days; the demo's
calendar has no day on a day off."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from scheduling import calendar_days
from scheduling import demo as scheduling_demo
from scheduling.forms import FirstSessionForm
from scheduling.models import Event, Session
from tests.factories import MembershipFactory
from tests.scheduling.factories import event_with_sessions

D = datetime.date


def test_danish_days_off():
    with translation.override("da"):
        assert calendar_days.day_off(D(2026, 12, 24)) == "Juleaftensdag"
        assert calendar_days.day_off(D(2026, 12, 25)) == "Juledag"
        assert calendar_days.day_off(D(2027, 3, 26)) == "Langfredag"
        assert calendar_days.day_off(D(2026, 12, 5)) == "lørdag"
        assert calendar_days.day_off(D(2026, 12, 2)) is None
        assert calendar_days.warnings_for([D(2026, 12, 24), D(2026, 12, 2), D(2026, 12, 6)]) == [
            "Torsdag 24. december 2026 er en fridag: juleaftensdag.",
            "Søndag 6. december 2026 er en weekenddag.",
        ]


def test_following_course_days_skip_weekends_and_holidays():
    form = FirstSessionForm({"first-starts_at": "2026-12-23T09:00", "first-ends_at": "2026-12-23T15:30",
                             "first-day_count": 3}, prefix="first")
    assert form.is_valid(), form.errors
    assert [timezone.localdate(start) for start, _end in form.sessions()] == [
        D(2026, 12, 23), D(2026, 12, 28), D(2026, 12, 29)
    ]


def test_the_demo_places_no_day_on_a_day_off(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 12, 21))
    offsets = scheduling_demo._weekday_offsets(2, 3)  # from 23 December
    assert [D(2026, 12, 21) + datetime.timedelta(days=o) for o in offsets] == [
        D(2026, 12, 23), D(2026, 12, 28), D(2026, 12, 29)
    ]


@pytest.mark.django_db
def test_the_loaded_demo_calendar_is_free_of_days_off():
    from django.core.management import call_command

    call_command("load_demo", stdout=__import__("io").StringIO())
    off = [
        (s.event.title, timezone.localdate(s.starts_at)) for s in Session.objects.select_related("event")
        if not s.cancelled and calendar_days.day_off(timezone.localdate(s.starts_at))
    ]
    assert Session.objects.exists() and off == []


def next_christmas_eve():
    today = timezone.localdate()
    eve = D(today.year, 12, 24)
    return eve if eve > today else D(today.year + 1, 12, 24)


@pytest.mark.django_db
def test_a_theme_day_on_christmas_eve_is_warned_about_and_kept_only_when_confirmed(client, municipality):
    planner = MembershipFactory(municipality=municipality, role="leder").person
    client.force_login(planner)
    eve = next_christmas_eve()
    data = {
        "kind": Event.Kind.THEME_DAY, "title": "Temadag", "audience": Event.Audience.STAFF, "capacity": 20,
        "first-starts_at": f"{eve}T09:00", "first-ends_at": f"{eve}T15:00", "first-day_count": 1,
    }
    url = reverse("scheduling:event_create") + f"?kommune={municipality.slug}"
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tjek datoerne" in html and "juleaftensdag" in html
    assert "Der er et problem" not in html  # a warning, not an error
    assert not Event.objects.exists()
    response = client.post(url, data | {"behold_fridage": "ja"})
    assert response.status_code == 302
    assert timezone.localdate(Event.objects.get().sessions.get().starts_at) == eve


@pytest.mark.django_db
def test_moving_a_session_onto_a_weekend_is_warned_about(client, municipality):
    planner = MembershipFactory(municipality=municipality, role="leder").person
    event = event_with_sessions(municipality=municipality)
    session = event.sessions.get()
    client.force_login(planner)
    today = timezone.localdate()
    saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 + 7)
    data = {"starts_at": f"{saturday}T10:00", "ends_at": f"{saturday}T12:00"}
    url = reverse("scheduling:session_edit", args=[session.pk])
    response = client.post(url, data)
    assert response.status_code == 200 and "er en weekenddag" in response.content.decode()
    session.refresh_from_db()
    assert timezone.localdate(session.starts_at) != saturday
    assert client.post(url, data | {"behold_fridage": "ja"}).status_code == 302
    session.refresh_from_db()
    assert timezone.localdate(session.starts_at) == saturday
