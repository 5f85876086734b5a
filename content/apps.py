from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people import navigation

        # The course material's entry point (a redirect to the course index, defined by courses).
        # The url name is resolved lazily, so content does not import courses.
        navigation.register(navigation.NavItem(
            key="material", label=_("Teaching material"), url_name="courses:material", order=50,
            visible=lambda access: access.is_authenticated,
        ))
