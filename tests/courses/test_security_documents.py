"""Documents of a municipality's local material are served over HTTP only to those who may see that
material: the municipality's own people and national admins. Others, and anonymous visitors, get a
404; documents outside a municipality's collection are served as before."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from courses.models import LocalCollection
from courses.services.material import local_material_setup
from tests.courses.test_material_support import local_index
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """Wagtail serves a document from its file's path; the test settings' in-memory storage has none."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


def _document(collection, title):
    document = Document(title=title, collection=collection)
    document.file.save(f"{title.lower()}.txt", ContentFile(b"Lokal spoergeguide"), save=False)
    document.save()
    return document


@pytest.fixture
def local_collection(municipality):
    local_material_setup(index_page=local_index(municipality))
    return LocalCollection.objects.get(municipality=municipality).collection


def test_a_local_course_index_gets_its_municipalitys_collection_once(municipality, local_collection):
    local_material_setup(index_page=local_index(municipality))  # a second index, the same collection
    assert LocalCollection.objects.filter(municipality=municipality).count() == 1
    assert local_collection.get_parent() == Collection.get_first_root_node()
    assert municipality.name in local_collection.name


def test_a_local_document_is_served_only_to_its_municipality_and_national_admins(
        client, local_collection, caseworker, leader, other_leader, admin_user, other_municipality):
    document = _document(local_collection, "Lokal")
    nested = _document(local_collection.add_child(name="Temadag"), "Underliggende")
    url = document.url
    assert client.get(url).status_code == 404  # anonymous
    assert client.get(nested.url).status_code == 404
    for person in (caseworker, leader, admin_user):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, person
        assert b"".join(response.streaming_content) == b"Lokal spoergeguide"
        assert client.get(nested.url).status_code == 200
    outsider = MembershipFactory(municipality=other_municipality, role="sagsbehandler").person
    for person in (other_leader, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.get(nested.url).status_code == 404


def test_a_document_in_another_municipalitys_collection_stays_hidden_from_this_one(
        client, local_collection, other_municipality, caseworker):
    local_material_setup(index_page=local_index(other_municipality))
    theirs = _document(LocalCollection.objects.get(municipality=other_municipality).collection, "Deres")
    ours = _document(local_collection, "Vores")
    client.force_login(caseworker)
    assert client.get(theirs.url).status_code == 404
    assert client.get(ours.url).status_code == 200


def test_a_document_outside_the_local_collections_is_served_as_before(client, local_collection, other_leader):
    national = _document(Collection.get_first_root_node(), "National")
    client.force_login(other_leader)
    assert client.get(national.url).status_code == 200
