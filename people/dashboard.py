"""The role-aware dashboard and the profile page are built from sections that apps register.

A section is a function (request, access) -> dict with "template", "order" and its context, or None
when it has nothing for this person. Upper apps (courses, scheduling, compliance) register theirs from
their wiring module (`<app>/wiring.py`), so people never imports them; each section must use a
constant number of queries.
"""

from collections.abc import Callable


class SectionRegistry:
    def __init__(self):
        self._sections: dict[str, Callable] = {}

    def register(self, key: str, section: Callable) -> None:
        self._sections[key] = section

    def build(self, request, access):
        built = []
        for key, section in self._sections.items():
            result = section(request, access)
            if result:
                result.setdefault("key", key)
                built.append(result)
        return sorted(built, key=lambda p: p.get("order", 100))


dashboard_panels = SectionRegistry()
profile_sections = SectionRegistry()

register_panel = dashboard_panels.register
panels_for = dashboard_panels.build
register_profile_section = profile_sections.register
profile_sections_for = profile_sections.build
