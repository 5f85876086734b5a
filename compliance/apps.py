from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Licence compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people import navigation

        from . import hooks, panels

        navigation.register(navigation.NavItem(
            key="compliance", label=_("Compliance"), url_name="compliance:index", order=40,
            visible=lambda access: access.is_national_admin or bool(access.led_municipality_ids),
        ))
        panels.register()
        hooks.register()
