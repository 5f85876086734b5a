"""iCalendar (RFC 5545) and iTIP (RFC 5546) output with the icalendar library.

Every calendar carries a VTIMEZONE for Europe/Copenhagen (with the EU rule: summer time from the last
Sunday of March 02:00 to the last Sunday of October 03:00) and times are written with TZID, so a
calendar program shows the right local time on both sides of a clock change.

UIDs are stable: a session is `<session uid>@ics-akademi.dk`, a meeting series is
`<event uid>@ics-akademi.dk`. SEQUENCE is the event's sequence, raised on every change.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, vCalAddress, vRecur, vText
from icalendar import Event as VEvent

CONTENT_TYPE = "text/calendar; charset=utf-8"
UID_DOMAIN = "ics-akademi.dk"
TZID = "Europe/Copenhagen"
COPENHAGEN = ZoneInfo(TZID)
PRODID = "-//ICS Akademi//Kalender//DA"

VTIMEZONE_TEXT = """BEGIN:VTIMEZONE
TZID:Europe/Copenhagen
X-LIC-LOCATION:Europe/Copenhagen
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
""".replace("\n", "\r\n")


def vtimezone():
    return Timezone.from_ical(VTIMEZONE_TEXT)


def new_calendar(*, method=None, name=None):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", TZID)
    cal.add_component(vtimezone())
    return cal


def local(dt):
    return dt.astimezone(COPENHAGEN)


def session_uid(session):
    return f"{session.uid}@{UID_DOMAIN}"


def series_uid(event):
    return f"{event.uid}@{UID_DOMAIN}"


def event_url(event):
    return settings.SITE_URL + event.get_absolute_url()


def _organizer(event):
    address = vCalAddress("mailto:" + _from_address())
    address.params["cn"] = vText(event.owner_name)
    return address


def _from_address():
    sender = settings.DEFAULT_FROM_EMAIL
    if "<" in sender:
        sender = sender.split("<", 1)[1].rstrip(">").strip()
    return sender


def _attendee(person, *, cancelled=False):
    address = vCalAddress("mailto:" + person.email)
    address.params["cn"] = vText(person.full_name or person.email)
    address.params["role"] = vText("REQ-PARTICIPANT")
    address.params["partstat"] = vText("DECLINED" if cancelled else "ACCEPTED")
    address.params["rsvp"] = vText("FALSE")
    return address


def _common(vevent, event, *, stamp, attendee=None, cancelled=False):
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", event.sequence)
    vevent.add("organizer", _organizer(event))
    if event.location:
        vevent.add("location", event.location)
    vevent.add("url", event_url(event))
    description = event.description
    if event.online_url:
        description = f"{description}\n\nOnline: {event.online_url}".strip()
    if event.cancel_reason and cancelled:
        description = f"AFLYST: {event.cancel_reason}\n\n{description}".strip()
    if description:
        vevent.add("description", description)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    if attendee is not None:
        vevent.add("attendee", _attendee(attendee, cancelled=cancelled))
    vevent.add("last-modified", event.updated_at or stamp)


def session_summary(event, session, total):
    if event.is_cohort and total > 1:
        return f"{event.title} – dag {session.day_number} af {total}"
    return event.title


def session_vevent(event, session, *, total=1, stamp=None, attendee=None, cancelled=None):
    stamp = stamp or timezone.now()
    if cancelled is None:
        cancelled = event.is_cancelled or session.cancelled
    vevent = VEvent()
    vevent.add("uid", session_uid(session))
    vevent.add("summary", session_summary(event, session, total))
    vevent.add("dtstart", local(session.starts_at))
    vevent.add("dtend", local(session.ends_at))
    _common(vevent, event, stamp=stamp, attendee=attendee, cancelled=cancelled)
    if session.cancelled and session.cancel_reason:
        vevent["description"] = vText(f"AFLYST: {session.cancel_reason}\n\n{vevent.get('description', '')}".strip())
    return vevent


def _rrule(event):
    text = event.recurrence_rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    return vRecur.from_ical(text)


def series_vevent(event, sessions, *, stamp=None, attendee=None, cancelled=None):
    """A meeting series as one VEVENT: RRULE, and EXDATE for every cancelled meeting."""
    stamp = stamp or timezone.now()
    sessions = sorted(sessions, key=lambda s: s.starts_at)
    first = sessions[0]
    vevent = VEvent()
    vevent.add("uid", series_uid(event))
    vevent.add("summary", event.title)
    vevent.add("dtstart", local(first.starts_at))
    vevent.add("dtend", local(first.ends_at))
    vevent.add("rrule", _rrule(event))
    exdates = [local(s.starts_at) for s in sessions if s.cancelled]
    if exdates:
        vevent.add("exdate", exdates)
    _common(vevent, event, stamp=stamp, attendee=attendee,
            cancelled=event.is_cancelled if cancelled is None else cancelled)
    return vevent


def occurrence_cancel_vevent(event, session, *, stamp=None, attendee=None):
    """One cancelled meeting of a series (iTIP CANCEL with RECURRENCE-ID)."""
    stamp = stamp or timezone.now()
    vevent = VEvent()
    vevent.add("uid", series_uid(event))
    vevent.add("recurrence-id", local(session.starts_at))
    vevent.add("summary", event.title)
    vevent.add("dtstart", local(session.starts_at))
    vevent.add("dtend", local(session.ends_at))
    _common(vevent, event, stamp=stamp, attendee=attendee, cancelled=True)
    return vevent


def event_components(event, sessions, *, stamp=None, attendee=None):
    sessions = list(sessions)
    if not sessions:
        return []
    if event.is_series:
        return [series_vevent(event, sessions, stamp=stamp, attendee=attendee)]
    total = len(sessions)
    return [session_vevent(event, s, total=total, stamp=stamp, attendee=attendee) for s in sessions]


def event_calendar(event, sessions):
    """The downloadable .ics for one event (METHOD:PUBLISH)."""
    cal = new_calendar(method="PUBLISH", name=event.title)
    for component in event_components(event, sessions):
        cal.add_component(component)
    return cal.to_ical()


def feed_calendar(name, events_with_sessions, *, stamp=None):
    """A subscription feed: [(event, sessions), ...] with one shared DTSTAMP."""
    stamp = stamp or timezone.now()
    cal = new_calendar(method="PUBLISH", name=name)
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for event, sessions in events_with_sessions:
        for component in event_components(event, sessions, stamp=stamp):
            cal.add_component(component)
    return cal.to_ical()


def invite(event, *, sessions, session=None, person, method):
    """An iTIP message for one calendar object (one UID): REQUEST or CANCEL.

    For a series, `session` None means the whole series; a session with CANCEL cancels one meeting."""
    cal = new_calendar(method=method)
    cancelled = method == "CANCEL"
    if event.is_series:
        if session is not None and cancelled and not event.is_cancelled:
            component = occurrence_cancel_vevent(event, session, attendee=person)
        else:
            component = series_vevent(event, sessions, attendee=person, cancelled=cancelled)
    else:
        component = session_vevent(event, session, total=len(sessions), attendee=person, cancelled=cancelled)
    cal.add_component(component)
    return cal.to_ical()
