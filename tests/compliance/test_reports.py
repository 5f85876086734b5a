"""Report figures from evidence in the database: leavers, movers, as-of dates, licence history,
the national table, and query counts that stay constant as people grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance import services
from compliance.models import Exemption
from compliance.selectors import reports as selectors
from compliance.selectors.trend import last_months, trend
from compliance.status import Status
from people.models import Municipality
from tests.factories import MunicipalityFactory, TeamFactory

from .factories import agreement, completion, staff

D = datetime.date
pytestmark = pytest.mark.django_db


def statuses(municipality, as_of):
    report = selectors.municipal_report(municipality=municipality, as_of=as_of)
    return {row.person_id: row.status for row in report.rows}, report.figures


def test_leavers_count_only_while_employed(municipality):
    left = staff(municipality, start=D(2022, 1, 1), end=D(2024, 6, 30))
    by_id, figures = statuses(municipality, D(2024, 6, 30))
    assert by_id[left.pk] == Status.OVERDUE
    by_id, figures = statuses(municipality, D(2024, 7, 1))
    assert left.pk not in by_id
    assert figures.total == 0


def test_future_starters_are_not_counted_before_they_start(municipality):
    newcomer = staff(municipality, start=D(2025, 3, 1))
    assert newcomer.pk not in statuses(municipality, D(2025, 2, 28))[0]
    assert statuses(municipality, D(2025, 3, 1))[0][newcomer.pk] == Status.WITHIN


def test_a_mover_keeps_their_completion(municipality, other_municipality):
    mover = staff(municipality, start=D(2020, 1, 1), end=D(2023, 12, 31))
    completion(mover, D(2020, 6, 1))
    staff(other_municipality, start=D(2024, 1, 1), person=mover)
    assert statuses(other_municipality, D(2024, 2, 1))[0][mover.pk] == Status.COMPLETED
    assert mover.pk not in statuses(municipality, D(2024, 2, 1))[0]


def test_a_mover_without_a_completion_gets_a_new_deadline_from_the_new_start(municipality, other_municipality):
    mover = staff(municipality, start=D(2020, 1, 1), end=D(2023, 12, 31))
    staff(other_municipality, start=D(2024, 1, 1), person=mover)
    report = selectors.municipal_report(municipality=other_municipality, as_of=D(2024, 2, 1))
    assert report.rows[0].derived.deadline == D(2024, 12, 31)
    assert report.rows[0].status == Status.WITHIN


def test_a_person_with_two_roles_is_counted_once(municipality):
    person = staff(municipality, start=D(2020, 1, 1))
    staff(municipality, start=D(2021, 1, 1), role="superbruger", person=person)
    report = selectors.municipal_report(municipality=municipality, as_of=D(2024, 1, 1))
    assert report.figures.total == 1
    assert report.rows[0].start_date == D(2020, 1, 1)
    assert report.rows[0].is_superuser


def test_leaders_are_not_counted(municipality, leader):
    assert selectors.municipal_report(municipality=municipality).figures.total == 0


def test_superuser_requirement(municipality):
    agreement(municipality, min_superusers=2)
    one = staff(municipality, role="superbruger")
    two = staff(municipality, role="superbruger")
    completion(one, D(2024, 3, 1), kind="superbrugerkursus")
    figures = selectors.municipal_report(municipality=municipality, as_of=D(2024, 6, 1)).figures
    assert (figures.qualified_superusers, figures.required_superusers, figures.superusers_met) == (1, 2, False)
    completion(two, D(2024, 5, 1), kind="superbrugerkursus")
    figures = selectors.municipal_report(municipality=municipality, as_of=D(2024, 6, 1)).figures
    assert figures.superusers_met
    # As of a day before the second course, the requirement was not met.
    assert not selectors.municipal_report(municipality=municipality, as_of=D(2024, 4, 1)).figures.superusers_met


def test_percentage_leaves_exempt_people_out(municipality, leader):
    done = staff(municipality)
    completion(done, D(2024, 2, 1))
    staff(municipality)  # within deadline
    exempt = staff(municipality)
    Exemption.objects.create(person=exempt, municipality=municipality, reason="Orlov", valid_from=D(2024, 1, 1),
                             granted_by=leader)
    figures = selectors.municipal_report(municipality=municipality, as_of=D(2024, 6, 1)).figures
    assert figures.counts[Status.EXEMPT] == 1
    assert figures.percent == 50.0


def test_licence_terms_changed_over_time_apply_as_of(municipality, admin_user):
    licence = agreement(municipality, signed_on=D(2020, 1, 1), grace_period_days=365, by=admin_user)
    person = staff(municipality, start=D(2024, 1, 1))
    services.licence_terms_change(agreement=licence, valid_from=D(2024, 6, 1), by=admin_user,
                                  grace_period_days=100, reason="Kortere frist")
    # Before the change the old grace period applies; after it the new one.
    assert statuses(municipality, D(2024, 5, 31))[0][person.pk] == Status.WITHIN
    assert statuses(municipality, D(2024, 6, 1))[0][person.pk] == Status.OVERDUE
    assert licence.terms.count() == 2
    # A save without changes writes no new history row.
    services.licence_terms_record(agreement=licence, by=admin_user)
    assert licence.terms.count() == 2


def test_unlicensed_municipality_uses_the_defaults(municipality):
    figures = selectors.municipal_report(municipality=municipality).figures
    assert not figures.terms.licensed
    assert figures.terms.grace_period_days == 365


def test_as_of_a_past_date_reproduces_the_figures_then(municipality):
    a = staff(municipality, start=D(2023, 1, 1))
    completion(a, D(2023, 6, 1))
    b = staff(municipality, start=D(2023, 1, 1))
    completion(b, D(2024, 6, 1))
    assert selectors.municipal_report(municipality=municipality, as_of=D(2023, 12, 31)).figures.percent == 50.0
    assert selectors.municipal_report(municipality=municipality, as_of=D(2024, 6, 1)).figures.percent == 100.0


def test_national_report_lists_every_municipality(municipality):
    staff(municipality)
    rows = selectors.national_report()
    assert len(rows) == Municipality.objects.count()
    mine = next(r for r in rows if r.municipality == municipality)
    assert mine.figures.total == 1 and not mine.licensed


def test_trend_uses_snapshots_and_computes_the_rest(municipality):
    person = staff(municipality, start=D(2023, 1, 1))
    completion(person, D(2024, 3, 15))
    services.snapshot_month(month=D(2024, 1, 1))
    points = trend(municipality=municipality, as_of=D(2024, 6, 10))
    assert len(points) == 24
    by_month = {p.month: p for p in points}
    assert by_month[D(2024, 1, 1)].source == "snapshot"
    assert by_month[D(2024, 1, 1)].percent == 0.0
    assert by_month[D(2024, 3, 1)].source == "computed" and by_month[D(2024, 3, 1)].percent == 100.0
    assert points[-1].as_of == D(2024, 6, 10)
    # A second snapshot run for the month changes nothing.
    assert services.snapshot_month(month=D(2024, 1, 1)) == 0


def test_the_reports_own_figures_stand_for_the_current_month_of_its_trend(municipality):
    """The municipal report passes its figures on as_of to the trend, which then reads no evidence for
    the current month; the points are the same as when the trend computes them itself."""
    team = TeamFactory(municipality=municipality)
    agreement(municipality)
    _grow(municipality, 6, team)
    for month in last_months(D(2024, 6, 10), 24)[:-1]:
        services.snapshot_month(month=month)
    report = selectors.municipal_report(municipality=municipality, as_of=D(2024, 6, 10))
    computed = trend(municipality=municipality, as_of=D(2024, 6, 10))
    handed = _count(lambda: trend(municipality=municipality, as_of=D(2024, 6, 10), figures_as_of=report.figures))
    assert trend(municipality=municipality, as_of=D(2024, 6, 10), figures_as_of=report.figures) == computed
    assert computed[-1].source == "computed" and computed[-1].total == report.figures.total == 6
    assert handed == 1  # the snapshots only
    assert _count(lambda: trend(municipality=municipality, as_of=D(2024, 6, 10))) > handed


def _grow(municipality, n, team):
    for i in range(n):
        person = staff(municipality, start=D(2022, 1, 1) + datetime.timedelta(days=i * 7), team=team)
        if i % 2:
            completion(person, D(2023, 1, 1))


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_report_queries_do_not_grow_with_people(municipality):
    team = TeamFactory(municipality=municipality)
    agreement(municipality)
    _grow(municipality, 5, team)
    small_municipal = _count(lambda: selectors.municipal_report(municipality=municipality))
    small_national = _count(lambda: selectors.national_report())
    small_trend = _count(lambda: trend(municipality=municipality))
    _grow(municipality, 40, team)
    _grow(MunicipalityFactory(), 20, None)
    assert _count(lambda: selectors.municipal_report(municipality=municipality)) == small_municipal
    assert _count(lambda: selectors.national_report()) == small_national
    assert _count(lambda: trend(municipality=municipality)) == small_trend
    assert small_municipal <= 10


def test_completed_row_links_to_the_certificate(municipality):
    person = staff(municipality)
    done = completion(person, D(2024, 2, 1))
    done.verification_code = "ABCD-EFGH-JKLM"
    done.save(update_fields=["verification_code"])
    row = selectors.municipal_report(municipality=municipality, as_of=D(2024, 3, 1)).rows[0]
    assert row.status == Status.COMPLETED
    assert row.certificate_url and "ABCD-EFGH-JKLM" in row.certificate_url


def test_national_sort_by_percentage_puts_municipalities_without_staff_last(municipality, other_municipality):
    done = staff(municipality)
    completion(done, D(2024, 1, 1))
    staff(other_municipality)
    for descending in (True, False):
        rows = selectors.national_report(as_of=D(2024, 6, 1), sort="procent", descending=descending)
        percents = [r.figures.percent for r in rows]
        assert percents[:2] == ([100.0, 0.0] if descending else [0.0, 100.0])
        assert all(p is None for p in percents[2:])


def test_a_leaver_stays_as_evidence_but_their_later_certificates_from_elsewhere_do_not_show(
    client, municipality, other_municipality, leader
):
    agreement(municipality)
    leaver = staff(municipality, start=D(2020, 1, 1), end=D(2024, 6, 30))
    staff(other_municipality, start=D(2024, 7, 1), person=leaver)
    completion(leaver, D(2025, 3, 1))  # taken after leaving, in the new job
    while_employed = selectors.municipal_report(municipality=municipality, as_of=D(2024, 6, 1))
    row = next(r for r in while_employed.rows if r.person_id == leaver.pk)
    assert row.status == Status.OVERDUE and row.certificate_url is None  # the record as it was then
    assert leaver.pk not in {r.person_id for r in selectors.municipal_report(municipality=municipality).rows}
    client.force_login(leader)
    page = client.get(reverse("compliance:municipal", args=[municipality.slug])).content.decode()
    assert leaver.full_name not in page
