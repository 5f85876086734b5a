"""How `scheduling` plugs in: everything it registers, in one place, called from
`SchedulingConfig.ready()`.

- the "Calendar" navigation item;
- the dashboard panel of a person's coming sessions;
- a renderer per kind of scheduling mail in `people.notifications`.

What scheduling offers the apps above it (signals, the waitlist and participant hooks) is declared in
`scheduling.signals` and `scheduling.hooks`; the Wagtail admin is wired by Wagtail from
`scheduling/wagtail_hooks.py`.
"""

from django.utils.translation import gettext_lazy as _


def connect():
    from people import dashboard, navigation
    from people import notifications as people_notifications

    from . import notifications
    from .views.calendar import upcoming_panel

    navigation.register(navigation.NavItem(
        key="calendar", label=_("Calendar"), url_name="scheduling:calendar", order=30,
        visible=lambda access: access.is_authenticated,
    ))
    dashboard.register_panel("scheduling_upcoming", upcoming_panel)
    for kind, renderer in notifications.RENDERERS.items():
        people_notifications.register_renderer(kind, renderer)
