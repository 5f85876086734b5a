"""Recurrence rules for ICS team meeting series: RRULE text in, wall-clock occurrences out.

Occurrences are computed on naive local time and then placed in Europe/Copenhagen, so a meeting at
09:00 stays at 09:00 across the March and October clock changes.
"""

import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

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
