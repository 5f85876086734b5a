import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from people.models import User
from web.fields import ModelChoiceField, ModelMultipleChoiceField, formfield

from .models import Event

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def datetime_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label, required=required, help_text=help_text, widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
    )


def course_pages():
    """Live course pages, found by content type so scheduling never imports courses."""
    return Page.objects.live().filter(content_type__model="coursepage").order_by("title")


class EventForm(forms.ModelForm):
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    registration_opens_at = datetime_field(_("Registration opens"), required=False)
    registration_closes_at = datetime_field(_("Registration closes"), required=False)
    cancellation_deadline = datetime_field(
        _("Cancellation deadline"), required=False,
        help_text=_("After this time participants can no longer cancel their own registration."),
    )

    class Meta:
        model = Event
        formfield_callback = formfield
        fields = [
            "kind", "course_page", "title", "description", "audience", "location_address", "location_room",
            "online_url", "capacity", "registration_opens_at", "registration_closes_at", "cancellation_deadline",
            "recurrence_rule", "hosts",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "hosts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, owner_kind, host_queryset, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_kind = owner_kind
        for name, value in (owner or {}).items():
            setattr(self.instance, name, value)  # the model's own checks need to know the owner
        if owner_kind == "provider":
            self.fields["kind"].choices = [(Event.Kind.COHORT, Event.Kind.COHORT.label)]
            self.fields["audience"].choices = [(Event.Audience.OPEN, Event.Audience.OPEN.label)]
            self.fields["course_page"].queryset = course_pages()
            self.fields["course_page"].required = True
            del self.fields["recurrence_rule"]
        else:
            self.fields["kind"].choices = [
                (k.value, k.label) for k in (Event.Kind.THEME_DAY, Event.Kind.BRUSH_UP, Event.Kind.TEAM_MEETING)
            ]
            del self.fields["course_page"]
        self.fields["hosts"].queryset = host_queryset
        self.fields["hosts"].required = False
        self.fields["hosts"].label_from_instance = lambda u: u.full_name or u.email

    def clean(self):
        data = super().clean()
        if data.get("kind") == Event.Kind.TEAM_MEETING and not data.get("recurrence_rule") and not self.instance.pk:
            self.add_error("recurrence_rule", _("A team meeting series needs a recurrence rule."))
        if data.get("recurrence_rule") and data.get("kind") != Event.Kind.TEAM_MEETING:
            self.add_error("recurrence_rule", _("Only team meeting series repeat."))
        return data


class FirstSessionForm(forms.Form):
    starts_at = datetime_field(_("First day starts"))
    ends_at = datetime_field(_("First day ends"))
    day_count = forms.IntegerField(
        label=_("Number of days"), min_value=1, max_value=10, initial=1,
        help_text=_("Course days are placed on consecutive weekdays at the same times; adjust each day afterwards."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data

    def sessions(self):
        starts_at, ends_at = self.cleaned_data["starts_at"], self.cleaned_data["ends_at"]
        result, day = [], 0
        while len(result) < self.cleaned_data["day_count"]:
            start = _same_time_on(starts_at, day)
            if start.weekday() < 5 or day == 0:
                result.append((start, _same_time_on(ends_at, day)))
            day += 1
        return result


def _same_time_on(value, days):
    local = timezone.localtime(value)
    naive = local.replace(tzinfo=None) + datetime.timedelta(days=days)
    return timezone.make_aware(naive)


class SessionForm(forms.Form):
    starts_at = datetime_field(_("Starts"))
    ends_at = datetime_field(_("Ends"))

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to everyone registered."),
        error_messages={"required": _("Give a reason for cancelling; it is sent to the participants.")},
    )


class BookForm(forms.Form):
    people = ModelMultipleChoiceField(
        label=_("Staff to book"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person to book.")},
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff
        self.fields["people"].label_from_instance = lambda u: u.full_name or u.email


class QuotaForm(forms.Form):
    municipality = ModelChoiceField(label=_("Municipality"), queryset=None)
    seats = forms.IntegerField(label=_("Reserved seats"), min_value=0, max_value=1000)

    def __init__(self, *args, **kwargs):
        from people.models import Municipality

        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Calendar file (.ics)"), help_text=_("Exported from Outlook or Google Calendar."))
    kind = forms.ChoiceField(
        label=_("Import as"),
        choices=[(k.value, k.label) for k in (Event.Kind.THEME_DAY, Event.Kind.BRUSH_UP, Event.Kind.TEAM_MEETING)],
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Event.Audience.choices, initial=Event.Audience.STAFF)

