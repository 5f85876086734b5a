from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from web.fields import ModelChoiceField, formfield

from .models import Membership, Municipality, Provider, Team
from .permissions import access_for, coordinated_providers, visible_municipalities, visible_teams
from .roles import MUNICIPAL_ROLES, PROVIDER_ROLES, Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))
    municipality = ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(), required=False)
    provider = ModelChoiceField(label=_("Course provider"), queryset=Provider.objects.none(), required=False)
    team = ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    start_date = forms.DateField(
        label=_("Start date"), widget=DateInput(), help_text=_("When the person started in the job.")
    )

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        access = access_for(inviter)
        self.fields["municipality"].queryset = visible_municipalities(inviter)
        self.fields["provider"].queryset = coordinated_providers(inviter)
        self.fields["team"].queryset = visible_teams(inviter)
        roles = set()
        if access.is_national_admin:
            roles = set(Role)
        else:
            if access.led_municipality_ids:
                roles |= MUNICIPAL_ROLES
            if access.provider_ids(Role.COORDINATOR):
                roles |= PROVIDER_ROLES
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in roles]
        # A leader of a single municipality does not have to pick it.
        if len(self.fields["municipality"].queryset) == 1:
            self.fields["municipality"].initial = self.fields["municipality"].queryset[0]
        if len(self.fields["provider"].queryset) == 1:
            self.fields["provider"].initial = self.fields["provider"].queryset[0]

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in MUNICIPAL_ROLES:
            if not data.get("municipality"):
                self.add_error("municipality", _("Choose the municipality for a municipal role."))
            data["provider"] = None
        elif role in PROVIDER_ROLES:
            if not data.get("provider"):
                self.add_error("provider", _("Choose the course provider for a provider role."))
            data["municipality"] = None
            data["team"] = None
        elif role == Role.NATIONAL_ADMIN:
            data["municipality"] = data["provider"] = data["team"] = None
        team = data.get("team")
        if team and data.get("municipality") and team.municipality_id != data["municipality"].pk:
            self.add_error("team", _("The team must belong to the chosen municipality."))
        return data


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            from .models import User

            try:
                password_validation.validate_password(
                    p1, User(email=self.invitation.email, full_name=self.invitation.full_name)
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        formfield_callback = formfield
        fields = ["role", "team", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = self.instance.municipality
        self.fields["team"].queryset = Team.objects.filter(municipality=municipality)
        allowed = MUNICIPAL_ROLES if municipality else PROVIDER_ROLES
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in allowed]
