"""The repeat picker: a meeting series in Danish words ("hver måned, 1. tirsdag", until a date or a
number of times) writes the iCalendar rule; stored rules are read back into the picker; no raw RRULE
is shown; mistakes get a Danish message beside the field."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from scheduling import recurrence
from scheduling.models import Event
from tests.factories import MembershipFactory
from tests.scheduling.factories import event_with_sessions

D = datetime.date


def first_weekday(year, month, weekday):
    day = D(year, month, 1)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.mark.parametrize("pattern, rule", [
    (recurrence.Pattern("monthly", 1, ordinal=1, count=12), "FREQ=MONTHLY;BYDAY=1TU;COUNT=12"),
    (recurrence.Pattern("monthly", 3, ordinal=-1, until=D(2027, 6, 30)), "FREQ=MONTHLY;BYDAY=-1TH;UNTIL=20270630T235959"),
    (recurrence.Pattern("weekly", 0, count=5), "FREQ=WEEKLY;BYDAY=MO;COUNT=5"),
    (recurrence.Pattern("biweekly", 2, count=8), "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=8"),
])
def test_the_picker_writes_the_rule_and_reads_it_back(pattern, rule):
    assert pattern.rule() == rule
    recurrence.validate_rule(rule)
    assert recurrence.parse(rule) == pattern
    assert recurrence.parse("RRULE:" + rule.lower()) == pattern


def test_rules_in_danish_words():
    with translation.override("da"):
        assert recurrence.describe("FREQ=MONTHLY;BYDAY=1TU;COUNT=12") == "hver måned, 1. tirsdag, 12 gange"
        assert recurrence.describe("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2") == "hver måned, sidste fredag, 2 gange"
        assert recurrence.describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270630T235959") == (
            "hver anden uge om onsdag, til og med 30. juni 2027"
        )
        assert recurrence.describe("FREQ=WEEKLY;BYDAY=MO;COUNT=3") == "hver uge om mandag, 3 gange"
        # A shape the picker does not offer is described, never shown raw.
        assert recurrence.parse("FREQ=DAILY;COUNT=5") is None
        assert "FREQ" not in recurrence.describe("FREQ=DAILY;COUNT=5")


@pytest.fixture
def planner(municipality):
    return MembershipFactory(municipality=municipality, role="leder").person


def create(client, municipality, first_start, **repeat):
    data = {
        "kind": Event.Kind.TEAM_MEETING, "title": "ICS-teammøde", "audience": Event.Audience.STAFF,
        "capacity": 20, "first-starts_at": first_start.strftime("%Y-%m-%dT%H:%M"),
        "first-ends_at": (first_start + datetime.timedelta(minutes=90)).strftime("%Y-%m-%dT%H:%M"),
        "first-day_count": 1, **repeat,
    }
    return client.post(reverse("scheduling:event_create") + f"?kommune={municipality.slug}", data)


@pytest.mark.django_db
def test_a_monthly_series_on_the_first_tuesday_over_http(client, municipality, planner):
    client.force_login(planner)
    year = timezone.localdate().year + 1
    first = datetime.datetime.combine(first_weekday(year, 2, 1), datetime.time(9, 0))
    page = client.get(reverse("scheduling:event_create") + f"?kommune={municipality.slug}")
    html = page.content.decode()
    assert "Hver måned" in html and "FREQ=" not in html and "RRULE" not in html
    assert html.index('name="first-starts_at"') < html.index('name="registration_opens_at"')  # dates first
    response = create(client, municipality, first, repeat="monthly", repeat_weekday=1, repeat_ordinal=1,
                      repeat_end="count", repeat_count=6)
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.recurrence_rule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"
    starts = [timezone.localtime(s.starts_at) for s in event.sessions.all()]
    assert len(starts) == 6 and all(s.weekday() == 1 and s.day <= 7 and s.hour == 9 for s in starts)
    # The edit page reads the rule back into the picker, in words.
    response = client.get(reverse("scheduling:event_edit", args=[event.pk]))
    assert "FREQ=" not in response.content.decode()
    form = response.context["form"]
    assert [form["repeat"].value(), form["repeat_ordinal"].value(), form["repeat_count"].value()] == ["monthly", 1, 6]


@pytest.mark.django_db
@pytest.mark.parametrize("repeat, field, message", [
    ({"repeat": "monthly", "repeat_weekday": 1, "repeat_end": "count", "repeat_count": 6}, "repeat_ordinal",
     "Vælg hvilken i måneden"),
    ({"repeat": "weekly", "repeat_end": "count", "repeat_count": 6}, "repeat_weekday", "Vælg ugedagen"),
    ({"repeat": "weekly", "repeat_weekday": 1, "repeat_end": "count"}, "repeat_count", "Angiv antallet af møder"),
    ({"repeat": "weekly", "repeat_weekday": 1, "repeat_end": "count", "repeat_count": 1}, "repeat_count",
     "mindst 2 møder"),
    ({"repeat": "weekly", "repeat_weekday": 1, "repeat_end": "until"}, "repeat_until", "Angiv datoen for det sidste møde"),
    ({"repeat": "weekly", "repeat_weekday": 1, "repeat_end": "until", "repeat_until": "2020-01-01"}, "repeat_until",
     "Den sidste dato er passeret"),
    ({}, "repeat", "Et teammøde gentages"),
    ({"repeat": "weekly", "repeat_weekday": 3, "repeat_end": "count", "repeat_count": 4}, "first-starts_at",
     "men serien gentages hver uge om torsdag"),
])
def test_mistakes_get_a_danish_message_beside_the_field_and_save_nothing(client, municipality, planner, repeat,
                                                                         field, message):
    client.force_login(planner)
    year = timezone.localdate().year + 1
    first = datetime.datetime.combine(first_weekday(year, 2, 1), datetime.time(9, 0))  # a Tuesday
    response = create(client, municipality, first, **repeat)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der er et problem" in html and message in html
    field_id = "id_" + field
    assert f'href="#{field_id}' in html
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_rule_the_picker_cannot_show_is_kept_and_described(client, municipality, planner):
    event = event_with_sessions(municipality=municipality, kind=Event.Kind.TEAM_MEETING,
                                recurrence_rule="FREQ=DAILY;COUNT=3")
    client.force_login(planner)
    response = client.get(reverse("scheduling:event_edit", args=[event.pk]))
    html = response.content.decode()
    assert "Som nu: en gentagelse importeret fra en anden kalender" in html and "FREQ=" not in html
    data = {"kind": event.kind, "title": "Nyt navn", "audience": event.audience, "capacity": 10, "repeat": "keep"}
    assert client.post(reverse("scheduling:event_edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Nyt navn" and event.recurrence_rule == "FREQ=DAILY;COUNT=3"
