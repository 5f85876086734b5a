"""The role-aware dashboard is built from panels that apps register.

A panel is a function (request, access) -> dict with "template", "order" and its context, or None when
it has nothing for this person. Upper apps (courses, scheduling, compliance) register theirs from
AppConfig.ready(); each panel must use a constant number of queries.
"""

from collections.abc import Callable

_panels: dict[str, Callable] = {}


def register_panel(key: str, panel: Callable) -> None:
    _panels[key] = panel


def panels_for(request, access):
    built = []
    for key, panel in _panels.items():
        result = panel(request, access)
        if result:
            result.setdefault("key", key)
            built.append(result)
    return sorted(built, key=lambda p: p.get("order", 100))


# The profile page is built the same way: apps add sections (certificates, calendar subscription, …).
_profile_sections: dict[str, Callable] = {}


def register_profile_section(key: str, section: Callable) -> None:
    _profile_sections[key] = section


def profile_sections_for(request, access):
    built = []
    for key, section in _profile_sections.items():
        result = section(request, access)
        if result:
            result.setdefault("key", key)
            built.append(result)
    return sorted(built, key=lambda p: p.get("order", 100))
