"""The role homes compliance builds (compliance/panels.py): a caseworker's own status with what is
missing and the next step, a leader's headline and who needs action, the national admin's national
picture. From the outside (HTTP), and with the query count constant as the data grows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance import services
from scheduling.models import Registration
from tests.factories import MunicipalityFactory
from tests.scheduling.factories import cohort

from .factories import agreement, completion, course_page, staff

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DASHBOARD = "/mit/"


def home(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


# --- The caseworker -----------------------------------------------------------------------------


def test_an_overdue_caseworker_sees_deadline_what_is_missing_and_the_cohort_to_sign_up_for(
        client, municipality, caseworker, provider):
    agreement(municipality)  # 365 days' grace; the caseworker started on 1 January 2024: overdue
    basic = course_page("grundkursus")
    open_cohort = cohort(provider, days=(20, 21, 22), course_page=basic, title="ICS-grundkursus, hold 7")
    client.force_login(caseworker)
    _n, html = home(client)
    assert "My licence status" in html or "Min licensstatus" in html
    deadline = datetime.date(2024, 1, 1) + datetime.timedelta(days=365)
    assert deadline.strftime("%Y") in html
    assert 'id="panel-compliance_own"' in html
    assert reverse("scheduling:event_detail", args=[open_cohort.pk]) in html  # the button that fixes it
    assert "hold 7" in html


def test_a_booked_caseworker_is_sent_to_the_e_learning_not_to_another_cohort(client, municipality, caseworker,
                                                                             provider):
    from scheduling.models import RegistrationChange
    from tests.courses.test_learning_support import build_course

    agreement(municipality)
    basic = build_course(kind="grundkursus", course_days=3, title="ICS-grundkursus").course
    booked = cohort(provider, days=(20, 21, 22), course_page=basic, title="ICS-grundkursus, hold 8")
    other = cohort(provider, days=(40, 41, 42), course_page=basic, title="ICS-grundkursus, hold 9")
    registration = Registration.objects.create(event=booked, person=caseworker, status=Registration.Status.CONFIRMED,
                                               municipality=municipality, confirmed_at=timezone.now())
    RegistrationChange.objects.create(registration=registration, status=Registration.Status.CONFIRMED)
    client.force_login(caseworker)
    response = client.get(reverse("compliance:own_status"))
    html = response.content.decode()
    assert response.status_code == 200
    next_step = html.split('class="own-next"')[1]
    assert basic.get_url() in next_step  # continue the e-learning
    assert reverse("scheduling:event_detail", args=[other.pk]) not in next_step


def test_a_completed_caseworker_is_told_nothing_is_missing(client, municipality, caseworker):
    agreement(municipality)
    completion(caseworker, datetime.date(2024, 3, 1))
    client.force_login(caseworker)
    html = client.get(reverse("compliance:own_status")).content.decode()
    assert "the requirement is met" in html or "kravet er opfyldt" in html


def test_a_leader_does_not_get_the_caseworkers_own_status_panel(client, municipality, leader):
    agreement(municipality)
    client.force_login(leader)
    _n, html = home(client)
    assert 'id="panel-compliance_own"' not in html
    assert 'id="panel-compliance_leader"' in html


def test_the_caseworkers_home_uses_a_constant_number_of_queries(client, municipality, caseworker, provider):
    agreement(municipality)
    basic = course_page("grundkursus")

    def grow(n):
        for _ in range(n):
            colleague = staff(municipality, start=datetime.date(2020, 1, 1))
            completion(colleague, datetime.date(2021, 1, 1))
            cohort(provider, days=(30, 31), course_page=basic)
            completion(staff(municipality, start=datetime.date(2020, 1, 1)), datetime.date(2021, 1, 1), kind="brush-up")

    grow(1)
    client.force_login(caseworker)
    home(client)  # caches warmed
    small, _ = home(client)
    grow(5)
    large, _ = home(client)
    assert large == small


# --- The leader ---------------------------------------------------------------------------------


def test_the_leader_sees_the_figure_and_who_needs_action_overdue_first(client, municipality, leader):
    agreement(municipality)
    today = TODAY()
    soon = staff(municipality, start=today - datetime.timedelta(days=360))  # within, 5 days left
    late = staff(municipality, start=today - datetime.timedelta(days=400))  # overdue by 35 days
    later = staff(municipality, start=today - datetime.timedelta(days=700))  # overdue by 335 days
    done = staff(municipality, start=datetime.date(2022, 1, 1))
    completion(done, datetime.date(2022, 6, 1))
    client.force_login(leader)
    _n, html = home(client)
    panel = html.split('id="panel-compliance_leader"')[1]
    assert "25,0 %" in panel or "25.0 %" in panel  # 1 of 4
    names = [p.full_name for p in (later, late, soon)]
    positions = [panel.index(name) for name in names]
    assert positions == sorted(positions)  # the longest overdue first, then the nearest deadline
    assert done.full_name not in panel
    assert reverse("compliance:book", args=[municipality.slug]) in panel
    assert f'{reverse("compliance:municipal", args=[municipality.slug])}?status=ikke-opfyldt' in panel


def test_another_municipalitys_leader_does_not_see_them(client, municipality, other_leader):
    agreement(municipality)
    late = staff(municipality, start=datetime.date(2020, 1, 1))
    client.force_login(other_leader)
    _n, html = home(client)
    assert late.full_name not in html


def test_the_leaders_home_uses_a_constant_number_of_queries(client, municipality, leader):
    agreement(municipality)
    today = TODAY()

    def grow(n):
        for i in range(n):
            staff(municipality, start=today - datetime.timedelta(days=300 + 40 * i))
            completion(staff(municipality, start=datetime.date(2021, 1, 1)), datetime.date(2021, 5, 1))

    grow(1)
    client.force_login(leader)
    home(client)
    small, _ = home(client)
    grow(8)
    large, html = home(client)
    assert "need action" in html or "skal handle" in html.lower() or "handling" in html
    assert large == small


# --- The national admin -------------------------------------------------------------------------


def test_the_national_admin_sees_the_national_figure_trend_and_municipalities_at_risk(client, admin_user):
    risky, fine, unlicensed = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    agreement(risky)
    agreement(fine)
    for _ in range(3):
        staff(risky, start=datetime.date(2020, 1, 1))  # overdue
    completion(staff(risky, start=datetime.date(2020, 1, 1)), datetime.date(2020, 6, 1))
    completion(staff(fine, start=datetime.date(2020, 1, 1)), datetime.date(2020, 6, 1))
    staff(unlicensed, start=datetime.date(2020, 1, 1))  # not counted: no agreement
    client.force_login(admin_user)
    _n, html = home(client)
    panel = html.split('id="panel-compliance_national"')[1]
    assert "40,0 %" in panel or "40.0 %" in panel  # 2 of 5 in the two licensed municipalities
    assert "<svg" in panel and "<table" in panel  # the trend, and its figures as a table
    at_risk = panel.split("panel-")[0]
    assert risky.name in at_risk
    assert unlicensed.name not in at_risk


def test_an_agreement_ending_ahead_is_listed(client, admin_user):
    ending = MunicipalityFactory()
    licence = agreement(ending)
    services.licence_terms_change(agreement=licence, valid_from=TODAY() + datetime.timedelta(days=40),
                                  by=admin_user, reason="Opsagt af kommunen", status="ended")
    client.force_login(admin_user)
    _n, html = home(client)
    assert "Opsagt af kommunen" in html
    assert ending.name in html


def test_a_leader_does_not_get_the_national_panel(client, municipality, leader):
    client.force_login(leader)
    _n, html = home(client)
    assert 'id="panel-compliance_national"' not in html


def test_the_national_home_uses_a_constant_number_of_queries(client, admin_user):
    first = MunicipalityFactory()
    agreement(first)
    staff(first, start=datetime.date(2020, 1, 1))
    client.force_login(admin_user)
    home(client)
    small, _ = home(client)
    for _ in range(4):
        more = MunicipalityFactory()
        agreement(more)
        staff(more, start=datetime.date(2020, 1, 1))
        completion(staff(more, start=datetime.date(2020, 1, 1)), datetime.date(2020, 3, 1))
    home(client)  # warm again, as for `small`: the new data made a new version of the course material
    large, _ = home(client)
    assert large == small
