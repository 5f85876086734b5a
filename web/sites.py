"""Which Wagtail site answers a request, kept per version of the sites' configuration.

Wagtail finds the site of every page it serves (and of every `{% pageurl %}`) with a query whose
CASE expression costs more to compile than to run: about 2 ms of a lesson's time, on the lesson and
the dashboard alike. Sites change a few times in a platform's life, so the answer is kept per host and
port under a version of the sites (`sites_version`), which changes whenever a site is saved or deleted
or a site's root page is saved (`connect`). The entry names its version, so it never goes stale and is
kept in this process's memory as well (web.cache); a request costs one small read of the version.

`SiteMiddleware` hands the answer to Wagtail through the attribute in which `Site.find_for_request`
keeps it for the request (documented there: "The site will be cached via request._wagtail_site").
"""

from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from .cache import current_version, version_changed, versioned_get, versioned_set

_VERSION_KEY = "web:sites-version"
_NO_SITE = "none"  # kept for a host that no site answers (no default site): None would read as a miss


def sites_version() -> int:
    """The version of the sites' configuration."""
    return current_version(_VERSION_KEY)


def sites_changed() -> None:
    """A site or a site's root page was written."""
    version_changed(_VERSION_KEY)


def site_for_request(request) -> Site | None:
    """The site Wagtail would find for the request (`Site.find_for_request`), a fresh copy of the kept
    one. A host that Django does not allow is looked up by Wagtail itself and not kept, so a made-up
    Host header cannot fill the cache."""
    try:
        hostname = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return Site.find_for_request(request)
    key = f"web:site:{sites_version()}:{hostname}:{request.get_port()}"
    site = versioned_get(key)
    if site is None:
        site = Site.find_for_request(request) or _NO_SITE
        versioned_set(key, site)
    return None if isinstance(site, str) else site


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def _site_written(sender, instance, **kwargs):
    sites_changed()


def _page_saved(sender, instance, **kwargs):
    # The kept site carries its root page; any page class may be one (post_save is sent per class).
    if isinstance(instance, Page) and instance.is_site_root():
        sites_changed()


def connect() -> None:
    post_save.connect(_site_written, sender=Site, dispatch_uid="web.sites.site_saved")
    post_delete.connect(_site_written, sender=Site, dispatch_uid="web.sites.site_deleted")
    post_save.connect(_page_saved, dispatch_uid="web.sites.page_saved")
