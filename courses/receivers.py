"""Signal receivers: wiring only. Each hands the work to a task (which calls a service)."""

from . import tasks


def on_exercise_submitted(sender, person_id, lesson_id, kind=None, **kwargs):
    tasks.lesson_exercises_check_task.delay(person_id, lesson_id)


def on_attendance_changed(sender, attendance_id=None, session_id=None, person_id=None, status=None, **kwargs):
    if status == "attended":
        tasks.attendance_completion_check_task.delay(person_id, session_id)


def on_registration_changed(sender, registration_id=None, event_id=None, person_id=None, status=None, **kwargs):
    if status == "confirmed":
        tasks.cohort_enrolment_task.delay(person_id, event_id)


def connect():
    from scheduling import signals as scheduling_signals

    from . import signals

    signals.exercise_submitted.connect(on_exercise_submitted, dispatch_uid="courses.learning.exercise_submitted")
    scheduling_signals.attendance_changed.connect(
        on_attendance_changed, dispatch_uid="courses.learning.attendance_changed"
    )
    scheduling_signals.registration_changed.connect(
        on_registration_changed, dispatch_uid="courses.learning.registration_changed"
    )


def cohort_completion_notes(event, person_ids):
    """For scheduling's participant list: who on a cohort has completed its course (one query)."""
    from django.urls import reverse
    from django.utils import formats
    from django.utils.translation import gettext as _

    from .models import Completion

    course_id = getattr(event, "course_page_id", None)
    if not course_id or not person_ids:
        return {}
    notes = {}
    for completion in Completion.objects.valid().filter(course_id=course_id, person_id__in=person_ids):
        notes[completion.person_id] = {
            "label": _("Completed %(date)s · certificate") % {
                "date": formats.date_format(completion.completed_on, "SHORT_DATE_FORMAT")},
            "url": reverse("courses:certificate_verify", args=[completion.verification_code])
            if completion.verification_code else None,
        }
    return notes
