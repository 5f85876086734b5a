"""A meeting series is shown once in lists, with its next meeting and how it repeats: a monthly team
meeting does not fill the list twelve times."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scheduling.models import Event, Session
from scheduling.upcoming import series_once
from tests.factories import MembershipFactory
from tests.scheduling.factories import at, event_with_sessions

pytestmark = pytest.mark.django_db


def monthly_series(municipality, meetings=12):
    event = event_with_sessions(municipality=municipality, kind=Event.Kind.TEAM_MEETING, days=(),
                                title="ICS-teammøde", recurrence_rule=f"FREQ=MONTHLY;BYDAY=1TU;COUNT={meetings}")
    for number in range(meetings):
        Session.objects.create(event=event, day_number=number + 1, starts_at=at(3 + 28 * number, 9),
                               ends_at=at(3 + 28 * number, 10))
    return event


def test_series_once_keeps_the_next_meeting_and_counts_the_rest(municipality):
    series = monthly_series(municipality)
    theme = event_with_sessions(municipality=municipality, days=(10,))
    first = series.sessions.order_by("starts_at").first()
    first.cancelled = True
    first.save()
    sessions = Session.objects.select_related("event").order_by("starts_at")
    shown = series_once(sessions)
    assert [s.event_id for s in shown] == [theme.pk, series.pk]  # the series at its next meeting (day 31)
    meeting = next(s for s in shown if s.event_id == series.pk)
    assert meeting.pk == series.sessions.order_by("starts_at")[1].pk  # the next one not cancelled
    assert meeting.series_more == 10
    assert meeting.series_text == "hver måned, 1. tirsdag, 12 gange"


def test_the_calendar_list_shows_a_series_once_with_its_next_meeting(client, municipality):
    series = monthly_series(municipality)
    client.force_login(MembershipFactory(municipality=municipality, role="leder").person)
    response = client.get(reverse("scheduling:municipality_calendar", args=[municipality.slug]))
    html = response.content.decode()
    assert [s.event_id for s in response.context["sessions"]].count(series.pk) == 1
    assert "Serie (hver måned, 1. tirsdag, 12 gange): næste møde, 11 mere efter det" in html
    next_day = timezone.localdate(series.sessions.order_by("starts_at").first().starts_at)
    assert f"Næste møde {next_day:%-d.%-m.%Y}" in html


def test_the_calendar_list_queries_do_not_grow_with_the_meetings(client, municipality):
    client.force_login(MembershipFactory(municipality=municipality, role="leder").person)
    url = reverse("scheduling:municipality_calendar", args=[municipality.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    monthly_series(municipality, meetings=2)
    few = count()
    monthly_series(municipality, meetings=12)
    event_with_sessions(municipality=municipality, days=(5, 6))
    assert count() == few
