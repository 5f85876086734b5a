"""Planning events: create, edit (with seat quotas), show, download, cancel; sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from people.models import Membership, Provider, User
from people.permissions import access_for, get_visible_or_404, plannable_municipalities
from people.roles import Role
from web.forms import errors_to_form

from .. import ical, selectors
from ..forms import CancelForm, EventForm, FirstSessionForm, QuotaForm, SessionForm, days_off_warnings
from ..models import Event, Registration, Session
from ..recurrence import RecurrenceError, describe, first_matches, occurrences
from ..services import events as event_services
from ..services.registration import cancellation_allowed
from .feeds import calendar_response
from .scope import page_object_or_404

# The box a planner ticks to keep a day that falls on a public holiday or a weekend.
KEEP_DAYS_OFF = "behold_fridage"


def _host_queryset(*, municipality=None, provider=None):
    """Who may host: a municipality's superusers and leaders, or a provider's people."""
    if municipality is not None:
        ids = Membership.objects.current().filter(
            municipality=municipality, role__in=[Role.SUPERUSER, Role.LEADER]
        ).values("person_id")
    else:
        ids = Membership.objects.current().filter(provider=provider).values("person_id")
    return User.objects.filter(pk__in=ids).order_by("full_name")


def _owner_from_request(request):
    """The organisation an event is created for (?kommune=slug or ?udbyder=slug). On GET the form is
    shown only for an organisation the viewer plans for; a POST is decided by the service."""
    showing = request.method in ("GET", "HEAD")
    if slug := request.GET.get("udbyder"):
        provider = get_visible_or_404(Provider.objects.all(), slug=slug)
        if showing and not access_for(request.user).coordinates(provider):
            raise Http404
        return {"provider": provider}
    plannable = plannable_municipalities(request.user)
    if slug := request.GET.get("kommune"):
        seen = selectors.visible_calendar_municipalities(request.user)
        return {"municipality": get_visible_or_404(plannable if showing else seen, slug=slug)}
    access = access_for(request.user)
    if not access.is_national_admin and plannable.count() == 1:
        return {"municipality": plannable.get()}
    providers = Provider.objects.filter(pk__in=access.provider_ids(Role.COORDINATOR))
    if providers.count() == 1 and not plannable.exists():
        return {"provider": providers.get()}
    raise Http404


def _planned_starts(form, first):
    """The start of every day or meeting the forms plan (a series: every meeting of the rule)."""
    sessions = first.sessions()
    rule = form.cleaned_data.get("recurrence_rule")
    if not rule:
        return [start for start, _end in sessions]
    first_start, first_end = sessions[0]
    try:
        return [start for start, _end in occurrences(rule, first_start, first_end - first_start)]
    except RecurrenceError as exc:
        form.add_error("repeat", str(exc))
        return []


def _series_fits_first_day(form, first) -> bool:
    """A series begins on the first day chosen: that day must be one the rule repeats on."""
    rule = form.cleaned_data.get("recurrence_rule")
    starts_at = first.cleaned_data["starts_at"]
    if not rule or first_matches(rule, starts_at):
        return True
    first.add_error("starts_at", _(
        "The first meeting is %(day)s, but the series repeats %(rule)s. Choose a first date that fits, "
        "or change how it repeats."
    ) % {"day": date_format(timezone.localtime(starts_at), "l j. F Y"), "rule": describe(rule)})
    return False


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    owner = _owner_from_request(request)
    owner_kind = "provider" if "provider" in owner else "municipality"
    form = EventForm(request.POST or None, owner_kind=owner_kind, host_queryset=_host_queryset(**owner), owner=owner,
                     initial={"kind": request.GET.get("type") or None})
    first = FirstSessionForm(request.POST or None, prefix="first")
    warnings = []
    if request.method == "POST" and form.is_valid() and first.is_valid() and _series_fits_first_day(form, first):
        event_services.check_may_plan(request.user, **owner)  # the service's own rule: no warning for outsiders
        starts = _planned_starts(form, first)
        warnings = days_off_warnings(starts)
        if form.is_valid() and (not warnings or request.POST.get(KEEP_DAYS_OFF) == "ja"):
            data = form.service_data()
            hosts = data.pop("hosts", [])
            try:
                event = event_services.event_create(
                    by=request.user, hosts=hosts, sessions=first.sessions(), **owner, **data
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The event is created. Check the days and times below."))
                return redirect(event)
    return render(request, "scheduling/event_form.html", {
        "form": form, "first": first, "owner": owner.get("municipality") or owner.get("provider"), "creating": True,
        "summary_forms": [form, first], "days_off": warnings, "keep_days_off": KEEP_DAYS_OFF,
    })


def _submitted(request, form, change, success: str) -> bool:
    """For a valid POSTed form, call `change()` (the service): True, with the success message, when
    it went through; its ValidationError goes back onto the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        change()
    except ValidationError as exc:
        errors_to_form(form, exc)
        return False
    messages.success(request, success)
    return True


