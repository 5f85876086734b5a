"""Wire the people models into the Wagtail admin (hooks only wiring; rules live in services)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import Invitation, Membership, Municipality, Provider, Team
from .sso.admin import SsoViewSetGroup


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("cvr"),
              FieldPanel("sso_creates_caseworkers")]


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = _("Course providers")
    list_display = ["name", "website"]
    search_fields = ["name"]


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["person", "role", "municipality", "provider", "team", "start_date", "end_date"]
    list_filter = ["role", "municipality", "provider"]
    search_fields = ["person__full_name", "person__email"]
    panels = [
        FieldPanel("person"), FieldPanel("role"), FieldPanel("municipality"), FieldPanel("provider"),
        FieldPanel("team"), FieldPanel("start_date"), FieldPanel("end_date"),
    ]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["full_name", "email", "role", "municipality", "provider", "sent_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["full_name", "email"]
    inspect_view_enabled = True


class OrganisationViewSetGroup(SnippetViewSetGroup):
    items = (MunicipalityViewSet, ProviderViewSet, TeamViewSet, MembershipViewSet, InvitationViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"


register_snippet(OrganisationViewSetGroup)
register_snippet(SsoViewSetGroup)


@hooks.register("after_create_snippet")
def record_membership_created(request, instance):
    if isinstance(instance, Membership):
        services.membership_admin_saved(membership=instance, by=request.user, created=True)


@hooks.register("after_edit_snippet")
def record_membership_edited(request, instance):
    if isinstance(instance, Membership):
        services.membership_admin_saved(membership=instance, by=request.user, created=False)
