"""Scheduling's dashboard panels (registered in scheduling.wiring): the person's own coming sessions, a
coordinator's cohorts, and the coming local events of a leader's or superuser's municipality. Each
uses a fixed number of queries."""

from people.roles import Role

from .. import selectors
from ..models import Event


def upcoming_panel(request, access):
    """The dashboard panel: the person's next five events, each at its next session."""
    if not access.is_authenticated:
        return None
    sessions, seen = [], set()
    for session in selectors.upcoming_sessions_for(request.user, limit=30):
        if session.event_id not in seen:  # a meeting series once, at its next meeting
            seen.add(session.event_id)
            sessions.append(session)
    sessions = sessions[:5]
    if not sessions and not access.municipality_ids():
        return None  # provider staff and national admins: their homes show their own work instead
    return {"template": "scheduling/panels/upcoming.html", "order": 30, "sessions": sessions}


def cohorts_panel(request, access):
    """A provider coordinator's cohorts: next day, seats, waitlist, attendance still to record."""
    if access.is_national_admin or not access.provider_ids(Role.COORDINATOR):
        return None
    cohorts = selectors.provider_cohorts(request.user)
    return {
        "template": "scheduling/panels/cohorts.html", "order": 12, "cohorts": cohorts,
        "missing_attendance": sum(c.days_missing_attendance for c in cohorts),
    }


def local_events_panel(request, access):
    """Leaders and superusers: the municipality's next theme day and its other coming events."""
    if access.is_national_admin:
        return None
    ids = access.municipality_ids(Role.LEADER, Role.SUPERUSER)
    if not ids:
        return None
    events = selectors.municipal_events_ahead(ids, limit=5)
    theme_day = next((e for e in events if e.event.kind == Event.Kind.THEME_DAY), None)
    if theme_day is None:
        theme_day = next(iter(selectors.municipal_events_ahead(ids, kinds=[Event.Kind.THEME_DAY], limit=1)), None)
    return {
        "template": "scheduling/panels/local_events.html", "order": 35,
        "events": [e for e in events if theme_day is None or e.session.pk != theme_day.session.pk],
        "theme_day": theme_day,
        "may_plan": True,
    }
