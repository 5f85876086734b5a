"""The national picture: licensed municipalities by default (a switch shows all), one region, sorted by
risk, the tile map and the trend; the exports carry exactly what the screen filters; constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Municipality, MunicipalityRegion, Region
from tests.factories import MunicipalityFactory

from .factories import agreement, completion, staff

pytestmark = pytest.mark.django_db
URL = reverse("compliance:national")


def csv_names(response):
    lines = response.content.decode("utf-8-sig").splitlines()[1:]
    return [line.split(";")[0] for line in lines]


@pytest.fixture
def country(db):
    """Three licensed municipalities in two regions (the 98 real ones carry their regions)."""
    north = Region.objects.create(name="Region Testnord")
    south = Region.objects.create(name="Region Testsyd")
    made = {}
    for name, region, overdue, done in (("Aaby", north, 1, 3), ("Bjerg", north, 3, 1), ("Cstrup", south, 2, 2)):
        municipality = MunicipalityFactory(name=name)
        MunicipalityRegion.objects.create(municipality=municipality, region=region,
                                          valid_from=datetime.date(2007, 1, 1))
        agreement(municipality)
        for _ in range(overdue):
            staff(municipality, start=datetime.date(2020, 1, 1))
        for _ in range(done):
            completion(staff(municipality, start=datetime.date(2020, 1, 1)), datetime.date(2020, 6, 1))
        made[name] = municipality
    return {"north": north, "south": south, **made}


def test_licensed_only_by_default_sorted_by_risk(client, admin_user, country):
    client.force_login(admin_user)
    response = client.get(URL)
    html = response.content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Skanderborg" not in table  # one of the 98 real ones, unlicensed here
    # Bjerg 75 % overdue, Cstrup 50 %, Aaby 25 %.
    assert table.index("Bjerg") < table.index("Cstrup") < table.index("Aaby")
    assert "?alle=1" in html  # the switch to all municipalities
    assert "<svg" in html and "map-tile" in html


def test_the_switch_shows_all_municipalities(client, admin_user, country):
    client.force_login(admin_user)
    table = client.get(URL, {"alle": "1"}).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "Skanderborg" in table
    assert table.count("<tr>") == Municipality.objects.count()


def test_a_region_filter_and_its_export_carry_the_same_rows(client, admin_user, country):
    client.force_login(admin_user)
    params = {"region": country["north"].pk}
    table = client.get(URL, params).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "Aaby" in table and "Bjerg" in table and "Cstrup" not in table
    exported = csv_names(client.get(reverse("compliance:national_export", args=["csv"]), params))
    assert exported == ["Bjerg", "Aaby"]
    everything = csv_names(client.get(reverse("compliance:national_export", args=["csv"]), {"alle": "1"}))
    assert len(everything) == Municipality.objects.count()
    xlsx = client.get(reverse("compliance:national_export", args=["xlsx"]), params)
    assert xlsx.status_code == 200


def test_the_map_fades_municipalities_outside_the_region(client, admin_user, country):
    client.force_login(admin_user)
    html = client.get(URL, {"region": country["south"].pk, "alle": "1"}).content.decode()
    assert "map-out" in html


def test_a_caseworker_cannot_see_it(client, caseworker):
    client.force_login(caseworker)
    assert client.get(URL).status_code == 404
    assert client.get(reverse("compliance:national_export", args=["csv"])).status_code == 404


def test_the_national_report_uses_a_constant_number_of_queries(client, admin_user, country):
    client.force_login(admin_user)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for _ in range(3):
        municipality = MunicipalityFactory()
        MunicipalityRegion.objects.create(municipality=municipality, region=country["south"],
                                          valid_from=datetime.date(2007, 1, 1))
        agreement(municipality)
        staff(municipality, start=datetime.date(2020, 1, 1))
        completion(staff(municipality, start=datetime.date(2020, 1, 1)), datetime.date(2020, 6, 1))
    with CaptureQueriesContext(connection) as large:
        client.get(URL)
    assert len(large) == len(small)
