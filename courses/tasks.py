"""Learning tasks. They take ids and are idempotent: the completion rule writes at most one valid
completion per person and course, lesson progress and enrolment are get-or-create, and ending an
ended enrolment changes nothing."""

from celery import shared_task
from django.contrib.auth import get_user_model

from .models import EnrolmentEnd, LessonPage
from .selectors.cohorts import cohort_registered_people
from .services import completion, enrolment, progress


@shared_task
def lesson_exercises_check_task(person_id, lesson_id):
    person = get_user_model().objects.filter(pk=person_id).first()
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if person is None or lesson is None:
        return None
    lesson_progress = progress.lesson_exercises_submitted(person=person, lesson=lesson)
    return lesson_progress.pk if lesson_progress else None


@shared_task
def attendance_completion_check_task(person_id, session_id):
    result = completion.attendance_recorded(person_id=person_id, session_id=session_id)
    return result.pk if result else None


@shared_task
def cohort_enrolment_task(person_id, event_id):
    result = enrolment.registration_confirmed(person_id=person_id, event_id=event_id)
    return result.pk if result else None


@shared_task
def cohort_enrolment_end_task(person_id, event_id, reason):
    """End the person's cohort enrolment in the event's course (see services.enrolment.cohort_enrolment_end)."""
    result = enrolment.cohort_enrolment_end(person_id=person_id, event_id=event_id, reason=EnrolmentEnd(reason))
    return result.pk if result else None


@shared_task
def cohort_cancelled_task(event_id):
    """A cancelled cohort ends the cohort enrolments of everyone registered on it."""
    ended = [
        enrolment.cohort_enrolment_end(person_id=person_id, event_id=event_id, reason=EnrolmentEnd.COHORT_CANCELLED)
        for person_id in cohort_registered_people(event_id=event_id)
    ]
    return [e.pk for e in ended if e is not None]
