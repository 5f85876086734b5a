"""Validators for free text that must never carry personal data about citizens."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Six digits that form a date (ddmmyy), an optional dash or space, then four digits.
_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?\d{4}(?!\d)")


def looks_like_cpr(text: str) -> bool:
    """Whether the text holds something shaped like a Danish CPR number (a real date, then four digits)."""
    for day, month, year in _CPR.findall(text or ""):
        try:
            datetime.date(2000 + int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


def refuse_cpr(value) -> None:
    """Refuse text that looks like a CPR number: the platform holds no data about children or families,
    and a CPR number written into an exemption reason or a case answer would be exactly that."""
    texts = value.values() if isinstance(value, dict) else [value]
    if any(isinstance(text, str) and looks_like_cpr(text) for text in texts):
        raise ValidationError(
            _("The text contains something that looks like a CPR number. Never write CPR numbers here: "
              "ICS Akademi must not hold data about citizens. Remove the number and try again."),
            code="cpr",
        )


# Every character Python's str.splitlines() splits on: CR and LF, and the rarer separators that some
# mail and calendar programs also break a line at (vertical tab, form feed, NEL, U+2028/U+2029, ...).
_LINE_BREAK = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def has_line_break(text) -> bool:
    return isinstance(text, str) and _LINE_BREAK.search(text) is not None


def refuse_line_breaks(value) -> None:
    """Refuse a line break (CR, LF or another line separator) in a one-line value.

    Titles, places and names go into mail subjects and headers and into iCalendar property lines; a
    line break there would start a header or a calendar property of its own ("Bcc: ...")."""
    if has_line_break(value):
        raise ValidationError(_("The text must be on one line: remove the line breaks."), code="line_break")
