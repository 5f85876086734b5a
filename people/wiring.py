"""How `people` plugs in: everything it registers, in one place, called from `PeopleConfig.ready()`."""

from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from . import groups, invitation_mail, navigation, notifications, panels, personal_data, sessions
from .dashboard import register_panel
from .roles import Role
from .sso import privacy as sso_privacy
from .sso import tasks as sso_tasks  # noqa: F401 - Celery finds the metadata refresh task by this import


def _wagtail_groups_at_login(sender, request, user, **kwargs):
    """Every login (allauth's goes through Django's) starts with the groups of the memberships in force."""
    groups.wagtail_groups_sync(person=user)


def connect():
    user_logged_in.connect(_wagtail_groups_at_login, dispatch_uid="people.wagtail_groups_at_login")
    user_logged_in.connect(sessions.on_user_logged_in, dispatch_uid="people.sessions.on_user_logged_in")

    # Celery finds send_notification_task by importing people.notifications (done above); the
    # invitation mail is one kind of notification.
    notifications.register_renderer(invitation_mail.NOTIFICATION_KIND, invitation_mail.render_invitation_mail)

    # Municipal single sign-on's personal data: linked NameIDs and refused logins.
    personal_data.register_exporter("people.sso", sso_privacy.export)
    personal_data.register_eraser("people.sso", sso_privacy.erase)
    personal_data.register_purger("people.sso", sso_privacy.purge)

    register_panel("account", panels.account_panel)
    register_panel("staff", panels.staff_panel)
    register_panel("provider", panels.provider_panel)
    register_panel("national", panels.national_panel)

    navigation.register(navigation.NavItem(
        key="dashboard", label=_("My page"), url_name="dashboard", order=10,
        visible=lambda access: access.is_authenticated,
    ))
    navigation.register(navigation.NavItem(
        key="staff", label=_("Staff"), url_name="people:staff_index", order=60,
        visible=lambda access: access.is_national_admin or bool(access.led_municipality_ids),
    ))
    navigation.register(navigation.NavItem(
        key="admin", label=_("Administration"), url_name="wagtailadmin_home", order=90,
        visible=lambda access: access.has_role(
            Role.SUPERUSER, Role.LEADER, Role.COORDINATOR, Role.TRAINER, Role.NATIONAL_ADMIN
        ),
    ))
