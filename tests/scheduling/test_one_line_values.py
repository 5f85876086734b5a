"""Titles, places and names that go into mail headers and iCalendar property lines carry no CR/LF:
refused by the model (so by every form and service) and by the .ics import (issue 16, point 3)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from people.models import User
from scheduling.ical_import import Item
from scheduling.models import Event, Session
from scheduling.services.calendar_import import events_import
from scheduling.services.events import event_update
from web.validators import refuse_line_breaks

from .factories import at, event_with_sessions

pytestmark = pytest.mark.django_db

INJECTED = "Temadag\r\nBcc: x@y"


@pytest.mark.parametrize("value", ["a\rb", "a\nb", "a\r\nb", "a\u2028b", "a\x85b", "slut\n"])
def test_refuse_line_breaks_refuses_every_line_separator(value):
    with pytest.raises(ValidationError) as caught:
        refuse_line_breaks(value)
    assert caught.value.code == "line_break"


def test_refuse_line_breaks_lets_one_line_through():
    refuse_line_breaks("Temadag om tragten – Rådhuset, lokale 2")
    refuse_line_breaks("")


def _event_form(**extra):
    start = timezone.localtime(at(30, 9))
    return {
        "kind": "temadag", "title": "Temadag", "audience": "alle", "capacity": "25",
        "first-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "first-ends_at": (start + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        "first-day_count": "1", **extra,
    }


@pytest.mark.parametrize("field,value", [
    ("title", INJECTED), ("title", "Temadag\nBcc: x@y"), ("location_address", "Rådhuset\r\nBcc: x@y"),
    ("location_room", "Lokale 2\rX-INJECTED:1"),
])
def test_event_form_refuses_a_line_break_with_a_danish_field_error(client, municipality, leader, field, value):
    client.force_login(leader)
    data = _event_form(**{field: value})
    response = client.post(reverse("scheduling:event_create") + f"?kommune={municipality.slug}", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == ["Teksten skal stå på én linje: fjern linjeskiftene."]
    assert "Teksten skal stå på én linje" in response.content.decode()
    assert not Event.objects.exists() and not Session.objects.exists()


def test_event_edit_refuses_a_line_break(client, municipality, leader):
    event = event_with_sessions(municipality=municipality, title="Temadag")
    with pytest.raises(ValidationError) as caught:
        event_update(event=event, by=None, title=INJECTED)
    assert "title" in caught.value.message_dict
    event.refresh_from_db()
    assert event.title == "Temadag"


def test_a_persons_name_is_one_line():
    person = User(email="navn@example.dk", full_name="Anna Hansen\r\nBcc: x@y")
    with pytest.raises(ValidationError) as caught:
        person.full_clean(exclude=["password"])
    assert "full_name" in caught.value.message_dict


ICS_INJECTED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Test//DA\r
BEGIN:VEVENT\r
UID:god-1\r
SUMMARY:Temadag om magneterne\r
DTSTART:20270310T080000Z\r
DTEND:20270310T140000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ondsindet-2\r
SUMMARY:Brush-up\\nBcc: x@y\\nX-Injected: \r
 1\r
DTSTART:20270412T070000Z\r
DTEND:20270412T100000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ondsindet-3\r
SUMMARY:Teammøde\r
LOCATION:Rådhuset\\nBcc: x@y\r
DTSTART:20270412T070000Z\r
DTEND:20270412T100000Z\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()


def test_ics_import_refuses_a_summary_that_decodes_to_a_line_break(client, municipality, leader):
    client.force_login(leader)
    url = reverse("scheduling:ics_import", args=[municipality.slug])
    response = client.post(url, {"file": SimpleUploadedFile("kalender.ics", ICS_INJECTED, "text/calendar"),
                                 "kind": "temadag", "audience": "alle"})
    assert response.status_code == 200
    errors = response.context["errors"]
    assert len(errors) == 2
    assert errors[0].startswith("Arrangement 2 »Brush-up Bcc: x@y X-Injected: 1« har et linjeskift")
    assert errors[1].startswith("Arrangement 3 »Teammøde« har et linjeskift")
    assert "De skal stå på én linje" in response.content.decode()
    assert [item.summary for item in response.context["preview"]] == ["Temadag om magneterne"]
    assert not Event.objects.exists()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert list(Event.objects.values_list("title", flat=True)) == ["Temadag om magneterne"]


def test_import_service_refuses_an_item_with_a_line_break(municipality, leader):
    """An item that did not come through the parser (a tampered session, say) is refused by the model."""
    item = Item(number=1, uid="x-1", summary=INJECTED, description="", location="",
                starts_at=at(10, 9), ends_at=at(10, 15))
    with pytest.raises(ValidationError):
        events_import(municipality=municipality, by=leader, items=[item], kind=Event.Kind.THEME_DAY,
                      audience=Event.Audience.STAFF)
    assert not Event.objects.exists()
