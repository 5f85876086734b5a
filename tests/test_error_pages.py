"""The site's own Danish error pages: 400, 403, 404 and 500; the 500 page renders with the database down."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def _database_down():
    """Every query fails, as when PostgreSQL does not answer."""
    error = OperationalError("connection to server failed")
    return mock.patch.multiple(CursorWrapper, execute=mock.Mock(side_effect=error),
                               executemany=mock.Mock(side_effect=error))


def test_404_is_the_sites_own_danish_page(client):
    response = client.get("/denne-side-findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi kan ikke finde siden" in html
    assert 'lang="da"' in html
    assert "img/logo.svg" in html and "site.css" in html
    assert "Not Found" not in html


def test_404_for_a_logged_in_person_offers_her_page(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/kalender/arrangement/999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi kan ikke finde siden" in html
    assert 'href="/mit/"' in html


def test_403_is_danish_and_says_what_to_do(caseworker):
    request = RequestFactory().get("/compliance/")
    request.user = caseworker
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Du har ikke adgang til denne side" in html
    assert "Gå til din side" in html


def test_403_through_a_real_view(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/medarbejdere/inviter/")  # only leaders and admins may invite
    assert response.status_code == 403
    assert "Du har ikke adgang til denne side" in response.content.decode()


def test_400_renders_without_a_request_or_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = defaults.bad_request(request, SuspiciousOperation("bad"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Forespørgslen kunne ikke forstås" in html
    assert "csrfmiddlewaretoken" not in html


def test_500_renders_while_the_database_is_down():
    request = RequestFactory().get("/")
    with _database_down():
        response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der gik noget galt hos os" in html
    assert 'lang="da"' in html and "img/logo-inverse.svg" in html
    assert "Server Error" not in html


def test_a_request_that_meets_a_dead_database_gets_the_static_500_page():
    client = Client(raise_request_exception=False)
    with _database_down():
        response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der gik noget galt hos os" in html
    # Static: no navigation, no forms, nothing that needed the user or the session.
    assert "main-nav" not in html and "<form" not in html
