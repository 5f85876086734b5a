"""What compliance holds about a person, for people's GDPR registry (`people.personal_data`), registered
from `compliance.wiring`:

- the export: the person's exemptions and their withdrawals, and the rows naming them in roster imports;
- erasure: the rows with their address leave every roster import (staged or applied) and their name
  leaves the staff lists of the leaders' digests. Exemptions are licence evidence and stay, tied to the
  pseudonymous account; monthly snapshots hold figures only;
- retention: roster imports (a file's rows are names and addresses) go once they are older than
  ICS["RETENTION_DAYS"], staged or applied.
"""

import datetime

from django.db.models import Q

from people.models import Notification, User
from people.personal_data import Erasure, record, scrub

from .models import Exemption, ExemptionWithdrawal, RosterImport
from .reminders import DIGEST


def _is_row_of(row: dict, email: str) -> bool:
    return str(row.get("email") or "").strip().lower() == email.strip().lower()


def compliance_personal_data(person: User) -> dict[str, list[dict]]:
    imports = RosterImport.objects.filter(rows__icontains=person.email).select_related("municipality")
    return {
        "exemptions": [record(e) for e in Exemption.objects.filter(person=person)
                       .select_related("person", "municipality", "granted_by").order_by("granted_at", "pk")],
        "exemption_withdrawals": [
            record(w) for w in ExemptionWithdrawal.objects.filter(exemption__person=person)
            .select_related("exemption__person", "withdrawn_by").order_by("withdrawn_at", "pk")
        ],
        "roster_import_rows": [
            {"roster_import_id": staged.pk, "municipality_name": staged.municipality.name,
             "created_at": staged.created_at.isoformat(),
             "applied_at": staged.applied_at.isoformat() if staged.applied_at else None, **row}
            for staged in imports.order_by("created_at", "pk")
            for row in staged.rows if _is_row_of(row, person.email)
        ],
    }


def compliance_erase(erasure: Erasure) -> None:
    for staged in RosterImport.objects.select_for_update().filter(rows__icontains=erasure.email):
        rows = [row for row in staged.rows if not _is_row_of(row, erasure.email)]
        staged.rows = scrub(rows, (erasure.email,), erasure.person.email)
        staged.save(update_fields=["rows"])
    name = erasure.full_name.strip().lower()
    if not name:
        return
    def is_theirs(entry):
        # Entries carry the person's id; digests written before they did are matched by name.
        if "person_id" in entry:
            return entry["person_id"] == erasure.person.pk
        return str(entry.get("name", "")).strip().lower() == name

    for digest in Notification.objects.select_for_update().filter(kind=DIGEST, data__people__icontains=name):
        digest.data = {**digest.data, "people": [e for e in digest.data.get("people", []) if not is_theirs(e)]}
        digest.save(update_fields=["data"])


def roster_imports_purge(cutoff: datetime.datetime) -> int:
    """Roster imports uploaded and never applied before the cutoff, or applied before it."""
    deleted, _per_model = RosterImport.objects.filter(
        Q(applied_at__isnull=True, created_at__lt=cutoff) | Q(applied_at__lt=cutoff)
    ).delete()
    return deleted
