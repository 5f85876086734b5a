from django.apps import AppConfig


class WebConfig(AppConfig):
    """Registered so Django finds `web/templatetags`, and to register the `<id:...>` path converter; the
    package has no models."""

    name = "web"
    verbose_name = "Web helpers"

    def ready(self):
        from . import converters

        converters.register()
