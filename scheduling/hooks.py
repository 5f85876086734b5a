"""Hooks upper apps register to shape scheduling without scheduling importing them.

Waitlist priority: `register_waitlist_priority(fn)` where fn(event, person_ids) -> {person_id: sort_key}.
A smaller key comes first; people a function gives no key come after those it does; ties (and events no
function cares about) fall back to first come, first served. The compliance app registers "nearest
licence deadline first" for basic-course cohorts.
"""

from collections.abc import Callable

_waitlist_priorities: list[Callable] = []


def register_waitlist_priority(fn: Callable) -> Callable:
    if fn not in _waitlist_priorities:
        _waitlist_priorities.append(fn)
    return fn


def unregister_waitlist_priority(fn: Callable) -> None:
    if fn in _waitlist_priorities:
        _waitlist_priorities.remove(fn)


def waitlist_order(event, registrations):
    """The waitlisted registrations in the order they should be offered a seat."""
    registrations = list(registrations)
    person_ids = [r.person_id for r in registrations]
    keyed = [fn(event, person_ids) or {} for fn in _waitlist_priorities]

    def sort_key(registration):
        parts = []
        for result in keyed:
            if registration.person_id in result:
                parts.append((0, result[registration.person_id]))
            else:
                parts.append((1,))
        return (*parts, registration.created_at, registration.pk)

    return sorted(registrations, key=sort_key)


# Participant status: `register_participant_status(fn)` where fn(event, person_ids) ->
# {person_id: {"label": str, "url": str | None}}. The courses app registers "completed, with a link to
# the certificate's verification page" for cohorts, so a provider sees certificates issued.
_participant_statuses: list[Callable] = []


def register_participant_status(fn: Callable) -> Callable:
    if fn not in _participant_statuses:
        _participant_statuses.append(fn)
    return fn


def participant_statuses(event, person_ids):
    merged = {}
    for fn in _participant_statuses:
        merged.update(fn(event, list(person_ids)) or {})
    return merged
