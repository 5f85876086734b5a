"""How `courses` plugs in: everything it registers, in one place, called from `CoursesConfig.ready()`.

- the "My courses" and "Teaching material" navigation items;
- dashboard panels (my courses, team progress, completion records) and the profile's certificates;
- receivers: an exercise submitted (courses' own signal), attendance recorded, a registration
  confirmed or cancelled, a cohort cancelled (scheduling's signals). Each receiver queues a task after
  the sender's commit (the signals are sent after commit) and the task calls a service;
- the lesson page's cached outline: any page published, unpublished, moved or deleted makes it stale
  a page created and a course index saved (courses.selectors.material.material_changed);
- a learner's records kept for the lesson page: any enrolment, completion, revocation, lesson progress,
  attempt or case answer saved or deleted makes the person's copy stale
  (courses.selectors.learner_records.learner_changed);
- the router that finds the course material below the home page in fewer queries (content.routing);
- scheduling's participant-status hook: who on a cohort holds a certificate;
- the GDPR export's sections of courses and scheduling (`people.personal_data`).
"""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from content import routing
from people import navigation, personal_data
from people.dashboard import register_panel, register_profile_section
from scheduling import signals as scheduling_signals
from scheduling.hooks import register_participant_status
from scheduling.models import Attendance, Registration

from . import signals, tasks
from .models import (
    CaseAnswer,
    Completion,
    CompletionRevocation,
    CourseIndexPage,
    Enrolment,
    EnrolmentEnd,
    LessonProgress,
    MagnetBoardAttempt,
    QuizAttempt,
)
from .routing import material_router
from .selectors.completion import cohort_completion_notes, own_completions
from .selectors.learner_records import learner_changed
from .selectors.material import material_changed
from .selectors.personal_data import course_personal_data
from .views import panels


def on_exercise_submitted(sender, person_id, lesson_id, **kwargs):
    tasks.lesson_exercises_check_task.delay(person_id, lesson_id)


def on_attendance_changed(sender, person_id, session_id, status, **kwargs):
    if status == Attendance.Status.ATTENDED:
        tasks.attendance_completion_check_task.delay(person_id, session_id)


def on_registration_changed(sender, person_id, event_id, status, **kwargs):
    if status == Registration.Status.CONFIRMED:
        tasks.cohort_enrolment_task.delay(person_id, event_id)
    elif status == Registration.Status.CANCELLED:
        tasks.cohort_enrolment_end_task.delay(person_id, event_id, EnrolmentEnd.REGISTRATION_CANCELLED.value)


def on_event_cancelled(sender, event_id, **kwargs):
    tasks.cohort_cancelled_task.delay(event_id)


def on_material_changed(sender, **kwargs):
    material_changed()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        material_changed()


def on_page_created(sender, instance, created, **kwargs):
    """A page added to the tree live, without a publication (an import, a fixture, `add_child`)."""
    if created and isinstance(instance, Page):
        material_changed()


def on_course_index_saved(sender, instance, **kwargs):
    material_changed()


LEARNER_RECORDS = (Enrolment, Completion, LessonProgress, QuizAttempt, MagnetBoardAttempt, CaseAnswer)


def on_learner_record_written(sender, instance, **kwargs):
    learner_changed(instance.person_id)


def on_revocation_written(sender, instance, **kwargs):
    learner_changed(instance.completion.person_id)  # the service has the completion loaded: no query


def certificates_section(request, access):
    return {"template": "courses/learning/profile_section_certificates.html", "order": 10,
            "certificates": list(own_completions(person=request.user))}


def connect():
    navigation.register(navigation.NavItem(
        key="my_courses", label=_("My courses"), url_name="courses:my_courses", order=20,
        visible=lambda access: access.is_authenticated,
    ))
    # The teaching material's entry point (a redirect to the course index).
    navigation.register(navigation.NavItem(
        key="material", label=_("Teaching material"), url_name="courses:material", order=50,
        visible=lambda access: access.is_authenticated,
    ))
    register_panel("completion_records", panels.records_panel)
    register_panel("my_courses", panels.my_courses_panel)
    register_panel("team_progress", panels.team_panel)
    register_panel("local_material", panels.material_panel)
    register_panel("material_approvals", panels.approvals_panel)
    register_profile_section("certificates", certificates_section)

    signals.exercise_submitted.connect(on_exercise_submitted, dispatch_uid="courses.exercise_submitted")
    scheduling_signals.attendance_changed.connect(on_attendance_changed, dispatch_uid="courses.attendance_changed")
    scheduling_signals.registration_changed.connect(
        on_registration_changed, dispatch_uid="courses.registration_changed"
    )
    scheduling_signals.event_cancelled.connect(on_event_cancelled, dispatch_uid="courses.event_cancelled")

    page_published.connect(on_material_changed, dispatch_uid="courses.material_published")
    page_unpublished.connect(on_material_changed, dispatch_uid="courses.material_unpublished")
    page_slug_changed.connect(on_material_changed, dispatch_uid="courses.material_slug_changed")
    post_page_move.connect(on_material_changed, dispatch_uid="courses.material_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="courses.material_page_deleted")
    post_save.connect(on_course_index_saved, sender=CourseIndexPage, dispatch_uid="courses.course_index_saved")
    post_save.connect(on_page_created, dispatch_uid="courses.material_page_created")

    for model in LEARNER_RECORDS:
        name = model._meta.model_name
        post_save.connect(on_learner_record_written, sender=model, dispatch_uid=f"courses.learner_{name}_saved")
        post_delete.connect(on_learner_record_written, sender=model, dispatch_uid=f"courses.learner_{name}_deleted")
    post_save.connect(on_revocation_written, sender=CompletionRevocation, dispatch_uid="courses.learner_revoked")
    post_delete.connect(on_revocation_written, sender=CompletionRevocation, dispatch_uid="courses.learner_unrevoked")

    register_participant_status(cohort_completion_notes)
    routing.register(material_router)  # an address below a course index starts there, without a query

    # The GDPR export's course and scheduling sections. Courses erases nothing: enrolments, progress,
    # answers, completions, attendance and registrations are the training evidence, kept pseudonymised.
    personal_data.register_exporter("courses", course_personal_data)
