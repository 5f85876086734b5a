import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["content:accessibility", "content:privacy", "content:help"])
def test_public_pages_in_danish(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="da"' in html and 'href="#main"' in html and "<main" in html


def test_home_page_is_served_by_wagtail(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "ICS Akademi" in response.content.decode()


def test_navigation_fits_the_role(client, caseworker, leader):
    client.force_login(caseworker)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("people:staff_index") not in html
    client.force_login(leader)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("people:staff_index") in html
