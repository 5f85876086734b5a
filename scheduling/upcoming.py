"""Lists of what is coming, with a meeting series shown once: its next meeting, how it repeats in
words, and how many more meetings follow in the list's period. Pure functions over sessions already
loaded (no queries), so any list (the calendar, a dashboard panel) can use them on its own queryset."""

from collections.abc import Iterable

from .models import Session
from .recurrence import describe


def series_once(sessions: Iterable[Session], *, limit: int | None = None) -> list[Session]:
    """The sessions in order with each series' meetings folded into one: its next meeting not
    cancelled (or its first, when all are), carrying `series_text` ("hver måned, 1. tirsdag, 12
    gange") and `series_more` (the number of further meetings in `sessions`). Other sessions pass
    through with `series_text` "" and `series_more` 0. `sessions` must have `event` selected."""
    sessions = list(sessions)
    by_series: dict[int, list[Session]] = {}
    for session in sessions:
        if session.event.is_series:
            by_series.setdefault(session.event_id, []).append(session)
    shown = {}
    for event_id, meetings in by_series.items():
        ahead = [m for m in meetings if not m.cancelled] or meetings
        shown[event_id] = ahead[0].pk
        ahead[0].series_more = len(ahead) - 1
        ahead[0].series_text = describe(ahead[0].event.recurrence_rule)
    out = []
    for session in sessions:
        if session.event.is_series:
            if shown[session.event_id] != session.pk:
                continue
        else:
            session.series_text, session.series_more = "", 0
        out.append(session)
        if limit is not None and len(out) >= limit:
            break
    return out
