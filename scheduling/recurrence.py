"""Recurrence rules for ICS team meeting series: RRULE text in, wall-clock occurrences out.

Occurrences are computed on naive local time and then placed in Europe/Copenhagen, so a meeting at
09:00 stays at 09:00 across the March and October clock changes.
"""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MAX_OCCURRENCES = 200


class RecurrenceError(ValueError):
    pass


def _rule(text, dtstart):
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    try:
        return rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(_("The recurrence rule is not valid: %(error)s") % {"error": exc}) from exc


def validate_rule(text):
    upper = text.upper()
    if "COUNT=" not in upper and "UNTIL=" not in upper:
        raise RecurrenceError(_("A recurrence rule must end: give COUNT or UNTIL."))
    _rule(text, datetime.datetime(2026, 1, 1, 9, 0))


def occurrences(text, first_start, duration):
    """[(start, end), ...] as aware datetimes for a rule whose first occurrence starts at first_start."""
    validate_rule(text)
    local_start = first_start.astimezone(COPENHAGEN).replace(tzinfo=None)
    result = []
    for naive in _rule(text, local_start):
        if len(result) >= MAX_OCCURRENCES:
            raise RecurrenceError(_("A series may have at most %(max)s meetings.") % {"max": MAX_OCCURRENCES})
        start = naive.replace(tzinfo=COPENHAGEN)
        result.append((start, start + duration))
    return result


# --- The picker: the few shapes a meeting series takes, in words, and the RRULE they write ---------

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("weekly", "biweekly", "monthly")
ORDINALS = (1, 2, 3, 4, -1)


@dataclass(frozen=True)
class Pattern:
    """What the picker shows: how often, on which weekday (and which one of the month), until when."""

    frequency: str  # one of FREQUENCIES
    weekday: int  # 0 = Monday
    ordinal: int | None = None  # for "monthly": 1..4, or -1 for the last
    until: datetime.date | None = None
    count: int | None = None

    def rule(self) -> str:
        day = WEEKDAYS[self.weekday]
        if self.frequency == "monthly":
            parts = ["FREQ=MONTHLY", f"BYDAY={self.ordinal}{day}"]
        elif self.frequency == "biweekly":
            parts = ["FREQ=WEEKLY", "INTERVAL=2", f"BYDAY={day}"]
        else:
            parts = ["FREQ=WEEKLY", f"BYDAY={day}"]
        if self.count:
            parts.append(f"COUNT={self.count}")
        else:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        return ";".join(parts)


_BYDAY = re.compile(r"^(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$")


def parse(text: str) -> Pattern | None:
    """The picker's reading of a stored rule, or None when the rule is of another shape (it is then
    kept as it is and described, never shown raw)."""
    text = (text or "").strip().upper()
    if text.startswith("RRULE:"):
        text = text[6:]
    try:
        parts = dict(part.split("=", 1) for part in text.split(";") if part)
    except ValueError:
        return None
    allowed = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}
    if set(parts) - allowed or "BYDAY" not in parts:
        return None
    match = _BYDAY.match(parts["BYDAY"])
    if not match:
        return None
    ordinal, weekday = (int(match.group(1)) if match.group(1) else None), WEEKDAYS.index(match.group(2))
    interval = parts.get("INTERVAL", "1")
    if parts.get("FREQ") == "MONTHLY" and ordinal is not None and interval == "1":
        frequency = "monthly"
    elif parts.get("FREQ") == "WEEKLY" and ordinal is None and interval in ("1", "2"):
        frequency = "weekly" if interval == "1" else "biweekly"
    else:
        return None
    until = count = None
    try:
        if "COUNT" in parts:
            count = int(parts["COUNT"])
        elif "UNTIL" in parts:
            until = datetime.datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        else:
            return None
    except ValueError:
        return None
    return Pattern(frequency, weekday, ordinal, until, count)


def _weekday_name(weekday: int) -> str:
    # 5 January 2026 is a Monday.
    return formats.date_format(datetime.date(2026, 1, 5) + datetime.timedelta(days=weekday), "l")


def describe(text: str) -> str:
    """A rule in Danish words: "hver måned, 1. tirsdag, 12 gange", "hver anden uge om onsdagen til og
    med 30. juni 2027". A rule of another shape is described as such (never shown raw)."""
    pattern = parse(text)
    if pattern is None:
        return _("a repeat rule imported from another calendar")
    day = _weekday_name(pattern.weekday)
    if pattern.frequency == "monthly":
        which = _("last") if pattern.ordinal == -1 else f"{pattern.ordinal}."
        how = _("every month, the %(which)s %(day)s") % {"which": which, "day": day}
    elif pattern.frequency == "biweekly":
        how = _("every other week on %(day)s") % {"day": day}
    else:
        how = _("every week on %(day)s") % {"day": day}
    if pattern.count:
        end = ngettext("%(n)s time", "%(n)s times", pattern.count) % {"n": pattern.count}
    else:
        end = _("until %(day)s") % {"day": formats.date_format(pattern.until, "j. F Y")}
    return f"{how}, {end}"


def first_matches(text: str, first_start: datetime.datetime) -> bool:
    """Whether the first meeting falls on a day the rule repeats on (else the series would begin
    on another day than the one the planner chose)."""
    local = first_start.astimezone(COPENHAGEN).replace(tzinfo=None)
    first = next(iter(_rule(text, local)), None)
    return first is not None and first == local
