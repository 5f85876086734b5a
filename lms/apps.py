from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The project itself, installed so that what spans every app (the demo loader) lives at the top,
    where importing every app is allowed. It has no models."""

    name = "lms"
    verbose_name = "ICS Akademi"
