from allauth.account.adapter import DefaultAccountAdapter

from . import sessions


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """No open sign-up: people join by an invitation from a leader, coordinator or national admin."""
        return False

    def login(self, request, user):
        """Every allauth login starts the session's clocks afresh (absolute lifetime, idle timeout) and
        records what it may do; Django's login() has already given the session a new key."""
        super().login(request, user)
        sessions.start(request, user)
