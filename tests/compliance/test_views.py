"""The reports over HTTP: who may see what (404 for others), filters, as-of dates, exports."""

import datetime
import io

import pytest
from django.urls import reverse

from compliance.models import Exemption
from tests.factories import MembershipFactory

from .factories import agreement, completion, staff

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(municipality, team, caseworker):
    agreement(municipality)
    done = staff(municipality, start=D(2023, 1, 1), team=team)
    completion(done, D(2023, 5, 1))
    late = staff(municipality, start=D(2020, 1, 1), team=team)
    return {"done": done, "late": late, "caseworker": caseworker}


def municipal_urls(municipality, person_id=1):
    slug = municipality.slug
    return [
        reverse("compliance:municipal", args=[slug]),
        reverse("compliance:municipal_export", args=[slug, "csv"]),
        reverse("compliance:municipal_export", args=[slug, "xlsx"]),
        reverse("compliance:municipal_export", args=[slug, "pdf"]),
        reverse("compliance:staff", args=[slug]),
        reverse("compliance:exemption_create", args=[slug, person_id]),
    ]


def test_another_municipalitys_leader_gets_404_everywhere(client, municipality, other_leader, roster):
    client.force_login(other_leader)
    for url in municipal_urls(municipality, roster["late"].pk):
        response = client.get(url)
        assert response.status_code == 404, url
        assert roster["late"].full_name.encode() not in response.content
    response = client.post(reverse("compliance:book", args=[municipality.slug]), {"person": roster["late"].pk})
    assert response.status_code == 404
    response = client.post(reverse("compliance:roster_upload", args=[municipality.slug]), {})
    assert response.status_code == 404


def test_a_caseworker_sees_neither_the_municipal_nor_the_national_report(client, municipality, roster):
    client.force_login(roster["caseworker"])
    for url in municipal_urls(municipality) + [reverse("compliance:national"),
                                                reverse("compliance:national_export", args=["csv"])]:
        assert client.get(url).status_code == 404, url
    # ...but their own status.
    response = client.get(reverse("compliance:own_status"))
    assert response.status_code == 200
    assert municipality.name in response.content.decode()


