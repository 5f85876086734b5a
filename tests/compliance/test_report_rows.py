"""The municipal report's rows are rendered once per content (compliance/report_rows.py): a kept row is
served as it was rendered, and any change to what a row shows, or to the language, renders it again."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse

from .factories import agreement, completion, staff

D = datetime.date
ROW_TEMPLATE = "compliance/includes/report_row.html"
pytestmark = pytest.mark.django_db


@pytest.fixture
def report(client, municipality, team, leader):
    caches["local"].clear()
    agreement(municipality)
    done = staff(municipality, start=D(2023, 1, 1), team=team)
    completion(done, D(2023, 5, 1))
    late = staff(municipality, start=D(2020, 1, 1), team=team)
    client.force_login(leader)
    return {"url": reverse("compliance:municipal", args=[municipality.slug]), "done": done, "late": late}


def rendered_rows(response):
    return sum(1 for t in response.templates if t.name == ROW_TEMPLATE)


def people_table(response):
    html = response.content.decode()
    start = html.index('<table class="compliance-table">')
    return html[start:html.index("</table>", start)]


def row_of(html, person):
    start = html.index(f"{person.full_name}<br>")
    return html[html.rindex("<tr>", 0, start):html.index("</tr>", start)]


def test_a_kept_row_is_served_without_rendering_it_again(client, report):
    first = client.get(report["url"])
    assert rendered_rows(first) == 2
    again = client.get(report["url"])
    assert rendered_rows(again) == 0
    assert people_table(again) == people_table(first)
    # Filtered and sorted, the same people are the same rows.
    filtered = client.get(report["url"], {"sort": "navn", "retning": "faldende"})
    assert rendered_rows(filtered) == 0
    assert row_of(filtered.content.decode(), report["late"]) == row_of(first.content.decode(), report["late"])


def test_a_change_to_a_persons_evidence_renders_their_row_again(client, municipality, report):
    before = row_of(client.get(report["url"]).content.decode(), report["late"])
    assert "Overskredet" in before and ">Fritag<span" in before
    response = client.post(
        reverse("compliance:exemption_create", args=[municipality.slug, report["late"].pk]),
        {"reason": "Orlov", "valid_from": "2024-01-01"},
    )
    assert response.status_code == 302
    response = client.get(report["url"])
    assert rendered_rows(response) == 1  # the other person's row is kept
    after = row_of(response.content.decode(), report["late"])
    assert "Fritaget" in after and "Orlov" in after and ">Afslut fritagelse<span" in after
    assert "Overskredet" not in after


def test_another_day_and_another_language_are_other_rows(client, report):
    today = client.get(report["url"]).content.decode()
    past = client.get(report["url"], {"dato": "2023-04-30"})
    assert rendered_rows(past) == 2
    # A past day's report has no actions column and shows the status of that day.
    past_row = row_of(past.content.decode(), report["done"])
    assert ">Fritag<span" not in past_row and "Gennemført" not in past_row
    assert "Gennemført" in row_of(today, report["done"])

    client.post(reverse("set_language"), {"language": "en", "next": report["url"]})
    english = client.get(report["url"])
    assert rendered_rows(english) == 2
    assert "Grant exemption" in row_of(english.content.decode(), report["late"])
