"""Writes for scheduling: events, sessions, registrations (capacity under a row lock), attendance.

Every function is keyword-only and atomic. Mail, invites and signals go out after commit.
"""

import datetime
import uuid
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Membership, Municipality, User
from people.roles import MUNICIPAL_ROLES, Role

from . import hooks, signals
from .models import (
    Attendance,
    AttendanceChange,
    Event,
    EventQuota,
    Registration,
    RegistrationChange,
    Session,
)
from .recurrence import RecurrenceError, occurrences

# Fields whose change alters what a calendar shows: a change raises SEQUENCE and sends an update.
CALENDAR_FIELDS = {"title", "description", "location_address", "location_room", "online_url", "recurrence_rule"}
AUDIENCE_ROLES = {
    Event.Audience.CASEWORKERS: {Role.CASEWORKER},
    Event.Audience.SUPERUSERS: {Role.SUPERUSER},
    Event.Audience.LEADERS: {Role.LEADER},
    Event.Audience.STAFF: set(MUNICIPAL_ROLES),
    Event.Audience.OPEN: set(MUNICIPAL_ROLES),
}


def _on_commit(fn):
    transaction.on_commit(fn)


def _queue(task, *args):
    _on_commit(lambda: task.delay(*args))


def _send_registration_signal(registration):
    registration_id, event_id, person_id, status = (
        registration.pk, registration.event_id, registration.person_id, registration.status,
    )
    _on_commit(lambda: signals.registration_changed.send(
        sender=Registration, registration_id=registration_id, event_id=event_id, person_id=person_id, status=status,
    ))


def _notify_registration(registration, kind):
    from . import tasks

    _queue(tasks.send_registration_notice_task, registration.pk, kind)


def _bump_sequence(event):
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["sequence"])


# --- Events and sessions ------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    by: User | None,
    kind: str,
    title: str,
    sessions: list[tuple[datetime.datetime, datetime.datetime]] = (),
    hosts=(),
    quotas: dict | None = None,
    **fields,
) -> Event:
    event = Event(kind=kind, title=title, created_by=by, **fields)
    event.full_clean()
    event.save()
    if hosts:
        event.hosts.set(hosts)
    for municipality, seats in (quotas or {}).items():
        quota_set(event=event, municipality=municipality, seats=seats, by=by)
    if event.recurrence_rule and sessions:
        first_start, first_end = sessions[0]
        series_generate(event=event, first_start=first_start, first_end=first_end, by=by)
    else:
        for number, (starts_at, ends_at) in enumerate(sessions, start=1):
            _session_new(event=event, day_number=number, starts_at=starts_at, ends_at=ends_at)
    return event


def _session_new(*, event, day_number, starts_at, ends_at):
    session = Session(event=event, day_number=day_number, starts_at=starts_at, ends_at=ends_at)
    try:
        session.full_clean()
    except ValidationError as exc:
        raise ValidationError(_("Day %(number)s: %(errors)s") % {
            "number": day_number, "errors": " ".join(exc.messages)
        }) from exc
    session.save()
    return session


@transaction.atomic
def series_generate(*, event: Event, first_start, first_end, by: User | None = None) -> list[Session]:
    """(Re)create the meetings of a series from its rule. Meetings already held are kept."""
    if first_end <= first_start:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    try:
        planned = occurrences(event.recurrence_rule, first_start, first_end - first_start)
    except RecurrenceError as exc:
        raise ValidationError({"recurrence_rule": str(exc)}) from exc
    now = timezone.now()
    event.sessions.filter(starts_at__gt=now, attendances__isnull=True).delete()
    kept = list(event.sessions.all())
    kept_starts = {s.starts_at for s in kept}
    number = max((s.day_number for s in kept), default=0)
    created = []
    for starts_at, ends_at in planned:
        if starts_at in kept_starts or starts_at <= now and kept:
            continue
        number += 1
        created.append(_session_new(event=event, day_number=number, starts_at=starts_at, ends_at=ends_at))
    return created


