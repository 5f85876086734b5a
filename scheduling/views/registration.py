"""Signing up, booking staff, cancelling a registration, the participant list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from people.permissions import get_visible_or_404
from web.forms import error_text, errors_to_form
from web.redirects import redirect_next

from .. import hooks, selectors
from ..forms import BookForm
from ..models import Event, Registration
from ..services import registration as registration_services


@login_required
@require_POST
def register(request, pk):
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    try:
        registration = registration_services.registration_create(event=event, person=request.user, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(event)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. An invitation for your calendar is on its way by email."))
    else:
        messages.warning(request, _("The event is full: you are on the waitlist and will be told if a seat frees."))
    for session in selectors.overlapping_sessions(request.user, event):
        messages.warning(request, _("Note: this overlaps with %(other)s.") % {"other": session})
    return redirect(event)


@login_required
@require_POST
def unregister(request, pk):
    """Cancel one's own registration, or (with `registration`) someone else's: the service decides
    whether the viewer may (the event's managers, the person's leader)."""
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    registration_id = request.POST.get("registration")
    if registration_id:
        registration = get_visible_or_404(
            Registration.objects.filter(event=event, status__in=selectors.ACTIVE), pk=registration_id
        )
    else:
        registration = selectors.registration_for(request.user, event)
        if registration is None:
            raise Http404
    try:
        registration_services.registration_cancel(
            registration=registration, by=request.user, reason=request.POST.get("reason", "").strip()
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The registration is cancelled."))
    if registration_id:
        return redirect_next(request, event)
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def book_staff(request, pk):
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    municipalities = selectors.booking_municipalities(request.user)
    if event.audience != Event.Audience.OPEN:
        municipalities = municipalities.filter(pk=event.municipality_id)
    municipality = municipalities.filter(slug=request.GET.get("kommune")).first() or municipalities.first()
    if municipality is None:
        raise Http404
    already = Registration.objects.filter(event=event, status__in=selectors.ACTIVE).values("person_id")
    staff = selectors.bookable_staff(request.user, municipality).exclude(pk__in=already)
    form = BookForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            created = registration_services.registrations_bulk_create(
                event=event, people=form.cleaned_data["people"], by=request.user, municipality=municipality
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            confirmed = sum(r.status == Registration.Status.CONFIRMED for r in created)
            messages.success(request, _("%(confirmed)s booked, %(waiting)s on the waitlist.") % {
                "confirmed": confirmed, "waiting": len(created) - confirmed,
            })
            for registration in created:
                for session in selectors.overlapping_sessions(registration.person, event):
                    messages.warning(request, _("Note: %(name)s is also booked on %(other)s.") % {
                        "name": registration.person.full_name, "other": session,
                    })
            return redirect("scheduling:participants", pk=event.pk)
    return render(request, "scheduling/book_form.html", {
        "form": form, "event": event, "municipality": municipality, "municipalities": municipalities,
    })


@login_required
def participants(request, pk):
    event = get_visible_or_404(selectors.with_counts(selectors.visible_events(request.user)), pk=pk)
    qs = Registration.objects.filter(event=event).select_related("person", "municipality", "booked_by")
    may_manage = selectors.may_manage_event(request.user, event)
    if not may_manage:
        booking = selectors.booking_municipalities(request.user)
        if not booking.exists():
            raise Http404
        qs = qs.filter(municipality__in=booking.values("pk"))  # a leader sees their own staff's registrations
    registrations = list(qs.order_by("created_at", "pk"))
    notes = hooks.participant_statuses(event, {r.person_id for r in registrations})
    for registration in registrations:
        registration.status_note = notes.get(registration.person_id)
    return render(request, "scheduling/participants.html", {
        "event": event,
        "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
        "waitlisted": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
        "sessions": list(event.sessions.all()),
        "may_manage": may_manage,
        "may_take_attendance": selectors.may_take_attendance(request.user, event),
    })
