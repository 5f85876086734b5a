"""Licence agreements in the Wagtail admin, for national admins (hooks only wiring; rules in services)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import LicenceAgreement, LicenceTerms


class LicenceAgreementForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A change takes effect from today unless the admin says otherwise; history stays as it was.
            self.initial["changes_valid_from"] = timezone.localdate()
            self.initial["change_reason"] = ""


class LicenceAgreementViewSet(SnippetViewSet):
    model = LicenceAgreement
    icon = "doc-full"
    menu_label = _("Licence agreements")
    list_display = ["municipality", "signed_on", "status", "grace_period_days", "min_superusers", "brush_up_years"]
    list_filter = ["status"]
    search_fields = ["municipality__name"]
    base_form_class = LicenceAgreementForm
    panels = [
        FieldPanel("municipality"),
        FieldPanel("signed_on"),
        MultiFieldPanel([
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("grace_period_days"), FieldPanel("min_superusers"), FieldPanel("brush_up_years")]),
            FieldPanel("changes_valid_from"),
            FieldPanel("change_reason"),
        ], heading=_("Status and requirements")),
    ]


class LicenceTermsViewSet(SnippetViewSet):
    """The history of each agreement's status and requirements: read only."""

    model = LicenceTerms
    icon = "history"
    menu_label = _("Licence history")
    list_display = ["agreement", "valid_from", "status", "grace_period_days", "min_superusers", "brush_up_years",
                    "reason", "recorded_by", "recorded_at"]
    list_filter = ["status"]
    inspect_view_enabled = True


class ComplianceViewSetGroup(SnippetViewSetGroup):
    items = (LicenceAgreementViewSet, LicenceTermsViewSet)
    menu_icon = "doc-full"
    menu_label = _("Licences")
    menu_name = "licences"


register_snippet(ComplianceViewSetGroup)


@hooks.register("after_create_snippet")
def record_terms_created(request, instance):
    if isinstance(instance, LicenceAgreement):
        services.licence_terms_record(agreement=instance, by=request.user)


@hooks.register("after_edit_snippet")
def record_terms_edited(request, instance):
    if isinstance(instance, LicenceAgreement):
        services.licence_terms_record(agreement=instance, by=request.user)
