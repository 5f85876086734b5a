"""A learner's answers to the exercises on a lesson page, checked and stored by the server
(courses/services/exercises.py). The completion rule reads QuizAttempt(passed=True)
(courses/selectors/completion.py): keep these names and fields."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["QuizAttempt", "MagnetBoardAttempt", "CaseAnswer"]


class QuizAttempt(models.Model):
    """One submission of a quiz block: the chosen answer ids per question and the server's score."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("person"),
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("lesson"),
    )
    block_id = models.CharField(_("block"), max_length=64)
    answers = models.JSONField(_("answers"), default=dict)  # {question_id: [answer_id, ...]}
    score = models.PositiveIntegerField(_("score"))
    max_score = models.PositiveIntegerField(_("maximum score"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["person", "lesson", "block_id"])]

    def __str__(self):
        return f"{self.person} – {self.lesson} ({self.score}/{self.max_score})"


class MagnetBoardAttempt(models.Model):
    """One check of a magnet board: the dimension chosen per card and whether each was right."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="magnet_attempts", verbose_name=_("person"),
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="magnet_attempts", verbose_name=_("lesson"),
    )
    block_id = models.CharField(_("block"), max_length=64)
    placements = models.JSONField(_("placements"), default=dict)  # {card_id: dimension_key}
    kinds = models.JSONField(_("resource or concern per card"), default=dict, blank=True)  # {card_id: kind}
    results = models.JSONField(_("result per card"), default=dict)  # {card_id: true/false}
    score = models.PositiveIntegerField(_("score"))
    max_score = models.PositiveIntegerField(_("maximum score"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("magnet board attempt")
        verbose_name_plural = _("magnet board attempts")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["person", "lesson", "block_id"])]

    def __str__(self):
        return f"{self.person} – {self.lesson} ({self.score}/{self.max_score})"


class CaseAnswer(models.Model):
    """A learner's written answers to a case exercise: a draft until submitted, then fixed."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_answers", verbose_name=_("person"),
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="case_answers", verbose_name=_("lesson"),
    )
    block_id = models.CharField(_("block"), max_length=64)
    answers = models.JSONField(_("answers"), default=dict)  # {task_id: text}
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Raised by every save that writes; a draft posted with a revision not above it is an older save
    # arriving late (or a retry) and changes nothing (courses.services.exercises.case_save).
    revision = models.PositiveBigIntegerField(_("draft revision"), default=0, editable=False)

    class Meta:
        verbose_name = _("case answer")
        verbose_name_plural = _("case answers")
        constraints = [
            models.UniqueConstraint(fields=["person", "lesson", "block_id"], name="case_answer_once_per_block"),
        ]

    def __str__(self):
        return f"{self.person} – {self.lesson}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None