def _event_page_object(request, pk):
    return page_object_or_404(
        request, shown=selectors.managed_events(request.user), seen=selectors.visible_events(request.user), pk=pk,
    )


def _session_page_object(request, pk):
    return page_object_or_404(
        request,
        shown=Session.objects.filter(event__in=selectors.managed_events(request.user)).select_related("event"),
        seen=Session.objects.filter(event__in=selectors.visible_events(request.user)).select_related("event"),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = _event_page_object(request, pk)
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect(event)
    owner_kind = "provider" if event.provider_id else "municipality"
    hosts = _host_queryset(municipality=event.municipality, provider=event.provider)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk), owner_kind=owner_kind,
                     host_queryset=hosts)
    quota_form = QuotaForm(request.POST or None, prefix="quota") if event.provider_id else None
    if request.method == "POST" and "quota-municipality" in request.POST and quota_form is not None:
        if _submitted(request, quota_form,
                      lambda: event_services.quota_set(event=event, by=request.user, **quota_form.cleaned_data),
                      _("The seat quota is saved.")):
            return redirect("scheduling:event_edit", pk=event.pk)
        form = EventForm(instance=event, owner_kind=owner_kind, host_queryset=hosts)
    elif _submitted(request, form,
                    lambda: event_services.event_update(event=event, by=request.user, **form.service_data()),
                    _("The event is saved. Registered participants get an updated invitation.")):
        return redirect(event)
    return render(request, "scheduling/event_form.html", {
        "form": form, "event": event, "quota_form": quota_form, "quotas": event.quotas.select_related("municipality"),
        "owner": event.municipality or event.provider, "summary_forms": [form],
    })


@login_required
def event_detail(request, pk):
    event = get_visible_or_404(selectors.with_counts(selectors.visible_events(request.user)), pk=pk)
    registration = selectors.registration_for(request.user, event)
    booking = selectors.booking_municipalities(request.user)
    if event.audience != Event.Audience.OPEN:
        booking = booking.filter(pk=event.municipality_id)
    return render(request, "scheduling/event_detail.html", {
        "event": event,
        "sessions": list(event.sessions.all()),
        "registration": registration,
        "registration_status": Registration.Status,
        "may_manage": selectors.may_manage_event(request.user, event),
        "may_take_attendance": selectors.may_take_attendance(request.user, event),
        "may_book": booking.exists(),
        "overlaps": selectors.overlapping_sessions(request.user, event),
        "may_cancel_self": registration is not None and cancellation_allowed(registration, request.user),
        "hosts": list(event.hosts.all()),
        "seats_left": max(0, event.capacity - event.confirmed_count),
        # "Sign me up" only for someone in the event's audience (never a provider's staff on its own cohort).
        "may_sign_up": selectors.in_audience(request.user, event),
    })


@login_required
def event_ics(request, pk):
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    return calendar_response(
        request, identity=f"event-{event.pk}", version=selectors.event_ics_version(event),
        build=lambda: ical.event_calendar(event, list(event.sessions.all())),
        max_age=0, filename=f"ics-akademi-{event.pk}.ics",
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk):
    event = _event_page_object(request, pk)
    form = CancelForm(request.POST or None)
    if _submitted(request, form,
                  lambda: event_services.event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"]),
                  _("The event is cancelled and everyone registered is told.")):
        return redirect(event)
    return render(request, "scheduling/cancel_form.html", {"form": form, "event": event, "session": None})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk, create=False):
    if create:
        event, session = _event_page_object(request, pk), None
    else:
        session = _session_page_object(request, pk)
        event = session.event
    initial = {}
    if session:
        initial = {"starts_at": timezone.localtime(session.starts_at), "ends_at": timezone.localtime(session.ends_at)}
    form = SessionForm(request.POST or None, initial=initial)
    warnings = []
    if form.is_bound and form.is_valid():
        event_services.check_may_manage(request.user, event)  # the service's own rule: no warning for outsiders
        warnings = days_off_warnings([form.cleaned_data["starts_at"]])
    if (not warnings or request.POST.get(KEEP_DAYS_OFF) == "ja") and _submitted(
        request, form,
        lambda: event_services.session_save(event=event, session=session, by=request.user, **form.cleaned_data),
        _("The session is saved."),
    ):
        return redirect(event)
    return render(request, "scheduling/session_form.html", {
        "form": form, "event": event, "session": session, "days_off": warnings, "keep_days_off": KEEP_DAYS_OFF,
    })


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk):
    session = _session_page_object(request, pk)
    form = CancelForm(request.POST or None)
    if _submitted(request, form,
                  lambda: event_services.session_cancel(session=session, by=request.user,
                                                        reason=form.cleaned_data["reason"]),
                  _("The session is cancelled and everyone registered is told.")):
        return redirect(session.event)
    return render(request, "scheduling/cancel_form.html", {"form": form, "event": session.event, "session": session})