@transaction.atomic
def quota_set(*, event: Event, municipality: Municipality, seats: int, by: User | None = None) -> EventQuota | None:
    if seats <= 0:
        EventQuota.objects.filter(event=event, municipality=municipality).delete()
        return None
    total = sum(q.seats for q in event.quotas.exclude(municipality=municipality)) + seats
    if total > event.capacity:
        raise ValidationError(_("The reserved seats (%(total)s) exceed the capacity (%(capacity)s).") % {
            "total": total, "capacity": event.capacity,
        })
    quota, _created = EventQuota.objects.update_or_create(
        event=event, municipality=municipality, defaults={"seats": seats}
    )
    return quota


@transaction.atomic
def event_update(*, event: Event, by: User | None, **changes) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    hosts = changes.pop("hosts", None)
    old_capacity = event.capacity
    changed = set()
    for name, value in changes.items():
        if getattr(event, name) != value:
            setattr(event, name, value)
            changed.add(name)
    event.full_clean()
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if event.capacity < confirmed:
        raise ValidationError({"capacity": _(
            "The capacity cannot be lower than the %(count)s people already confirmed. Cancel registrations first."
        ) % {"count": confirmed}})
    event.save()
    if hosts is not None:
        event.hosts.set(hosts)
    if "recurrence_rule" in changed and event.recurrence_rule:
        first = event.sessions.order_by("starts_at").first()
        if first is not None:
            series_generate(event=event, first_start=first.starts_at, first_end=first.ends_at, by=by)
    if changed & CALENDAR_FIELDS:
        _event_changed(event)
    if event.capacity > old_capacity:
        _promote_waitlisted(event, by=by)
    return event


def _event_changed(event):
    from . import tasks

    _bump_sequence(event)
    if event.registrations.filter(status=Registration.Status.CONFIRMED).exists():
        _queue(tasks.send_event_update_task, event.pk, event.sequence)


@transaction.atomic
def session_save(
    *, event: Event, by: User | None, starts_at, ends_at, session: Session | None = None
) -> Session:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    if session is None:
        number = (event.sessions.order_by("-day_number").values_list("day_number", flat=True).first() or 0) + 1
        session = Session(event=event, day_number=number)
    elif session.cancelled:
        raise ValidationError(_("A cancelled session cannot be changed."))
    session.starts_at, session.ends_at = starts_at, ends_at
    session.full_clean()
    session.save()
    _event_changed(event)
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: User | None, reason: str) -> Session:
    from . import tasks

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for cancelling; it is sent to the participants.")})
    event = Event.objects.select_for_update().get(pk=session.event_id)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.cancelled:
        raise ValidationError(_("The session is already cancelled."))
    session.cancelled, session.cancelled_at, session.cancel_reason = True, timezone.now(), reason
    session.save(update_fields=["cancelled", "cancelled_at", "cancel_reason"])
    _bump_sequence(event)
    _queue(tasks.send_session_cancelled_task, session.pk)
    return session


@transaction.atomic
def event_cancel(*, event: Event, by: User | None, reason: str) -> Event:
    from . import tasks

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for cancelling; it is sent to the participants.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("The event is already cancelled."))
    event.cancelled_at, event.cancel_reason = timezone.now(), reason
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
    _queue(tasks.send_event_cancelled_task, event.pk)
    return event


# --- Registration -------------------------------------------------------------------------------


