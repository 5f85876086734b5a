"""Attacks on the completion evidence over HTTP: a coordinator entering a completion for someone who
never sat on one of the provider's cohorts, probing emails for names and records; and the public
verification page telling a licence audit which completions were imported, and by whom."""

import datetime
import re

import pytest
from django.urls import reverse

from courses.models import Completion, CompletionMethod
from courses.services.completion import completion_record
from scheduling.models import Event, Registration
from tests.courses.test_learning_support import elearning  # noqa: F401
from tests.factories import MembershipFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db
NEUTRAL = "Vi kan ikke registrere et kursusbevis for denne e-mailadresse på dette kursus."


def _cohort(course, provider, **fields):
    return Event.objects.create(kind=Event.Kind.COHORT, title="Hold 1", provider=provider, course_page=course,
                                **fields)


def _register(event, person, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(event=event, person=person, status=status)


@pytest.fixture
def post_as(client, coordinator, provider, elearning):  # noqa: F811
    client.force_login(coordinator)

    def post(email, **extra):
        data = {"person": email, "course": elearning.course.pk, "completed_on": "2024-05-02",
                "provider": provider.pk, "reason": "Fremmøde ført på papir", **extra}
        return client.post(reverse("courses:completion_create"), data)

    return post


def test_strangers_unknown_emails_and_other_providers_participants_get_one_answer(
        post_as, elearning, caseworker, provider):  # noqa: F811
    other_provider = ProviderFactory()
    on_other_cohort = UserFactory(full_name="Hemmelig Deltager")
    _register(_cohort(elearning.course, other_provider), on_other_cohort)
    cancelled = UserFactory(full_name="Afmeldt Deltager")
    _register(_cohort(elearning.course, provider), cancelled, status=Registration.Status.CANCELLED)
    waitlisted = UserFactory(full_name="Venteliste Deltager")
    _register(_cohort(elearning.course, provider), waitlisted, status=Registration.Status.WAITLISTED)
    # A stranger who holds a completion already: the answer must not tell.
    completion_record(person=caseworker, course=elearning.course, completed_on=datetime.date(2023, 1, 5),
                      method=CompletionMethod.E_LEARNING)
    before = Completion.objects.count()

    answers = []
    for email in (caseworker.email, "ingen-saadan@example.dk", on_other_cohort.email, cancelled.email,
                  waitlisted.email):
        response = post_as(email)
        body = response.content.decode()
        assert response.status_code == 200
        assert NEUTRAL in body
        for name in (caseworker.full_name, on_other_cohort.full_name, cancelled.full_name, waitlisted.full_name):
            assert name not in body
        assert "2023" not in body and "05-01" not in body
        answers.append(body.replace(email, "EMAIL"))
    assert Completion.objects.count() == before
    # Byte for byte the same page once the posted email (echoed in its own field) is set aside.
    without_tokens = {re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", a) for a in answers}
    assert len(without_tokens) == 1


def test_a_person_on_the_coordinators_cohort_gets_the_completion(post_as, elearning, provider, coordinator):  # noqa: F811
    participant = UserFactory(full_name="Rigtig Deltager")
    _register(_cohort(elearning.course, provider), participant)
    response = post_as(participant.email.upper())
    assert response.status_code == 302
    completion = Completion.objects.get(person=participant)
    assert completion.method == CompletionMethod.MANUAL and completion.recorded_by == coordinator
    assert completion.provider == provider and completion.verification_code
    # A second entry changes nothing and names no one.
    response = post_as(participant.email, reason="Igen")
    assert response.status_code == 302
    assert Completion.objects.filter(person=participant).count() == 1


def test_a_cancelled_cohort_or_another_course_does_not_count(post_as, elearning, provider):  # noqa: F811
    from django.utils import timezone

    from tests.courses.test_learning_support import build_course

    other_course = build_course(title="Et andet kursus").course
    on_other_course = UserFactory()
    _register(_cohort(other_course, provider), on_other_course)
    on_cancelled_cohort = UserFactory()
    _register(_cohort(elearning.course, provider, cancelled_at=timezone.now()), on_cancelled_cohort)
    for person in (on_other_course, on_cancelled_cohort):
        assert NEUTRAL in post_as(person.email).content.decode()
    assert not Completion.objects.exists()


def test_a_coordinator_of_two_providers_cannot_use_one_providers_cohort_for_the_other(
        client, coordinator, provider, elearning):  # noqa: F811
    second = ProviderFactory()
    MembershipFactory(person=coordinator, provider=second, municipality=None, role="koordinator")
    participant = UserFactory()
    _register(_cohort(elearning.course, second), participant)
    client.force_login(coordinator)
    data = {"person": participant.email, "course": elearning.course.pk, "completed_on": "2024-05-02",
            "provider": provider.pk, "reason": "Papir"}
    assert NEUTRAL in client.post(reverse("courses:completion_create"), data).content.decode()
    assert not Completion.objects.exists()
    response = client.post(reverse("courses:completion_create"), {**data, "provider": second.pk})
    assert response.status_code == 302 and Completion.objects.get().provider == second


def test_a_national_admin_may_enter_anyone_but_an_unknown_email_gets_the_same_answer(
        client, admin_user, caseworker, elearning):  # noqa: F811
    client.force_login(admin_user)
    data = {"person": "ukendt@example.dk", "course": elearning.course.pk, "completed_on": "2024-05-02",
            "provider": "", "reason": "Papir"}
    assert NEUTRAL in client.post(reverse("courses:completion_create"), data).content.decode()
    response = client.post(reverse("courses:completion_create"), {**data, "person": caseworker.email})
    assert response.status_code == 302 and Completion.objects.get().person == caseworker


# --- The verification page ------------------------------------------------------------------------

def test_the_verification_page_marks_an_imported_completion_and_who_imported_it(client, caseworker, leader,
                                                                               elearning):  # noqa: F811
    imported, _ = completion_record(person=caseworker, course=elearning.course,
                                    completed_on=datetime.date(2019, 3, 1), method=CompletionMethod.IMPORTED,
                                    by=leader, reason="Tidligere kursusliste")
    earned, _ = completion_record(person=leader, course=elearning.course, completed_on=datetime.date(2024, 3, 1),
                                  method=CompletionMethod.E_LEARNING)
    body = client.get(reverse("courses:certificate_verify", args=[imported.verification_code])).content.decode()
    assert "Indlæst fra en tidligere registrering" in body
    assert leader.full_name in body
    body = client.get(reverse("courses:certificate_verify", args=[earned.verification_code])).content.decode()
    assert "Indlæst fra en tidligere registrering" not in body
