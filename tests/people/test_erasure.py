import pytest
from django.urls import reverse

from courses.models import Completion
from people.models import User

pytestmark = pytest.mark.django_db


def test_national_admin_erases_personal_data_but_keeps_memberships(client, admin_user, caseworker):
    membership_count = caseworker.memberships.count()
    client.force_login(admin_user)
    url = reverse("people:person_erase", args=[caseworker.pk])
    wrong = client.post(url, {"confirm": "forkert@example.dk"})
    assert wrong.status_code == 200
    assert User.objects.get(pk=caseworker.pk).email == caseworker.email
    response = client.post(url, {"confirm": caseworker.email})
    assert response.status_code == 302
    erased = User.objects.get(pk=caseworker.pk)
    assert caseworker.email not in erased.email and caseworker.full_name != erased.full_name
    assert not erased.is_active and not erased.has_usable_password()
    assert erased.memberships.count() == membership_count
    assert not erased.emailaddress_set.exists()


def test_erased_person_keeps_completions_as_evidence(admin_user, caseworker):
    from people.services import person_erase

    assert Completion._meta.get_field("person").remote_field.on_delete.__name__ == "PROTECT"
    person_erase(person=caseworker, by=admin_user)
    assert User.objects.filter(pk=caseworker.pk).exists()


def test_leader_may_not_erase(client, leader, caseworker):
    client.force_login(leader)
    assert client.post(reverse("people:person_erase", args=[caseworker.pk]), {"confirm": caseworker.email}).status_code == 403
    assert User.objects.get(pk=caseworker.pk).is_active
