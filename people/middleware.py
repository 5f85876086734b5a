from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import sessions


def _login_redirect(request):
    return redirect(reverse("account_login") + "?" + urlencode({"next": request.get_full_path()}))


class SessionLimitsMiddleware:
    """Ends a logged-in session past its absolute lifetime, or a privileged one idle too long, with a
    message on the login page; renews the session key when the session's privilege changes.

    Comes after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = sessions.expiry(request)
            if reason is not None:
                logout(request)
                if reason == sessions.Expiry.IDLE:
                    minutes = sessions.privileged_idle_seconds() // 60
                    messages.info(request, _(
                        "You were logged out because you had not been active for %(minutes)d minutes. "
                        "Please log in again."
                    ) % {"minutes": minutes})
                else:
                    hours = sessions.absolute_lifetime_seconds() // 3600
                    messages.info(request, _(
                        "You were logged out because your session had lasted %(hours)d hours. Please log in again."
                    ) % {"hours": hours})
                return _login_redirect(request)
            sessions.mark_seen(request)
            sessions.renew_key_on_privilege_change(request)
        return self.get_response(request)


class RequireSecondFactorInSessionMiddleware:
    """National admins, Django superusers and staff reach nothing but allauth's two-factor pages,
    logout and static files until THIS session has passed TOTP (allauth's authentication records).

    Without TOTP set up they are sent to set it up; with TOTP set up but a session that only saw a
    password they are sent to re-authenticate with the second factor. Comes after AccountMiddleware
    (which turns allauth's ReauthenticationRequired into the re-authentication page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and sessions.needs_second_factor(user)
            and not sessions.passed_second_factor(request)
        ):
            has_totp = sessions.has_totp(user)
            if not request.path.startswith(_allowed_prefixes(has_totp)):
                target = "mfa_reauthenticate" if has_totp else "mfa_activate_totp"
                return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)


def _allowed_prefixes(has_totp):
    """What a session still owing its second factor may reach. With TOTP set up only the second-factor
    re-authentication: not TOTP removal or recovery codes, which a password alone must not change."""
    common = (reverse("account_logout"), reverse("set_language"), settings.STATIC_URL, settings.MEDIA_URL)
    if has_totp:
        return (reverse("mfa_reauthenticate"), *common)
    return (
        reverse("mfa_activate_totp"), reverse("mfa_index"), reverse("account_reauthenticate"),
        reverse("mfa_view_recovery_codes"), *common,
    )


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
