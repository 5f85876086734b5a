from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

from .permissions import access_for

# Paths a national admin without two-factor may still reach: setting it up, logging out, assets.
_ALLOWED_PREFIXES = ("/konto/", "/static/", "/media/", "/i18n/")


class RequireMFAForNationalAdminsMiddleware:
    """National admins see every municipality's data, so they must use TOTP two-factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and access_for(user).is_national_admin
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)


class DanishFirstMiddleware:
    """Danish unless the person chose English with the switch (the language cookie).

    A Danish public-sector site speaks Danish by default, whatever language the browser prefers,
    so the Accept-Language header is ignored. Must come before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
