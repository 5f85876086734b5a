"""Evidence of learning. This is the contract other apps read (compliance reads Completion):
keep these names and fields; add to them freely."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["CompletionMethod", "Completion", "CompletionRevocation"]


class CompletionMethod(models.TextChoices):
    E_LEARNING = "e-learning", _("E-learning")
    ATTENDANCE = "attendance", _("Attendance")
    IMPORTED = "imported", _("Imported earlier record")
    MANUAL = "manual", _("Entered by a provider or national admin")


class CompletionQuerySet(models.QuerySet):
    def valid(self):
        """Completions not revoked."""
        return self.filter(revocation__isnull=True)


class Completion(models.Model):
    """A course completed: written once, never changed. A revocation is a row of its own."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions", verbose_name=_("person")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="completions", verbose_name=_("course")
    )
    completed_on = models.DateField(_("completed on"))
    method = models.CharField(_("how"), max_length=20, choices=CompletionMethod.choices)
    provider = models.ForeignKey(
        "people.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="completions",
        verbose_name=_("course provider"),
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["course", "person"])]

    def __str__(self):
        return f"{self.person} – {self.course} ({self.completed_on})"


class CompletionRevocation(models.Model):
    completion = models.OneToOneField(Completion, on_delete=models.PROTECT, related_name="revocation")
    reason = models.TextField(_("reason"))
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), default=timezone.now)

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")
