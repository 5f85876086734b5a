"""The municipality of a course index decides who sees the material below it: over HTTP in the Wagtail
admin, a municipality's superuser or leader cannot move their local index to another municipality
(or make it national); a national admin can."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CourseIndexPage
from courses.services.material import local_material_setup
from tests.courses.test_material_support import local_index

pytestmark = pytest.mark.django_db
REFUSED = "Kun landsadministratorer kan ændre kommunen for et kursusindeks."


def _data(index, municipality, **actions):
    return {**nested_form_data({
        "title": index.title, "slug": index.slug, "intro": rich_text("<p>Lokalt materiale.</p>"),
        "municipality": municipality.pk if municipality else "",
        "comments": inline_formset([]), "seo_title": "", "search_description": "",
    }), **actions}


def _url(index):
    return f"/admin/pages/{index.pk}/edit/"


@pytest.fixture
def index_page(municipality):
    index = local_index(municipality)
    local_material_setup(index_page=index)
    return index


def _stored_municipality_ids(index):
    """The live page's municipality and the one in its latest revision (what a later publish would use)."""
    live = CourseIndexPage.objects.get(pk=index.pk)
    latest = Page.objects.get(pk=index.pk).get_latest_revision_as_object()
    return {live.municipality_id, latest.municipality_id}


@pytest.mark.parametrize("role", ["superuser_person", "leader"])
@pytest.mark.parametrize("target", ["other", "national"])
def test_a_municipalitys_superuser_or_leader_cannot_move_their_local_index(
        request, client, index_page, municipality, other_municipality, role, target):
    editor = request.getfixturevalue(role)
    client.force_login(editor)
    form = client.get(_url(index_page))
    assert form.status_code == 200
    assert "disabled" in form.content.decode().split('name="municipality"')[1].split(">")[0]
    new = other_municipality if target == "other" else None
    for actions in ({}, {"action-publish": "action-publish"}):
        response = client.post(_url(index_page), _data(index_page, new, **actions))
        assert response.status_code == 200  # the form again, with the refusal
        assert REFUSED in response.content.decode()
        assert _stored_municipality_ids(index_page) == {municipality.pk}


def test_an_edit_that_leaves_the_municipality_alone_is_saved(client, index_page, leader, municipality):
    client.force_login(leader)
    data = _data(index_page, None, **{"action-publish": "action-publish"})
    del data["municipality"]  # a disabled field is not posted by the browser
    data["title"] = "Nyt navn"
    response = client.post(_url(index_page), data)
    assert response.status_code == 302
    index_page.refresh_from_db()
    assert index_page.title == "Nyt navn" and index_page.municipality_id == municipality.pk


def test_a_national_admin_can_change_the_municipality(client, index_page, admin_user, other_municipality):
    admin_user.is_superuser = admin_user.is_staff = True  # as the demo's national admin (rights on every page)
    admin_user.save(update_fields=["is_superuser", "is_staff"])
    client.force_login(admin_user)
    form = client.get(_url(index_page)).content.decode()
    assert "disabled" not in form.split('name="municipality"')[1].split(">")[0]
    response = client.post(_url(index_page), _data(index_page, other_municipality,
                                                   **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    assert CourseIndexPage.objects.get(pk=index_page.pk).municipality_id == other_municipality.pk
