"""Authorisation follows the role, always current (issue 16, part 2): the Wagtail groups and the Django
admin flags are rebuilt from the memberships in force, at login, on every membership change and in the
daily beat run; an ended superuser, leader or national admin keeps nothing, a future starter gets
nothing yet. Tried over HTTP as the person would, and the sync itself as a unit."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from courses.models import LessonPage
from courses.services.material import local_material_setup
from people import services
from people.groups import municipality_group_name, wagtail_groups_sync, wagtail_groups_sync_many
from people.models import Membership, User
from people.roles import Role
from people.tasks import wagtail_groups_sync_task
from tests.courses.test_material_support import build_lesson, local_index
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
    national_admin,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)


def group_names(person):
    return set(User.objects.get(pk=person.pk).groups.values_list("name", flat=True))


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def publish_data(lesson, title):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    return nested_form_data({
        "title": title, "slug": lesson.slug, "lesson_type": lesson.lesson_type,
        "estimated_minutes": lesson.estimated_minutes, "required": "on", "summary": "",
        "body": streamfield([("paragraph", rich_text("<p>Ændret af en tidligere leder.</p>"))]),
        "comments": inline_formset([]), "seo_title": "", "search_description": "", "action-publish": "on",
    })


def end_unnoticed(person, day=None):
    """The end date is reached with nobody touching the membership (written straight to the row)."""
    Membership.objects.filter(person=person).update(end_date=day or timezone.localdate() - datetime.timedelta(days=1))


@pytest.fixture
def local_lesson(municipality, superuser_person, leader):
    """Local material of the municipality; its superuser and leader are in its groups."""
    index_page = local_index(municipality)
    local_material_setup(index_page=index_page)
    lesson = build_lesson(index=index_page, body=[("paragraph", "<p>Lokal temadag.</p>")]).lesson
    assert municipality_group_name(Role.SUPERUSER, municipality.name) in group_names(superuser_person)
    assert municipality_group_name(Role.LEADER, municipality.name) in group_names(leader)
    return lesson


# --- From outside: the Wagtail admin ------------------------------------------------------------------


def test_superuser_whose_membership_ended_cannot_open_the_old_municipalitys_material(
    client, local_lesson, superuser_person
):
    client.force_login(superuser_person)
    assert client.get(edit_url(local_lesson)).status_code == 200
    end_unnoticed(superuser_person)
    client.logout()

    client.force_login(superuser_person)  # the login rebuilds the groups
    assert client.get(edit_url(local_lesson)).status_code in (302, 403)
    assert not local_lesson.permissions_for_user(User.objects.get(pk=superuser_person.pk)).can_edit()
    assert group_names(superuser_person) == set()


def test_the_daily_run_takes_the_rights_of_a_session_already_logged_in(client, local_lesson, superuser_person):
    client.force_login(superuser_person)
    assert client.get(edit_url(local_lesson)).status_code == 200
    end_unnoticed(superuser_person)

    assert wagtail_groups_sync_task() >= 1
    assert client.get(edit_url(local_lesson)).status_code in (302, 403)


def test_leader_whose_membership_ended_cannot_publish_the_old_municipalitys_material(client, local_lesson, leader):
    revisions = local_lesson.revisions.count()
    end_unnoticed(leader)
    client.force_login(leader)
    response = client.post(edit_url(local_lesson), publish_data(local_lesson, "Udgivet af en tidligere leder"))
    assert response.status_code in (302, 403)
    lesson = LessonPage.objects.get(pk=local_lesson.pk)
    assert lesson.title != "Udgivet af en tidligere leder"
    assert "Lokal temadag" in str(lesson.body[0].value)
    assert lesson.revisions.count() == revisions  # not even a draft was saved


def test_leader_in_force_may_publish_the_municipalitys_material(client, local_lesson, leader):
    """The control for the test above: the same post by a leader in force publishes."""
    client.force_login(leader)
    response = client.post(edit_url(local_lesson), publish_data(local_lesson, "Udgivet af lederen"))
    assert response.status_code == 302
    assert LessonPage.objects.get(pk=local_lesson.pk).title == "Udgivet af lederen"


def test_future_dated_superuser_membership_grants_nothing_today(client, municipality):
    index_page = local_index(municipality)
    local_material_setup(index_page=index_page)
    lesson = build_lesson(index=index_page, body=[("paragraph", "<p>Lokal temadag.</p>")]).lesson
    starter = UserFactory()
    services.membership_create(
        person=starter, role=Role.SUPERUSER, municipality=municipality,
        start_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    local_material_setup(index_page=index_page)  # saving the index again gives them nothing either
    assert group_names(starter) == set()

    client.force_login(starter)
    assert client.get(edit_url(lesson)).status_code in (302, 403)
    assert not lesson.permissions_for_user(User.objects.get(pk=starter.pk)).can_edit()


# --- From outside: a former national admin ------------------------------------------------------------


def _totp_code():
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2]))


def _log_in_with_totp(client, person):
    cache.clear()  # allauth's rate limits and used codes
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": _totp_code()})
    assert client.session.get("_auth_user_id") == str(person.pk)
    return response


@pytest.fixture
def former_national_admin(db):
    """A national admin who, like the demo's, was also made a Wagtail superuser; the role has ended."""
    person = national_admin()
    User.objects.filter(pk=person.pk).update(is_superuser=True, is_staff=True)
    end_unnoticed(person)
    return User.objects.get(pk=person.pk)


