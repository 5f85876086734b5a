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
