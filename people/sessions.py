"""Session rules: who must pass a second factor in *this* session, how long a session may live, and
when its key is renewed. `people.middleware` applies them on every request.

allauth keeps a log of the ways the current session was authenticated (the "authentication records",
`allauth.account.authentication.get_authentication_records`); a passed second factor (TOTP or a
recovery code, at login or at re-authentication) is a record with method "mfa". Two-factor is
therefore asked of the session, not of the account: an account with TOTP set up whose session only
saw a password has not passed it.
"""

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings

from .permissions import access_for
from .roles import Role
from .sso import assurance as sso_assurance

# The method allauth.mfa records when a second factor was passed (allauth.mfa.base.internal.flows).
SECOND_FACTOR_METHOD = "mfa"

STARTED_AT_KEY = "ics_session_started_at"
LAST_SEEN_KEY = "ics_session_last_seen_at"
PRIVILEGE_KEY = "ics_session_privilege"
# The last-seen stamp is written at most this often, so a privileged person's every click is not a
# session write.
LAST_SEEN_RESOLUTION_SECONDS = 60


def needs_second_factor(user) -> bool:
    """National admins see every municipality; Django superusers and staff may do anything in the
    Wagtail admin. They reach nothing but the two-factor pages until the session has passed TOTP."""
    return user.is_superuser or user.is_staff or access_for(user).is_national_admin


def is_privileged(user) -> bool:
    """Those whose sessions get the short idle timeout: the above, and leaders (their staff's records)."""
    return needs_second_factor(user) or access_for(user).has_role(Role.LEADER)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_second_factor(request, user=None) -> bool:
    """Whether this session (not merely the account) passed allauth's second factor, or began with a
    municipal SSO login at NSIS Substantial or High, which is two-factor in itself (`people.sso`)."""
    if sso_assurance.counts_as_second_factor(request.session):
        return True
    records = get_authentication_records(request, request.user if user is None else user)
    return any(record.get("method") == SECOND_FACTOR_METHOD for record in records)


# --- Lifetime ------------------------------------------------------------------------------------


def absolute_lifetime_seconds() -> int:
    return settings.ICS_SESSION_ABSOLUTE_SECONDS


def privileged_idle_seconds() -> int:
    return settings.ICS_SESSION_PRIVILEGED_IDLE_SECONDS


class Expiry:
    ABSOLUTE = "absolute"
    IDLE = "idle"


def start(request, user, now=None) -> None:
    """Stamp a freshly logged-in session: its clocks, and what it may do (login renewed its key).
    Called at every login (the `user_logged_in` receiver, allauth's adapter); the middleware stamps a
    session that has no stamp on its first request."""
    now = time.time() if now is None else now
    request.session[STARTED_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    request.session[PRIVILEGE_KEY] = privilege(request, user)


def on_user_logged_in(sender, request, user, **kwargs):
    """Receiver for django.contrib.auth.signals.user_logged_in: every login, whichever view did it."""
    start(request, user)


def expiry(request, now=None):
    """Why the logged-in session is over (an `Expiry` value), or None while it is still valid."""
    now = time.time() if now is None else now
    started = request.session.get(STARTED_AT_KEY)
    if started is None:
        start(request, request.user, now)
        return None
    if now - started > absolute_lifetime_seconds():
        return Expiry.ABSOLUTE
    last_seen = request.session.get(LAST_SEEN_KEY, started)
    if is_privileged(request.user) and now - last_seen > privileged_idle_seconds():
        return Expiry.IDLE
    return None


def mark_seen(request, now=None) -> None:
    now = time.time() if now is None else now
    if now - request.session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_RESOLUTION_SECONDS:
        request.session[LAST_SEEN_KEY] = now


# --- Key renewal on privilege change -------------------------------------------------------------


def privilege(request, user=None) -> str:
    """What this session may do, as one comparable value: roles, Django flags, second factor passed."""
    user = request.user if user is None else user
    parts = sorted(str(role) for role in access_for(user).roles)
    if user.is_superuser:
        parts.append("is_superuser")
    if user.is_staff:
        parts.append("is_staff")
    if passed_second_factor(request, user):
        parts.append(SECOND_FACTOR_METHOD)
    return ",".join(parts)


def renew_key_on_privilege_change(request) -> bool:
    """Give the session a new key when what it may do changed since the last request (a second factor
    passed, a role granted or ended). Login itself renews the key (Django's login()); the first
    request after it only records the privilege. Returns whether the key was renewed."""
    current = privilege(request)
    recorded = request.session.get(PRIVILEGE_KEY)
    if recorded == current:
        return False
    request.session[PRIVILEGE_KEY] = current
    if recorded is None:
        return False
    request.session.cycle_key()
    return True
