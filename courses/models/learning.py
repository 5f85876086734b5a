"""Evidence of learning. This is the contract other apps read (compliance reads Completion):
keep these names and fields; add to them freely.

Enrolment and LessonProgress are working state (where a learner is); Completion and
CompletionRevocation are evidence (append-only: a completion is written once and never changed, a
revocation is a row of its own).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CompletionMethod", "Completion", "CompletionRevocation",
    "EnrolmentSource", "EnrolmentEnd", "Enrolment", "LessonProgressMethod", "LessonProgress",
]


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
    # Derived from the primary key once, when the row is written (courses/certificates.py), and stored
    # so the same completion always yields the same certificate, whatever happens to the secret later.
    verification_code = models.CharField(
        _("verification code"), max_length=20, unique=True, null=True, blank=True, editable=False
    )

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["course", "person"])]

    def __str__(self):
        return f"{self.person} – {self.course} ({self.completed_on})"

    @property
    def is_revoked(self):
        try:
            return self.revocation is not None
        except CompletionRevocation.DoesNotExist:
            return False


class CompletionRevocation(models.Model):
    completion = models.OneToOneField(Completion, on_delete=models.PROTECT, related_name="revocation")
    reason = models.TextField(_("reason"))
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), default=timezone.now)

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")

    def __str__(self):
        return f"{self.completion} ({self.revoked_at:%Y-%m-%d})"


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Enrolled themselves")
    ASSIGNED = "assigned", _("Assigned by a leader")
    COHORT = "cohort", _("Registered for a cohort")


class EnrolmentEnd(models.TextChoices):
    """Why an enrolment ended. Recorded with `Enrolment.ended_at` by the service that ends it."""

    WITHDRAWN = "withdrawn", _("Withdrawn")
    REGISTRATION_CANCELLED = "registration-cancelled", _("The cohort registration was cancelled")
    COHORT_CANCELLED = "cohort-cancelled", _("The cohort was cancelled")


class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        """Enrolments that have not ended."""
        return self.filter(ended_at__isnull=True)


class Enrolment(models.Model):
    """A person taking a course: one row per person and course, however they came to it.

    An enrolment has a real end: `ended_at` and `end_reason` are written by the service that ends it
    (a withdrawal, a cancelled cohort registration, a cancelled cohort), never inferred. Enrolling
    again reopens the row (`ended_at` cleared); the e-learning progress itself is in LessonProgress."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("person")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course")
    )
    source = models.CharField(_("how enrolled"), max_length=20, choices=EnrolmentSource.choices)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("assigned by"),
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    last_lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("last lesson worked on"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=30, choices=EnrolmentEnd.choices, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["person", "course"], name="one_enrolment_per_course")]

    def __str__(self):
        return f"{self.person} – {self.course}"


class LessonProgressMethod(models.TextChoices):
    MARKED = "marked", _("Marked as completed")
    EXERCISES = "exercises", _("All exercises submitted")


class LessonProgress(models.Model):
    """A lesson completed by a person. The course is stored too so progress counts in one query."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress", verbose_name=_("person")
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress", verbose_name=_("lesson")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="lesson_progress", verbose_name=_("course")
    )
    method = models.CharField(_("how"), max_length=20, choices=LessonProgressMethod.choices)
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        ordering = ["completed_at"]
        constraints = [models.UniqueConstraint(fields=["person", "lesson"], name="one_progress_per_lesson")]
        indexes = [models.Index(fields=["course", "person"])]

    def __str__(self):
        return f"{self.person} – {self.lesson}"
