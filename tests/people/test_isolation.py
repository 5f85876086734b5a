"""From the outside: one municipality's people are invisible to another municipality's leader."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_leader_sees_own_staff(client, leader, caseworker, municipality):
    client.force_login(leader)
    response = client.get(reverse("people:staff_list", args=[municipality.slug]))
    assert response.status_code == 200
    assert caseworker.email in response.content.decode()


def test_other_municipalitys_leader_gets_404_for_staff_list(client, other_leader, caseworker, municipality):
    client.force_login(other_leader)
    response = client.get(reverse("people:staff_list", args=[municipality.slug]))
    assert response.status_code == 404
    assert caseworker.email not in response.content.decode()


def test_other_municipalitys_leader_gets_404_for_membership(client, other_leader, caseworker):
    client.force_login(other_leader)
    membership = caseworker.memberships.get()
    assert client.get(reverse("people:membership_edit", args=[membership.pk])).status_code == 404
    response = client.post(reverse("people:membership_edit", args=[membership.pk]),
                           {"role": "sagsbehandler", "start_date": "2024-01-01", "end_date": "2024-02-01"})
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.end_date is None


def test_caseworker_cannot_see_staff_list(client, caseworker, municipality):
    client.force_login(caseworker)
    assert client.get(reverse("people:staff_list", args=[municipality.slug])).status_code == 404


def test_anonymous_is_sent_to_login(client, municipality):
    response = client.get(reverse("people:staff_list", args=[municipality.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_national_admin_sees_every_municipality(client, admin_user, caseworker, municipality):
    client.force_login(admin_user)
    assert client.get(reverse("people:staff_list", args=[municipality.slug])).status_code == 200
    index = client.get(reverse("people:staff_index"))
    assert index.status_code == 200
    assert municipality.name in index.content.decode()


def test_staff_list_query_count_does_not_grow(client, leader, municipality, django_assert_max_num_queries):
    client.force_login(leader)
    url = reverse("people:staff_list", args=[municipality.slug])
    MembershipFactory.create_batch(3, municipality=municipality)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    MembershipFactory.create_batch(30, municipality=municipality)
    with django_assert_max_num_queries(12) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_coordinator_does_not_see_municipal_staff(client, coordinator, municipality, caseworker):
    client.force_login(coordinator)
    assert client.get(reverse("people:staff_list", args=[municipality.slug])).status_code == 404
