from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import navigation, panels, wiring

        wiring.connect()
        from .roles import Role

        panels.register()
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


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our forms (full name instead of first and last name)."""

    user_viewset = "people.admin_viewsets.UserViewSet"
