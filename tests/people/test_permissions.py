"""people.permissions: who may plan for which municipality (the one answer scheduling and courses ask)."""

import datetime

import pytest
from django.utils import timezone

from people.models import Municipality
from people.permissions import access_for, plannable_municipalities
from people.roles import Role
from tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_leaders_and_superusers_plan_for_their_own_municipality_only(municipality, other_municipality):
    leader = MembershipFactory(municipality=municipality, role=Role.LEADER).person
    superuser = MembershipFactory(municipality=other_municipality, role=Role.SUPERUSER).person
    caseworker = MembershipFactory(municipality=municipality, role=Role.CASEWORKER).person
    assert list(plannable_municipalities(leader)) == [municipality]
    assert list(plannable_municipalities(superuser)) == [other_municipality]
    assert not plannable_municipalities(caseworker).exists()
    assert access_for(leader).may_plan_for(municipality) and not access_for(leader).may_plan_for(other_municipality)
    assert not access_for(caseworker).may_plan_for(municipality.pk)


def test_an_ended_role_plans_no_more(municipality):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    former = MembershipFactory(municipality=municipality, role=Role.LEADER, end_date=yesterday).person
    MembershipFactory(person=former, municipality=MunicipalityFactory(), role=Role.CASEWORKER)
    assert not plannable_municipalities(former).exists()


def test_a_leader_of_two_plans_for_both(municipality, other_municipality):
    leader = MembershipFactory(municipality=municipality, role=Role.LEADER).person
    MembershipFactory(person=leader, municipality=other_municipality, role=Role.SUPERUSER)
    assert set(plannable_municipalities(leader)) == {municipality, other_municipality}


def test_national_admins_plan_for_every_municipality(admin_user, municipality):
    assert plannable_municipalities(admin_user).count() == Municipality.objects.count()
    assert access_for(admin_user).may_plan_for(municipality)


def test_anonymous_and_providers_plan_for_none(coordinator):
    from django.contrib.auth.models import AnonymousUser

    assert not plannable_municipalities(AnonymousUser()).exists()
    assert not plannable_municipalities(coordinator).exists()
