"""A `next` parameter that can only lead back into this site."""

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, value: str | None = None) -> str | None:
    """The posted (or queried) `next` when it is a path on this site, else None.

    Only a path is accepted: `redirect()` would also try an arbitrary string as a view name, and a full
    URL could point anywhere."""
    target = value if value is not None else (request.POST.get("next") or request.GET.get("next") or "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                            require_https=request.is_secure())
    ):
        return target
    return None


def redirect_next(request: HttpRequest, fallback, *args, **kwargs) -> HttpResponseRedirect:
    """Redirect to a safe `next`, or to `fallback` (anything `redirect()` takes)."""
    target = safe_next_url(request)
    if target:
        return HttpResponseRedirect(target)
    return redirect(fallback, *args, **kwargs)
