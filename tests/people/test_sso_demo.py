"""The demo's municipal login (development settings): the loader makes the keys and registers the demo
IdP for Skanderborg, idempotently; the demo IdP verifies the SP's signed AuthnRequest and answers with a
signed assertion that logs the caseworker in."""

import re
from html import unescape
from urllib.parse import urlparse

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY

from people.models import IdentityProvider, Municipality
from people.sso import demo
from tests.factories import MembershipFactory


@pytest.fixture
def dev_sso(settings, tmp_path):
    settings.ICS_SSO = {**settings.ICS_SSO, "DEMO_IDP": True,
                        "SP_KEYS": [(tmp_path / "sp.key", tmp_path / "sp.crt")],
                        "DEMO_IDP_KEYS": (tmp_path / "demo-idp.key", tmp_path / "demo-idp.crt")}
    return tmp_path


def _fields(page):
    return {unescape(name): unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def test_the_demo_loader_registers_the_demo_idp_once(db, dev_sso):
    demo.load()
    demo.load()
    row = IdentityProvider.objects.get()
    assert row.municipality.name == "Skanderborg"
    assert (dev_sso / "sp.key").exists() and (dev_sso / "demo-idp.crt").exists()


def test_the_demo_idp_logs_the_skanderborg_caseworker_in(client, db, dev_sso):
    demo.load()
    skanderborg = Municipality.objects.get(name="Skanderborg")
    person = MembershipFactory(municipality=skanderborg, role="sagsbehandler",
                               person__email="sagsbehandler1@skanderborg.demo").person
    location = client.get("/sso/login/", {"municipality": skanderborg.slug})["Location"]
    idp_page = client.get(urlparse(location).path + "?" + urlparse(location).query)
    assert idp_page.status_code == 200
    fields = _fields(idp_page.content.decode())
    assert {"SAMLRequest", "SigAlg", "Signature"} <= set(fields)
    answer = client.post("/sso/demo-idp/sso/", {**fields, "email": person.email, "assurance": "substantial"})
    post = _fields(answer.content.decode())
    response = client.post("/sso/acs/", post)
    assert response.status_code == 302
    assert client.session[AUTH_SESSION_KEY] == str(person.pk)


def test_the_demo_idp_refuses_an_unsigned_request(client, db, dev_sso):
    demo.load()
    skanderborg = Municipality.objects.get(name="Skanderborg")
    location = client.get("/sso/login/", {"municipality": skanderborg.slug})["Location"]
    unsigned = re.sub(r"&(SigAlg|Signature)=[^&]*", "", location)
    assert client.get(urlparse(unsigned).path + "?" + urlparse(unsigned).query).status_code == 400