def _check_open(event, now):
    if event.is_cancelled:
        raise ValidationError(_("The event has been cancelled."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(_("Registration opens %(when)s.") % {
            "when": timezone.localtime(event.registration_opens_at).strftime("%d.%m.%Y %H:%M")
        })
    if event.registration_closes_at and now > event.registration_closes_at:
        raise ValidationError(_("The registration deadline passed %(when)s.") % {
            "when": timezone.localtime(event.registration_closes_at).strftime("%d.%m.%Y %H:%M")
        })
    first = event.sessions.filter(cancelled=False).order_by("starts_at").values_list("starts_at", flat=True).first()
    if first is None:
        raise ValidationError(_("The event has no sessions yet."))
    if first <= now and not event.is_series:
        raise ValidationError(_("The event has already started."))


def _eligible_municipality(event, person, municipality, today):
    """The municipality the person is booked from, or a ValidationError when outside the audience."""
    memberships = list(
        Membership.objects.current(today).filter(person=person, municipality__isnull=False)
        .values_list("municipality_id", "role")
    )
    wanted = AUDIENCE_ROLES[event.audience]
    candidates = [m for m, role in memberships if role in wanted]
    if event.audience != Event.Audience.OPEN:
        candidates = [m for m in candidates if m == event.municipality_id]
    if municipality is not None:
        candidates = [m for m in candidates if m == getattr(municipality, "pk", municipality)]
    if not candidates:
        raise ValidationError(_("%(name)s is not in the audience for this event (%(audience)s).") % {
            "name": person.full_name or person.email, "audience": event.get_audience_display(),
        })
    if event.municipality_id in candidates:
        return event.municipality_id
    return candidates[0]


def _seat_for(event, municipality_id, confirmed_by_municipality, quotas):
    free = event.capacity - sum(confirmed_by_municipality.values())
    reserved_for_others = sum(
        max(0, seats - confirmed_by_municipality.get(m, 0)) for m, seats in quotas.items() if m != municipality_id
    )
    return free - reserved_for_others > 0


def _confirmed_counts(event):
    return Counter(
        event.registrations.filter(status=Registration.Status.CONFIRMED).values_list("municipality_id", flat=True)
    )


def _register_locked(*, event, person, by, municipality, now, counts, quotas):
    municipality_id = _eligible_municipality(event, person, municipality, timezone.localdate(now))
    if Registration.objects.filter(event=event, person=person).exclude(status=Registration.Status.CANCELLED).exists():
        raise ValidationError(_("%(name)s is already registered for this event.") % {
            "name": person.full_name or person.email
        })
    confirmed = _seat_for(event, municipality_id, counts, quotas)
    registration = Registration(
        event=event, person=person, municipality_id=municipality_id, booked_by=by, created_at=now,
        status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITLISTED,
        confirmed_at=now if confirmed else None,
    )
    registration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError(_("%(name)s is already registered for this event.") % {
            "name": person.full_name or person.email
        }) from exc
    if confirmed:
        counts[municipality_id] += 1
    RegistrationChange.objects.create(registration=registration, status=registration.status, changed_by=by)
    _send_registration_signal(registration)
    _notify_registration(registration, "confirmed" if confirmed else "waitlisted")
    return registration


@transaction.atomic
def registration_create(
    *, event: Event, person: User, by: User | None, municipality: Municipality | None = None
) -> Registration:
    """Register a person: confirmed when a seat is free (quota respected), else on the waitlist.

    The event row is locked for the whole transaction, so concurrent registrations queue up here and
    capacity holds."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    _check_open(event, now)
    quotas = dict(event.quotas.values_list("municipality_id", "seats"))
    return _register_locked(
        event=event, person=person, by=by, municipality=municipality, now=now,
        counts=_confirmed_counts(event), quotas=quotas,
    )


@transaction.atomic
def registrations_bulk_create(
    *, event: Event, people, by: User | None, municipality: Municipality | None = None
) -> list[Registration]:
    """Book several people in one action. All or nothing: one problem and nobody is booked."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    _check_open(event, now)
    quotas = dict(event.quotas.values_list("municipality_id", "seats"))
    counts = _confirmed_counts(event)
    people = list(people)
    if not people:
        raise ValidationError(_("Choose at least one person to book."))
    created, problems = [], []
    for person in people:
        try:
            with transaction.atomic():
                created.append(_register_locked(
                    event=event, person=person, by=by, municipality=municipality, now=now,
                    counts=counts, quotas=quotas,
                ))
        except ValidationError as exc:
            problems.extend(exc.messages)
    if problems:
        raise ValidationError(problems)
    return created


def cancellation_allowed(registration, by, now=None):
    """Whether `by` may cancel now: a person cancelling their own seat must respect the deadline."""
    now = now or timezone.now()
    deadline = registration.event.cancellation_deadline
    return not (by is not None and by.pk == registration.person_id and deadline and now > deadline)


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None, reason: str = "") -> Registration:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("The registration is already cancelled."))
    if not cancellation_allowed(registration, by):
        raise ValidationError(_(
            "The cancellation deadline passed %(when)s. Contact the organiser to cancel."
        ) % {"when": timezone.localtime(event.cancellation_deadline).strftime("%d.%m.%Y %H:%M")})
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancel_reason = reason
    registration.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    RegistrationChange.objects.create(
        registration=registration, status=registration.status, changed_by=by, note=reason
    )
    _send_registration_signal(registration)
    if was_confirmed:
        _notify_registration(registration, "cancelled")
        _promote_waitlisted(event, by=by)
    return registration


