"""Writes for learning: enrolment, lesson progress, completions (evidence) and revocations.

A completion is evidence: written once per person and course (a row lock on the person serialises
concurrent attempts, so two simultaneous posts yield exactly one row) and never changed. A revocation
is a row of its own with a reason; after it, a new completion may be written.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Membership, Provider, Team
from people.permissions import access_for
from people.roles import MUNICIPAL_ROLES, Role

from . import selectors
from .certificates import verification_code_for
from .models import (
    Completion,
    CompletionMethod,
    CompletionRevocation,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
    LessonProgressMethod,
)

User = get_user_model()


# --- Enrolment ----------------------------------------------------------------------------------


@transaction.atomic
def enrolment_self(*, person: User, course: CoursePage) -> Enrolment:
    """The learner enrols in an open e-learning course. Enrolling twice changes nothing."""
    existing = Enrolment.objects.filter(person=person, course=course).first()
    if existing:
        return existing
    if not selectors.is_open_course(course, viewer=person):
        if course.live and course.course_days == 0:
            raise ValidationError(_("“%(course)s” is not open to you.") % {"course": course.title})
        raise ValidationError(
            _("You cannot enrol yourself in “%(course)s”. It has course days: sign up for a cohort in the calendar.")
            % {"course": course.title}
        )
    enrolment = Enrolment(person=person, course=course, source=EnrolmentSource.SELF)
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_ensure(*, person: User, course: CoursePage, source: str = EnrolmentSource.COHORT) -> Enrolment:
    """Enrol the person if they are not already (used when they register for a cohort)."""
    enrolment, _created = Enrolment.objects.get_or_create(person=person, course=course, defaults={"source": source})
    return enrolment


def _assignable_people(*, by: User, people_ids):
    """The people `by` may assign courses to: current staff of municipalities they lead (all for admins)."""
    access = access_for(by)
    memberships = Membership.objects.current().filter(person_id__in=people_ids, role__in=sorted(MUNICIPAL_ROLES))
    if not access.is_national_admin:
        memberships = memberships.filter(municipality_id__in=access.led_municipality_ids)
    return set(memberships.values_list("person_id", flat=True))


@transaction.atomic
def enrolment_assign(
    *, by: User, course: CoursePage, due_date: datetime.date | None,
    people: list | None = None, team: Team | None = None,
) -> list[Enrolment]:
    """A leader assigns a course, with a due date, to people or a whole team of their municipality.
    An existing enrolment keeps its history and gets the new due date."""
    access = access_for(by)
    if not (access.is_national_admin or access.led_municipality_ids):
        raise PermissionDenied
    if due_date and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    if not course.live:
        raise ValidationError({"course": _("The course is not published.")})
    ids = {getattr(p, "pk", p) for p in (people or [])}
    if team is not None:
        if not access.leads(team.municipality_id):
            raise PermissionDenied
        ids |= set(
            Membership.objects.current().filter(team=team, role__in=sorted(MUNICIPAL_ROLES))
            .values_list("person_id", flat=True)
        )
    if not ids:
        raise ValidationError(_("Choose a person or a team."))
    allowed = _assignable_people(by=by, people_ids=ids)
    if ids - allowed:
        raise PermissionDenied
    existing = {e.person_id: e for e in Enrolment.objects.select_for_update().filter(course=course, person_id__in=ids)}
    result = []
    for person_id in sorted(ids):
        enrolment = existing.get(person_id)
        if enrolment is None:
            enrolment = Enrolment.objects.create(
                person_id=person_id, course=course, source=EnrolmentSource.ASSIGNED,
                due_date=due_date, assigned_by=by,
            )
        else:
            enrolment.due_date = due_date
            enrolment.assigned_by = by
            enrolment.save(update_fields=["due_date", "assigned_by"])
        result.append(enrolment)
    return result


# --- Lesson progress ----------------------------------------------------------------------------


@transaction.atomic
def lesson_complete(
    *, person: User, lesson: LessonPage, method: str = LessonProgressMethod.MARKED
) -> LessonProgress:
    """Mark a lesson completed for an enrolled learner, then run the course's completion rule.
    Marking it again changes nothing."""
    course = selectors.course_for_lesson(lesson)
    if course is None or not lesson.live:
        raise ValidationError(_("This lesson is not part of a published course."))
    enrolment = Enrolment.objects.select_for_update().filter(person=person, course=course).first()
    if enrolment is None:
        raise ValidationError(
            _("You are not enrolled in the course “%(course)s”. Enrol first, then mark the lesson as completed.")
            % {"course": course.title}
        )
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
    and re-run the completion rule (a passed quiz may be the last thing missing)."""
    course = selectors.course_for_lesson(lesson)
    if course is None:
        return None
    enrolment = Enrolment.objects.filter(person=person, course=course).first()
    if enrolment is None:
        if not selectors.is_open_course(course, viewer=person):
            return None
        enrolment_self(person=person, course=course)
    progress = None
    blocks = selectors.exercise_blocks(lesson)
    if blocks and all_exercises_submitted(person=person, lesson=lesson, blocks=blocks):
        progress = lesson_complete(person=person, lesson=lesson, method=LessonProgressMethod.EXERCISES)
    else:
        completion_evaluate(person=person, course=course)
    return progress


