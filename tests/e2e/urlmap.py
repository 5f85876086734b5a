"""The site's own URL patterns, read from the URL configuration.

Used by the isolation matrix and the hostile-input crawl, so a new view is covered the moment it is
added to a urls.py: a pattern with arguments must be given a value for "another municipality's
object" in tests/e2e/test_isolation_matrix.py, or that test fails naming it.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Our apps' namespaces; allauth, Wagtail's admin and page serving are tested by their projects.
OWN_NAMESPACES = {"people", "content", "courses", "scheduling", "compliance", "implementation", "sso"}
OWN_TOP_LEVEL_NAMES = {"dashboard"}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str
    params: tuple

    @property
    def has_params(self):
        return bool(self.params)


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            full = f"{namespace}:{entry.name}" if namespace else entry.name
            yield full, prefix + str(entry.pattern), tuple(entry.pattern.converters.keys()) if hasattr(
                entry.pattern, "converters") else ()


def own_routes():
    routes = {}
    for name, pattern, params in _walk(get_resolver().url_patterns):
        namespace = name.split(":")[0] if ":" in name else None
        if namespace in OWN_NAMESPACES or name in OWN_TOP_LEVEL_NAMES:
            routes[name] = Route(name=name, pattern=pattern, params=params)
    return sorted(routes.values(), key=lambda r: r.name)
