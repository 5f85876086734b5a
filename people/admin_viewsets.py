"""Wagtail's user admin with a single full-name field instead of first and last name."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class UserCreationForm(WagtailUserCreationForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=200)

    class Meta(WagtailUserCreationForm.Meta):
        fields = {"email", "full_name", "is_superuser", "groups"}


class UserEditForm(WagtailUserEditForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=200)

    class Meta(WagtailUserEditForm.Meta):
        fields = {"email", "full_name", "is_active", "is_superuser", "groups"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
