"""A leader's staff roster: check rows (from a file or the manual form), preview, then apply.

Nothing is written while checking. `apply_rows` re-checks every row at the moment of confirming and
writes the good rows in one transaction through people's services: an idempotent upsert by email
(the same file twice changes nothing), leavers ended (end date set, never deleted), new people invited.
People on the roster but missing from the file are left alone: leaving is said with an end date.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people import services as people_services
from people.models import Invitation, Membership, Municipality, Team, User
from people.roles import MUNICIPAL_ROLES, Role
from people.tabular import parse_date, read_table

REQUIRED_COLUMNS = {
    "name": ["navn", "name", "fulde navn", "full name"],
    "email": ["email", "e-mail", "mail", "e-mailadresse"],
}
OPTIONAL_COLUMNS = {
    "role": ["rolle", "role"],
    "team": ["team", "afdeling"],
    "start": ["startdato", "start date", "start", "ansat fra"],
    "end": ["slutdato", "end date", "slut", "fratrådt"],
}
COLUMN_LABELS = {
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("Email"),
    "role": gettext_lazy("Role"),
    "team": gettext_lazy("Team"),
    "start": gettext_lazy("Start date"),
    "end": gettext_lazy("End date"),
}
ROLE_WORDS = {
    "sagsbehandler": Role.CASEWORKER, "caseworker": Role.CASEWORKER, "rådgiver": Role.CASEWORKER,
    "socialrådgiver": Role.CASEWORKER,
    "superbruger": Role.SUPERUSER, "ics-superbruger": Role.SUPERUSER, "ics superbruger": Role.SUPERUSER,
    "superuser": Role.SUPERUSER,
    "leder": Role.LEADER, "leader": Role.LEADER,
}


class Action:
    CREATE = "create"  # someone already on this municipality's staff takes another role here
    INVITE = "invite"  # anyone else is invited: a new person, or an existing account that must accept
    UPDATE = "update"
    END = "end"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    ERROR = "error"


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("Added to the staff"),
    Action.INVITE: gettext_lazy("Invited"),
    Action.UPDATE: gettext_lazy("Updated"),
    Action.END: gettext_lazy("Ended (has left)"),
    Action.UNCHANGED: gettext_lazy("No change"),
    Action.SKIP: gettext_lazy("Skipped"),
    Action.ERROR: gettext_lazy("Error – not imported"),
}


@dataclass
class CheckedRow:
    number: int
    values: dict
    errors: dict = field(default_factory=dict)  # column key -> Danish message
    action: str = Action.UNCHANGED
    note: str = ""
    person: User | None = None
    membership: Membership | None = None
    role: str = Role.CASEWORKER
    team: Team | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    changes: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def action_label(self):
        return ACTION_LABELS[Action.ERROR if self.errors else self.action]

    def error_list(self):
        return [(COLUMN_LABELS[key], message) for key, message in self.errors.items()]


def read_rows(uploaded):
    """Rows of an uploaded roster file as plain dicts {"number": n, "name": ..., ...}; TableError if unreadable."""
    rows = read_table(uploaded, required_columns=REQUIRED_COLUMNS, optional_columns=OPTIONAL_COLUMNS)
    return [{"number": row.number, **row.values} for row in rows]


def check_rows(raw_rows: list[dict], *, municipality: Municipality) -> list[CheckedRow]:
    """Check every row and decide what confirming would do. Reads in a constant number of queries."""
    emails = {(r.get("email") or "").strip().lower() for r in raw_rows}
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    memberships = list(
        Membership.objects.current().filter(person__email__in=emails, role__in=MUNICIPAL_ROLES)
        .select_related("person", "municipality", "team")
    )
    teams = {t.name.strip().lower(): t for t in Team.objects.filter(municipality=municipality)}
    invited = set(
        Invitation.objects.filter(
            municipality=municipality, email__in=emails, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).values_list("email", flat=True)
    )
    first_seen = {}
    checked = []
    for raw in raw_rows:
        row = CheckedRow(number=raw.get("number", 0), values=raw)
        _check_one(row, municipality, users, memberships, teams, invited, first_seen)
        checked.append(row)
    return checked


def _check_one(row, municipality, users, memberships, teams, invited, first_seen):
    values = row.values
    name = (values.get("name") or "").strip()
    email = (values.get("email") or "").strip().lower()
    if not name:
        row.errors["name"] = _("The name is missing.")
    if not email:
        row.errors["email"] = _("The email address is missing.")
    else:
        try:
            validate_email(email)
        except ValidationError:
            row.errors["email"] = _("“%(value)s” is not a valid email address.") % {"value": email}
    if email and "email" not in row.errors:
        if email in first_seen:
            row.errors["email"] = _("The same email address is also in row %(row)s.") % {"row": first_seen[email]}
        else:
            first_seen[email] = row.number

    role_text = (values.get("role") or "").strip().lower()
    if role_text:
        role = ROLE_WORDS.get(role_text)
        if role is None:
            row.errors["role"] = _("Unknown role “%(value)s”. Use sagsbehandler, superbruger or leder.") % {
                "value": values.get("role")
            }
        else:
            row.role = role
    team_text = (values.get("team") or "").strip()
    if team_text:
        row.team = teams.get(team_text.lower())
        if row.team is None:
            row.errors["team"] = _("The team “%(value)s” does not exist in %(municipality)s.") % {
                "value": team_text, "municipality": municipality.name,
            }
    for key in ("start", "end"):
        text = (values.get(key) or "").strip()
        if text:
            day = parse_date(text)
            if day is None:
                row.errors[key] = _("The date “%(value)s” cannot be read. Write it as 31-12-2025.") % {"value": text}
            setattr(row, key, day)
    if row.start and row.end and row.end < row.start:
        row.errors["end"] = _("The end date is before the start date.")

    if "email" in row.errors:
        row.action = Action.ERROR
        return
    person = users.get(email)
    row.person = person
    # Only this municipality's staff is consulted: whether the address has an account, or works
    # elsewhere, never changes what the preview says (it must reveal nothing about other municipalities).
    on_staff_here = [m for m in memberships if person and m.person_id == person.pk
                     and m.municipality_id == municipality.pk]
    here = [m for m in on_staff_here if m.role == row.role]
    if here:
        membership = row.membership = here[0]
        changes = {}
        if row.team and row.team.pk != membership.team_id:
            changes["team"] = row.team
        if row.start and row.start != membership.start_date:
            changes["start_date"] = row.start
        if row.end and row.end != membership.end_date:
            changes["end_date"] = row.end
        end = changes.get("end_date", membership.end_date)
        start = changes.get("start_date", membership.start_date)
        if end and start and end < start and "end" not in row.errors:
            row.errors["end"] = _("The end date is before the start date.")
        row.changes = changes
        if "end_date" in changes:
            row.action = Action.END
        elif changes:
            row.action = Action.UPDATE
        else:
            row.action = Action.UNCHANGED
    elif row.end and row.end < timezone.localdate():
        row.action = Action.SKIP
        row.note = _("Has left and is not on the staff; nothing to do.")
    elif on_staff_here:
        row.action = Action.CREATE
        if not row.start and "start" not in row.errors:
            row.errors["start"] = _("The start date is missing.")
    elif email in invited:
        row.action = Action.UNCHANGED
        row.note = _("Already invited.")
    else:
        row.action = Action.INVITE
        if not row.start and "start" not in row.errors:
            row.errors["start"] = _("The start date is missing.")
    if row.errors:
        row.action = Action.ERROR


@dataclass
class ApplyResult:
    counts: dict
    errors: int

    def as_dict(self):
        return {"counts": self.counts, "errors": self.errors}


@transaction.atomic
def apply_rows(raw_rows: list[dict], *, municipality: Municipality, by: User) -> ApplyResult:
    """Re-check the rows now and write the good ones; rows with errors are left out. All or nothing."""
    checked = check_rows(raw_rows, municipality=municipality)
    counts = {}
    for row in checked:
        if not row.ok:
            continue
        _apply_one(row, municipality=municipality, by=by)
        counts[row.action] = counts.get(row.action, 0) + 1
    return ApplyResult(counts=counts, errors=sum(1 for r in checked if not r.ok))


def _apply_one(row: CheckedRow, *, municipality, by):
    name = row.values.get("name", "").strip()
    email = row.values.get("email", "").strip().lower()
    if row.action in (Action.UPDATE, Action.END):
        people_services.membership_update(membership=row.membership, by=by, **row.changes)
    elif row.action == Action.CREATE:
        people_services.membership_create(
            person=row.person, role=row.role, municipality=municipality, team=row.team,
            start_date=row.start, end_date=row.end, by=by,
        )
    elif row.action == Action.INVITE and row.person is not None:
        # An existing account is never attached to another municipality silently: the person gets an
        # invitation and joins the staff when they accept it.
        people_services.invitation_create(
            by=by, email=email, full_name=name, role=row.role, start_date=row.start,
            municipality=municipality, team=row.team,
        )
    elif row.action == Action.INVITE:
        # A new person is on the staff list (and in the figures) at once; the invitation sets a password.
        people_services.staff_add(
            by=by, email=email, full_name=name, role=row.role, start_date=row.start, end_date=row.end,
            municipality=municipality, team=row.team,
        )


def actions_summary(checked: list[CheckedRow]) -> list[tuple[str, int]]:
    counts = {}
    for row in checked:
        key = Action.ERROR if row.errors else row.action
        counts[key] = counts.get(key, 0) + 1
    order = [Action.INVITE, Action.CREATE, Action.UPDATE, Action.END, Action.UNCHANGED, Action.SKIP, Action.ERROR]
    return [(ACTION_LABELS[a], counts[a]) for a in order if counts.get(a)]
