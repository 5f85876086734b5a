"""How compliance plugs in: everything it registers, in one place, called from `ComplianceConfig.ready()`."""

from django.utils.translation import gettext_lazy as _


def connect():
    from people import navigation, notifications, personal_data
    from people.dashboard import register_panel
    from scheduling.hooks import register_waitlist_priority

    from . import hooks, panels, reminders
    from .personal_data import compliance_erase, compliance_personal_data, roster_imports_purge

    navigation.register(navigation.NavItem(
        key="compliance", label=_("Licence status"), url_name="compliance:index", order=40,
        visible=lambda access: access.is_national_admin or bool(access.led_municipality_ids),
    ))
    register_panel("compliance_leader", panels.leader_panel)
    register_panel("compliance_own", panels.own_status_panel)
    register_panel("compliance_national", panels.national_panel)
    register_waitlist_priority(hooks.waitlist_priority)
    notifications.register_renderer(reminders.REMINDER, reminders.render_reminder)
    notifications.register_renderer(reminders.DIGEST, reminders.render_digest)
    personal_data.register_exporter("compliance", compliance_personal_data)
    personal_data.register_eraser("compliance", compliance_erase)
    personal_data.register_purger("roster_imports", roster_imports_purge)
