from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = _("Scheduling")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people import dashboard, navigation

        from . import views

        navigation.register(navigation.NavItem(
            key="calendar", label=_("Calendar"), url_name="scheduling:calendar", order=30,
            visible=lambda access: access.is_authenticated,
        ))
        dashboard.register_panel("scheduling_upcoming", views.upcoming_panel)
