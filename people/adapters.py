from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from . import login_limits, sessions
from .sso import views as sso_views


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """No open sign-up: people join by an invitation from a leader, coordinator or national admin."""
        return False

    def login(self, request, user):
        """Every allauth login starts the session's clocks afresh (absolute lifetime, idle timeout) and
        records what it may do; Django's login() has already given the session a new key."""
        super().login(request, user)
        sessions.start(request, user)

    def pre_authenticate(self, request, **credentials):
        """A login over the failed-login limits is refused, saying for how long and why: the address's limit
        first (people.login_limits counts it), then allauth's per account."""
        lockout = login_limits.address_lockout(request)
        if lockout is not None:
            raise login_limits.lockout_error(lockout)
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as refusal:
            if refusal.code != "too_many_login_attempts":
                raise
            key = self._get_login_attempts_cache_key(request, **credentials)
            lockout = login_limits.lockout_for(request, key)
            if lockout is None:  # the counters' lock was busy: allauth's own words
                raise
            raise login_limits.lockout_error(lockout) from None

    def authentication_failed(self, request, **credentials):
        login_limits.record_failure(request)
        super().authentication_failed(request, **credentials)

    def logout(self, request):
        """A municipal SSO session also ends at the municipality's identity provider (single logout):
        the signed LogoutRequest is made while the session still knows the SSO login."""
        self._sso_logout_url(request)
        super().logout(request)

    def get_logout_redirect_url(self, request):
        return self._sso_logout_url(request) or super().get_logout_redirect_url(request)

    def _sso_logout_url(self, request):
        if not hasattr(request, "ics_sso_logout_url"):
            request.ics_sso_logout_url = sso_views.logout_redirect_for(request)
        return request.ics_sso_logout_url
