from django.apps import AppConfig


class WebConfig(AppConfig):
    """Registered only so Django finds `web/templatetags`; the package has no models."""

    name = "web"
    verbose_name = "Web helpers"
