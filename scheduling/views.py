"""Thin views: scope through selectors, write through services, answer in Danish."""

import calendar as pycalendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from people.models import Municipality, Provider, User
from people.permissions import access_for, get_visible_or_404
from people.roles import Role

from . import hooks, ical, selectors, services
from . import ical_import as importer
from .forms import (
    BookForm,
    CancelForm,
    EventForm,
    FirstSessionForm,
    ImportForm,
    QuotaForm,
    SessionForm,
)
from .models import Attendance, Event, Registration, Session

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


# --- Calendars ----------------------------------------------------------------------------------


def _month_from(request):
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("maaned", "").split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def _month_bounds(first):
    last_day = pycalendar.monthrange(first.year, first.month)[1]
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(first.replace(day=last_day), datetime.time.max))
    return start, end


def _calendar_page(request, *, title, sessions_between, extra=None):
    view = "maaned" if request.GET.get("visning") == "maaned" else "liste"
    first = _month_from(request)
    context = {"title": title, "view": view, "month": first, **(extra or {})}
    if view == "maaned":
        start, end = _month_bounds(first)
        sessions = list(sessions_between(start, end))
        by_day = {}
        for session in sessions:
            by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
        weeks = [
            [{"date": d, "in_month": d.month == first.month, "sessions": by_day.get(d, []),
              "today": d == timezone.localdate()} for d in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        ]
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        context.update(weeks=weeks, previous=previous, following=following, sessions=sessions)
    else:
        now = timezone.now()
        context["sessions"] = list(sessions_between(now - datetime.timedelta(hours=12),
                                                    now + datetime.timedelta(days=366))[:300])
    return render(request, "scheduling/calendar.html", context)


@login_required
def my_calendar(request):
    access = access_for(request.user)
    open_events = selectors.open_for_registration(request.user)[:30]
    return _calendar_page(
        request, title=_("My calendar"),
        sessions_between=lambda s, e: selectors.sessions_for_person_between(request.user, s, e),
        extra={
            "personal": True,
            "open_events": list(open_events),
            "municipalities": list(selectors.visible_calendar_municipalities(request.user)[:20]),
            "providers": list(selectors.visible_calendar_providers(request.user)),
            "may_plan": access.is_national_admin or bool(access.municipality_ids(Role.LEADER, Role.SUPERUSER)),
        },
    )


def _event_overview(events):
    """The organisation's events from the last 60 days on, with seats taken (one query)."""
    since = timezone.now() - datetime.timedelta(days=60)
    return list(
        selectors.with_counts(events)
        .annotate(first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at"))
        .filter(last_end__gte=since).order_by("first_start")[:200]
    )


@login_required
def municipality_calendar(request, slug):
    municipality = get_visible_or_404(selectors.visible_calendar_municipalities(request.user), slug=slug)
    events = Event.objects.filter(municipality=municipality)
    return _calendar_page(
        request, title=_("Calendar for %(name)s") % {"name": municipality.name},
        sessions_between=lambda s, e: selectors.sessions_between(events, s, e),
        extra={
            "municipality": municipality,
            "events": _event_overview(events),
            "may_plan": selectors.may_plan_for_municipality(request.user, municipality),
            "feed_url": request.build_absolute_uri(reverse(
                "scheduling:municipality_feed", args=[request.user.calendar_token, municipality.slug]
            )),
        },
    )


@login_required
def provider_calendar(request, slug):
    provider = get_visible_or_404(selectors.visible_calendar_providers(request.user), slug=slug)
    events = Event.objects.filter(provider=provider)
    return _calendar_page(
        request, title=_("Calendar for %(name)s") % {"name": provider.name},
        sessions_between=lambda s, e: selectors.sessions_between(events, s, e),
        extra={"provider": provider, "events": _event_overview(events),
               "may_plan": selectors.may_plan_for_provider(request.user, provider)},
    )


# --- Events -------------------------------------------------------------------------------------


def _host_queryset(*, municipality=None, provider=None):
    from people.models import Membership

    if municipality is not None:  # superusers and leaders host local days
        ids = Membership.objects.current().filter(
            municipality=municipality, role__in=[Role.SUPERUSER, Role.LEADER]
        ).values("person_id")
    else:
        ids = Membership.objects.current().filter(provider=provider).values("person_id")
    return User.objects.filter(pk__in=ids).order_by("full_name")


def _owner_from_request(request):
    """The organisation an event is created for (?kommune=slug or ?udbyder=slug), checked for the viewer."""
    if slug := request.GET.get("udbyder"):
        provider = get_visible_or_404(Provider.objects.all(), slug=slug)
        if not selectors.may_plan_for_provider(request.user, provider):
            raise Http404
        return {"provider": provider}
    access = access_for(request.user)
    municipalities = Municipality.objects.all() if access.is_national_admin else Municipality.objects.filter(
        pk__in=access.municipality_ids(Role.LEADER, Role.SUPERUSER)
    )
    slug = request.GET.get("kommune")
    if slug:
        return {"municipality": get_visible_or_404(municipalities, slug=slug)}
    if not access.is_national_admin and municipalities.count() == 1:
        return {"municipality": municipalities.get()}
    providers = selectors.visible_calendar_providers(request.user).filter(
        pk__in=access.provider_ids(Role.COORDINATOR)
    )
    if providers.count() == 1 and not municipalities.exists():
        return {"provider": providers.get()}
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    owner = _owner_from_request(request)
    owner_kind = "provider" if "provider" in owner else "municipality"
    form = EventForm(request.POST or None, owner_kind=owner_kind, host_queryset=_host_queryset(**owner), owner=owner,
                     initial={"kind": request.GET.get("type") or None})
    first = FirstSessionForm(request.POST or None, prefix="first")
    if request.method == "POST" and form.is_valid() and first.is_valid():
        data = dict(form.cleaned_data)
        hosts = data.pop("hosts", [])
        try:
            event = services.event_create(by=request.user, hosts=hosts, sessions=first.sessions(), **owner, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The event is created. Check the days and times below."))
            return redirect(event)
    return render(request, "scheduling/event_form.html", {
        "form": form, "first": first, "owner": owner.get("municipality") or owner.get("provider"), "creating": True,
    })


def _errors_to_form(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _managed_or_404(request, pk):
    event = get_visible_or_404(selectors.managed_events(request.user), pk=pk)
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = _managed_or_404(request, pk)
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect(event)
    owner_kind = "provider" if event.provider_id else "municipality"
    form = EventForm(
        request.POST or None, instance=Event.objects.get(pk=event.pk), owner_kind=owner_kind,
        host_queryset=_host_queryset(municipality=event.municipality, provider=event.provider),
    )
    quota_form = QuotaForm(request.POST or None, prefix="quota") if event.provider_id else None
    if request.method == "POST" and "quota-municipality" in request.POST and quota_form is not None:
        if quota_form.is_valid():
            try:
                services.quota_set(event=event, by=request.user, **quota_form.cleaned_data)
                messages.success(request, _("The seat quota is saved."))
                return redirect("scheduling:event_edit", pk=event.pk)
            except ValidationError as exc:
                quota_form.add_error(None, exc)
        form = EventForm(instance=event, owner_kind=owner_kind,
                         host_queryset=_host_queryset(municipality=event.municipality, provider=event.provider))
    elif request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.event_update(event=event, by=request.user, **changes)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The event is saved. Registered participants get an updated invitation."))
            return redirect(event)
    return render(request, "scheduling/event_form.html", {
        "form": form, "event": event, "quota_form": quota_form, "quotas": event.quotas.select_related("municipality"),
        "owner": event.municipality or event.provider,
    })


@login_required
def event_detail(request, pk):
    event = get_visible_or_404(selectors.with_counts(selectors.visible_events(request.user)), pk=pk)
    sessions = list(event.sessions.all())
    registration = selectors.registration_for(request.user, event)
    may_manage = selectors.may_manage_event(request.user, event)
    led = selectors.may_book_others(request.user)
    context = {
        "event": event,
        "sessions": sessions,
        "registration": registration,
        "may_manage": may_manage,
        "may_take_attendance": selectors.may_take_attendance(request.user, event),
        "may_book": bool(led) and (event.audience == Event.Audience.OPEN or event.municipality_id in led),
        "overlaps": selectors.overlapping_sessions(request.user, event),
        "may_cancel_self": registration is not None and services.cancellation_allowed(registration, request.user),
        "hosts": list(event.hosts.all()),
        "seats_left": max(0, event.capacity - event.confirmed_count),
    }
    return render(request, "scheduling/event_detail.html", context)


@login_required
def event_ics(request, pk):
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    body = ical.event_calendar(event, list(event.sessions.all()))
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ics-akademi-{event.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk):
    event = _managed_or_404(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The event is cancelled and everyone registered is told."))
            return redirect(event)
    return render(request, "scheduling/cancel_form.html", {"form": form, "event": event, "session": None})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk, create=False):
    if create:
        event, session = _managed_or_404(request, pk), None
    else:
        session = get_visible_or_404(Session.objects.filter(event__in=selectors.managed_events(request.user)), pk=pk)
        event = session.event
    initial = {}
    if session:
        initial = {"starts_at": timezone.localtime(session.starts_at), "ends_at": timezone.localtime(session.ends_at)}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(event=event, session=session, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The session is saved."))
            return redirect(event)
    return render(request, "scheduling/session_form.html", {"form": form, "event": event, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk):
    session = get_visible_or_404(Session.objects.filter(event__in=selectors.managed_events(request.user)), pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The session is cancelled and everyone registered is told."))
            return redirect(session.event)
    return render(request, "scheduling/cancel_form.html", {"form": form, "event": session.event, "session": session})


# --- Registration -------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    try:
        registration = services.registration_create(event=event, person=request.user, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
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
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    registration_id = request.POST.get("registration")
    if registration_id:
        # Cancelling someone else's registration: the event's managers or the person's leader.
        registration = get_visible_or_404(
            Registration.objects.filter(event=event, status__in=selectors.ACTIVE), pk=registration_id
        )
        if not (selectors.may_manage_event(request.user, event)
                or registration.municipality_id in selectors.may_book_others(request.user)):
            raise Http404
    else:
        registration = selectors.registration_for(request.user, event)
        if registration is None:
            raise Http404
    try:
        services.registration_cancel(registration=registration, by=request.user,
                                     reason=request.POST.get("reason", "").strip())
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The registration is cancelled."))
    next_url = request.POST.get("next", "")
    if registration_id and next_url.startswith("/") and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(next_url)  # a path only; redirect() would also try it as a view name
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def book_staff(request, pk):
    event = get_visible_or_404(selectors.visible_events(request.user), pk=pk)
    led = Municipality.objects.filter(pk__in=selectors.may_book_others(request.user))
    if event.audience != Event.Audience.OPEN:
        led = led.filter(pk=event.municipality_id)
    municipality = led.filter(slug=request.GET.get("kommune")).first() or led.first()
    if municipality is None:
        raise Http404
    already = Registration.objects.filter(event=event, status__in=selectors.ACTIVE).values("person_id")
    staff = selectors.bookable_staff(request.user, municipality).exclude(pk__in=already)
    form = BookForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.registrations_bulk_create(
                event=event, people=form.cleaned_data["people"], by=request.user, municipality=municipality
            )
        except ValidationError as exc:
            form.add_error(None, exc)
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
        "form": form, "event": event, "municipality": municipality, "municipalities": led,
    })


@login_required
def participants(request, pk):
    event = get_visible_or_404(selectors.with_counts(selectors.visible_events(request.user)), pk=pk)
    led = selectors.may_book_others(request.user)
    qs = Registration.objects.filter(event=event).select_related("person", "municipality", "booked_by")
    if not selectors.may_manage_event(request.user, event):
        if not led:
            raise Http404
        qs = qs.filter(municipality_id__in=led)  # a leader sees their own staff's registrations only
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
        "may_manage": selectors.may_manage_event(request.user, event),
        "may_take_attendance": selectors.may_take_attendance(request.user, event),
    })


# --- Attendance ---------------------------------------------------------------------------------


def _roster_session_or_404(request, pk):
    return get_visible_or_404(
        Session.objects.filter(event__in=selectors.attendance_events(request.user)).select_related(
            "event", "event__municipality", "event__provider"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_roster(request, pk):
    session = _roster_session_or_404(request, pk)
    rows = selectors.roster(session)
    if request.method == "POST":
        bulk = request.POST.get("bulk")
        valid = set(Attendance.Status.values)
        statuses = {}
        for row in rows:
            value = bulk if bulk in valid else request.POST.get(f"status-{row['person'].pk}", "")
            if value in valid and value != row["status"]:
                statuses[row["person"].pk] = value
        try:
            changed = services.attendance_bulk_record(session=session, statuses=statuses, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Attendance saved (%(count)s changed).") % {"count": changed})
            return redirect("scheduling:roster", pk=session.pk)
    return render(request, "scheduling/roster.html", {
        "session": session, "event": session.event, "rows": rows,
        "choices": Attendance.Status.choices, "history": selectors.attendance_history(session)[:100],
        "recorded": sum(1 for r in rows if r["status"]),
    })


@login_required
def sign_in_sheet(request, pk):
    from weasyprint import HTML

    session = _roster_session_or_404(request, pk)
    html = render_to_string("scheduling/sign_in_sheet.html", {
        "session": session, "event": session.event, "rows": selectors.roster(session), "printed": timezone.now(),
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="indskrivningsliste-{session.pk}.pdf"'
    return response


# --- Feeds and subscription ---------------------------------------------------------------------


def _feed_response(body):
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def personal_feed(request, token):
    person = selectors.feed_owner(token)
    if person is None:
        raise Http404
    name = _("ICS Akademi – %(name)s") % {"name": person.full_name or person.email}
    return _feed_response(ical.feed_calendar(name, selectors.personal_feed_items(person)))


def municipality_feed(request, token, slug):
    person = selectors.feed_owner(token)
    if person is None:
        raise Http404
    municipality = get_visible_or_404(selectors.visible_calendar_municipalities(person), slug=slug)
    # A big municipality's feed takes a moment to build; calendar programs poll it, so it is cached
    # under a fingerprint of its contents (never stale) and rebuilt only when something changed.
    key = f"scheduling:municipality-feed:{municipality.pk}:{selectors.municipality_feed_version(municipality)}"
    body = cache.get(key)
    if body is None:
        name = _("ICS Akademi – %(name)s") % {"name": municipality.name}
        body = ical.feed_calendar(name, selectors.municipality_feed_items(municipality))
        cache.set(key, body, 60 * 60)
    return _feed_response(body)


@login_required
def subscription(request):
    url = request.build_absolute_uri(reverse("scheduling:personal_feed", args=[request.user.calendar_token]))
    return render(request, "scheduling/subscription.html", {
        "feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1],
        "municipalities": selectors.visible_calendar_municipalities(request.user),
    })


@login_required
@require_POST
def subscription_renew(request):
    services.calendar_token_renew(person=request.user)
    messages.success(request, _("You have a new calendar address. The old one no longer works; "
                                "subscribe again with the new one."))
    return redirect("scheduling:subscription")


# --- Import -------------------------------------------------------------------------------------

IMPORT_SESSION_KEY = "scheduling_import"


@login_required
@require_http_methods(["GET", "POST"])
def ics_import(request, slug):
    access = access_for(request.user)
    municipalities = Municipality.objects.all() if access.is_national_admin else Municipality.objects.filter(
        pk__in=access.municipality_ids(Role.LEADER, Role.SUPERUSER)
    )
    municipality = get_visible_or_404(municipalities, slug=slug)
    stored = request.session.get(IMPORT_SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm") and stored and stored["municipality"] == municipality.pk:
        items = [importer.Item.from_json(i) for i in stored["items"]]
        try:
            created = services.events_import(
                municipality=municipality, by=request.user, items=items, kind=stored["kind"],
                audience=stored["audience"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, _("%(count)s events imported.") % {"count": len(created)})
            return redirect("scheduling:municipality_calendar", slug=municipality.slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview, errors = None, []
    if request.method == "POST" and not request.POST.get("confirm") and form.is_valid():
        try:
            items, errors = importer.parse(form.cleaned_data["file"])
        except importer.ImportError_ as exc:
            form.add_error("file", str(exc))
        else:
            preview = items
            request.session[IMPORT_SESSION_KEY] = {
                "municipality": municipality.pk, "kind": form.cleaned_data["kind"],
                "audience": form.cleaned_data["audience"], "items": [i.to_json() for i in items],
            }
    return render(request, "scheduling/import.html", {
        "form": form, "municipality": municipality, "preview": preview, "errors": errors,
    })


# --- Dashboard panel ----------------------------------------------------------------------------


def upcoming_panel(request, access):
    if not access.is_authenticated:
        return None
    sessions = list(selectors.upcoming_sessions_for(request.user, limit=5))
    return {"template": "scheduling/panels/upcoming.html", "order": 30, "sessions": sessions}
