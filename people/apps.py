from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import wiring

        wiring.connect()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our forms (full name instead of first and last name)."""

    user_viewset = "people.admin_viewsets.UserViewSet"
