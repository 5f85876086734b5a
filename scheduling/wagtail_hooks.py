"""Scheduling in the Wagtail admin: a read-only overview for administrators. Planning, registration and
attendance go through the public pages (and so through services, with notices and history)."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Event, Registration


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing follows the model's view permission; adding, changing and deleting are never offered here."""

    def user_has_permission(self, user, action):
        if action not in ("view", "inspect") or not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        opts = self.model._meta
        return any(user.has_perm(f"{opts.app_label}.{perm}_{opts.model_name}") for perm in ("view", "change"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    list_display = ["title", "kind", "owner_name", "capacity", "cancelled_at"]
    list_filter = ["kind"]
    search_fields = ["title"]
    inspect_view_enabled = True


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "user"
    menu_label = _("Registrations")
    list_display = ["person", "event", "status", "created_at"]
    list_filter = ["status"]
    inspect_view_enabled = True


class SchedulingViewSetGroup(SnippetViewSetGroup):
    items = (EventViewSet, RegistrationViewSet)
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_name = "scheduling"
    menu_order = 300


for _model in (Event, Registration):
    register_permission_policy(_model, ReadOnlyPolicy(_model))
register_snippet(SchedulingViewSetGroup)
