"""Recording who came to a session, with an append-only history and a signal after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import User

from .. import selectors, signals
from ..models import Attendance, AttendanceChange, Registration, Session


def _check_may_take_attendance(by, session):
    if by is not None and not selectors.may_take_attendance(by, session.event):
        raise PermissionDenied(_("You may not record attendance for this event."))


def _record(*, session, person, status, by):
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    if session.cancelled:
        raise ValidationError(_("Attendance cannot be recorded for a cancelled session."))
    if timezone.localtime(session.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Attendance can be recorded from the day of the session."))
    if not session.event.registrations.filter(person=person, status=Registration.Status.CONFIRMED).exists():
        raise ValidationError(_("%(name)s has no confirmed registration for this event.") % {
            "name": person.full_name or person.email
        })
    attendance = Attendance.objects.select_for_update().filter(session=session, person=person).first()
    if attendance is None:
        attendance = Attendance(session=session, person=person, status=status, recorded_by=by)
        attendance.full_clean(validate_constraints=False)
        attendance.save()
        previous = ""
    else:
        previous = attendance.status
        if previous == status:
            return attendance
        attendance.status, attendance.recorded_by, attendance.recorded_at = status, by, timezone.now()
        attendance.save(update_fields=["status", "recorded_by", "recorded_at"])
    AttendanceChange.objects.create(attendance=attendance, from_status=previous, to_status=status, changed_by=by)
    ids = (attendance.pk, session.pk, person.pk, status)
    transaction.on_commit(lambda: signals.attendance_changed.send(
        sender=Attendance, attendance_id=ids[0], session_id=ids[1], person_id=ids[2], status=ids[3],
    ))
    return attendance


@transaction.atomic
def attendance_record(*, session: Session, person: User, status: str, by: User | None) -> Attendance:
    """Record one person's attendance (an `Attendance.Status`). PermissionDenied unless `by` keeps
    the event's roster (its managers, the provider's trainers, its hosts)."""
    session = Session.objects.select_related("event").get(pk=session.pk)
    _check_may_take_attendance(by, session)
    return _record(session=session, person=person, status=status, by=by)


@transaction.atomic
def attendance_bulk_record(*, session: Session, statuses: dict, by: User | None) -> int:
    """Record several people's attendance ({person_id: status}); returns how many changed."""
    session = Session.objects.select_related("event").get(pk=session.pk)
    _check_may_take_attendance(by, session)
    people = User.objects.in_bulk(list(statuses))
    before = dict(Attendance.objects.filter(session=session, person_id__in=list(statuses))
                  .values_list("person_id", "status"))
    for person_id, status in statuses.items():
        _record(session=session, person=people[person_id], status=status, by=by)
    return sum(before.get(person_id) != status for person_id, status in statuses.items())
