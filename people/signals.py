"""Signals people sends to the apps above it (it never imports them). All are sent after commit.

membership_changed(sender, membership_id, person_id): a membership was created or changed (its end date
    set included) through people's services or the Wagtail admin's membership form. Receivers read the
    membership by id; `Membership.end_date` says whether and when the role ends. Scheduling listens to
    renew the person's calendar feed address when a role ends.
"""

from django.dispatch import Signal

membership_changed = Signal()
