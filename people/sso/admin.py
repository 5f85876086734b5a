"""The Wagtail admin for identity providers (national admins) and the log of refused municipal logins.
Registered from `people.wagtail_hooks`; the metadata check lives in `people.sso.services`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import IdentityProvider, SsoLoginRefusal

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class IdentityProviderForm(WagtailAdminModelForm):
    metadata_file = forms.FileField(
        label=_("Metadata file (XML)"), required=False,
        help_text=_("The identity provider's SAML metadata. Or enter the address it is published at."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("metadata_file")
        xml = None
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error("metadata_file", _("The metadata file is larger than 5 MB."))
                return cleaned
            xml = upload.read()
        self.instance.metadata_url = cleaned.get("metadata_url", "")
        try:
            services.idp_metadata_apply(identity_provider=self.instance, xml=xml)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


class IdentityProviderViewSet(SnippetViewSet):
    model = IdentityProvider
    icon = "key"
    menu_label = _("Identity providers")
    list_display = ["name", "kind", "municipality", "entity_id", "is_active", "metadata_updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "entity_id"]
    edit_handler = ObjectList([
        FieldPanel("name"), FieldPanel("kind"), FieldPanel("municipality"),
        FieldPanel("metadata_file"), FieldPanel("metadata_url"),
        FieldPanel("email_attribute"), FieldPanel("cvr_attribute"), FieldPanel("assurance_when_absent"),
        FieldPanel("allow_unsolicited"), FieldPanel("is_active"),
    ], base_form_class=IdentityProviderForm)


class SsoLoginRefusalViewSet(SnippetViewSet):
    model = SsoLoginRefusal
    icon = "warning"
    menu_label = _("Refused municipal logins")
    list_display = ["at", "reason", "identity_provider", "municipality", "email"]
    list_filter = ["reason", "identity_provider"]
    search_fields = ["email", "detail"]
    inspect_view_enabled = True
    inspect_view_fields = ["at", "reason", "identity_provider", "municipality", "email", "detail"]


class SsoViewSetGroup(SnippetViewSetGroup):
    items = (IdentityProviderViewSet, SsoLoginRefusalViewSet)
    menu_icon = "key"
    menu_label = _("Municipal login")
    menu_name = "municipal-login"
