"""Cohorts: a course run as a scheduling event with course days. What courses reads of scheduling's
events and registrations to enrol people and to end the enrolments a cohort made."""

from scheduling.models import Event, Registration

from ..models import CoursePage

ACTIVE_REGISTRATION = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def cohort_course(*, event_id: int) -> CoursePage | None:
    """The course of a cohort, or None when the event is not a cohort of a course (or is gone)."""
    event = Event.objects.filter(pk=event_id, kind=Event.Kind.COHORT).first()
    if event is None or event.course_page_id is None:
        return None
    return CoursePage.objects.filter(pk=event.course_page_id).first()


def has_active_cohort_registration(*, person_id: int, course: CoursePage) -> bool:
    """Whether the person holds a confirmed or waitlisted registration on a cohort of the course that
    is not cancelled."""
    return Registration.objects.filter(
        person_id=person_id, status__in=ACTIVE_REGISTRATION,
        event__kind=Event.Kind.COHORT, event__course_page_id=course.pk, event__cancelled_at__isnull=True,
    ).exists()


def cohort_registered_people(*, event_id: int) -> list[int]:
    """The people registered on an event (confirmed or waitlisted)."""
    return list(
        Registration.objects.filter(event_id=event_id, status__in=ACTIVE_REGISTRATION)
        .order_by("person_id").values_list("person_id", flat=True)
    )
