"""The Wagtail site of a request is found once per version of the sites (web.sites): no query while it
is kept, the change of a site or of a site's root page seen at once, and a host Django does not allow
never kept."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from web.sites import SiteMiddleware, site_for_request, sites_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_caches():
    cache.clear()
    caches["local"].clear()
    yield
    cache.clear()
    caches["local"].clear()


def _request(host="testserver"):
    return RequestFactory().get("/", HTTP_HOST=host)


def _found(host="testserver"):
    """What Wagtail itself finds for a request that went through the middleware, and the queries it took."""
    request = _request(host)
    with CaptureQueriesContext(connection) as queries:
        SiteMiddleware(lambda r: None)(request)
        site = Site.find_for_request(request)
    return site, len(queries.captured_queries)


def _wagtails_own_answer(host="testserver"):
    return Site._find_for_request(_request(host))


def test_the_site_is_looked_up_once_and_then_costs_no_query():
    first, first_queries = _found()
    second, second_queries = _found()
    assert first is not None and first.pk == second.pk == _wagtails_own_answer().pk
    assert first_queries == 1 and second_queries == 0
    assert second.root_page.pk == _wagtails_own_answer().root_page.pk  # selected with it, as Wagtail does
    assert second is not first  # each request has its own copy


def test_a_new_site_for_the_host_is_found_at_once():
    _found()
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=Page(title="Kursusportal", slug="kursusportal"))
    Site.objects.create(hostname="testserver", port=80, root_page=home, site_name="Kursusportal")
    site, _queries = _found()
    assert site.root_page.pk == home.pk == _wagtails_own_answer().root_page.pk


def test_a_site_moved_to_another_root_page_and_a_site_deleted_are_seen_at_once():
    site, _queries = _found()
    other = Page.objects.get(depth=1).add_child(instance=Page(title="Ny forside", slug="ny-forside"))
    site.root_page = other
    site.save()
    assert _found()[0].root_page.pk == other.pk

    Site.objects.all().delete()
    assert _found()[0] is None is _wagtails_own_answer()


def test_saving_a_sites_root_page_changes_the_version_and_saving_another_page_does_not():
    site = _wagtails_own_answer()
    before = sites_version()
    child = site.root_page.add_child(instance=Page(title="Om ICS", slug="om-ics"))
    child.title = "Om ICS-metoden"
    child.save()
    assert sites_version() == before

    root_page = site.root_page
    root_page.title = "ICS Akademi"
    root_page.save()
    assert sites_version() != before
    assert _found()[0].root_page.title == "ICS Akademi"


def test_a_host_django_does_not_allow_is_answered_by_wagtail_and_not_kept():
    request = _request("ukendt.example")
    assert site_for_request(request) is not None  # the default site, as Wagtail answers
    assert not [key for key in caches["local"]._cache if "ukendt.example" in key]