def _promote_waitlisted(event, *, by):
    """Offer free seats to the waitlist in priority order (the hook registry, then first come)."""
    waiting = list(event.registrations.filter(status=Registration.Status.WAITLISTED))
    if not waiting:
        return []
    counts = _confirmed_counts(event)
    quotas = dict(event.quotas.values_list("municipality_id", "seats"))
    promoted = []
    for registration in hooks.waitlist_order(event, waiting):
        if sum(counts.values()) >= event.capacity:
            break
        if not _seat_for(event, registration.municipality_id, counts, quotas):
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        counts[registration.municipality_id] += 1
        RegistrationChange.objects.create(
            registration=registration, status=registration.status, changed_by=by, note="promoted from waitlist"
        )
        _send_registration_signal(registration)
        _notify_registration(registration, "promoted")
        promoted.append(registration)
    return promoted


# --- Attendance ---------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, session: Session, person: User, status: str, by: User | None) -> Attendance:
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    session = Session.objects.select_related("event").get(pk=session.pk)
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
    _on_commit(lambda: signals.attendance_changed.send(
        sender=Attendance, attendance_id=ids[0], session_id=ids[1], person_id=ids[2], status=ids[3],
    ))
    return attendance


@transaction.atomic
def attendance_bulk_record(*, session: Session, statuses: dict, by: User | None) -> int:
    """Record several people's attendance ({person_id: status}); returns how many changed."""
    people = User.objects.in_bulk(list(statuses))
    changed = 0
    for person_id, status in statuses.items():
        before = Attendance.objects.filter(session=session, person_id=person_id).values_list("status", flat=True).first()
        attendance_record(session=session, person=people[person_id], status=status, by=by)
        changed += before != status
    return changed


# --- Calendar feed token and import -------------------------------------------------------------


@transaction.atomic
def calendar_token_renew(*, person: User) -> uuid.UUID:
    """A new secret feed address; the old one stops working at once."""
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token"])
    return person.calendar_token


@transaction.atomic
def events_import(*, municipality: Municipality, by: User | None, items, kind: str, audience: str) -> list[Event]:
    """Create events from parsed .ics items (see ical_import). Items already imported (same UID) are skipped."""
    created = []
    for item in items:
        if item.uid and Event.objects.filter(municipality=municipality, external_uid=item.uid).exists():
            continue
        created.append(event_create(
            by=by, kind=kind, title=item.summary[:200], description=item.description,
            location_address=item.location[:300], municipality=municipality, audience=audience,
            external_uid=item.uid[:300], sessions=[(item.starts_at, item.ends_at)],
        ))
    return created
