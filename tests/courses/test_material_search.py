"""The material search finds live course material only, and only what the viewer may see."""

import pytest
from django.urls import reverse

from tests.courses.test_material_support import build_lesson, local_index
from tests.factories import MembershipFactory


def _body(word):
    return [("paragraph", f"<p>Lektionen handler om {word} og barnets behov.</p>")]


def _titles(client, query):
    response = client.get(reverse("courses:material_search"), {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


@pytest.fixture
def pages(db, municipality, other_municipality):
    return {
        "live": build_lesson(title="Live lektion", body=_body("tragtmodellen")).lesson,
        "draft": build_lesson(title="Kladdelektion", body=_body("tragtmodellen"), live=False).lesson,
        "own_local": build_lesson(index=local_index(municipality), title="Egen lokal lektion",
                                  body=_body("tragtmodellen")).lesson,
        "other_local": build_lesson(index=local_index(other_municipality), title="Fremmed lokal lektion",
                                    body=_body("tragtmodellen")).lesson,
    }


def test_search_finds_live_national_and_own_local_material_only(client, caseworker, pages):
    client.force_login(caseworker)
    titles = _titles(client, "tragtmodellen")
    assert "Live lektion" in titles
    assert "Egen lokal lektion" in titles
    assert "Kladdelektion" not in titles
    assert "Fremmed lokal lektion" not in titles


def test_national_admin_sees_every_municipalitys_material(client, admin_user, pages):
    client.force_login(admin_user)
    titles = _titles(client, "tragtmodellen")
    assert {"Live lektion", "Egen lokal lektion", "Fremmed lokal lektion"} <= set(titles)
    assert "Kladdelektion" not in titles


def test_other_municipality_sees_its_own_local_material(client, other_municipality, pages):
    outsider = MembershipFactory(municipality=other_municipality, role="sagsbehandler").person
    client.force_login(outsider)
    titles = _titles(client, "tragtmodellen")
    assert "Fremmed lokal lektion" in titles
    assert "Egen lokal lektion" not in titles


def test_search_needs_a_login(client, pages):
    response = client.get(reverse("courses:material_search"), {"q": "tragtmodellen"})
    assert response.status_code == 302


def test_empty_query_gives_no_results(client, caseworker, pages):
    client.force_login(caseworker)
    assert _titles(client, "") == []


def test_material_menu_item_leads_to_the_course_index(client, caseworker):
    client.force_login(caseworker)
    response = client.get(reverse("courses:material"))
    assert response.status_code == 302
    index_page = client.get(response["Location"])
    assert index_page.status_code == 200
    assert "Undervisningsmateriale" in client.get(reverse("dashboard")).content.decode()
