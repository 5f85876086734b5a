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
