"""The compliance PDFs are fit to hand out (issue 11, item 7): laid out by WeasyPrint and read back page by
page: a header on every page with the municipality, the day and the figure; table rows kept whole across
pages with the table head repeated; the trend chart."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, translation
from weasyprint import HTML

from compliance import exports
from tests.factories import TeamFactory, UserFactory
from tests.pdf_layout import layout, split_rows
from web.pdf import render_document

from .factories import agreement, completion, staff

D = datetime.date
AS_OF = D(2024, 6, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def captured(monkeypatch):
    """The template and context each PDF export was rendered from (the real PDF is still made)."""
    calls = []
    real = exports.render_pdf

    def render_pdf(template, context, *, request=None):
        calls.append((template, context))
        return real(template, context, request=request)

    monkeypatch.setattr(exports, "render_pdf", render_pdf)
    return calls


def laid_out(template, context):
    with translation.override("da"):
        return layout(render_document(template, context))


@pytest.fixture
def big_municipality(municipality):
    """Enough staff for several pages, with names and teams long enough to wrap inside their cells."""
    agreement(municipality)
    teams = [TeamFactory(municipality=municipality, name=f"Familieafdelingen, børn og unge med handicap, team {n}")
             for n in range(3)]
    for n in range(70):
        person = UserFactory(full_name=f"Anne-Mette Kristine Østergaard-Christiansen Nummer {n}")
        staff(municipality, start=D(2021 if n % 2 else 2024, 1, 1), team=teams[n % 3], person=person)
        if n % 3 == 0:
            completion(person, D(2023, 5, 1))
    return municipality


def test_municipal_pdf_has_a_header_on_every_page_whole_rows_and_the_chart(client, leader, big_municipality,
                                                                          captured):
    client.force_login(leader)
    response = client.get(reverse("compliance:municipal_export", args=[big_municipality.slug, "pdf"]),
                          {"dato": AS_OF.isoformat()})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    template, context = captured[-1]
    pages = laid_out(template, context)
    assert len(pages) >= 3, "the fixture should need several pages"

    with translation.override("da"):
        figure = "Gennemført: " + formats.localize(context["figures"].percent) + " %"
    for number, page in enumerate(pages, start=1):
        header = page.margin_text["@top-left"]
        assert big_municipality.name in header, number
        assert "pr. 30. juni 2024" in header, number
        assert figure in header, number
        assert page.margin_text["@bottom-right"] == f"{number} / {len(pages)}"

    assert split_rows(pages) == []
    for page in pages[1:]:
        assert page.header_rows >= 1, "the table head is repeated on every page"
    people_rows = [row for page in pages for row in page.body_rows if "Nummer" in "".join(row.itertext())]
    assert len(people_rows) == 70
    # The trend chart: the heading and a drawing on the first page, before the tables.
    assert "Udvikling over de seneste 24 måneder" in pages[0].text
    assert pages[0].images >= 1
    assert context["chart"]["bars"] and len(context["chart"]["bars"]) == len(context["points"])


def test_national_pdf_has_the_header_and_whole_rows(client, admin_user, municipality, captured):
    agreement(municipality)
    client.force_login(admin_user)
    response = client.get(reverse("compliance:national_export", args=["pdf"]), {"dato": AS_OF.isoformat(), "alle": "1"})
    assert response.content.startswith(b"%PDF")
    template, context = captured[-1]
    pages = laid_out(template, context)
    assert len(pages) >= 2  # 98 municipalities
    for page in pages:
        header = page.margin_text["@top-left"]
        assert "Alle kommuner" in header and "pr. 30. juni 2024" in header and "Gennemført:" in header
    assert split_rows(pages) == []
    for page in pages[1:]:
        assert page.header_rows >= 1
    assert "Udvikling over de seneste 24 måneder" in pages[0].text and pages[0].images >= 1


def test_the_split_row_check_can_fail():
    """A control: without the print rules, a tall row breaks across pages and `split_rows` sees it."""
    html = "<style>@page { size: A6; margin: 10mm }</style><table><tbody>" + "".join(
        f"<tr><td>{'Række ' * 40}{n}</td></tr>" for n in range(6)) + "</tbody></table>"
    assert split_rows(layout(HTML(string=html).render()))