def test_a_leader_sees_the_report_with_people_and_trend(client, municipality, leader, roster):
    client.force_login(leader)
    response = client.get(reverse("compliance:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("compliance:municipal", args=[municipality.slug])
    html = response.content.decode()
    assert roster["late"].full_name in html and roster["done"].full_name in html
    assert "<svg" in html and 'role="img"' in html
    assert response.context["figures"].total == 3
    assert response.context["figures"].completed == 1
    assert len(response.context["points"]) == 24


def test_filter_and_sort(client, municipality, leader, roster):
    client.force_login(leader)
    url = reverse("compliance:municipal", args=[municipality.slug])
    rows = client.get(url, {"status": "gennemfoert"}).context["rows"]
    assert [r.person_id for r in rows] == [roster["done"].pk]
    rows = client.get(url, {"status": "ikke-opfyldt"}).context["rows"]
    assert roster["done"].pk not in [r.person_id for r in rows] and rows
    names = [r.name for r in client.get(url, {"sort": "navn", "retning": "faldende"}).context["rows"]]
    assert names == sorted(names, key=str.lower, reverse=True)
    rows = client.get(url, {"q": roster["late"].email}).context["rows"]
    assert [r.person_id for r in rows] == [roster["late"].pk]


def test_as_of_a_past_date_over_http(client, municipality, leader, roster):
    client.force_login(leader)
    url = reverse("compliance:municipal", args=[municipality.slug])
    response = client.get(url, {"dato": "2023-04-30"})
    assert response.context["as_of"] == D(2023, 4, 30)
    assert response.context["figures"].completed == 0
    # A future or unreadable date falls back to today with a message, never a 500.
    assert client.get(url, {"dato": "2999-01-01"}).status_code == 200
    assert client.get(url, {"dato": "banan"}).status_code == 200


def test_exports(client, municipality, leader, roster):
    client.force_login(leader)
    csv = client.get(reverse("compliance:municipal_export", args=[municipality.slug, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    assert roster["late"].full_name in text and ";" in text.splitlines()[0]
    assert len(text.strip().splitlines()) == 1 + 3

    xlsx = client.get(reverse("compliance:municipal_export", args=[municipality.slug, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert any(roster["done"].full_name in (row or ()) for row in values)

    pdf = client.get(reverse("compliance:municipal_export", args=[municipality.slug, "pdf"]), {"dato": "2024-01-31"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "2024-01-31" in pdf["Content-Disposition"]

    assert client.get(reverse("compliance:municipal_export", args=[municipality.slug, "doc"])).status_code == 404


def test_national_report_and_exports_for_national_admin(client, admin_user, municipality, roster):
    client.force_login(admin_user)
    response = client.get(reverse("compliance:national"), {"alle": "1"})  # every municipality, not only licensed
    assert response.status_code == 200
    rows = response.context["rows"]
    from people.models import Municipality

    assert len(rows) == Municipality.objects.count()
    assert municipality.name in response.content.decode()
    sorted_rows = client.get(reverse("compliance:national"),
                             {"alle": "1", "sort": "overskredet", "retning": "faldende"}).context["rows"]
    assert sorted_rows[0].figures.overdue == max(r.figures.overdue for r in rows)
    csv = client.get(reverse("compliance:national_export", args=["csv"]), {"alle": "1"}).content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 1 + len(rows)
    pdf = client.get(reverse("compliance:national_export", args=["pdf"]), {"dato": "2025-01-01"})
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("compliance:national_export", args=["xlsx"]))
    assert xlsx.status_code == 200


def test_municipal_report_query_count_is_constant(client, municipality, leader, team, django_assert_max_num_queries):
    client.force_login(leader)
    url = reverse("compliance:municipal", args=[municipality.slug])
    for _i in range(3):
        completion(staff(municipality, team=team), D(2024, 2, 1))
    staff(municipality, team=team, start=D(2020, 1, 1))  # overdue: the booking box shows in both runs
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(30):
        person = staff(municipality, team=team, start=D(2021, 1, 1) + datetime.timedelta(days=i))
        if i % 3:
            completion(person, D(2022, 2, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["figures"].total == 34


def test_exemption_needs_a_reason(client, municipality, leader, roster):
    client.force_login(leader)
    url = reverse("compliance:exemption_create", args=[municipality.slug, roster["late"].pk])
    response = client.post(url, {"reason": "  ", "valid_from": "2024-01-01"})
    assert response.status_code == 200
    assert "Angiv en begrundelse" in response.content.decode()
    assert not Exemption.objects.exists()
    response = client.post(url, {"reason": "Langtidssygemeldt", "valid_from": "2024-01-01", "valid_until": "2030-01-01"})
    assert response.status_code == 302
    exemption = Exemption.objects.get()
    assert (exemption.granted_by, exemption.person) == (leader, roster["late"])


def test_dashboard_panels(client, municipality, leader, roster):
    client.force_login(leader)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("compliance:municipal", args=[municipality.slug]) in html
    client.force_login(roster["caseworker"])
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("compliance:own_status") in html


def test_a_leader_of_two_municipalities_chooses(client, municipality, other_municipality, leader):
    MembershipFactory(person=leader, municipality=other_municipality, role="leder")
    client.force_login(leader)
    response = client.get(reverse("compliance:index"))
    assert response.status_code == 200
    assert other_municipality.name in response.content.decode()


def test_ending_an_exemption_early(client, municipality, leader, roster):
    client.force_login(leader)
    url = reverse("compliance:exemption_create", args=[municipality.slug, roster["late"].pk])
    client.post(url, {"reason": "Orlov", "valid_from": "2024-01-01"})
    exemption = Exemption.objects.get()
    page = client.get(url)
    assert "Afslut fritagelsen" in page.content.decode()
    response = client.post(url, {"withdrawn_on": "2025-01-01", "end_reason": " "})
    assert response.status_code == 200 and not hasattr(Exemption.objects.get(), "withdrawal")
    response = client.post(url, {"withdrawn_on": "2025-01-01", "end_reason": "Tilbage fra orlov"})
    assert response.status_code == 302
    exemption.refresh_from_db()
    assert exemption.withdrawal.withdrawn_by == leader and exemption.reason == "Orlov"
    from compliance.selectors import reports as selectors
    from compliance.status import Status

    def status_on(day):
        rows = selectors.municipal_report(municipality=municipality, as_of=day).rows
        return next(r.status for r in rows if r.person_id == roster["late"].pk)

    assert status_on(D(2024, 12, 31)) == Status.EXEMPT
    assert status_on(D(2025, 1, 1)) == Status.OVERDUE


def test_formula_values_in_the_exports_are_plain_text(client, municipality, leader, team):
    from openpyxl import load_workbook

    agreement(municipality)
    hostile = staff(municipality, start=D(2020, 1, 1), team=team)
    hostile.full_name = '=HYPERLINK("http://example.invalid","klik")'
    hostile.save(update_fields=["full_name"])
    client.force_login(leader)
    text = client.get(reverse("compliance:municipal_export", args=[municipality.slug, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text
    assert "\n=HYPERLINK(" not in text and ";=HYPERLINK(" not in text
    xlsx = client.get(reverse("compliance:municipal_export", args=[municipality.slug, "xlsx"]))
    cells = [c for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in row]
    names = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert names and all(c.data_type == "s" and c.value.startswith("'") for c in names)


def test_an_exemption_reason_with_a_cpr_number_is_refused_and_nothing_is_written(client, municipality, leader, roster):
    client.force_login(leader)
    url = reverse("compliance:exemption_create", args=[municipality.slug, roster["late"].pk])
    response = client.post(url, {"reason": "Barnet 010190-1234 er syg", "valid_from": "2026-01-01"})
    assert response.status_code == 200
    assert "CPR" in response.content.decode()
    assert not Exemption.objects.exists()


def test_imported_completions_say_so_and_who_imported_them(client, municipality, leader, team):
    agreement(municipality)
    person = staff(municipality, start=D(2020, 1, 1), team=team)
    done = completion(person, D(2021, 3, 1))  # method "imported"
    done.recorded_by = leader
    done.save(update_fields=["recorded_by"])
    client.force_login(leader)
    page = client.get(reverse("compliance:municipal", args=[municipality.slug])).content.decode()
    assert f"indlæst af {leader.full_name}" in page
    text = client.get(reverse("compliance:municipal_export", args=[municipality.slug, "csv"])).content.decode("utf-8-sig")
    row = next(line for line in text.splitlines() if person.full_name in line)
    assert leader.full_name in row