def test_former_national_admin_gets_no_admin_after_a_full_login(client, former_national_admin):
    _log_in_with_totp(client, former_national_admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    person = User.objects.get(pk=former_national_admin.pk)
    assert not person.is_superuser and not person.is_staff
    assert group_names(person) == set()
    assert client.get(reverse("compliance:national_export", args=["csv"])).status_code in (302, 403, 404)


def test_national_admin_in_force_keeps_the_admin(client):
    person = national_admin()
    User.objects.filter(pk=person.pk).update(is_superuser=True, is_staff=True)
    _log_in_with_totp(client, person)
    assert client.get("/admin/").status_code == 200
    person = User.objects.get(pk=person.pk)
    assert person.is_superuser and person.is_staff
    assert group_names(person) == {"Nationale administratorer"}


def test_ending_a_national_admin_membership_takes_the_flags_at_once(admin_user):
    User.objects.filter(pk=admin_user.pk).update(is_superuser=True, is_staff=True)
    membership = admin_user.memberships.get()
    services.membership_end(membership=membership, end_date=timezone.localdate() - datetime.timedelta(days=1), by=None)
    person = User.objects.get(pk=admin_user.pk)
    assert (person.is_superuser, person.is_staff) == (False, False)
    assert group_names(person) == set()


# --- The sync -----------------------------------------------------------------------------------------


@pytest.fixture
def local_groups(municipality):
    """The two groups courses makes for a municipality's local material."""
    return {
        role: Group.objects.create(name=municipality_group_name(role, municipality.name))
        for role in (Role.SUPERUSER, Role.LEADER)
    }


def test_group_names_come_from_one_function(municipality):
    assert municipality_group_name(Role.SUPERUSER, "Aarhus") == "Superbrugere – Aarhus"
    assert municipality_group_name(Role.LEADER, "Aarhus") == "Ledere – Aarhus"
    index_page = local_index(municipality)
    groups = local_material_setup(index_page=index_page)
    assert groups["editors"].name == municipality_group_name(Role.SUPERUSER, municipality.name)
    assert groups["approvers"].name == municipality_group_name(Role.LEADER, municipality.name)


def test_sync_follows_start_and_end_dates(municipality, local_groups):
    person = UserFactory()
    Membership.objects.create(person=person, role=Role.SUPERUSER, municipality=municipality,
                              start_date=TOMORROW, end_date=TOMORROW + datetime.timedelta(days=30))
    wanted = {"Superbrugere", municipality_group_name(Role.SUPERUSER, municipality.name)}

    assert not wagtail_groups_sync(person=person, day=TODAY).changed
    assert group_names(person) == set()
    assert wagtail_groups_sync(person=person, day=TOMORROW).changed  # the start date: in force
    assert group_names(person) == wanted
    wagtail_groups_sync(person=person, day=TOMORROW + datetime.timedelta(days=30))  # the end date: still
    assert group_names(person) == wanted
    wagtail_groups_sync(person=person, day=TOMORROW + datetime.timedelta(days=31))
    assert group_names(person) == set()


def test_sync_puts_a_person_in_each_role_and_municipality_they_hold(municipality, other_municipality, local_groups):
    person = UserFactory()
    Membership.objects.create(person=person, role=Role.LEADER, municipality=municipality, start_date=YESTERDAY)
    Membership.objects.create(person=person, role=Role.SUPERUSER, municipality=other_municipality,
                              start_date=YESTERDAY)
    Membership.objects.create(person=person, role=Role.SUPERUSER, municipality=municipality,
                              start_date=YESTERDAY - datetime.timedelta(days=400), end_date=YESTERDAY)
    wagtail_groups_sync(person=person, day=TODAY)
    # No local groups exist for the other municipality (it has no local material): none are made.
    assert group_names(person) == {"Ledere", "Superbrugere", municipality_group_name(Role.LEADER, municipality.name)}
    assert not Group.objects.filter(name=municipality_group_name(Role.SUPERUSER, other_municipality.name)).exists()


def test_sync_leaves_groups_made_by_hand_and_other_people_alone(municipality, local_groups):
    hand_made = Group.objects.create(name="Redaktion")
    person = MembershipFactory(municipality=municipality, role=Role.CASEWORKER).person
    person.groups.add(hand_made, local_groups[Role.LEADER])  # a leader's local group, given by hand
    bystander = MembershipFactory(municipality=municipality, role=Role.LEADER).person
    wagtail_groups_sync_many(day=TODAY)
    before = group_names(bystander)

    wagtail_groups_sync(person=person, day=TODAY)
    assert group_names(person) == {"Redaktion"}
    assert group_names(bystander) == before == {"Ledere", local_groups[Role.LEADER].name}


def test_django_flags_of_people_without_a_national_admin_membership_are_left_alone(municipality):
    operator = UserFactory(is_superuser=True, is_staff=True)
    MembershipFactory(person=operator, municipality=municipality, role=Role.LEADER)
    wagtail_groups_sync(person=operator, day=TODAY)
    operator = User.objects.get(pk=operator.pk)
    assert operator.is_superuser and operator.is_staff


def test_future_national_admin_holds_no_flags_before_the_start(db):
    person = UserFactory(is_superuser=True, is_staff=True)
    Membership.objects.create(person=person, role=Role.NATIONAL_ADMIN, start_date=TOMORROW)
    result = wagtail_groups_sync(person=person, day=TODAY)
    assert result.flags_revoked == 1 and (person.is_superuser, person.is_staff) == (False, False)
    assert User.objects.filter(pk=person.pk, is_superuser=False, is_staff=False).exists()


def _writes(queries):
    return [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]


def test_sync_is_idempotent_and_writes_nothing_the_second_time(municipality, local_groups):
    person = UserFactory(is_superuser=True, is_staff=True)
    Membership.objects.create(person=person, role=Role.SUPERUSER, municipality=municipality, start_date=YESTERDAY)
    Membership.objects.create(person=person, role=Role.NATIONAL_ADMIN, start_date=YESTERDAY, end_date=YESTERDAY)
    first = wagtail_groups_sync(person=person, day=TODAY)
    assert first.changed and first.groups_added == 2 and first.flags_revoked == 1
    after_first = group_names(person)

    with CaptureQueriesContext(connection) as queries:
        second = wagtail_groups_sync(person=person, day=TODAY)
    assert not second.changed
    assert _writes(queries.captured_queries) == []
    assert group_names(person) == after_first
    with CaptureQueriesContext(connection) as queries:
        assert not wagtail_groups_sync_many(day=TODAY).changed
    assert _writes(queries.captured_queries) == []


def _sync_queries(person, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        wagtail_groups_sync(person=person, day=TODAY, **kwargs)
    return len([q for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))])


