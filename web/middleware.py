"""Request-level guards that every page shares."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than `REQUEST_BODY_MAX_BYTES` with 413, before
    Django reads any of it. Django's own DATA_UPLOAD_MAX_MEMORY_SIZE leaves file uploads out; this
    bound covers them too. The proxy in front should enforce the same limit (README: "Running it
    production-like"), so an oversized body never reaches a worker; this is the application's own floor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            body = render_to_string("413.html", {"limit": settings.REQUEST_BODY_MAX_BYTES},
                                    request=request)
            return HttpResponse(body, status=413)
        return self.get_response(request)


class WagtailAdminScriptPolicyMiddleware:
    """The site's Content-Security-Policy allows scripts from this site only (no 'unsafe-inline').
    Wagtail's admin, which is not our code, still writes inline scripts: for its pages alone the
    policy is widened. Must sit after (inside) csp.middleware.CSPMiddleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefix is None:
            self.prefix = reverse("wagtailadmin_home")
        if request.path.startswith(self.prefix):
            update = getattr(response, "_csp_update", None) or {}
            response._csp_update = {**update, "script-src": ["'unsafe-inline'"]}
        return response
