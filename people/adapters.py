from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """No open sign-up: people join by an invitation from a leader, coordinator or national admin."""
        return False
