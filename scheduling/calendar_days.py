"""Days off in Denmark: public holidays and the days most workplaces close (Christmas Eve, New Year's
Eve, Constitution Day, 1 May), from the `holidays` package, and weekends. A course day or meeting on
one of them is allowed, but the planner is warned first."""

import datetime
from functools import lru_cache

import holidays
from django.utils import formats, timezone
from django.utils.translation import gettext as _

# "optional" in `holidays` is the Danish days off that are not public holidays by law.
CATEGORIES = (holidays.PUBLIC, holidays.OPTIONAL)


@lru_cache(maxsize=32)
def _danish_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("DK", years=year, language="da", categories=CATEGORIES))


def day_off(day: datetime.date) -> str | None:
    """Why `day` is not a working day ("Juleaftensdag", "lørdag"), or None for a working day."""
    name = _danish_holidays(day.year).get(day)
    if name:
        return name
    if day.weekday() >= 5:
        return formats.date_format(day, "l")
    return None


def is_working_day(day: datetime.date) -> bool:
    return day_off(day) is None


def next_working_day(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def warnings_for(days) -> list[str]:
    """One Danish sentence per day that is not a working day, e.g. "Torsdag 24. december 2026 er
    juleaftensdag." `days` are dates or aware datetimes (read as local days)."""
    out = []
    for value in days:
        day = timezone.localdate(value) if isinstance(value, datetime.datetime) else value
        reason = day_off(day)
        if reason is None:
            continue
        when = formats.date_format(day, "l j. F Y").capitalize()
        if day.weekday() >= 5 and reason == formats.date_format(day, "l"):
            out.append(_("%(day)s is a weekend day.") % {"day": when})
        else:
            out.append(_("%(day)s is a day off: %(holiday)s.") % {"day": when, "holiday": reason.lower()})
    return out
