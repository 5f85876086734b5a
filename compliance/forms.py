from django import forms
from django.utils.translation import gettext_lazy as _

from people.roles import Role
from web.fields import ModelChoiceField

ROLE_CHOICES = [(Role.CASEWORKER.value, Role.CASEWORKER.label), (Role.SUPERUSER.value, Role.SUPERUSER.label),
                (Role.LEADER.value, Role.LEADER.label)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AsOfForm(forms.Form):
    dato = forms.DateField(label=_("Figures as of"), required=False, widget=DateInput())


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (CSV or Excel)"),
        help_text=_("Columns: navn, email, rolle, team, startdato, slutdato. The first row names the columns."),
    )


class StaffMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.CASEWORKER)
    team = ModelChoiceField(label=_("Team"), queryset=None, required=False)
    start = forms.DateField(label=_("Start date"), widget=DateInput(), required=False,
                            help_text=_("When the person started in the job. Drives the licence deadline."))
    end = forms.DateField(label=_("End date"), widget=DateInput(), required=False,
                          help_text=_("Only when the person has left."))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = municipality.teams.order_by("name")

    def raw_row(self):
        data = self.cleaned_data
        return {
            "number": 1, "name": data["name"], "email": data["email"], "role": data["role"],
            "team": data["team"].name if data.get("team") else "",
            "start": data["start"].isoformat() if data.get("start") else "",
            "end": data["end"].isoformat() if data.get("end") else "",
        }


class ExemptionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text=_("Required. Say why the person is exempt from the basic course."))
    valid_from = forms.DateField(label=_("Exempt from"), widget=DateInput())
    valid_until = forms.DateField(label=_("Exempt until"), widget=DateInput(), required=False,
                                  help_text=_("Leave empty for no end date."))

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason for the exemption."))
        return reason

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("The end date cannot be before the start date."))
        return data


class ExemptionEndForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Exemption ends from"), widget=DateInput(),
                                   help_text=_("From this day the person is no longer exempt."))
    end_reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_end_reason(self):
        reason = (self.cleaned_data.get("end_reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason for ending the exemption."))
        return reason
