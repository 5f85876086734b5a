"""Events, their sessions and meeting series, seat quotas and cancellations."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Municipality, Provider, User
from people.permissions import access_for

from .. import notifications, selectors, signals
from ..models import Event, EventQuota, Registration, Session
from ..recurrence import RecurrenceError, occurrences
from .registration import waitlist_promote

# Fields whose change alters what a calendar shows: a change raises SEQUENCE and sends an update.
CALENDAR_FIELDS = {"title", "description", "location_address", "location_room", "online_url", "recurrence_rule"}


def check_may_plan(by: User | None, *, municipality: Municipality | None = None,
                   provider: Provider | None = None) -> None:
    """PermissionDenied unless `by` may plan events for the owner (a municipality's leaders and
    superusers, a provider's coordinators; an event of the national secretariat: national admins)."""
    if by is None:
        return
    if municipality is not None:
        allowed = access_for(by).may_plan_for(municipality)
    elif provider is not None:
        allowed = access_for(by).coordinates(provider)
    else:
        allowed = access_for(by).is_national_admin
    if not allowed:
        raise PermissionDenied(_("You may not plan events here."))


def check_may_manage(by: User | None, event: Event) -> None:
    if by is not None and not selectors.may_manage_event(by, event):
        raise PermissionDenied(_("You may not change this event."))


def _bump_sequence(event):
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["sequence"])


def _event_changed(event):
    _bump_sequence(event)
    notifications.event_changed_queue(event)


def _locked(event: Event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    return event


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
    check_may_plan(by, municipality=fields.get("municipality"), provider=fields.get("provider"))
    event = Event(kind=kind, title=title, created_by=by, **fields)
    event.full_clean()
    event.save()
    if hosts:
        event.hosts.set(hosts)
    for municipality, seats in (quotas or {}).items():
        _quota_set(event=event, municipality=municipality, seats=seats)
    if event.recurrence_rule and sessions:
        first_start, first_end = sessions[0]
        _series_generate(event=event, first_start=first_start, first_end=first_end)
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


def _series_generate(*, event, first_start, first_end):
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
def quota_set(*, event: Event, municipality: Municipality, seats: int, by: User | None) -> EventQuota | None:
    """Reserve `seats` of a cohort for a municipality (0 removes the reservation)."""
    check_may_manage(by, event)
    return _quota_set(event=_locked(event), municipality=municipality, seats=seats)


def _quota_set(*, event, municipality, seats):
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
    """Change an event's fields (and hosts). Calendar changes send everyone confirmed an update; a
    higher capacity offers the new seats to the waitlist."""
    check_may_manage(by, event)
    event = _locked(event)
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
            _series_generate(event=event, first_start=first.starts_at, first_end=first.ends_at)
    if changed & CALENDAR_FIELDS:
        _event_changed(event)
    if event.capacity > old_capacity:
        waitlist_promote(event, by=by)
    return event


@transaction.atomic
def session_save(
    *, event: Event, by: User | None, starts_at, ends_at, session: Session | None = None
) -> Session:
    """Add a session to an event, or move one (`session`); everyone confirmed gets an update."""
    check_may_manage(by, event)
    event = _locked(event)
    if session is None:
        number = (event.sessions.order_by("-day_number").values_list("day_number", flat=True).first() or 0) + 1
        session = Session(event=event, day_number=number)
    elif session.event_id != event.pk:
        raise ValidationError(_("The session belongs to another event."))
    elif session.cancelled:
        raise ValidationError(_("A cancelled session cannot be changed."))
    session.starts_at, session.ends_at = starts_at, ends_at
    session.full_clean()
    session.save()
    _event_changed(event)
    return session


def _reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for cancelling; it is sent to the participants.")})
    return reason


@transaction.atomic
def session_cancel(*, session: Session, by: User | None, reason: str) -> Session:
    """Cancel one session (recorded with when and why); everyone confirmed gets a CANCEL for it."""
    check_may_manage(by, session.event)
    reason = _reason(reason)
    event = Event.objects.select_for_update().get(pk=session.event_id)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.cancelled:
        raise ValidationError(_("The session is already cancelled."))
    session.cancelled, session.cancelled_at, session.cancel_reason = True, timezone.now(), reason
    session.save(update_fields=["cancelled", "cancelled_at", "cancel_reason"])
    _bump_sequence(event)
    notifications.session_cancelled_queue(session)
    return session


@transaction.atomic
def event_cancel(*, event: Event, by: User | None, reason: str) -> Event:
    """Cancel an event as a whole. Registrations keep their status; `Event.cancelled_at` records when.
    Everyone booked is told, and `signals.event_cancelled` goes out after commit."""
    check_may_manage(by, event)
    reason = _reason(reason)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("The event is already cancelled."))
    event.cancelled_at, event.cancel_reason = timezone.now(), reason
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
    notifications.event_cancelled_queue(event)
    event_id = event.pk
    transaction.on_commit(lambda: signals.event_cancelled.send(sender=Event, event_id=event_id))
    return event
