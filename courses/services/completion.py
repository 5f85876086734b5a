"""Completions: the evidence that a person completed a course, and its revocation.

A completion is written once per person and course (a row lock on the person serialises concurrent
attempts, so two simultaneous posts yield exactly one row) and never changed. A revocation is a row of
its own with a reason; after it, a new completion may be written.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Provider
from people.permissions import access_for
from scheduling.models import Attendance, Session

from ..certificates import verification_code_for
from ..models import Completion, CompletionMethod, CompletionRevocation, CoursePage, EnrolmentSource
from ..selectors.completion import completion_rule_status, may_record_for, may_revoke, valid_completion
from .enrolment import enrolment_ensure

User = get_user_model()


def not_recordable() -> ValidationError:
    """The one answer to a manual entry for someone the recorder may not enter a completion for: an
    unknown email, a person not on the recorder's cohorts of the course. It names no one and tells
    nothing about the person's training record."""
    return ValidationError({"person": _("We cannot record a certificate for this email address on this course.")},
                           code="not_recordable")


def _lock_person(person_id):
    """Serialise completion writes for one person: concurrent posts queue here, then see each other."""
    User.objects.select_for_update().filter(pk=person_id).values_list("pk", flat=True).get()


def _check_entry(*, completed_on, method, by, provider, reason) -> None:
    """What is checked before the person is looked at: the date, and for a manual entry the recorder's
    right to enter completions for the provider and a reason."""
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The date cannot be in the future.")})
    if method == CompletionMethod.MANUAL:
        access = access_for(by)
        if not (access.is_national_admin or (provider and access.coordinates(provider))):
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason for entering the completion by hand.")})


@transaction.atomic
def completion_record(
    *, person: User, course: CoursePage, completed_on: datetime.date, method: str,
    by: User | None = None, provider: Provider | None = None, reason: str = "",
) -> tuple[Completion, bool]:
    """Write a completion unless the person already holds a valid one for the course.
    Returns (completion, created). Exactly one row results even under concurrent calls.
    A manual entry needs a national admin, or a coordinator of `provider` entering a person registered
    on one of that provider's cohorts of the course (`may_record_for`); anyone else gets `not_recordable`."""
    _check_entry(completed_on=completed_on, method=method, by=by, provider=provider, reason=reason)
    if method == CompletionMethod.MANUAL and not may_record_for(by=by, person=person, course=course,
                                                                provider=provider):
        raise not_recordable()
    _lock_person(person.pk)
    existing = valid_completion(person_id=person.pk, course_id=course.pk)
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


@transaction.atomic
def completion_record_manual(
    *, email: str, course: CoursePage, completed_on: datetime.date, by: User, provider: Provider | None,
    reason: str,
) -> tuple[Completion, bool]:
    """A completion entered by hand for the person with this email (see `completion_record`). An unknown
    email gets the same refusal (`not_recordable`) as a person the recorder may not enter."""
    person = User.objects.filter(email__iexact=(email or "").strip()).first()
    if person is None:
        # The same checks, in the same order, as for a known person, so the answer cannot tell them apart.
        _check_entry(completed_on=completed_on, method=CompletionMethod.MANUAL, by=by, provider=provider,
                     reason=reason)
        raise not_recordable()
    return completion_record(
        person=person, course=course, completed_on=completed_on, method=CompletionMethod.MANUAL, by=by,
        provider=provider, reason=reason,
    )


def _provider_for(*, person, course) -> Provider | None:
    """The provider of the cohort the person last attended."""
    attendance = (
        Attendance.objects.filter(person=person, status=Attendance.Status.ATTENDED,
                                  session__event__course_page_id=course.pk)
        .select_related("session__event__provider").order_by("-session__starts_at").first()
    )
    return attendance.session.event.provider if attendance else None


def completion_evaluate(*, person: User, course: CoursePage) -> Completion | None:
    """Run the course's completion rule; write the completion when it is met."""
    if valid_completion(person_id=person.pk, course_id=course.pk):
        return None
    status = completion_rule_status(person=person, course=course)
    if not status.met:
        return None
    method = CompletionMethod.ATTENDANCE if status.by_attendance else CompletionMethod.E_LEARNING
    completion, created = completion_record(
        person=person, course=course, completed_on=timezone.localdate(), method=method,
        provider=_provider_for(person=person, course=course) if status.by_attendance else None,
    )
    return completion if created else None


@transaction.atomic
def completion_revoke(*, completion: Completion, by: User, reason: str) -> CompletionRevocation:
    """Revoke a completion with a reason. The completion stays; the revocation is a new row."""
    if not may_revoke(by, completion):
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


@transaction.atomic
def attendance_recorded(*, person_id: int, session_id: int) -> Completion | None:
    """A provider recorded attendance on a course day: enrol (cohort) and run the completion rule."""
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    course_id = session.event.course_page_id if session else None
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    person = User.objects.filter(pk=person_id).first()
    if course is None or person is None:
        return None
    enrolment_ensure(person=person, course=course, source=EnrolmentSource.COHORT)
    return completion_evaluate(person=person, course=course)
