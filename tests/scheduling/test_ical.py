"""Parse every calendar the platform emits: VTIMEZONE, UID stability, SEQUENCE, CANCEL, RRULE/EXDATE."""

import datetime
import email
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from scheduling import ical
from scheduling.models import Event
from scheduling.services.events import event_cancel, event_create, event_update, session_cancel
from scheduling.services.registration import registration_create
from tests.factories import MembershipFactory

from .factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC


def cph(*args):
    return datetime.datetime(*args, tzinfo=CPH)


def parse(data):
    if isinstance(data, str):
        data = data.encode()
    return Calendar.from_ical(data)


def calendar_parts(method=None):
    parts = []
    for message in mail.outbox:
        for content, mimetype in message.alternatives:
            if mimetype.startswith("text/calendar") and (method is None or f"method={method}" in mimetype):
                parts.append((message, parse(content)))
    return parts


def across_dst_event(municipality):
    """Sessions either side of both clock changes (29 March and 25 October 2026, 28 March 2027)."""
    event = EventFactory(municipality=municipality, title="Temadag om tragtmodellen")
    SessionFactory(event=event, day_number=1, starts_at=cph(2027, 3, 26, 9), ends_at=cph(2027, 3, 26, 15))
    SessionFactory(event=event, day_number=2, starts_at=cph(2027, 3, 29, 9), ends_at=cph(2027, 3, 29, 15))
    SessionFactory(event=event, day_number=3, starts_at=cph(2027, 10, 29, 9), ends_at=cph(2027, 10, 29, 15))
    SessionFactory(event=event, day_number=4, starts_at=cph(2027, 11, 1, 9), ends_at=cph(2027, 11, 1, 15))
    return event


def test_vtimezone_is_right_across_march_and_october():
    cal = parse(ical.new_calendar().to_ical())
    [vtz] = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == "Europe/Copenhagen"
    tz = vtz.to_tz()
    offsets = {
        datetime.datetime(2026, 3, 29, 1, 59): 1, datetime.datetime(2026, 3, 29, 3, 0): 2,
        datetime.datetime(2026, 7, 1, 12): 2, datetime.datetime(2026, 10, 25, 1, 59): 2,
        datetime.datetime(2026, 10, 25, 3, 30): 1, datetime.datetime(2027, 1, 15, 12): 1,
        datetime.datetime(2027, 3, 28, 3, 0): 2, datetime.datetime(2027, 10, 31, 4, 0): 1,
    }
    for naive, hours in offsets.items():
        assert naive.replace(tzinfo=tz).utcoffset() == datetime.timedelta(hours=hours), naive


def test_event_ics_has_local_times_with_tzid(municipality, caseworker, client):
    event = across_dst_event(municipality)
    client.force_login(caseworker)
    response = client.get(reverse("scheduling:event_ics", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = parse(response.content)
    assert str(cal["METHOD"]) == "PUBLISH" and len(cal.walk("VTIMEZONE")) == 1
    vevents = sorted(cal.walk("VEVENT"), key=lambda v: v.decoded("dtstart"))
    assert len(vevents) == 4
    assert b"DTSTART;TZID=Europe/Copenhagen:20270326T090000" in response.content
    assert b"DTSTART;TZID=Europe/Copenhagen:20270329T090000" in response.content
    utc_hours = [v.decoded("dtstart").astimezone(UTC).hour for v in vevents]
    assert utc_hours == [8, 7, 7, 8]  # 09:00 local: winter, summer, summer, winter
    for v in vevents:
        for prop in ("UID", "DTSTAMP", "LOCATION", "URL", "ORGANIZER", "SEQUENCE"):
            assert prop in v, prop
        assert str(v["URL"]).endswith(event.get_absolute_url())


def invite_parts(person, method):
    return [(m, c) for m, c in calendar_parts(method) if m.to == [person.email]]


def test_invite_update_and_cancel_keep_uid_and_raise_sequence(municipality, django_capture_on_commit_callbacks):
    event = EventFactory(municipality=municipality, title="Brush-up: ICS-trekanten på tværs", kind=Event.Kind.BRUSH_UP)
    session = SessionFactory(event=event, day_number=1, starts_at=cph(2027, 3, 29, 9), ends_at=cph(2027, 3, 29, 12))
    person = MembershipFactory(municipality=municipality).person
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, person=person, by=person)
    [(message, request)] = invite_parts(person, "REQUEST")
    raw = message.message().as_bytes()
    assert b'text/calendar; method="REQUEST"' in raw or b"text/calendar; method=REQUEST" in raw
    assert str(request["METHOD"]) == "REQUEST"
    [(filename, attached, mimetype)] = message.attachments
    assert filename == "invitation.ics" and mimetype == "application/ics"
    assert parse(attached).walk("VEVENT")[0]["SUMMARY"] == "Brush-up: ICS-trekanten på tværs"
    parsed = email.message_from_bytes(raw)
    ics_file = next(p for p in parsed.walk() if p.get_content_type() == "application/ics")
    assert "på tværs" in ics_file.get_payload(decode=True).decode("utf-8")
    [vevent] = request.walk("VEVENT")
    uid = str(vevent["UID"])
    assert uid == f"{session.uid}@ics-akademi.dk"
    assert int(vevent["SEQUENCE"]) == 0
    assert str(vevent["ATTENDEE"]).lower() == f"mailto:{person.email}"
    assert str(vevent["ORGANIZER"]).startswith("mailto:")
    assert vevent.decoded("dtstart").astimezone(UTC).hour == 7
    assert "DTSTAMP" in vevent and str(vevent["LOCATION"]) and str(vevent["URL"])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, by=None, title="Brush-up: ICS-trekanten (nyt lokale)",
                              location_room="Sal A")
    [(_m, update)] = invite_parts(person, "REQUEST")
    [vevent] = update.walk("VEVENT")
    assert str(vevent["UID"]) == uid and int(vevent["SEQUENCE"]) == 1
    assert "Sal A" in str(vevent["LOCATION"])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, by=None, reason="Underviseren er syg")
    [(message, cancel)] = invite_parts(person, "CANCEL")
    assert str(cancel["METHOD"]) == "CANCEL"
    [vevent] = cancel.walk("VEVENT")
    assert str(vevent["UID"]) == uid and int(vevent["SEQUENCE"]) == 2
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "Underviseren er syg" in message.body


