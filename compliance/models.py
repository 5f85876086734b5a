"""Licence agreements, their requirements over time, exemptions, monthly snapshots and roster imports.

Every row that proves compliance is append-only: a requirement change is a new `LicenceTerms` row
(valid from a date), an exemption ends early through an `ExemptionWithdrawal` row, never an edit.
A person's status is never stored; `compliance.status` derives it from the evidence.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from web.validators import refuse_cpr

# The default grace period: a caseworker completes the basic course within a year of starting.
DEFAULT_GRACE_PERIOD_DAYS = 365
# The default number of active superusers who have completed the superuser course.
DEFAULT_MIN_SUPERUSERS = 2


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class LicenceAgreement(models.Model):
    """A municipality's licence agreement. Its status and requirements live in `LicenceTerms` rows."""

    municipality = models.OneToOneField(
        "people.Municipality", on_delete=models.PROTECT, related_name="licence_agreement",
        verbose_name=_("municipality"),
    )
    signed_on = models.DateField(_("signed on"))
    # The current values, edited in the admin; every save writes a LicenceTerms row (the history).
    status = models.CharField(_("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE)
    grace_period_days = models.PositiveIntegerField(
        _("grace period (days)"), default=DEFAULT_GRACE_PERIOD_DAYS,
        help_text=_("Days after a caseworker's start date within which the basic course must be completed. "
                    "Default 365 days."),
    )
    min_superusers = models.PositiveSmallIntegerField(
        _("minimum number of superusers"), default=DEFAULT_MIN_SUPERUSERS,
        help_text=_("Active superusers who have completed the superuser course."),
    )
    brush_up_years = models.PositiveSmallIntegerField(
        _("brush-up within (years)"), null=True, blank=True,
        help_text=_("Leave empty when no brush-up is required (the default)."),
    )
    changes_valid_from = models.DateField(
        _("changes take effect from"), default=timezone.localdate,
        help_text=_("The date from which the status and requirements above apply. Earlier dates keep "
                    "the requirements that applied then."),
    )
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("licence agreement")
        verbose_name_plural = _("licence agreements")
        ordering = ["municipality__name"]

    def __str__(self):
        return str(self.municipality)

    def clean(self):
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
        if self.grace_period_days is not None and self.grace_period_days < 1:
            raise ValidationError({"grace_period_days": _("The grace period must be at least one day.")})
        if self.brush_up_years == 0:
            raise ValidationError({"brush_up_years": _("Leave the field empty, or give at least one year.")})


class LicenceTerms(models.Model):
    """The status and requirements of an agreement from a date on. Append-only: the history of changes.

    The terms in force on a day are the row with the latest `valid_from` on or before it (the latest
    recorded wins a tie)."""

    agreement = models.ForeignKey(LicenceAgreement, on_delete=models.PROTECT, related_name="terms")
    valid_from = models.DateField(_("valid from"))
    status = models.CharField(_("status"), max_length=10, choices=AgreementStatus.choices)
    grace_period_days = models.PositiveIntegerField(_("grace period (days)"))
    min_superusers = models.PositiveSmallIntegerField(_("minimum number of superusers"))
    brush_up_years = models.PositiveSmallIntegerField(_("brush-up within (years)"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("licence terms")
        verbose_name_plural = _("licence terms")
        ordering = ["agreement", "valid_from", "recorded_at", "pk"]
        indexes = [models.Index(fields=["agreement", "valid_from"])]

    def __str__(self):
        return f"{self.agreement} {self.valid_from}: {self.get_status_display()}"


class Exemption(models.Model):
    """A person exempted from the basic-course requirement in a municipality. Append-only."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="compliance_exemptions",
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.PROTECT, related_name="compliance_exemptions",
        verbose_name=_("municipality"),
    )
    reason = models.TextField(_("reason"), validators=[refuse_cpr])
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty for an exemption without an end date.")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="exemption_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "person"])]

    def __str__(self):
        return f"{self.person} ({self.valid_from}–{self.valid_until or ''})"

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Give a reason for the exemption.")
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)


class ExemptionWithdrawal(models.Model):
    """Ends an exemption early; the exemption row itself is never changed."""

    exemption = models.OneToOneField(Exemption, on_delete=models.PROTECT, related_name="withdrawal")
    withdrawn_on = models.DateField(_("withdrawn from"))
    reason = models.TextField(_("reason"), validators=[refuse_cpr])
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exemption withdrawal")
        verbose_name_plural = _("exemption withdrawals")

    def __str__(self):
        return f"{self.exemption} – {self.withdrawn_on}"


class MonthlySnapshot(models.Model):
    """The figures of a municipality at the end of a month, as they were known then (for the trend)."""

    municipality = models.ForeignKey(
        "people.Municipality", on_delete=models.CASCADE, related_name="compliance_snapshots"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    as_of = models.DateField(_("figures as of"))
    total = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    within_deadline = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    exempt = models.PositiveIntegerField(default=0)
    # Of the overdue and within-deadline people, those with a cohort booking standing on the day.
    booked = models.PositiveIntegerField(default=0)
    qualified_superusers = models.PositiveIntegerField(default=0)
    required_superusers = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("monthly snapshot")
        verbose_name_plural = _("monthly snapshots")
        ordering = ["municipality", "month"]
        constraints = [models.UniqueConstraint(fields=["municipality", "month"], name="one_snapshot_per_month")]

    def __str__(self):
        return f"{self.municipality_id} {self.month:%Y-%m}"


class RosterImport(models.Model):
    """An uploaded roster file, parsed and checked, waiting for the leader to confirm. Nothing in the
    roster changes until `applied_at` is set."""

    municipality = models.ForeignKey("people.Municipality", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255, blank=True)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename or str(self.pk)
