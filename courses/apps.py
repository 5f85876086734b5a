from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people import navigation

        from . import receivers, views

        navigation.register(navigation.NavItem(
            key="my_courses", label=_("My courses"), url_name="courses:my_courses", order=20,
            visible=lambda access: access.is_authenticated,
        ))
        views.register_panels()
        receivers.connect()

        from people.dashboard import register_profile_section

        def certificates_section(request, access):
            from . import selectors

            return {"template": "courses/learning/profile_section_certificates.html", "order": 10,
                    "certificates": list(selectors.own_completions(person=request.user))}

        register_profile_section("certificates", certificates_section)

        from scheduling.hooks import register_participant_status

        register_participant_status(receivers.cohort_completion_notes)
