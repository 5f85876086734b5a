import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from people.models import User
from web.fields import ModelChoiceField, ModelMultipleChoiceField, formfield

from . import calendar_days, recurrence
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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


REPEAT_FIELDS = ("repeat", "repeat_weekday", "repeat_ordinal", "repeat_end", "repeat_until", "repeat_count")
KEEP = "keep"


class EventForm(forms.ModelForm):
    """An event in the order a planner thinks of it: what, when (the first day, and for a meeting
    series how it repeats, in words), where, who, and last the registration deadlines. The repeat
    picker writes the iCalendar rule; a stored rule it cannot show is kept and described in words."""

    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    registration_opens_at = datetime_field(_("Registration opens"), required=False)
    registration_closes_at = datetime_field(_("Registration closes"), required=False)
    cancellation_deadline = datetime_field(
        _("Cancellation deadline"), required=False,
        help_text=_("After this time participants can no longer cancel their own registration."),
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"), required=False, widget=forms.RadioSelect,
        choices=[("", _("Does not repeat")), ("weekly", _("Every week")), ("biweekly", _("Every other week")),
                 ("monthly", _("Every month"))],
    )
    repeat_weekday = forms.TypedChoiceField(
        label=_("On"), required=False, coerce=int, empty_value=None,
        choices=[("", "–")] + [(number, name) for number, name in WEEKDAYS.items()],
    )
    repeat_ordinal = forms.TypedChoiceField(
        label=_("Which one in the month"), required=False, coerce=int, empty_value=None,
        choices=[("", "–"), (1, _("1st")), (2, _("2nd")), (3, _("3rd")), (4, _("4th")), (-1, _("last"))],
        help_text=_("For a monthly meeting: e.g. the 1st Tuesday of the month."),
    )
    repeat_end = forms.ChoiceField(
        label=_("Ends"), required=False, widget=forms.RadioSelect, initial="count",
        choices=[("count", _("After a number of meetings")), ("until", _("On a date"))],
    )
    repeat_count = forms.IntegerField(
        label=_("Number of meetings"), required=False, min_value=2, max_value=recurrence.MAX_OCCURRENCES,
        error_messages={"min_value": _("A series has at least 2 meetings."),
                        "max_value": _("A series may have at most %(limit_value)s meetings.")},
    )
    repeat_until = forms.DateField(
        label=_("Last meeting no later than"), required=False, widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"],
    )

    class Meta:
        model = Event
        formfield_callback = formfield
        fields = [
            "kind", "course_page", "title", "description", "audience", "location_address", "location_room",
            "online_url", "capacity", "registration_opens_at", "registration_closes_at", "cancellation_deadline",
            "hosts",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "hosts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, owner_kind, host_queryset, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_kind = owner_kind
        for name, value in (owner or {}).items():
            setattr(self.instance, name, value)  # the model's own checks need to know the owner
        self.existing_rule = self.instance.recurrence_rule if self.instance.pk else ""
        if owner_kind == "provider":
            self.fields["kind"].choices = [(Event.Kind.COHORT, Event.Kind.COHORT.label)]
            self.fields["audience"].choices = [(Event.Audience.OPEN, Event.Audience.OPEN.label)]
            self.fields["course_page"].queryset = course_pages()
            self.fields["course_page"].required = True
            for name in REPEAT_FIELDS:
                del self.fields[name]
        else:
            self.fields["kind"].choices = [
                (k.value, k.label) for k in (Event.Kind.THEME_DAY, Event.Kind.BRUSH_UP, Event.Kind.TEAM_MEETING)
            ]
            del self.fields["course_page"]
            self._picker_from_rule(self.existing_rule)
        self.fields["hosts"].queryset = host_queryset
        self.fields["hosts"].required = False
        self.fields["hosts"].label_from_instance = lambda u: u.full_name or u.email

    def _picker_from_rule(self, rule):
        """Show a stored rule in the picker; a rule of another shape is offered as "keep as it is"."""
        if not rule:
            return
        pattern = recurrence.parse(rule)
        if pattern is None:
            self.fields["repeat"].choices = [
                (KEEP, _("As now: %(rule)s") % {"rule": recurrence.describe(rule)}), *self.fields["repeat"].choices
            ]
            self.initial.setdefault("repeat", KEEP)
            return
        self.initial.update({
            "repeat": pattern.frequency, "repeat_weekday": pattern.weekday, "repeat_ordinal": pattern.ordinal,
            "repeat_end": "count" if pattern.count else "until", "repeat_count": pattern.count,
            "repeat_until": pattern.until,
        })

    # The sections of the form, in the order the page shows them (dates before deadlines).
    SECTIONS = (
        ("what", _("What"), ("kind", "course_page", "title", "description")),
        ("when", _("When"), REPEAT_FIELDS),
        ("where", _("Where"), ("location_address", "location_room", "online_url")),
        ("who", _("Who and how many"), ("audience", "capacity", "hosts")),
        ("deadlines", _("Registration and cancellation"),
         ("registration_opens_at", "registration_closes_at", "cancellation_deadline")),
    )

    def sections(self):
        return [
            {"key": key, "legend": legend, "fields": [self[name] for name in names if name in self.fields]}
            for key, legend, names in self.SECTIONS
        ]

    def clean(self):
        data = super().clean()
        if "repeat" not in self.fields:
            return data
        repeat = data.get("repeat") or ""
        kind = data.get("kind")
        if repeat == KEEP:
            data["recurrence_rule"] = self.existing_rule
        elif not repeat:
            data["recurrence_rule"] = ""
            if kind == Event.Kind.TEAM_MEETING and not self.instance.pk:
                self.add_error("repeat", _("A team meeting series repeats: choose how often."))
        else:
            data["recurrence_rule"] = self._rule_from_picker(data)
        if data.get("recurrence_rule") and kind and kind != Event.Kind.TEAM_MEETING:
            self.add_error("repeat", _("Only team meeting series repeat. Choose “Does not repeat”, "
                                       "or make the event an ICS team meeting."))
        return data

    def _rule_from_picker(self, data):
        weekday, ordinal, end = data.get("repeat_weekday"), data.get("repeat_ordinal"), data.get("repeat_end")
        ok = True
        if weekday is None:
            self.add_error("repeat_weekday", _("Choose the weekday the meeting is on."))
            ok = False
        if data["repeat"] == "monthly" and ordinal is None:
            self.add_error("repeat_ordinal", _("Choose which one in the month, e.g. the 1st Tuesday."))
            ok = False
        if end == "until":
            until = data.get("repeat_until")
            if until is None:
                if "repeat_until" not in self.errors:
                    self.add_error("repeat_until", _("Give the date of the last meeting."))
                ok = False
            elif until < timezone.localdate():
                self.add_error("repeat_until", _("The last date has passed. Give a date ahead."))
                ok = False
        elif data.get("repeat_count") is None:
            if "repeat_count" not in self.errors:
                self.add_error("repeat_count", _("Give the number of meetings."))
            ok = False
        if not ok:
            return ""
        pattern = recurrence.Pattern(
            frequency=data["repeat"], weekday=weekday, ordinal=ordinal if data["repeat"] == "monthly" else None,
            until=data.get("repeat_until") if end == "until" else None,
            count=data.get("repeat_count") if end != "until" else None,
        )
        return pattern.rule()

    def service_data(self) -> dict:
        """The cleaned values the event services take (the picker's fields become `recurrence_rule`)."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in REPEAT_FIELDS}
        if "repeat" not in self.fields:
            data.pop("recurrence_rule", None)
        return data


def days_off_warnings(starts) -> list[str]:
    """The warnings (not errors) for days that fall on a Danish public holiday or a weekend."""
    return calendar_days.warnings_for(starts)


class FirstSessionForm(forms.Form):
    starts_at = datetime_field(_("First day starts"))
    ends_at = datetime_field(_("First day ends"))
    day_count = forms.IntegerField(
        label=_("Number of days"), min_value=1, max_value=10, initial=1,
        help_text=_("Further course days are placed on the following working days (weekends and public holidays "
                    "skipped) at the same times; adjust each day afterwards."),
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
            if day == 0 or calendar_days.is_working_day(start.date()):
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

