"""The site's main navigation, fitted to the viewer's roles.

Apps add their own items from AppConfig.ready() with `register`, so a lower app never needs to know
which upper apps exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


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


def items_for(access, path=""):
    items = []
    for item in sorted(_registry.values(), key=lambda i: i.order):
        if not item.visible(access):
            continue
        try:
            url = item.url()
            items.append({"key": item.key, "label": item.label, "url": url, "current": path.startswith(url)})
        except NoReverseMatch:
            continue
    return items
