"""A person's personal data across the house: the GDPR export, erasure and the retention purge.

`people` is the bottom of the house, yet the apps above hold data about a person too (exemptions and
staged roster imports in compliance, completions in courses, ...). This registry is how people reaches
them without importing them; each app registers its part from its wiring module (`<app>/wiring.py`):

    personal_data.register_exporter("compliance", compliance_personal_data)
    personal_data.register_eraser("compliance", compliance_erase)
    personal_data.register_purger("compliance.roster_imports", roster_imports_purge)

- An **exporter** takes the person and returns its sections: ``{section: [flat record, ...]}`` (see
  `record`). `personal_data_export` starts with people's own sections (the person, e-mail addresses,
  two-factor devices, memberships and their history, invitations, notifications), then every app's.
- An **eraser** takes an `Erasure` and removes or blanks what its app holds about the person outside
  the training evidence. `people.services.person_erase` calls them inside its transaction, after the
  account itself is pseudonymised, so a failing eraser rolls the whole erasure back. Training evidence
  (completions, revocations, attendance, registrations, exemptions) stays, tied to the pseudonymous
  account.
- A **purger** takes the cutoff (``now - ICS["RETENTION_DAYS"]``) and deletes what its app no longer
  needs to keep from before it, returning how many rows went; `personal_data_purge` runs people's own
  (expired sessions, old invitations) and then every app's, from `people.tasks.personal_data_purge_task`.

Registering a key twice with another function is a programming error and fails loudly.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from .models import Invitation, MembershipEvent, Notification, User

_SECRET_FIELDS = {"password"}


@dataclass(frozen=True)
class Erasure:
    """One erasure: the person (already pseudonymised), who erases, and the address and name the
    person had, for the erasers that must find them in free text or JSON."""

    person: User
    by: User
    email: str
    full_name: str


Exporter = Callable[[User], dict[str, list[dict]]]
Eraser = Callable[[Erasure], None]
Purger = Callable[[datetime.datetime], int]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_purgers: dict[str, Purger] = {}


def _register(registry: dict, key: str, fn: Callable) -> Callable:
    existing = registry.get(key)
    if existing is not None and existing is not fn:
        raise ValueError(f"{key!r} is already registered with another function.")
    registry[key] = fn
    return fn


def register_exporter(key: str, exporter: Exporter) -> Exporter:
    return _register(_exporters, key, exporter)


def register_eraser(key: str, eraser: Eraser) -> Eraser:
    return _register(_erasers, key, eraser)


def register_purger(key: str, purger: Purger) -> Purger:
    return _register(_purgers, key, purger)


def record(instance, *, leave_out: frozenset[str] = frozenset()) -> dict:
    """Every stored field of the row (secrets and `leave_out` left out) as a flat JSON-ready dict,
    with the name of each related object beside its id."""
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in _SECRET_FIELDS or f.name in leave_out:
            continue
        value = f.value_from_object(instance)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (int, float, bool, str, list, dict)):
            value = str(value)
        data[f.attname] = value
        if f.is_relation and value is not None:
            data[f.name + "_name"] = str(getattr(instance, f.name))
    return data


def needles_of(values) -> tuple[str, ...]:
    """The erased values worth looking for: a blank or one- or two-letter name would match everything."""
    return tuple(v for v in (str(v or "").strip() for v in values) if len(v) >= 3)


def scrub(value, needles, replacement: str):
    """`value` (a string, or JSON made of dicts, lists and strings) with every occurrence of each needle
    (any case) replaced by `replacement`."""
    if isinstance(value, str):
        for needle in needles_of(needles):
            value = re.sub(re.escape(needle), lambda _match: replacement, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {scrub(k, needles, replacement): scrub(v, needles, replacement) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, needles, replacement) for v in value]
    return value


def invitations_of(person: User):
    """Invitations to the person: sent to their address, or accepted by them."""
    return Invitation.objects.filter(Q(email__iexact=person.email) | Q(accepted_by=person))


def _people_sections(person: User) -> dict[str, list[dict]]:
    memberships = list(
        person.memberships.select_related("person", "municipality", "provider", "team").order_by("start_date")
    )
    return {
        "person": [record(person, leave_out=frozenset({"calendar_token"}))],
        "email_addresses": [record(a) for a in EmailAddress.objects.filter(user=person).order_by("pk")],
        # What kind of second factor and when it was used; never the secret itself.
        "two_factor": [
            {"type": a.type, "created_at": a.created_at.isoformat(),
             "last_used_at": a.last_used_at.isoformat() if a.last_used_at else None}
            for a in Authenticator.objects.filter(user=person).order_by("pk")
        ],
        "memberships": [record(m) for m in memberships],
        "membership_history": [
            record(e) for e in MembershipEvent.objects.filter(membership__in=memberships)
            .select_related("membership__person", "membership__municipality", "membership__provider", "changed_by")
            .order_by("changed_at", "pk")
        ],
        "invitations": [
            record(i) for i in invitations_of(person)
            .select_related("municipality", "provider", "team", "invited_by", "accepted_by", "membership__person",
                            "membership__municipality", "membership__provider")
            .order_by("created_at")
        ],
        # What was sent to the person and when; a leader's digest data names other people, so left out.
        "notifications": [
            record(n, leave_out=frozenset({"data"}))
            for n in Notification.objects.filter(Q(recipient=person) | Q(email__iexact=person.email))
            .select_related("recipient").order_by("created_at")
        ],
    }


def personal_data_export(*, person: User) -> dict[str, list[dict]]:
    """Everything held about the person (GDPR access): people's sections, then every app's."""
    data = _people_sections(person)
    for exporter in _exporters.values():
        data.update(exporter(person))
    return data


def personal_data_rows(data: dict[str, list[dict]]) -> Iterator[tuple[str, int, str, object]]:
    """The export as flat rows for CSV: section, record number, field, value."""
    for section, records in data.items():
        for number, item in enumerate(records, start=1):
            for key, value in item.items():
                yield section, number, key, "" if value is None else value


def erasers_run(erasure: Erasure) -> None:
    """Every app's eraser (called by `people.services.person_erase`, inside its transaction)."""
    for eraser in _erasers.values():
        eraser(erasure)


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.ICS["RETENTION_DAYS"])


def _sessions_purge() -> int:
    """Expired sessions, as `manage.py clearsessions` removes them from the database backend."""
    deleted, _per_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def _invitations_purge(cutoff: datetime.datetime) -> int:
    """Invitations accepted, or expired unaccepted, before the cutoff: the membership they led to is the record."""
    deleted, _per_model = Invitation.objects.filter(
        Q(accepted_at__lt=cutoff) | Q(accepted_at__isnull=True, expires_at__lt=cutoff)
    ).delete()
    return deleted


def personal_data_purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what is kept no longer than ICS["RETENTION_DAYS"]: expired sessions, old invitations and
    each app's (staged roster imports, ...). Returns rows deleted per kind. Idempotent."""
    cutoff = retention_cutoff(now)
    counts = {"sessions": _sessions_purge(), "invitations": _invitations_purge(cutoff)}
    for key, purger in _purgers.items():
        counts[key] = purger(cutoff)
    return counts
