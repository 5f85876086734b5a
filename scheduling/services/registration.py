"""Registration: booking oneself or others (capacity held under a row lock), cancelling, the waitlist."""

from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Membership, Municipality, User

from .. import hooks, notifications, selectors, signals
from ..models import Event, Registration, RegistrationChange
from ..notifications import NotificationKind


def _name(person):
    return person.full_name or person.email


def _send_registration_signal(registration):
    registration_id, event_id, person_id, status = (
        registration.pk, registration.event_id, registration.person_id, registration.status,
    )
    transaction.on_commit(lambda: signals.registration_changed.send(
        sender=Registration, registration_id=registration_id, event_id=event_id, person_id=person_id, status=status,
    ))


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


def _eligible_municipality(event, person, allowed_ids, today):
    """The municipality the person is booked from, or a ValidationError when outside the audience.
    `allowed_ids` (None: any) narrows it to the municipalities the booking may be made from."""
    memberships = list(
        Membership.objects.current(today).filter(person=person, municipality__isnull=False)
        .values_list("municipality_id", "role")
    )
    wanted = selectors.AUDIENCE_ROLES[event.audience]
    candidates = [m for m, role in memberships if role in wanted]
    if event.audience != Event.Audience.OPEN:
        candidates = [m for m in candidates if m == event.municipality_id]
    if allowed_ids is not None:
        candidates = [m for m in candidates if m in allowed_ids]
    if not candidates:
        raise ValidationError(_("%(name)s is not in the audience for this event (%(audience)s).") % {
            "name": _name(person), "audience": event.get_audience_display(),
        })
    if event.municipality_id in candidates:
        return event.municipality_id
    return candidates[0]


def seats_open_to(*, capacity: int, confirmed_by_municipality: dict, quotas: dict, municipality_id) -> int:
    """How many confirmed seats a booking from `municipality_id` can still take: the free seats less
    those other municipalities' quotas still hold. The one statement of the rule (a preview reads it)."""
    free = capacity - sum(confirmed_by_municipality.values())
    reserved_for_others = sum(
        max(0, seats - confirmed_by_municipality.get(m, 0)) for m, seats in quotas.items() if m != municipality_id
    )
    return max(0, free - reserved_for_others)


def _seat_for(event, municipality_id, confirmed_by_municipality, quotas):
    return seats_open_to(
        capacity=event.capacity, confirmed_by_municipality=confirmed_by_municipality, quotas=quotas,
        municipality_id=municipality_id,
    ) > 0


def _confirmed_counts(event):
    return Counter(
        event.registrations.filter(status=Registration.Status.CONFIRMED).values_list("municipality_id", flat=True)
    )


def _register_locked(*, event, person, by, allowed_ids, now, counts, quotas):
    municipality_id = _eligible_municipality(event, person, allowed_ids, timezone.localdate(now))
    if Registration.objects.filter(event=event, person=person).exclude(status=Registration.Status.CANCELLED).exists():
        raise ValidationError(_("%(name)s is already registered for this event.") % {"name": _name(person)})
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
        raise ValidationError(_("%(name)s is already registered for this event.") % {"name": _name(person)}) from exc
    if confirmed:
        counts[municipality_id] += 1
    RegistrationChange.objects.create(registration=registration, status=registration.status, changed_by=by)
    _send_registration_signal(registration)
    notifications.registration_notice_queue(
        registration, NotificationKind.CONFIRMED if confirmed else NotificationKind.WAITLISTED
    )
    return registration


def _booking_scope(by, person, municipality):
    """The municipality ids the booking may be made from (None: any). Booking oneself: any of one's
    own; booking someone else: only those of the person's municipalities that `by` may book for."""
    if by is None or by.pk == person.pk:
        return None if municipality is None else {municipality.pk}
    staff_of = set(
        Membership.objects.current().filter(person=person, municipality__isnull=False)
        .values_list("municipality_id", flat=True)
    )
    if municipality is not None:
        staff_of &= {municipality.pk}
    allowed = {m for m in staff_of if selectors.may_book_for(by, m)}
    if not allowed:
        raise PermissionDenied(_("You may not book %(name)s.") % {"name": _name(person)})
    return allowed


