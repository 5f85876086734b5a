"""The site's main navigation, fitted to the viewer's roles.

Apps add their own items from their wiring module with `register`, so a lower app never needs to know
which upper apps exist. An item's url name is reversed when the menu is drawn: a wrong name raises
`NoReverseMatch` on every page (and in tests/people/test_navigation.py), it never silently vanishes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int
    visible: Callable  # (access) -> bool

    def url(self):
        return reverse(self.url_name)


_registry: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _registry[item.key] = item


def registered() -> list[NavItem]:
    """Every registered item, in menu order."""
    return sorted(_registry.values(), key=lambda i: i.order)


def items_for(access, path=""):
    items = []
    for item in registered():
        if not item.visible(access):
            continue
        url = item.url()
        items.append({"key": item.key, "label": item.label, "url": url, "current": path.startswith(url)})
    return items
