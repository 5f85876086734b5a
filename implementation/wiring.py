"""How implementation plugs in: everything it registers, in one place, called from `ImplementationConfig.ready()`."""

from django.utils.translation import gettext_lazy as _


def connect():
    from people import navigation, notifications
    from people import personal_data as people_personal_data
    from people.dashboard import register_panel

    from . import mail, panels, personal_data, tasks  # noqa: F401  (tasks: Celery finds them by importing the module)

    navigation.register(navigation.NavItem(
        key="implementation", label=_("Implementation"), url_name="implementation:index", order=45,
        visible=lambda access: access.is_national_admin or bool(access.municipal_roles),
    ))
    register_panel("implementation_respondent", panels.respondent_panel)
    register_panel("implementation_plan", panels.plan_panel)
    notifications.register_renderer(mail.INVITATION, mail.render_invitation)
    notifications.register_renderer(mail.REMINDER, mail.render_reminder)
    people_personal_data.register_exporter("implementation", personal_data.export)
    people_personal_data.register_eraser("implementation", personal_data.erase)
