"""Completions: the course's completion rule as the person meets it now, their certificates, who may
record or revoke a completion, and the completion notes scheduling shows on a cohort's participant list."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from people.permissions import access_for
from people.roles import Role
from scheduling.models import Attendance, Event, Registration

from ..models import Completion, CoursePage, LessonPage, LessonProgress, QuizAttempt


@dataclass
class RuleCheck:
    key: str  # "lessons", "quizzes" or "days"
    label: str
    met: bool
    detail: str = ""


@dataclass
class RuleStatus:
    checks: list[RuleCheck]

    @property
    def met(self):
        return bool(self.checks) and all(check.met for check in self.checks)

    @property
    def by_attendance(self):
        return any(check.key == "days" for check in self.checks)


def valid_completion(*, person_id: int, course_id: int) -> Completion | None:
    """The person's latest completion of the course that is not revoked."""
    return (
        Completion.objects.valid().filter(person_id=person_id, course_id=course_id).order_by("-completed_on").first()
    )


def days_attended(*, person, course: CoursePage) -> set[int]:
    """The day numbers of the course the person attended, in any cohort of it (so a missed day can be
    made up on the same-numbered day of another cohort)."""
    return set(
        Attendance.objects.filter(
            person=person, status=Attendance.Status.ATTENDED, session__event__course_page_id=course.pk,
        ).values_list("session__day_number", flat=True)
    )


def _of(done, total):
    return _("%(done)s of %(total)s") % {"done": done, "total": total}


def completion_rule_status(*, person, course: CoursePage, done_lesson_ids=None) -> RuleStatus:
    """Which of the course's completion rules the person meets now. `done_lesson_ids`: the lessons they
    have done, when the caller has read them already (the course page's progress)."""
    checks = []
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    if done_lesson_ids is None:
        done_lesson_ids = LessonProgress.objects.filter(person=person, course=course).values_list("lesson_id", flat=True)
    done = set(done_lesson_ids)
    if course.rule_required_lessons:
        required = [lesson for lesson in lessons if lesson.required]
        missing = [lesson for lesson in required if lesson.pk not in done]
        checks.append(RuleCheck("lessons", _("All required lessons completed"), not missing,
                                _of(len(required) - len(missing), len(required))))
    if course.rule_quizzes_passed:
        quizzes = [(lesson.pk, child.id) for lesson in lessons for child in lesson.exercise_blocks()
                   if child.block_type == "quiz"]
        if quizzes:
            passed = set(
                QuizAttempt.objects.filter(person=person, lesson_id__in={q[0] for q in quizzes}, passed=True)
                .values_list("lesson_id", "block_id")
            )
            missing = [q for q in quizzes if q not in passed]
            checks.append(RuleCheck("quizzes", _("Every quiz passed"), not missing,
                                    _of(len(quizzes) - len(missing), len(quizzes))))
    if course.rule_all_days_attended and course.course_days:
        attended = days_attended(person=person, course=course)
        wanted = set(range(1, course.course_days + 1))
        checks.append(RuleCheck("days", _("Every course day attended"), wanted <= attended,
                                _of(len(wanted & attended), len(wanted))))
    return RuleStatus(checks=checks)


def own_completions(*, person):
    """The person's completions, revoked ones too (their certificates page shows them as revoked)."""
    return (
        Completion.objects.filter(person=person)
        .select_related("course", "provider", "revocation")
        .order_by("-completed_on", "-pk")
    )


def may_record_manually(user) -> bool:
    """Provider coordinators and national admins may enter completions by hand."""
    access = access_for(user)
    return access.is_national_admin or bool(access.provider_ids(Role.COORDINATOR))


def may_record_for(*, by, person, course: CoursePage, provider) -> bool:
    """Whether `by` may enter a completion of `course` by hand for `person`: a national admin for anyone;
    a coordinator only for people with a confirmed registration on a cohort of that course run by
    `provider`, a provider they coordinate (a cancelled cohort or registration does not count)."""
    access = access_for(by)
    if access.is_national_admin:
        return True
    if provider is None or not access.coordinates(provider):
        return False
    return Registration.objects.filter(
        person_id=person.pk, status=Registration.Status.CONFIRMED, event__kind=Event.Kind.COHORT,
        event__course_page_id=course.pk, event__provider_id=provider.pk, event__cancelled_at__isnull=True,
    ).exists()


def may_revoke(user, completion: Completion) -> bool:
    """National admins, and coordinators of the provider that ran the course, may revoke a completion."""
    access = access_for(user)
    return access.is_national_admin or bool(completion.provider_id and access.coordinates(completion.provider_id))


def cohort_completion_notes(event, person_ids) -> dict:
    """For scheduling's participant list: who on a cohort has completed its course (one query)."""
    if not event.course_page_id or not person_ids:
        return {}
    notes = {}
    for completion in Completion.objects.valid().filter(course_id=event.course_page_id, person_id__in=person_ids):
        notes[completion.person_id] = {
            "label": _("Completed %(date)s · certificate") % {
                "date": formats.date_format(completion.completed_on, "SHORT_DATE_FORMAT")},
            "url": reverse("courses:certificate_verify", args=[completion.verification_code])
            if completion.verification_code else None,
        }
    return notes
