"""Routers below the home page: a shorter way to the page an address names than Wagtail's own.

Wagtail routes an address one level at a time, two queries a level (the child by its slug, then its
specific page). An upper app that knows how its pages are addressed can do better, and registers a
router here from its wiring; `HomePage.route` asks each router in turn and routes the usual way when
none answers. `content` so never needs to know which apps lie above it.

A router is called as `router(home, request, path_components)` and returns Wagtail's `RouteResult`
(or raises `Http404`) for an address it knows, None for any other."""

from collections.abc import Callable

Router = Callable  # (home page, request, path components) -> RouteResult | None

_routers: list[Router] = []


def register(router: Router) -> None:
    if router not in _routers:
        _routers.append(router)


def registered() -> list[Router]:
    return list(_routers)


def route(home, request, path_components):
    """The first registered router's answer for this address, or None when no router knows it."""
    for router in _routers:
        result = router(home, request, path_components)
        if result is not None:
            return result
    return None
