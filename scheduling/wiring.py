"""How `scheduling` plugs in: everything it registers, in one place, called from
`SchedulingConfig.ready()`.

- the "Calendar" navigation item;
- the dashboard panel of a person's coming sessions;
- a renderer per kind of scheduling mail in `people.notifications`;
- the calendar feed address renewed when the password changes, is set or is reset (allauth's signals:
  every password form of the site is allauth's, Wagtail's password management is off and Django's admin
  is not installed) and when a role ends (`people.signals.membership_changed`).

What scheduling offers the apps above it (signals, the waitlist and participant hooks) is declared in
`scheduling.signals` and `scheduling.hooks`; the Wagtail admin is wired by Wagtail from
`scheduling/wagtail_hooks.py`.
"""

from django.utils.translation import gettext_lazy as _

from .services.calendar_feed import calendar_token_renew, calendar_token_renew_if_role_ended


def _password_changed(sender, request, user, **kwargs):
    calendar_token_renew(person=user)


def _membership_changed(sender, membership_id, person_id, **kwargs):
    calendar_token_renew_if_role_ended(membership_id=membership_id)


def connect():
    from allauth.account import signals as account_signals

    from people import dashboard, navigation
    from people import notifications as people_notifications
    from people import signals as people_signals

    from . import notifications
    from .views.panels import cohorts_panel, local_events_panel, upcoming_panel

    navigation.register(navigation.NavItem(
        key="calendar", label=_("Calendar"), url_name="scheduling:calendar", order=30,
        visible=lambda access: access.is_authenticated,
    ))
    dashboard.register_panel("scheduling_upcoming", upcoming_panel)
    dashboard.register_panel("scheduling_cohorts", cohorts_panel)
    dashboard.register_panel("scheduling_local_events", local_events_panel)
    for kind, renderer in notifications.RENDERERS.items():
        people_notifications.register_renderer(kind, renderer)
    for signal in (account_signals.password_changed, account_signals.password_set, account_signals.password_reset):
        signal.connect(_password_changed, dispatch_uid="scheduling.calendar_token_renew")
    people_signals.membership_changed.connect(_membership_changed, dispatch_uid="scheduling.calendar_token_role_end")