def test_sync_query_count_does_not_grow_with_the_number_of_groups(db):
    def person_in(count):
        person = UserFactory(is_superuser=True)
        for _ in range(count):
            municipality = MunicipalityFactory()
            for role in (Role.SUPERUSER, Role.LEADER):
                Group.objects.create(name=municipality_group_name(role, municipality.name))
                Membership.objects.create(person=person, role=role, municipality=municipality, start_date=YESTERDAY)
        Membership.objects.create(person=person, role=Role.NATIONAL_ADMIN, start_date=YESTERDAY, end_date=YESTERDAY)
        return person

    small, large = person_in(1), person_in(12)
    # Everything changes: whether there is anything to sync, memberships, groups, group rows, flags read;
    # one delete, insert and update at most.
    assert _sync_queries(small) == _sync_queries(large) <= 8
    # Nothing changes: the same four reads and the flags check.
    assert _sync_queries(small) == _sync_queries(large) <= 5
    assert len(group_names(large)) == 2 + 24


def test_bulk_sync_query_count_does_not_grow_with_the_number_of_people(db):
    def people_in(count):
        municipality = MunicipalityFactory()
        group = Group.objects.create(name=municipality_group_name(Role.LEADER, municipality.name))
        for _ in range(count):
            MembershipFactory(municipality=municipality, role=Role.LEADER, start_date=YESTERDAY).person.groups.add(group)
        return User.objects.filter(memberships__municipality=municipality)

    small, large = people_in(1), people_in(10)
    end_unnoticed_all = Membership.objects.filter(person__in=small | large)
    end_unnoticed_all.update(end_date=YESTERDAY)
    with CaptureQueriesContext(connection) as small_queries:
        wagtail_groups_sync_many(people=small, day=TODAY)
    with CaptureQueriesContext(connection) as large_queries:
        result = wagtail_groups_sync_many(people=large, day=TODAY)
    assert len(small_queries.captured_queries) == len(large_queries.captured_queries)
    assert result.groups_removed == 20 and len(result.changed_person_ids) == 10


