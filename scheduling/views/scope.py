"""Finding the object a management page is about.

A GET shows the page only to those who may use it (what to show): anyone else gets a 404, as if the
page did not exist. A POST looks the object up among what the viewer may see and hands it to the
service, the one door to the change, which refuses with PermissionDenied (a 403) when they may not.
"""

from django.db.models import QuerySet
from django.http import HttpRequest

from people.permissions import get_visible_or_404


def page_object_or_404(request: HttpRequest, *, shown: QuerySet, seen: QuerySet, **lookup):
    """The object from `shown` (those who may use the page) on GET, from `seen` (what the viewer may
    see) on POST; 404 when it is not there."""
    return get_visible_or_404(shown if request.method in ("GET", "HEAD") else seen, **lookup)
