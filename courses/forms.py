from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms import DateInput
from people.permissions import visible_teams
from people.roles import MUNICIPAL_ROLES
from web.fields import ModelChoiceField

from .models import CoursePage
from .selectors.team_progress import municipality_staff


class AssignForm(forms.Form):
    course = ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    person = forms.EmailField(
        label=_("Person (email)"), required=False,
        help_text=_("The email of a person on the staff, or choose a whole team below."),
    )
    team = ModelChoiceField(label=_("Team"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput(), required=False)

    def __init__(self, *args, viewer, municipality, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["course"].queryset = CoursePage.objects.live().order_by("path")
        self.municipality = municipality
        self.fields["team"].queryset = visible_teams(viewer).filter(municipality=municipality)
        self.fields["team"].label_from_instance = lambda t: t.name

    def clean_person(self):
        email = (self.cleaned_data.get("person") or "").strip().lower()
        if not email:
            return None
        from django.contrib.auth import get_user_model

        staff = municipality_staff(municipality=self.municipality).filter(role__in=sorted(MUNICIPAL_ROLES))
        person = get_user_model().objects.filter(email=email, pk__in=staff.values("person_id")).first()
        if person is None:
            raise forms.ValidationError(
                _("No one on the staff of %(municipality)s has the email %(email)s.")
                % {"municipality": self.municipality.name, "email": email}
            )
        return person

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("team") and not self.errors.get("person"):
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


class ManualCompletionForm(forms.Form):
    """A provider coordinator or national admin enters a completion by hand, with a reason."""

    person = forms.EmailField(label=_("Person (email)"))
    course = ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())
    provider = ModelChoiceField(label=_("Course provider"), queryset=None, required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("Why the completion is entered by hand, e.g. attendance recorded on paper."),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        from people.permissions import access_for, coordinated_providers

        self.fields["course"].queryset = CoursePage.objects.live().order_by("path")
        self.fields["provider"].queryset = coordinated_providers(viewer)
        if not access_for(viewer).is_national_admin:
            self.fields["provider"].required = True
            self.fields["provider"].empty_label = None

    def clean_person(self):
        """The email only: who it belongs to, and whether the viewer may enter them, is the service's
        (courses.services.completion.completion_record_manual), which answers alike for every refusal."""
        return self.cleaned_data["person"].strip().lower()
