"""Small helpers for compliance tests: course pages by kind, completions, staff, agreements."""

import datetime

from django.utils import timezone

from compliance import services
from tests.factories import MembershipFactory, UserFactory


def course_page(kind):
    from wagtail.models import Page

    from courses.models import CoursePage

    existing = CoursePage.objects.filter(kind=kind).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    return root.add_child(instance=CoursePage(title=f"Kursus {kind}", slug=f"kursus-{kind}", kind=kind))


def completion(person, day, kind="grundkursus", revoked_at=None, revoked_by=None):
    from courses.models import Completion, CompletionRevocation

    done = Completion.objects.create(person=person, course=course_page(kind), completed_on=day, method="imported")
    if revoked_at is not None:
        CompletionRevocation.objects.create(
            completion=done, reason="Fejl", revoked_by=revoked_by or person,
            revoked_at=timezone.make_aware(datetime.datetime.combine(revoked_at, datetime.time(12))),
        )
    return done


def staff(municipality, *, start=datetime.date(2024, 1, 1), end=None, role="sagsbehandler", team=None, person=None):
    person = person or UserFactory()
    MembershipFactory(person=person, municipality=municipality, role=role, start_date=start, end_date=end, team=team)
    return person


def agreement(municipality, *, signed_on=datetime.date(2020, 1, 1), by=None, **kwargs):
    return services.licence_agreement_create(municipality=municipality, signed_on=signed_on, by=by, **kwargs)
