"""The whole municipal login in a browser: the login page (keyboard, axe) → the SP's signed
AuthnRequest → a real pysaml2 IdP (the demo IdP, keys made in the test) → the signed assertion POSTed
to the ACS → logged in as the caseworker."""

import pytest

from people.models import IdentityProvider
from people.sso import demo_idp, services
from people.sso.keys import generate_key_pair
from tests.conftest import assert_accessible
from tests.e2e.helpers import tab_to
from tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def municipal_login(live_server, settings, tmp_path):
    sp = generate_key_pair(tmp_path, "sp", "sp")
    idp = generate_key_pair(tmp_path, "idp", "idp")
    settings.SITE_URL = live_server.url
    settings.ICS_SSO = {**settings.ICS_SSO, "SP_KEYS": [(sp.key_file, sp.cert_file)], "DEMO_IDP": True,
                        "DEMO_IDP_KEYS": (idp.key_file, idp.cert_file)}
    kommune = MunicipalityFactory(name="Skanderborg-test", slug="skanderborg-test", cvr="29189633")
    services.idp_save(identity_provider=IdentityProvider(
        name="Demo-IdP", kind=IdentityProvider.Kind.MUNICIPALITY, municipality=kommune),
        by=None, xml=demo_idp.idp_metadata_xml())
    person = MembershipFactory(municipality=kommune, role="sagsbehandler",
                               person__email="sagsbehandler1@skanderborg.demo", person__full_name="Sofie Bech Jensen").person
    return kommune, person


def test_a_caseworker_logs_in_with_the_municipal_login_by_keyboard(page, live_server, municipal_login):
    kommune, person = municipal_login
    page.goto(f"{live_server.url}/konto/login/")
    assert page.locator("h2").first.inner_text() == "Log ind med din kommunes login"
    assert_accessible(page)

    tab_to(page, "#sso-municipality")
    page.keyboard.type("Skanderborg")  # a select takes typed letters
    page.select_option("#sso-municipality", kommune.slug)  # the same choice, made sure of
    tab_to(page, ".sso-login button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sso/demo-idp/sso/**")
    assert page.input_value("#demo-email") == person.email
    assert_accessible(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/mit/")
    assert "Sofie" in page.inner_text("header")
    # The choice is remembered: the next visit to the login page has it selected.
    page.context.clear_cookies(name="sessionid")
    page.goto(f"{live_server.url}/konto/login/")
    assert page.input_value("#sso-municipality") == kommune.slug
