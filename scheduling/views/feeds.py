"""iCalendar feeds (a person's, a municipality's) and the subscription page."""

import hashlib
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import ical, selectors
from ..services.calendar_feed import calendar_token_renew

# A cached body outlives no version: a new version is a new key, the old one simply expires.
BODY_TIMEOUT = 24 * 60 * 60


def calendar_response(request, *, identity: str, version: str, build, max_age=900, filename=None):
    """A calendar answered conditionally and cached per version of the data it shows.

    Call only once the reader may see the calendar (the token or the login is checked first, so a
    revoked address never reaches the cache). The strong ETag is a hash of the feed's identity, its
    version and the language: `If-None-Match` is answered 304 from the version alone. The body is
    cached under the same hash with the time it was built, which is its Last-Modified:
    `If-Modified-Since` is answered 304 from the cache, and a new version is built at once (new key,
    new time). Malformed validators are ignored (a full answer, never an error)."""
    tag = hashlib.sha256(f"{identity}\n{version}\n{get_language()}".encode()).hexdigest()[:40]
    headers = HttpResponse(content_type=ical.CONTENT_TYPE)
    headers["ETag"] = quote_etag(tag)
    # Private: a feed is one person's (or one municipality's); max_age 0 makes a browser ask each time.
    headers["Cache-Control"] = f"private, max-age={max_age}" if max_age else "private, no-cache"
    headers["X-Robots-Tag"] = "noindex"
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    answer = get_conditional_response(request, etag=headers["ETag"], response=headers)
    if answer is not headers:
        return answer  # 304 (or 412 for a failed If-Match) from the version alone
    key = f"scheduling:ics:{identity}:{tag}"
    entry = cache.get(key)
    if entry is None:
        entry = (int(time.time()), build())
        cache.set(key, entry, BODY_TIMEOUT)
    built_at, body = entry
    headers["Last-Modified"] = http_date(built_at)
    answer = get_conditional_response(request, etag=headers["ETag"], last_modified=built_at, response=headers)
    if answer is not headers:
        return answer
    headers.content = body
    return headers


def personal_feed(request, token):
    reader = selectors.personal_feed_reader(token)
    if reader is None:
        raise Http404
    person, version = reader
    # The address is reachable without logging in: the calendar's name says nothing about whose it is.
    return calendar_response(
        request, identity=f"person-{person.pk}", version=version,
        build=lambda: ical.feed_calendar(_("ICS Akademi – my calendar"), selectors.personal_feed_items(person)),
    )


def municipality_feed(request, slug, key):
    reader = selectors.municipality_feed_reader(slug=slug, key=key)
    if reader is None:
        raise Http404
    _person, municipality = reader
    # A big municipality's feed takes a moment to build; calendar programs poll it. The body is the same
    # for everyone who may read it, so it is cached once per municipality and version.
    return calendar_response(
        request, identity=f"municipality-{municipality.pk}", version=selectors.municipality_feed_version(municipality),
        build=lambda: ical.feed_calendar(
            _("ICS Akademi – %(name)s") % {"name": municipality.name}, selectors.municipality_feed_items(municipality)
        ),
    )


@login_required
def subscription(request):
    url = request.build_absolute_uri(reverse("scheduling:personal_feed", args=[request.user.calendar_token]))
    return render(request, "scheduling/subscription.html", {
        "feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1],
        "municipal_feeds": [
            (m, request.build_absolute_uri(selectors.municipality_feed_path(request.user, m)))
            for m in selectors.feed_municipalities(request.user)
        ],
    })


@login_required
@require_POST
def subscription_renew(request):
    calendar_token_renew(person=request.user)
    messages.success(request, _("You have a new calendar address. The old one no longer works; "
                                "subscribe again with the new one."))
    return redirect("scheduling:subscription")