def all_exercises_submitted(*, person, lesson, blocks) -> bool:
    """Every exercise block has a submission: a quiz attempt, a checked magnet board or a submitted case."""
    submitted = set()
    for name, extra in (("QuizAttempt", {}), ("MagnetBoardAttempt", {}),
                        ("CaseAnswer", {"submitted_at__isnull": False})):
        model = selectors.optional_model("courses", name)
        if model is None:
            continue
        submitted |= set(
            model.objects.filter(person=person, lesson=lesson, **extra).values_list("block_id", flat=True)
        )
    return all(block_id in submitted for _type, block_id in blocks)


# --- Completions (evidence) ---------------------------------------------------------------------


def _lock_person(person_id):
    """Serialise completion writes for one person: concurrent posts queue here, then see each other."""
    User.objects.select_for_update().filter(pk=person_id).values_list("pk", flat=True).get()


def _valid_completion(person_id, course_id):
    return Completion.objects.valid().filter(person_id=person_id, course_id=course_id).order_by("-completed_on").first()


@transaction.atomic
def completion_record(
    *, person: User, course: CoursePage, completed_on: datetime.date, method: str,
    by: User | None = None, provider: Provider | None = None, reason: str = "",
) -> tuple[Completion, bool]:
    """Write a completion unless the person already holds a valid one for the course.
    Returns (completion, created). Exactly one row results even under concurrent calls."""
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The date cannot be in the future.")})
    if method == CompletionMethod.MANUAL:
        access = access_for(by) if by else None
        if not access or not (access.is_national_admin or (provider and access.coordinates(provider))):
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason for entering the completion by hand.")})
    _lock_person(person.pk)
    existing = _valid_completion(person.pk, course.pk)
    if existing is not None:
        return existing, False
    completion = Completion(
        person=person, course=course, completed_on=completed_on, method=method, provider=provider,
        reason=reason.strip(), recorded_by=by,
    )
    completion.full_clean(exclude=["verification_code"])
    completion.save()
    completion.verification_code = verification_code_for(completion.pk)
    completion.save(update_fields=["verification_code"])
    return completion, True


def completion_evaluate(*, person: User, course: CoursePage) -> Completion | None:
    """Run the course's completion rule; write the completion when it is met."""
    if _valid_completion(person.pk, course.pk):
        return None
    status = selectors.completion_rule_status(person=person, course=course)
    if not status.met:
        return None
    method = CompletionMethod.ATTENDANCE if status.by_attendance else CompletionMethod.E_LEARNING
    completion, created = completion_record(
        person=person, course=course, completed_on=timezone.localdate(), method=method,
        provider=_provider_for(person=person, course=course) if status.by_attendance else None,
    )
    return completion if created else None


def _provider_for(*, person, course):
    """The provider of the cohort the person last attended, when scheduling knows it."""
    from scheduling.models import Attendance

    attendance = (
        Attendance.objects.filter(person=person, status=Attendance.Status.ATTENDED,
                                  session__event__course_page_id=course.pk)
        .select_related("session__event__provider").order_by("-session__starts_at").first()
    )
    return attendance.session.event.provider if attendance else None


@transaction.atomic
def completion_revoke(*, completion: Completion, by: User, reason: str) -> CompletionRevocation:
    """Revoke a completion with a reason. The completion stays; the revocation is a new row."""
    access = access_for(by)
    if not (access.is_national_admin or (completion.provider_id and access.coordinates(completion.provider_id))):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for the revocation.")})
    Completion.objects.select_for_update().filter(pk=completion.pk).get()
    if CompletionRevocation.objects.filter(completion=completion).exists():
        raise ValidationError(_("This completion has already been revoked."))
    revocation = CompletionRevocation(completion=completion, reason=reason.strip(), revoked_by=by)
    revocation.full_clean(validate_unique=False)
    revocation.save()
    return revocation


# --- Signals from scheduling and the exercises --------------------------------------------------


def attendance_recorded(*, person_id: int, session_id: int) -> Completion | None:
    """A provider recorded attendance on a course day: enrol (cohort) and run the completion rule."""
    Session = selectors.optional_model("scheduling", "Session")
    if Session is None:
        return None
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    course_id = getattr(session.event, "course_page_id", None) if session else None
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    person = User.objects.filter(pk=person_id).first()
    if course is None or person is None:
        return None
    with transaction.atomic():
        enrolment_ensure(person=person, course=course, source=EnrolmentSource.COHORT)
        return completion_evaluate(person=person, course=course)


def registration_confirmed(*, person_id: int, event_id: int) -> Enrolment | None:
    """A confirmed cohort registration enrols the person in the event's course."""
    Event = selectors.optional_model("scheduling", "Event")
    if Event is None:
        return None
    event = Event.objects.filter(pk=event_id).first()
    course_id = getattr(event, "course_page_id", None) if event else None
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    person = User.objects.filter(pk=person_id).first()
    if course is None or person is None:
        return None
    return enrolment_ensure(person=person, course=course, source=EnrolmentSource.COHORT)


def may_record_manually(user) -> bool:
    access = access_for(user)
    return access.is_national_admin or bool(access.provider_ids(Role.COORDINATOR))
