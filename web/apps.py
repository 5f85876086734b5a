from django.apps import AppConfig


class WebConfig(AppConfig):
    """Registered so Django finds `web/templatetags`, to register the `<id:...>` path converter and to
    follow changes to the Wagtail sites (web.sites); the package has no models."""

    name = "web"
    verbose_name = "Web helpers"

    def ready(self):
        from . import converters, sites

        converters.register()
        sites.connect()
