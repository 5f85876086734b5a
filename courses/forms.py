from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms import DateInput
from people.permissions import visible_teams
from people.roles import MUNICIPAL_ROLES

from .models import CoursePage
from .selectors import municipality_staff


class AssignForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=None, required=False, help_text=_("Choose a person or a whole team.")
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput(), required=False)

    def __init__(self, *args, viewer, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["course"].queryset = CoursePage.objects.live().order_by("path")
        staff = municipality_staff(municipality=municipality).filter(role__in=sorted(MUNICIPAL_ROLES))
        self.fields["person"].queryset = get_user_model().objects.filter(pk__in=staff.values("person_id")).order_by(
            "full_name", "email"
        )
        self.fields["person"].label_from_instance = lambda u: f"{u.full_name} ({u.email})"
        self.fields["team"].queryset = visible_teams(viewer).filter(municipality=municipality)
        self.fields["team"].label_from_instance = lambda t: t.name

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("team"):
            raise forms.ValidationError(_("Choose a person or a team."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel)"),
        help_text=_("Columns: email, course, date and, optionally, provider. Semicolons or commas; "
                    "UTF-8 or Windows-1252."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class VerifyForm(forms.Form):
    kode = forms.CharField(label=_("Verification code"), max_length=40)
