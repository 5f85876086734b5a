"""Scheduling's dashboard panels (registered in scheduling.wiring)."""

from .. import selectors


def upcoming_panel(request, access):
    """The dashboard panel: the person's next five sessions."""
    if not access.is_authenticated:
        return None
    sessions = list(selectors.upcoming_sessions_for(request.user, limit=5))
    return {"template": "scheduling/panels/upcoming.html", "order": 30, "sessions": sessions}
