"""NSIS assurance levels (Low, Substantial, High) and what the session keeps of an SSO login."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "ics_sso"
# The OIOSAML 3 attribute carrying the level, and the AuthnContextClassRef prefix that may carry it.
NSIS_LOA_ATTRIBUTE = "https://data.gov.dk/concept/core/nsis/loa"
NSIS_LOA_CLASS_PREFIX = "https://data.gov.dk/concept/core/nsis/loa/"


class Assurance(models.TextChoices):
    LOW = "low", _("Low")
    SUBSTANTIAL = "substantial", _("Substantial")
    HIGH = "high", _("High")


_RANK = {Assurance.LOW: 1, Assurance.SUBSTANTIAL: 2, Assurance.HIGH: 3}


def rank(level) -> int:
    """0 for no level (a password login); 1–3 for Low, Substantial, High."""
    try:
        return _RANK[Assurance(level)]
    except ValueError:
        return 0


def parse(value: str | None) -> Assurance | None:
    """An NSIS level from an attribute value ("Substantial") or a class reference (".../loa/High")."""
    if not value:
        return None
    text = value.strip()
    if text.startswith(NSIS_LOA_CLASS_PREFIX):
        text = text[len(NSIS_LOA_CLASS_PREFIX):]
    try:
        return Assurance(text.lower())
    except ValueError:
        return None


def session_assurance(session) -> Assurance | None:
    """The level of the SSO login this session began with, or None for a password login."""
    data = session.get(SESSION_KEY) or {}
    level = data.get("assurance")
    return Assurance(level) if level in Assurance.values else None


def counts_as_second_factor(session) -> bool:
    """An SSO login at Substantial or above is itself two-factor (NSIS); Low is not."""
    return rank(session_assurance(session)) >= rank(Assurance.SUBSTANTIAL)
