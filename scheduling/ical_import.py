"""Reading a municipality's .ics export (Outlook, Google) into a preview before anything is saved."""

import datetime
from dataclasses import asdict, dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar

from web.validators import has_line_break

from .recurrence import COPENHAGEN

MAX_BYTES = 2 * 1024 * 1024
MAX_EVENTS = 500
ALL_DAY_START, ALL_DAY_END = datetime.time(9, 0), datetime.time(15, 0)


class CalendarFileError(ValueError):
    """The whole file is unusable; the message says why in Danish."""


@dataclass
class Item:
    number: int
    uid: str
    summary: str
    description: str
    location: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    note: str = ""

    def to_json(self):
        data = asdict(self)
        data["starts_at"] = self.starts_at.isoformat()
        data["ends_at"] = self.ends_at.isoformat()
        return data

    @classmethod
    def from_json(cls, data):
        data = dict(data)
        data["starts_at"] = datetime.datetime.fromisoformat(data["starts_at"])
        data["ends_at"] = datetime.datetime.fromisoformat(data["ends_at"])
        return cls(**data)


def _aware(value, *, end=False):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            return value.replace(tzinfo=COPENHAGEN), ""
        return value.astimezone(COPENHAGEN), ""
    # An all-day event (a DATE): placed as a working day.
    clock = ALL_DAY_END if end else ALL_DAY_START
    return datetime.datetime.combine(value, clock, tzinfo=COPENHAGEN), _("all-day: placed 09:00–15:00")


def parse(uploaded: UploadedFile) -> tuple[list[Item], list[str]]:
    """(items, errors). Raises CalendarFileError when the file as a whole cannot be read."""
    if uploaded.size > MAX_BYTES:
        raise CalendarFileError(_("The file is too large (more than %(mb)s MB). Export a shorter period.") % {
            "mb": MAX_BYTES // (1024 * 1024)
        })
    data = uploaded.read()
    if not data.strip():
        raise CalendarFileError(_("The file is empty."))
    if b"BEGIN:VCALENDAR" not in data[:2048].upper():
        raise CalendarFileError(_("The file is not a calendar (.ics). Export the calendar from Outlook or Google "
                             "as an iCalendar file and try again."))
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise CalendarFileError(_("The calendar file could not be read: %(error)s") % {"error": exc}) from exc
    vevents = [c for cal in calendars for c in cal.walk("VEVENT")]
    if not vevents:
        raise CalendarFileError(_("The calendar holds no events."))
    if len(vevents) > MAX_EVENTS:
        raise CalendarFileError(_("The calendar holds %(count)s events; at most %(max)s can be imported at a time.") % {
            "count": len(vevents), "max": MAX_EVENTS,
        })
    items, errors = [], []
    for number, vevent in enumerate(vevents, start=1):
        summary = str(vevent.get("summary", "")).strip() or _("(no title)")
        one_line = {"summary": summary, "location": str(vevent.get("location", "")), "uid": str(vevent.get("uid", ""))}
        where = _("Event %(number)s “%(summary)s”") % {"number": number, "summary": " ".join(summary.split())}
        # An escaped "\n" in SUMMARY decodes to a line break: it would end up in mail subjects and in
        # the property lines of the calendars this platform writes.
        if any(has_line_break(value) for value in one_line.values()):
            errors.append(_("%(where)s has a line break in its title, place or UID. Those must be on one line: "
                            "correct the event in the calendar program and export again.") % {"where": where})
            continue
        if vevent.get("dtstart") is None:
            errors.append(_("%(where)s has no start time (DTSTART).") % {"where": where})
            continue
        try:
            start_value = vevent.decoded("dtstart")
            starts_at, note = _aware(start_value)
            if vevent.get("dtend") is not None:
                ends_at, _note = _aware(vevent.decoded("dtend"), end=True)
                if not isinstance(start_value, datetime.datetime):
                    ends_at = datetime.datetime.combine(
                        starts_at.date(), ALL_DAY_END, tzinfo=COPENHAGEN
                    )
            elif vevent.get("duration") is not None:
                ends_at = starts_at + vevent.decoded("duration")
            else:
                ends_at = datetime.datetime.combine(starts_at.date(), ALL_DAY_END, tzinfo=COPENHAGEN) \
                    if not isinstance(start_value, datetime.datetime) else starts_at + datetime.timedelta(hours=1)
        except (ValueError, TypeError, KeyError) as exc:
            errors.append(_("%(where)s has an unreadable time: %(error)s") % {"where": where, "error": exc})
            continue
        if ends_at <= starts_at:
            errors.append(_("%(where)s ends before it starts.") % {"where": where})
            continue
        notes = [n for n in [note] if n]
        if vevent.get("rrule") is not None:
            notes.append(_("repeats: only the first occurrence is imported"))
        items.append(Item(
            number=number, uid=str(vevent.get("uid", "")), summary=summary[:200],
            description=str(vevent.get("description", "")), location=str(vevent.get("location", ""))[:300],
            starts_at=starts_at, ends_at=ends_at, note="; ".join(notes),
        ))
    return items, errors
