from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationConfig(AppConfig):
    name = "implementation"
    verbose_name = _("Implementation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import wiring

        wiring.connect()
