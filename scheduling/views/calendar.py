"""Calendars: the person's own, a municipality's and a provider's."""

import calendar as pycalendar
import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Min, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from people.permissions import access_for, get_visible_or_404, plannable_municipalities

from .. import selectors
from ..models import Event, Registration
from ..recurrence import describe
from ..upcoming import series_once


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
    context = {"title": title, "view": view, "month": first, "registration_status": Registration.Status,
               **(extra or {})}
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
        context["sessions"] = series_once(sessions_between(now - datetime.timedelta(hours=12),
                                                           now + datetime.timedelta(days=366))[:300])
    return render(request, "scheduling/calendar.html", context)


@login_required
def my_calendar(request):
    open_events = selectors.open_for_registration(request.user)[:30]
    return _calendar_page(
        request, title=_("My calendar"),
        sessions_between=lambda s, e: selectors.sessions_for_person_between(request.user, s, e),
        extra={
            "personal": True,
            "open_events": list(open_events),
            "municipalities": list(selectors.visible_calendar_municipalities(request.user)[:20]),
            "providers": list(selectors.visible_calendar_providers(request.user)),
            "may_plan": plannable_municipalities(request.user).exists(),
        },
    )


def _event_overview(events):
    """The organisation's events from the last 60 days on, with seats taken (one query)."""
    now = timezone.now()
    since = now - datetime.timedelta(days=60)
    events = list(
        selectors.with_counts(events)
        .annotate(first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at"),
                  next_start=Min("sessions__starts_at", filter=Q(sessions__starts_at__gte=now,
                                                                  sessions__cancelled=False)))
        .filter(last_end__gte=since).order_by("first_start")[:200]
    )
    for event in events:
        event.series_text = describe(event.recurrence_rule) if event.is_series else ""
    return events


def _organisation_calendar(request, organisation, events, **extra):
    """A municipality's or a provider's calendar: its sessions and its event overview."""
    return _calendar_page(
        request, title=_("Calendar for %(name)s") % {"name": organisation.name},
        sessions_between=lambda s, e: selectors.sessions_between(events, s, e),
        extra={"events": _event_overview(events), **extra},
    )


@login_required
def municipality_calendar(request, slug):
    municipality = get_visible_or_404(selectors.visible_calendar_municipalities(request.user), slug=slug)
    return _organisation_calendar(
        request, municipality, Event.objects.filter(municipality=municipality),
        municipality=municipality,
        may_plan=access_for(request.user).may_plan_for(municipality),
        feed_url=request.build_absolute_uri(selectors.municipality_feed_path(request.user, municipality))
        if selectors.may_subscribe_to(request.user, municipality) else None,
    )


@login_required
def provider_calendar(request, slug):
    provider = get_visible_or_404(selectors.visible_calendar_providers(request.user), slug=slug)
    return _organisation_calendar(
        request, provider, Event.objects.filter(provider=provider),
        provider=provider, may_plan=access_for(request.user).coordinates(provider),
    )
