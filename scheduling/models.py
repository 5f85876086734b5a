"""Events (cohorts, theme days, brush-ups, ICS team meetings), their sessions, registrations and
attendance, each with its append-only history. Scheduling never imports courses: a cohort points at
Wagtail's Page. Its mail goes through `people.notifications` (see scheduling/notifications.py)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from web.validators import refuse_line_breaks


class Event(models.Model):
    class Kind(models.TextChoices):
        COHORT = "hold", _("Cohort")
        THEME_DAY = "temadag", _("Theme day")
        BRUSH_UP = "brush-up", _("Brush-up session")
        TEAM_MEETING = "teammoede", _("ICS team meeting")

    class Audience(models.TextChoices):
        CASEWORKERS = "sagsbehandlere", _("The municipality's caseworkers")
        SUPERUSERS = "superbrugere", _("The municipality's superusers")
        LEADERS = "ledere", _("The municipality's leaders")
        STAFF = "alle", _("All the municipality's staff")
        OPEN = "aaben", _("Open to every municipality")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    provider = models.ForeignKey(
        "people.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("course provider"),
    )
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("municipality"),
    )
    course_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("course"),
    )
    # Title and place go into mail subjects and iCalendar property lines: one line each.
    title = models.CharField(_("title"), max_length=200, validators=[refuse_line_breaks])
    description = models.TextField(_("description"), blank=True)
    location_address = models.CharField(_("address"), max_length=300, blank=True, validators=[refuse_line_breaks])
    location_room = models.CharField(_("room"), max_length=200, blank=True, validators=[refuse_line_breaks])
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=20)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"), null=True, blank=True,
        help_text=_("After this time participants can no longer cancel their own registration."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.STAFF)
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="hosted_events", verbose_name=_("hosts or trainers")
    )
    recurrence_rule = models.CharField(
        _("recurrence rule"), max_length=200, blank=True,
        help_text=_("For a meeting series, an iCalendar RRULE such as FREQ=MONTHLY;BYDAY=1TU;COUNT=10."),
    )
    external_uid = models.CharField(
        _("imported UID"), max_length=300, blank=True, db_index=True, validators=[refuse_line_breaks]
    )
    sequence = models.PositiveIntegerField(_("iCalendar sequence"), default=0)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=True) | Q(municipality__isnull=True), name="event_has_one_owner"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "kind"]), models.Index(fields=["provider", "kind"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("scheduling:event_detail", args=[self.pk])

    @property
    def owner_name(self):
        if self.provider_id:
            return str(self.provider)
        if self.municipality_id:
            return str(self.municipality)
        return "ICS Metodesekretariat"

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_cohort(self):
        return self.kind == self.Kind.COHORT

    @property
    def is_series(self):
        return bool(self.recurrence_rule)

    @property
    def location(self):
        parts = [p for p in (self.location_room, self.location_address) if p]
        if parts:
            return ", ".join(parts)
        return self.online_url

    def clean(self):
        errors = {}
        if self.provider_id and self.municipality_id:
            errors["municipality"] = _("An event is owned by a provider or a municipality, not both.")
        if self.kind == self.Kind.COHORT and not self.provider_id:
            errors["provider"] = _("A cohort must belong to a course provider.")
        if self.kind in (self.Kind.THEME_DAY, self.Kind.BRUSH_UP, self.Kind.TEAM_MEETING) and self.provider_id:
            errors["provider"] = _("Theme days, brush-ups and team meetings belong to a municipality.")
        if (
            self.registration_opens_at and self.registration_closes_at
            and self.registration_closes_at < self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration cannot close before it opens.")
        if self.audience != self.Audience.OPEN and not self.municipality_id:
            errors["audience"] = _("Only an event owned by a municipality can be limited to its staff.")
        if self.recurrence_rule:
            from .recurrence import RecurrenceError, validate_rule

            try:
                validate_rule(self.recurrence_rule)
            except RecurrenceError as exc:
                errors["recurrence_rule"] = str(exc)
        if errors:
            raise ValidationError(errors)


class EventQuota(models.Model):
    """Seats of a cohort reserved for a named municipality."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("event"))
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    seats = models.PositiveIntegerField(_("reserved seats"))

    class Meta:
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        constraints = [models.UniqueConstraint(fields=["event", "municipality"], name="one_quota_per_municipality")]

    def __str__(self):
        return f"{self.event}: {self.municipality} ({self.seats})"


class Session(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    day_number = models.PositiveIntegerField(_("day number"), default=1)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
            models.UniqueConstraint(fields=["event", "day_number"], name="one_session_per_day_number"),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.event.title} – {local:%d.%m.%Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})


class RegistrationStatus(models.TextChoices):
    """`Registration.Status` (declared at module level so the model's Meta can name it)."""

    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    Status = RegistrationStatus

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("booked from municipality"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], condition=~Q(status=RegistrationStatus.CANCELLED),
                name="one_active_registration_per_person_event",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"]), models.Index(fields=["person", "status"])]

    def __str__(self):
        return f"{self.person} – {self.event} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class RegistrationChange(models.Model):
    """Append-only history of a registration: created, promoted, cancelled."""

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="changes")
    status = models.CharField(max_length=12, choices=Registration.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("registration change")
        verbose_name_plural = _("registration changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.registration_id}: {self.status} ({self.changed_at:%Y-%m-%d %H:%M})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("session"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_session_person")]

    def __str__(self):
        return f"{self.person} – {self.session}: {self.get_status_display()}"


class AttendanceChange(models.Model):
    """Append-only history of attendance: every recording, with who and when."""

    attendance = models.ForeignKey(Attendance, on_delete=models.PROTECT, related_name="changes")
    from_status = models.CharField(max_length=10, choices=Attendance.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Attendance.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.attendance_id}: {self.from_status or '-'} → {self.to_status}"
