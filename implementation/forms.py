"""Forms of the implementation pages. They only read input; the rules live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import User
from scheduling.models import Event
from web.fields import ModelChoiceField

from .models import (
    ROUND_GROUPS,
    AimingPoint,
    Assessment,
    GroupRole,
    Phase,
    QuestionnaireVersion,
    RespondentGroup,
)
from .services.plan import PLAN_EVENT_KINDS


class RoundOpenForm(forms.Form):
    version = ModelChoiceField(label=_("Questionnaire version"), queryset=QuestionnaireVersion.objects.none(),
                               empty_label=None)
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes"), widget=forms.DateInput(attrs={"type": "date"}))
    groups = forms.MultipleChoiceField(
        label=_("Respondent groups"), widget=forms.CheckboxSelectMultiple,
        choices=[(g, RespondentGroup(g).label) for g in ROUND_GROUPS],
        help_text=_("The staff in force on the opening day are invited, each in their group."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = QuestionnaireVersion.objects.order_by("-number")
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + timezone.timedelta(days=21)
        self.fields["groups"].initial = list(ROUND_GROUPS)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("New phase"), choices=Phase.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           help_text=_("Why the phase changes (required)."))


class GoalsForm(forms.Form):
    local_goals = forms.CharField(label=_("Local goals"), widget=forms.Textarea(attrs={"rows": 5}), required=False)


class GroupMemberForm(forms.Form):
    person = ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role in the group"), choices=GroupRole.choices)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(
            memberships__municipality=municipality).distinct().order_by("full_name")


class ActivityForm(forms.Form):
    event = ModelChoiceField(label=_("Event from the calendar"), queryset=Event.objects.none())
    aiming_point = forms.ChoiceField(label=_("Aiming point"), choices=[("", "—"), *AimingPoint.choices],
                                     required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(
            municipality=municipality, kind__in=PLAN_EVENT_KINDS, cancelled_at__isnull=True).order_by("title")


class AssessmentForm(forms.Form):
    aiming_point = forms.ChoiceField(label=_("Aiming point"), choices=AimingPoint.choices, widget=forms.HiddenInput)
    assessment = forms.ChoiceField(label=_("Assessment"), choices=Assessment.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