@transaction.atomic
def registration_create(
    *, event: Event, person: User, by: User | None, municipality: Municipality | None = None
) -> Registration:
    """Register a person: confirmed when a seat is free (quota respected), else on the waitlist.

    A person books themselves; someone else is booked only by a leader of a municipality the person
    works for (or a national admin): PermissionDenied otherwise. The event row is locked for the
    whole transaction, so concurrent registrations queue up here and capacity holds."""
    allowed_ids = _booking_scope(by, person, municipality)
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    _check_open(event, now)
    quotas = dict(event.quotas.values_list("municipality_id", "seats"))
    return _register_locked(
        event=event, person=person, by=by, allowed_ids=allowed_ids, now=now,
        counts=_confirmed_counts(event), quotas=quotas,
    )


@transaction.atomic
def registrations_bulk_create(
    *, event: Event, people: Iterable[User], by: User | None, municipality: Municipality
) -> list[Registration]:
    """Book several of a municipality's staff in one action. All or nothing: one problem and nobody
    is booked. PermissionDenied unless `by` leads `municipality` (or is a national admin) and every
    person is on its current staff."""
    people = list(people)
    if by is not None and not selectors.may_book_for(by, municipality.pk):
        raise PermissionDenied(_("You may not book staff of %(municipality)s.") % {"municipality": municipality})
    staff = set(
        Membership.objects.current().filter(municipality=municipality, person__in=people)
        .values_list("person_id", flat=True)
    )
    strangers = [_name(p) for p in people if p.pk not in staff]
    if strangers:
        raise PermissionDenied(_("Not on the staff of %(municipality)s: %(names)s.") % {
            "municipality": municipality, "names": ", ".join(strangers),
        })
    if not people:
        raise ValidationError(_("Choose at least one person to book."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    _check_open(event, now)
    quotas = dict(event.quotas.values_list("municipality_id", "seats"))
    counts = _confirmed_counts(event)
    created, problems = [], []
    for person in people:
        try:
            with transaction.atomic():
                created.append(_register_locked(
                    event=event, person=person, by=by, allowed_ids={municipality.pk}, now=now,
                    counts=counts, quotas=quotas,
                ))
        except ValidationError as exc:
            problems.extend(exc.messages)
    if problems:
        raise ValidationError(problems)
    return created


def cancellation_allowed(registration: Registration, by: User | None, now=None) -> bool:
    """Whether `by` may cancel now as far as the deadline goes: a person cancelling their own seat
    must respect the event's cancellation deadline; the organisers and leaders need not."""
    now = now or timezone.now()
    deadline = registration.event.cancellation_deadline
    return not (by is not None and by.pk == registration.person_id and deadline and now > deadline)


def _check_may_cancel(by, registration, event):
    if by is None or by.pk == registration.person_id:
        return
    if not (selectors.may_manage_event(by, event) or selectors.may_book_for(by, registration.municipality_id)):
        raise PermissionDenied(_("You may not cancel this registration."))


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None, reason: str = "") -> Registration:
    """Cancel a registration: one's own (before the deadline), or someone else's as the event's
    organiser or the person's leader (PermissionDenied otherwise). A freed seat goes to the waitlist."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    _check_may_cancel(by, registration, event)
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
        notifications.registration_notice_queue(registration, NotificationKind.CANCELLED)
        waitlist_promote(event, by=by)
    return registration


def waitlist_promote(event: Event, *, by: User | None) -> list[Registration]:
    """Offer free seats to the waitlist in priority order (the hook registry, then first come).
    Called with the event row locked, by the change that freed the seats."""
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
        notifications.registration_notice_queue(registration, NotificationKind.PROMOTED)
        promoted.append(registration)
    return promoted
