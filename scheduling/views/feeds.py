"""iCalendar feeds (a person's, a municipality's) and the subscription page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import ical, selectors
from ..services.calendar_feed import calendar_token_renew


def _feed_response(body):
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def personal_feed(request, token):
    person = selectors.feed_owner(token)
    if person is None:
        raise Http404
    # The address is reachable without logging in: the calendar's name says nothing about whose it is.
    return _feed_response(ical.feed_calendar(_("ICS Akademi – my calendar"), selectors.personal_feed_items(person)))


def municipality_feed(request, slug, key):
    reader = selectors.municipality_feed_reader(slug=slug, key=key)
    if reader is None:
        raise Http404
    _person, municipality = reader
    # A big municipality's feed takes a moment to build; calendar programs poll it, so it is cached
    # under a fingerprint of its contents (never stale) and rebuilt only when something changed.
    key = f"scheduling:municipality-feed:{municipality.pk}:{selectors.municipality_feed_version(municipality)}"
    body = cache.get(key)
    if body is None:
        name = _("ICS Akademi – %(name)s") % {"name": municipality.name}
        body = ical.feed_calendar(name, selectors.municipality_feed_items(municipality))
        cache.set(key, body, 60 * 60)
    return _feed_response(body)


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
