"""Lesson progress: a learner marks a lesson completed once its exercises are done (every quiz passed,
every magnet board checked, every case submitted: courses.selectors.exercises.outstanding_exercises),
or completes it by doing the last of them; each time the course's completion rule runs."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Enrolment, LessonPage, LessonProgress, LessonProgressMethod
from ..selectors.catalogue import is_open_course
from ..selectors.exercises import exercises_missing_text, outstanding_exercises_for
from .completion import completion_evaluate
from .enrolment import enrolment_self

User = get_user_model()


@transaction.atomic
def lesson_complete(
    *, person: User, lesson: LessonPage, method: str = LessonProgressMethod.MARKED
) -> LessonProgress:
    """Mark a lesson completed for an enrolled learner whose exercises on it are done, then run the
    course's completion rule. Marking it again changes nothing."""
    course = lesson.course
    if course is None or not lesson.live:
        raise ValidationError(_("This lesson is not part of a published course."))
    enrolment = Enrolment.objects.current().select_for_update().filter(person=person, course=course).first()
    if enrolment is None:
        raise ValidationError(
            _("You are not enrolled in the course “%(course)s”. Enrol first, then mark the lesson as completed.")
            % {"course": course.title}
        )
    if not LessonProgress.objects.filter(person=person, lesson=lesson).exists():
        outstanding = outstanding_exercises_for(lesson=lesson, person=person)
        if outstanding:
            raise ValidationError(exercises_missing_text(outstanding), code="exercises_outstanding")
    progress, _created = LessonProgress.objects.get_or_create(
        person=person, lesson=lesson, defaults={"course": course, "method": method}
    )
    enrolment.last_lesson = lesson
    enrolment.last_activity_at = timezone.now()
    enrolment.save(update_fields=["last_lesson", "last_activity_at"])
    completion_evaluate(person=person, course=course)
    return progress


@transaction.atomic
def lesson_exercises_submitted(*, person: User, lesson: LessonPage) -> LessonProgress | None:
    """After an exercise is submitted: complete the lesson when every exercise on it has a submission,
    and re-run the completion rule (a passed quiz may be the last thing missing). A learner not enrolled
    in an open course is enrolled by their first submission."""
    course = lesson.course
    if course is None:
        return None
    if not Enrolment.objects.current().filter(person=person, course=course).exists():
        if not is_open_course(course, viewer=person):
            return None
        enrolment_self(person=person, course=course)
    if lesson.exercise_blocks() and not outstanding_exercises_for(lesson=lesson, person=person):
        return lesson_complete(person=person, lesson=lesson, method=LessonProgressMethod.EXERCISES)
    completion_evaluate(person=person, course=course)
    return None