# --- When it runs -------------------------------------------------------------------------------------


def test_login_syncs_the_groups(client, municipality):
    person = MembershipFactory(municipality=municipality, role=Role.SUPERUSER).person
    assert "Superbrugere" in group_names(person)  # the factory puts them in, as a stale state
    end_unnoticed(person)
    client.force_login(person)
    assert group_names(person) == set()


def test_membership_services_sync_the_groups(municipality, local_groups, leader):
    today = timezone.localdate()
    person = UserFactory()
    membership = services.membership_create(
        person=person, role=Role.SUPERUSER, municipality=municipality,
        start_date=today + datetime.timedelta(days=1), by=leader,
    )
    assert group_names(person) == set()
    membership = services.membership_update(membership=membership, by=leader, start_date=today)
    assert group_names(person) == {"Superbrugere", local_groups[Role.SUPERUSER].name}
    services.membership_end(membership=membership, end_date=today, by=leader)
    assert group_names(person) == {"Superbrugere", local_groups[Role.SUPERUSER].name}  # the last day counts
    services.membership_update(membership=membership, by=leader, end_date=today - datetime.timedelta(days=1),
                               start_date=today - datetime.timedelta(days=5))
    assert group_names(person) == set()


def test_staff_added_by_a_leader_gets_the_groups_of_the_role(municipality, local_groups, leader):
    invitation = services.staff_add(
        by=leader, email="ny.leder@example.dk", full_name="Ny Leder", role=Role.LEADER,
        start_date=timezone.localdate(), municipality=municipality,
    )
    assert group_names(invitation.membership.person) == {"Ledere", local_groups[Role.LEADER].name}


def test_the_daily_run_is_in_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "people.tasks.wagtail_groups_sync_task" in tasks


def test_the_daily_run_catches_an_end_date_that_passed_unnoticed(municipality, leader):
    end_unnoticed(leader, day=YESTERDAY)
    assert "Ledere" in group_names(leader)
    assert wagtail_groups_sync_task(today=TODAY.isoformat()) >= 1
    assert group_names(leader) == set()
    assert wagtail_groups_sync_task(today=TODAY.isoformat()) == 0


# --- Wagtail's default groups -------------------------------------------------------------------------


def test_wagtails_default_groups_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    root = Page.get_first_root_node()
    assert not GroupPagePermission.objects.filter(page=root).exists()


def test_a_caseworkers_sync_is_one_query_and_a_hand_given_managed_group_is_still_taken(municipality, local_groups):
    """Most logins are caseworkers': no role that a managed group or the admin flags follow, and no group.
    Their sync reads that in one query and writes nothing; anyone with such a role, past or future, or
    with any group is synced in full."""
    caseworker = MembershipFactory(municipality=municipality, role=Role.CASEWORKER).person
    assert _sync_queries(caseworker) == 1
    assert group_names(caseworker) == set()

    caseworker.groups.add(local_groups[Role.LEADER])  # given by hand: the sync owns this group
    result = wagtail_groups_sync(person=caseworker, day=TODAY)
    assert result.groups_removed == 1 and group_names(caseworker) == set()

    starter = MembershipFactory(municipality=municipality, role=Role.CASEWORKER).person
    Membership.objects.create(person=starter, role=Role.LEADER, municipality=municipality, start_date=TOMORROW)
    assert _sync_queries(starter) > 1
    assert wagtail_groups_sync(person=starter, day=TOMORROW).groups_added == 2
