"""Enrolment: a person taking a course, however they came to it (themselves, assigned by a leader, a
cohort registration), and its real end (a withdrawal, a cancelled registration, a cancelled cohort).

One row per person and course. Ending writes `ended_at` and `end_reason`; enrolling again in any way
reopens the same row (the e-learning progress, kept in LessonProgress, is untouched either way)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Membership, Team
from people.permissions import access_for
from people.roles import MUNICIPAL_ROLES

from ..models import CoursePage, Enrolment, EnrolmentEnd, EnrolmentSource
from ..selectors.catalogue import is_open_course
from ..selectors.cohorts import cohort_course, has_active_cohort_registration

User = get_user_model()


def _reopen(enrolment: Enrolment, *, source: str) -> Enrolment:
    """An ended enrolment becomes current again, with the way the person came back to it."""
    enrolment.ended_at = None
    enrolment.end_reason = ""
    enrolment.source = source
    enrolment.full_clean(validate_constraints=False)
    enrolment.save(update_fields=["ended_at", "end_reason", "source"])
    return enrolment


@transaction.atomic
def enrolment_self(*, person: User, course: CoursePage) -> Enrolment:
    """The learner enrols in an open e-learning course (or comes back to one they left). Enrolling
    while enrolled changes nothing."""
    existing = Enrolment.objects.select_for_update().filter(person=person, course=course).first()
    if existing is not None and existing.ended_at is None:
        return existing
    if not is_open_course(course, viewer=person):
        if course.live and course.course_days == 0:
            raise ValidationError(_("“%(course)s” is not open to you.") % {"course": course.title})
        raise ValidationError(
            _("You cannot enrol yourself in “%(course)s”. It has course days: sign up for a cohort in the calendar.")
            % {"course": course.title}
        )
    if existing is not None:
        return _reopen(existing, source=EnrolmentSource.SELF)
    enrolment = Enrolment(person=person, course=course, source=EnrolmentSource.SELF)
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_ensure(*, person: User, course: CoursePage, source: str = EnrolmentSource.COHORT) -> Enrolment:
    """Enrol the person unless they are enrolled (a cohort registration, attendance on a course day);
    an ended enrolment is reopened."""
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        person=person, course=course, defaults={"source": source},
    )
    if not created and enrolment.ended_at is not None:
        _reopen(enrolment, source=source)
    return enrolment


def _assignable_people(*, by: User, people_ids) -> set[int]:
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
    An existing enrolment keeps its history and gets the new due date; an ended one is reopened."""
    access = access_for(by)
    if not (access.is_national_admin or access.led_municipality_ids):
        raise PermissionDenied
    if due_date and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    if not course.live:
        raise ValidationError({"course": _("The course is not published.")})
    ids = {person.pk for person in (people or [])}
    if team is not None:
        if not access.leads(team.municipality_id):
            raise PermissionDenied
        ids |= set(
            Membership.objects.current().filter(team=team, role__in=sorted(MUNICIPAL_ROLES))
            .values_list("person_id", flat=True)
        )
    if not ids:
        raise ValidationError(_("Choose a person or a team."))
    if ids - _assignable_people(by=by, people_ids=ids):
        raise PermissionDenied
    existing = {e.person_id: e for e in Enrolment.objects.select_for_update().filter(course=course, person_id__in=ids)}
    result = []
    for person_id in sorted(ids):
        enrolment = existing.get(person_id)
        if enrolment is None:
            enrolment = Enrolment(
                person_id=person_id, course=course, source=EnrolmentSource.ASSIGNED,
                due_date=due_date, assigned_by=by,
            )
            enrolment.full_clean(validate_constraints=False)
            enrolment.save()
        else:
            if enrolment.ended_at is not None:
                _reopen(enrolment, source=EnrolmentSource.ASSIGNED)
            enrolment.due_date = due_date
            enrolment.assigned_by = by
            enrolment.save(update_fields=["due_date", "assigned_by"])
        result.append(enrolment)
    return result


@transaction.atomic
def enrolment_end(*, enrolment: Enrolment, reason: EnrolmentEnd, by: User | None = None) -> Enrolment:
    """End an enrolment now, with the reason. Ending an ended enrolment changes nothing.

    `by` is None when the system ends it (a cancelled registration or cohort); a person may end their
    own enrolment, a leader that of their municipality's staff, a national admin anyone's."""
    if by is not None and by.pk != enrolment.person_id and not _assignable_people(
        by=by, people_ids=[enrolment.person_id]
    ):
        raise PermissionDenied
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.ended_at is not None:
        return enrolment
    enrolment.ended_at = timezone.now()
    enrolment.end_reason = EnrolmentEnd(reason)
    enrolment.full_clean(validate_constraints=False)
    enrolment.save(update_fields=["ended_at", "end_reason"])
    return enrolment


# --- Cohorts (scheduling's registrations) ------------------------------------------------------


def registration_confirmed(*, person_id: int, event_id: int) -> Enrolment | None:
    """A confirmed cohort registration enrols the person in the cohort's course (or reopens it)."""
    course = cohort_course(event_id=event_id)
    person = User.objects.filter(pk=person_id).first()
    if course is None or person is None:
        return None
    return enrolment_ensure(person=person, course=course, source=EnrolmentSource.COHORT)


@transaction.atomic
def cohort_enrolment_end(*, person_id: int, event_id: int, reason: EnrolmentEnd) -> Enrolment | None:
    """End the enrolment a cohort made (source COHORT) in the cohort's course, unless the person still
    holds another active registration on a cohort of that course. Returns the ended enrolment, or None
    when nothing was ended (idempotent: a second call finds it ended)."""
    course = cohort_course(event_id=event_id)
    if course is None:
        return None
    enrolment = (
        Enrolment.objects.current().select_for_update()
        .filter(person_id=person_id, course=course, source=EnrolmentSource.COHORT).first()
    )
    if enrolment is None or has_active_cohort_registration(person_id=person_id, course=course):
        return None
    return enrolment_end(enrolment=enrolment, reason=reason)
