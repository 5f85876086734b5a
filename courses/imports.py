"""Import of earlier completions (from before the platform): CSV or XLSX with email, course, date and
provider. A preview first, with a Danish message per row and column; nothing is written until the
leader or national admin confirms; a re-import changes nothing (rows already on record are skipped).

A leader may import for the current staff of municipalities they lead; a national admin for anyone.
An email outside the importer's scope reads as unknown: the import reveals nothing about other people.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.models import Membership, Provider
from people.permissions import access_for
from people.roles import MUNICIPAL_ROLES
from people.tabular import TableError, parse_date, read_table

from .models import Completion, CompletionMethod, CoursePage
from .services.completion import completion_record

User = get_user_model()

REQUIRED_COLUMNS = {
    "email": ["email", "e-mail", "mail", "e-mailadresse", "email-adresse"],
    "course": ["course", "kursus", "kursusnavn", "forløb"],
    "date": ["date", "dato", "gennemført", "gennemfoert", "gennemført dato", "completed"],
}
OPTIONAL_COLUMNS = {"provider": ["provider", "udbyder", "kursusudbyder"]}
COLUMN_LABELS = {
    "email": gettext_lazy("email"),
    "course": gettext_lazy("course"),
    "date": gettext_lazy("date"),
    "provider": gettext_lazy("provider"),
}


class Status:
    NEW = "new"
    EXISTS = "exists"
    ERROR = "error"


@dataclass
class ImportRow:
    number: int
    email: str = ""
    course_text: str = ""
    date_text: str = ""
    provider_text: str = ""
    person_id: int | None = None
    person_name: str = ""
    course_id: int | None = None
    course_title: str = ""
    completed_on: str | None = None  # ISO date
    provider_id: int | None = None
    provider_name: str = ""
    errors: list = field(default_factory=list)  # [(column label, message)]
    note: str = ""

    @property
    def status(self):
        if self.errors:
            return Status.ERROR
        return Status.EXISTS if self.note else Status.NEW


@dataclass
class ImportPreview:
    filename: str
    rows: list

    @property
    def new_rows(self):
        return [r for r in self.rows if r.status == Status.NEW]

    @property
    def error_rows(self):
        return [r for r in self.rows if r.status == Status.ERROR]

    @property
    def existing_rows(self):
        return [r for r in self.rows if r.status == Status.EXISTS]

    def payload(self):
        """What the confirmation needs, small enough for the session."""
        return {
            "filename": self.filename,
            "rows": [
                {"number": r.number, "person_id": r.person_id, "course_id": r.course_id,
                 "completed_on": r.completed_on, "provider_id": r.provider_id}
                for r in self.new_rows
            ],
        }


def may_import(user) -> bool:
    access = access_for(user)
    return access.is_national_admin or bool(access.led_municipality_ids)


def _people_in_scope(by, emails):
    access = access_for(by)
    qs = User.objects.filter(email__in=emails)
    if not access.is_national_admin:
        in_scope = Membership.objects.current().filter(
            municipality_id__in=access.led_municipality_ids, role__in=sorted(MUNICIPAL_ROLES)
        ).values("person_id")
        qs = qs.filter(pk__in=in_scope)
    return {u.email.lower(): u for u in qs}


def _course_lookup():
    courses = list(CoursePage.objects.live().order_by("path"))
    lookup = {}
    for course in courses:
        lookup.setdefault(course.title.strip().lower(), course)
        lookup.setdefault(course.slug.lower(), course)
    by_kind = {}
    for course in courses:
        by_kind.setdefault(course.kind, []).append(course)
    for kind, found in by_kind.items():
        if len(found) == 1:
            lookup.setdefault(kind.lower(), found[0])
            lookup.setdefault(f"ics-{kind}".lower(), found[0])
    return lookup


def _provider_lookup():
    lookup = {}
    for provider in Provider.objects.all():
        lookup.setdefault(provider.name.strip().lower(), provider)
        lookup.setdefault(provider.slug.lower(), provider)
    return lookup


def import_preview(*, by, uploaded) -> ImportPreview:
    """Read and check the file. Raises ValidationError with a Danish message when the file as a whole
    cannot be read; otherwise every row carries its own errors. Writes nothing."""
    if not may_import(by):
        raise PermissionDenied
    try:
        table = read_table(uploaded, required_columns=REQUIRED_COLUMNS, optional_columns=OPTIONAL_COLUMNS)
    except TableError as exc:
        raise ValidationError(str(exc)) from exc
    emails = {row.values.get("email", "").strip().lower() for row in table}
    people = _people_in_scope(by, emails)
    courses = _course_lookup()
    providers = _provider_lookup()
    today = timezone.localdate()
    rows = []
    seen = {}
    for source in table:
        values = source.values
        row = ImportRow(
            number=source.number, email=values.get("email", ""), course_text=values.get("course", ""),
            date_text=values.get("date", ""), provider_text=values.get("provider", ""),
        )
        label = COLUMN_LABELS
        email = row.email.strip().lower()
        if not email:
            row.errors.append((label["email"], _("The email is missing.")))
        elif email not in people:
            row.errors.append((label["email"], _("No person with the email %(email)s in your municipality.")
                               % {"email": row.email}))
        else:
            person = people[email]
            row.person_id, row.person_name = person.pk, person.full_name or person.email
        course_key = row.course_text.strip().lower()
        if not course_key:
            row.errors.append((label["course"], _("The course is missing.")))
        elif course_key not in courses:
            row.errors.append((label["course"], _("Unknown course “%(course)s”.") % {"course": row.course_text}))
        else:
            course = courses[course_key]
            row.course_id, row.course_title = course.pk, course.title
        completed_on = parse_date(row.date_text)
        if not row.date_text.strip():
            row.errors.append((label["date"], _("The date is missing.")))
        elif completed_on is None:
            row.errors.append((label["date"], _("“%(date)s” is not a date. Write it as 31-12-2024.")
                               % {"date": row.date_text}))
        elif completed_on > today:
            row.errors.append((label["date"], _("The date %(date)s is in the future.")
                               % {"date": completed_on.strftime("%d-%m-%Y")}))
        elif completed_on < datetime.date(1990, 1, 1):
            row.errors.append((label["date"], _("The date %(date)s is too early.")
                               % {"date": completed_on.strftime("%d-%m-%Y")}))
        else:
            row.completed_on = completed_on.isoformat()
        provider_key = row.provider_text.strip().lower()
        if provider_key:
            if provider_key not in providers:
                row.errors.append((label["provider"], _("Unknown provider “%(provider)s”.")
                                   % {"provider": row.provider_text}))
            else:
                row.provider_id, row.provider_name = providers[provider_key].pk, providers[provider_key].name
        if row.person_id and row.course_id:
            # A duplicate of an earlier good row; a row with its own errors does not claim the pair.
            key = (row.person_id, row.course_id)
            if key in seen:
                row.errors.append((label["email"], _("Duplicate: the same person and course as row %(row)s.")
                                   % {"row": seen[key]}))
            elif not row.errors:
                seen[key] = row.number
        rows.append(row)

    keys = {(r.person_id, r.course_id) for r in rows if not r.errors}
    if keys:
        existing = {}
        for person_id, course_id, completed_on in (
            Completion.objects.valid()
            .filter(person_id__in={k[0] for k in keys}, course_id__in={k[1] for k in keys})
            .values_list("person_id", "course_id", "completed_on")
        ):
            existing.setdefault((person_id, course_id), completed_on)
        for row in rows:
            found = existing.get((row.person_id, row.course_id)) if not row.errors else None
            if found:
                row.note = _("Already on record (completed %(date)s); nothing changes.") % {
                    "date": found.strftime("%d-%m-%Y")
                }
    return ImportPreview(filename=uploaded.name or "", rows=rows)


@transaction.atomic
def import_confirm(*, by, payload) -> dict:
    """Write the rows the preview found new. Every row is checked again; a row that has since become
    a duplicate is skipped. All or nothing: any other failure writes nothing."""
    if not may_import(by):
        raise PermissionDenied
    rows = payload.get("rows", [])
    people = {u.pk: u for u in User.objects.filter(pk__in={r["person_id"] for r in rows})}
    in_scope = set(_people_in_scope(by, [u.email for u in people.values()]).values())
    courses = {c.pk: c for c in CoursePage.objects.filter(pk__in={r["course_id"] for r in rows})}
    providers = {p.pk: p for p in Provider.objects.filter(pk__in={r["provider_id"] for r in rows if r["provider_id"]})}
    created = skipped = 0
    filename = payload.get("filename") or ""
    for row in rows:
        person = people.get(row["person_id"])
        if person is None or person not in in_scope or row["course_id"] not in courses:
            raise PermissionDenied
        _completion, was_created = completion_record(
            person=person, course=courses[row["course_id"]],
            completed_on=datetime.date.fromisoformat(row["completed_on"]),
            method=CompletionMethod.IMPORTED, by=by, provider=providers.get(row["provider_id"]),
            reason=_("Imported earlier record (file %(file)s, row %(row)s)") % {"file": filename, "row": row["number"]},
        )
        if was_created:
            created += 1
        else:
            skipped += 1
    return {"created": created, "skipped": skipped}
