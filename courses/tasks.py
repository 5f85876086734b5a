"""Learning tasks. They take ids and are idempotent: the completion rule writes at most one valid
completion per person and course, and lesson progress and enrolment are get-or-create."""

from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task
def lesson_exercises_check_task(person_id, lesson_id):
    from . import services
    from .models import LessonPage

    person = get_user_model().objects.filter(pk=person_id).first()
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if person is None or lesson is None:
        return None
    progress = services.lesson_exercises_submitted(person=person, lesson=lesson)
    return progress.pk if progress else None


@shared_task
def attendance_completion_check_task(person_id, session_id):
    from . import services

    completion = services.attendance_recorded(person_id=person_id, session_id=session_id)
    return completion.pk if completion else None


@shared_task
def cohort_enrolment_task(person_id, event_id):
    from . import services

    enrolment = services.registration_confirmed(person_id=person_id, event_id=event_id)
    return enrolment.pk if enrolment else None
