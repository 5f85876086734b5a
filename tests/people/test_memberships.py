import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from people import services
from people.models import Membership, MembershipEvent, Municipality
from tests.factories import TOTP_SECRET, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_all_98_municipalities_with_regions_that_change_over_time():
    assert Municipality.objects.count() == 98
    koebenhavn = Municipality.objects.get(code="101")
    assert koebenhavn.region_on(datetime.date(2026, 6, 1)).name == "Region Hovedstaden"
    assert koebenhavn.region_on(datetime.date(2027, 1, 1)).name == "Region Østdanmark"
    aarhus = Municipality.objects.get(name="Aarhus")
    assert aarhus.region_on(datetime.date(2027, 6, 1)).name == "Region Midtjylland"


def test_end_before_start_is_refused_by_the_service(municipality):
    person = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            person=person, role="sagsbehandler", municipality=municipality,
            start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 4, 1),
        )
    assert "slutdato" in str(error.value).lower()
    assert not Membership.objects.filter(person=person).exists()


def test_database_refuses_end_before_start_too(municipality):
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            person=UserFactory(), role="sagsbehandler", municipality=municipality,
            start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 4, 1),
        )


def test_role_must_match_organisation(provider):
    with pytest.raises(ValidationError):
        services.membership_create(person=UserFactory(), role="sagsbehandler", provider=provider,
                                   start_date=datetime.date(2025, 1, 1))


def test_membership_changes_are_recorded_and_groups_follow_roles(municipality, leader):
    person = UserFactory()
    membership = services.membership_create(
        person=person, role="superbruger", municipality=municipality, start_date=datetime.date(2024, 1, 1), by=leader
    )
    assert person.groups.filter(name="Superbrugere").exists()
    services.membership_end(membership=membership, end_date=datetime.date(2025, 1, 1), by=leader)
    assert not person.groups.filter(name="Superbrugere").exists()
    actions = list(MembershipEvent.objects.filter(membership=membership).values_list("action", flat=True))
    assert actions == ["created", "ended"]


def test_mover_keeps_history(municipality, other_municipality):
    person = UserFactory()
    first = services.membership_create(person=person, role="sagsbehandler", municipality=municipality,
                                       start_date=datetime.date(2020, 1, 1))
    services.membership_end(membership=first, end_date=datetime.date(2023, 12, 31), by=None)
    services.membership_create(person=person, role="sagsbehandler", municipality=other_municipality,
                               start_date=datetime.date(2024, 1, 1))
    assert list(person.memberships.order_by("start_date").values_list("municipality", flat=True)) == [
        municipality.pk, other_municipality.pk
    ]
    assert person.memberships.current().get().municipality == other_municipality


def test_leader_edits_membership_and_bad_end_date_gets_danish_error(client, leader, caseworker):
    membership = caseworker.memberships.get()
    client.force_login(leader)
    url = reverse("people:membership_edit", args=[membership.pk])
    response = client.post(url, {"role": "sagsbehandler", "team": "", "start_date": "2024-01-01", "end_date": "2023-01-01"})
    assert response.status_code == 200
    assert "Slutdatoen kan ikke ligge før startdatoen." in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None
    response = client.post(url, {"role": "sagsbehandler", "team": "", "start_date": "2024-01-01", "end_date": "2026-03-31"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2026, 3, 31)


def test_admin_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Superbrugere", "Ledere", "Kursusudbydere", "Nationale administratorer"
    }


def test_wagtail_admin_user_form_uses_full_name(client, db):
    superuser = UserFactory(is_superuser=True)
    MembershipFactory(person=superuser, role="leder")
    TOTP.activate(superuser, TOTP_SECRET)  # Wagtail superusers pass two-factor in the session
    client.force_login(superuser)
    html = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="full_name"' in html
    assert 'name="first_name"' not in html


def test_only_the_leader_of_the_municipality_may_change_a_membership(municipality, other_leader, leader):
    from django.core.exceptions import PermissionDenied

    membership = services.membership_create(
        person=UserFactory(), role="sagsbehandler", municipality=municipality, start_date=datetime.date(2024, 1, 1)
    )
    with pytest.raises(PermissionDenied):
        services.membership_update(membership=membership, by=other_leader, end_date=datetime.date(2025, 1, 1))
    membership.refresh_from_db()
    assert membership.end_date is None
    services.membership_update(membership=membership, by=leader, end_date=datetime.date(2025, 1, 1))
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2025, 1, 1)


def test_a_role_grants_nothing_before_its_start_date_nor_after_its_end(client, municipality):
    future = UserFactory()
    MembershipFactory(person=future, municipality=municipality, role="leder",
                      start_date=datetime.date.today() + datetime.timedelta(days=10))
    ended = UserFactory()
    MembershipFactory(person=ended, municipality=municipality, role="leder", start_date=datetime.date(2020, 1, 1),
                      end_date=datetime.date.today() - datetime.timedelta(days=1))
    url = reverse("compliance:municipal", args=[municipality.slug])
    for person in (future, ended):
        client.force_login(person)
        assert client.get(url).status_code == 404