def test_session_cancel_sends_cancel_for_that_uid_only(municipality, django_capture_on_commit_callbacks):
    event = EventFactory(municipality=municipality)
    first = SessionFactory(event=event, day_number=1, starts_at=cph(2027, 5, 3, 9), ends_at=cph(2027, 5, 3, 15))
    SessionFactory(event=event, day_number=2, starts_at=cph(2027, 5, 4, 9), ends_at=cph(2027, 5, 4, 15))
    person = MembershipFactory(municipality=municipality).person
    registration_create(event=event, person=person, by=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=first, by=None, reason="Lokalet er optaget")
    [(_m, cancel)] = invite_parts(person, "CANCEL")
    [vevent] = cancel.walk("VEVENT")
    assert str(vevent["UID"]) == f"{first.uid}@ics-akademi.dk"
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_team_meeting_series_rrule_with_exdate_keeps_wall_clock(municipality, django_capture_on_commit_callbacks):
    event = event_create(
        by=None, kind=Event.Kind.TEAM_MEETING, title="ICS-teammøde", municipality=municipality,
        audience=Event.Audience.STAFF, recurrence_rule="FREQ=MONTHLY;BYDAY=1TU;COUNT=6",
        sessions=[(cph(2027, 1, 5, 9), cph(2027, 1, 5, 10, 30))],
    )
    sessions = list(event.sessions.order_by("starts_at"))
    assert [s.starts_at.astimezone(CPH).hour for s in sessions] == [9] * 6  # across the March change
    assert [s.starts_at.astimezone(CPH).date() for s in sessions][:4] == [
        datetime.date(2027, 1, 5), datetime.date(2027, 2, 2), datetime.date(2027, 3, 2), datetime.date(2027, 4, 6)
    ]
    person = MembershipFactory(municipality=municipality).person
    registration_create(event=event, person=person, by=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=sessions[3], by=None, reason="Påskeferie")
    [(_m, cancel)] = invite_parts(person, "CANCEL")
    [vevent] = cancel.walk("VEVENT")
    assert str(vevent["UID"]) == f"{event.uid}@ics-akademi.dk"
    assert vevent.decoded("recurrence-id") == cph(2027, 4, 6, 9)

    cal = parse(ical.event_calendar(event, list(event.sessions.all())))
    [series] = cal.walk("VEVENT")
    assert series["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=6;BYDAY=1TU"
    exdates = [d.dt for d in series["EXDATE"].dts]
    assert exdates == [cph(2027, 4, 6, 9)]
    assert exdates[0].astimezone(UTC).hour == 7
    assert str(series["UID"]) == f"{event.uid}@ics-akademi.dk"
