"""Municipal single sign-on against a real SAML IdP (pysaml2's, keys made in the test): the happy path
and every attack in issue 15, each refused in neutral Danish and logged with the reason."""

import base64
import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.core.exceptions import ValidationError
from django.test import Client

from people.models import IdentityProvider, MembershipEvent, SsoIdentity, SsoLoginRefusal, User
from people.sso import config, services
from people.sso.assurance import SESSION_KEY
from people.sso.keys import generate_key_pair
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.people.sso_idp import TestIdP, reserialise, wrap_signature

SKANDERBORG_CVR = "29189633"
Reason = SsoLoginRefusal.Reason


@pytest.fixture
def sp_keys(tmp_path, settings):
    current = generate_key_pair(tmp_path / "sp", "sp", "ICS Akademi SP")
    following = generate_key_pair(tmp_path / "sp", "sp-next", "ICS Akademi SP (next)")
    settings.ICS_SSO = {**settings.ICS_SSO, "SP_KEYS": [(current.key_file, current.cert_file),
                                                         (following.key_file, following.cert_file)]}
    return SimpleNamespace(current=current, following=following)


@pytest.fixture
def idp(sp_keys, tmp_path):
    return TestIdP(tmp_path / "idp")


@pytest.fixture
def kommune(db):
    return MunicipalityFactory(cvr=SKANDERBORG_CVR)


@pytest.fixture
def registered(idp, kommune):
    return services.idp_save(
        identity_provider=IdentityProvider(name="Testkommunens IdP", kind=IdentityProvider.Kind.MUNICIPALITY,
                                           municipality=kommune),
        by=None, xml=idp.metadata_xml(),
    )


@pytest.fixture
def worker(kommune):
    return MembershipFactory(municipality=kommune, role="sagsbehandler", person__email="sofie@kommune.dk").person


def start(client, municipality, **extra):
    response = client.get("/sso/login/", {"municipality": municipality.slug, **extra})
    assert response.status_code == 302, response.content
    return response["Location"]


def acs(client, saml_response):
    return client.post("/sso/acs/", {"SAMLResponse": saml_response})


def logged_in_as(client):
    return client.session.get(AUTH_SESSION_KEY)


def refused(client, response, reason):
    assert response.status_code == 403
    assert logged_in_as(client) is None
    assert SsoLoginRefusal.objects.filter(reason=reason).exists(), list(
        SsoLoginRefusal.objects.values_list("reason", "detail"))
    return response.content.decode()


# --- The happy path -------------------------------------------------------------------------------


def test_a_caseworker_on_the_staff_list_logs_in_through_the_idp(client, registered, idp, kommune, worker):
    location = start(client, kommune, next="/kurser/")
    assert location.startswith(idp.entity_id + "/sso?")
    assert "Signature=" in location and "SigAlg=" in location  # a signed AuthnRequest

    response = acs(client, idp.answer(location, email="Sofie@Kommune.dk", cvr=SKANDERBORG_CVR))

    assert response.status_code == 302 and response["Location"] == "/kurser/"
    assert logged_in_as(client) == str(worker.pk)
    assert client.session[SESSION_KEY]["assurance"] == "substantial"
    assert client.session[SESSION_KEY]["municipality"] == kommune.pk
    assert SsoIdentity.objects.get(person=worker).identity_provider == registered
    assert client.cookies["ics_kommune"].value == kommune.slug
    assert client.get("/mit/").status_code == 200


def test_a_linked_name_id_logs_in_after_the_email_changed(client, registered, idp, kommune, worker):
    acs(client, idp.answer(start(client, kommune), email=worker.email, name_id="pseudonym-1"))
    client.logout()
    response = acs(client, idp.answer(start(client, kommune), email="ny.adresse@kommune.dk", name_id="pseudonym-1"))
    assert response.status_code == 302
    assert logged_in_as(client) == str(worker.pk)


def test_the_idp_verifies_the_authn_request_signature_with_the_sp_metadata(client, registered, idp, kommune):
    location = start(client, kommune)
    assert idp.read_request(location).message.issuer.text == config.sp_entity_id()
    tampered = location.replace("SigAlg=", "SigAlg=x", 1)
    with pytest.raises(Exception):  # noqa: B017 - pysaml2 raises its own kinds
        idp.read_request(tampered)


def test_sp_metadata_has_both_certificates_the_acs_and_single_logout(client, sp_keys):
    response = client.get("/sso/metadata/")
    assert response.status_code == 200
    text = response.content.decode()
    for pair in (sp_keys.current, sp_keys.following):
        body = "".join(open(pair.cert_file).read().splitlines()[1:-1])
        assert body in text
    assert config.acs_url() in text and config.sls_url() in text
    assert 'AuthnRequestsSigned="true"' in text and 'WantAssertionsSigned="true"' in text
    assert f'entityID="{config.sp_entity_id()}"' in text


def test_sp_metadata_is_404_without_keys(client, settings, db):
    settings.ICS_SSO = {**settings.ICS_SSO, "SP_KEYS": []}
    assert client.get("/sso/metadata/").status_code == 404


# --- Attacks --------------------------------------------------------------------------------------


def test_an_unsigned_assertion_is_refused(client, registered, idp, kommune, worker):
    page = refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email, sign=False)),
                   Reason.INVALID_RESPONSE)
    assert "could not be completed" in page or "kunne ikke gennemføres" in page


def test_an_assertion_signed_by_another_key_is_refused(client, registered, idp, kommune, worker, tmp_path):
    other = generate_key_pair(tmp_path / "evil", "evil", idp.entity_id)
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email, signing_keys=other)),
            Reason.INVALID_RESPONSE)


def test_reserialising_alone_keeps_the_signature_valid(client, registered, idp, kommune, worker):
    """The control for the wrapping attacks: their refusal is the forgery's, not the re-serialising's."""
    response = acs(client, idp.answer(start(client, kommune), email=worker.email, raw_xml_hook=reserialise))
    assert response.status_code == 302 and logged_in_as(client) == str(worker.pk)


@pytest.mark.parametrize("where", ["sibling", "inside"])
def test_signature_wrapping_is_refused(client, registered, idp, kommune, worker, where):
    victim = MembershipFactory(municipality=kommune, role="leder", person__email="chef@kommune.dk").person
    response = acs(client, idp.answer(
        start(client, kommune), email=worker.email,
        raw_xml_hook=lambda xml: wrap_signature(xml, forged_email=victim.email, where=where)))
    assert logged_in_as(client) not in (str(victim.pk), str(worker.pk))
    assert response.status_code == 403


def test_a_wrong_audience_is_refused(client, registered, idp, kommune, worker):
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email,
                                           audience="https://another-sp.example/")), Reason.INVALID_RESPONSE)


def test_an_expired_assertion_is_refused(client, registered, idp, kommune, worker):
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email,
                                           not_on_or_after=datetime.timedelta(minutes=-10))), Reason.INVALID_RESPONSE)


def test_a_not_yet_valid_assertion_is_refused(client, registered, idp, kommune, worker):
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email,
                                           not_before=datetime.timedelta(minutes=10))), Reason.INVALID_RESPONSE)


def test_a_replayed_response_is_refused_in_the_same_and_in_another_session(
        client, registered, idp, kommune, worker):
    saml = idp.answer(start(client, kommune), email=worker.email)
    assert acs(client, saml).status_code == 302
    client.logout()
    refused(client, acs(client, saml), Reason.UNSOLICITED)
    thief = Client()
    refused(thief, acs(thief, saml), Reason.UNSOLICITED)


def test_a_replayed_assertion_id_is_refused_where_unsolicited_responses_are_allowed(
        client, registered, idp, kommune, worker):
    registered.allow_unsolicited = True
    registered.save()
    saml = idp.answer(email=worker.email, unsolicited=True, assertion_id="_fixed-assertion-id")
    assert acs(client, saml).status_code == 302  # IdP-initiated, allowed for this IdP
    client.logout()
    refused(client, acs(client, idp.answer(email=worker.email, unsolicited=True,
                                           assertion_id="_fixed-assertion-id")), Reason.REPLAYED)


def test_an_unsolicited_response_is_refused_where_not_allowed(client, registered, idp, kommune, worker):
    refused(client, acs(client, idp.answer(email=worker.email, unsolicited=True)), Reason.UNSOLICITED)


def test_a_wrong_in_response_to_is_refused(client, registered, idp, kommune, worker):
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email,
                                           in_response_to="_not-a-request-of-ours")), Reason.UNSOLICITED)


def test_an_assurance_level_too_low_for_a_leader_is_refused(client, registered, idp, kommune):
    leader = MembershipFactory(municipality=kommune, role="leder").person
    page = refused(client, acs(client, idp.answer(start(client, kommune), email=leader.email, level="Low")),
                   Reason.ASSURANCE_TOO_LOW)
    assert leader.full_name not in page


def test_a_leader_at_substantial_logs_in_and_it_counts_as_the_second_factor(client, registered, idp, kommune):
    admin = UserFactory(email="admin@kommune.dk")
    MembershipFactory(municipality=kommune, role="leder", person=admin)
    MembershipFactory(person=admin, role="national_admin", municipality=None)
    assert acs(client, idp.answer(start(client, kommune), email=admin.email, level="Substantial")).status_code == 302
    # A national admin without TOTP would be sent to set it up; this session passed NSIS Substantial.
    assert client.get("/mit/").status_code == 200


def test_a_low_session_does_not_count_as_the_second_factor(client, registered, idp, kommune, worker):
    from people.sessions import passed_second_factor

    acs(client, idp.answer(start(client, kommune), email=worker.email, level="Low"))
    assert logged_in_as(client) == str(worker.pk)
    request = SimpleNamespace(session=client.session, user=worker)
    assert not passed_second_factor(request)


def test_a_cvr_of_another_municipality_is_refused(client, registered, idp, kommune, worker):
    other = MunicipalityFactory(cvr="11111111")
    MembershipFactory(municipality=other, role="leder", person=worker)
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email, cvr=other.cvr)),
            Reason.WRONG_MUNICIPALITY)


def test_roles_in_another_municipality_are_never_opened_by_this_idp(client, registered, idp, kommune, worker):
    other = MunicipalityFactory()
    MembershipFactory(municipality=other, role="leder", person=worker)
    page = refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email)),
                   Reason.ROLES_ELSEWHERE)
    assert other.name not in page


def test_a_person_not_on_the_roster_is_refused_with_the_same_words_as_an_unknown_email(
        client, registered, idp, kommune):
    elsewhere = MembershipFactory(municipality=MunicipalityFactory(), role="sagsbehandler").person
    known = refused(client, acs(client, idp.answer(start(client, kommune), email=elsewhere.email)),
                    Reason.NOT_ON_ROSTER)
    unknown = refused(client, acs(client, idp.answer(start(client, kommune), email="nobody@kommune.dk")),
                      Reason.NOT_ON_ROSTER)
    strip = lambda page: page.split("<main", 1)[-1].split("</main>", 1)[0]  # noqa: E731
    assert strip(known) == strip(unknown)
    assert "medarbejderliste" in known
    assert SsoLoginRefusal.objects.filter(email=elsewhere.email, identity_provider=registered).exists()


def test_an_idp_error_status_is_refused_and_logged_with_the_idps_reason(client, registered, idp, kommune):
    refused(client, acs(client, idp.answer(start(client, kommune), status_error=True)), Reason.IDP_ERROR)
    assert "cancelled" in SsoLoginRefusal.objects.get().detail


def test_garbage_is_refused_without_a_500(client, registered):
    for body in ("", "not base64 !!", base64.b64encode(b"<x>").decode(),
                 base64.b64encode(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').decode()):
        assert acs(client, body).status_code == 403


# --- Creating caseworkers (opt-in) ----------------------------------------------------------------


def test_an_opted_in_municipality_creates_a_caseworker_at_first_login(client, registered, idp, kommune):
    kommune.sso_creates_caseworkers = True
    kommune.save()
    acs(client, idp.answer(start(client, kommune), email="ny@kommune.dk", name="Ny Medarbejder"))
    person = User.objects.get(email="ny@kommune.dk")
    assert logged_in_as(client) == str(person.pk)
    membership = person.memberships.get()
    assert (membership.role, membership.municipality) == ("sagsbehandler", kommune)
    event = MembershipEvent.objects.get(membership=membership)
    assert event.data["source"] == "sso" and event.data["identity_provider"] == registered.pk


def test_creation_never_attaches_an_existing_account_from_elsewhere(client, registered, idp, kommune):
    kommune.sso_creates_caseworkers = True
    kommune.save()
    elsewhere = MembershipFactory(municipality=MunicipalityFactory(), role="leder").person
    refused(client, acs(client, idp.answer(start(client, kommune), email=elsewhere.email)), Reason.NOT_ON_ROSTER)
    assert not elsewhere.memberships.filter(municipality=kommune).exists()


# --- The federation -------------------------------------------------------------------------------


def test_the_federation_names_the_municipality_by_cvr(client, idp, kommune, worker):
    services.idp_save(identity_provider=IdentityProvider(name="Fælleskommunal", kind=IdentityProvider.Kind.FEDERATION),
                      by=None, xml=idp.metadata_xml())
    other = MunicipalityFactory(cvr="22222222")
    refused(client, acs(client, idp.answer(start(client, kommune), email=worker.email, cvr=other.cvr)),
            Reason.WRONG_MUNICIPALITY)
    response = acs(client, idp.answer(start(client, kommune), email=worker.email, cvr=SKANDERBORG_CVR))
    assert response.status_code == 302 and logged_in_as(client) == str(worker.pk)


# --- Metadata upload ------------------------------------------------------------------------------


def test_metadata_that_does_not_parse_or_has_no_signing_certificate_is_refused(idp, kommune):
    new = lambda: IdentityProvider(name="x", kind=IdentityProvider.Kind.MUNICIPALITY, municipality=kommune)  # noqa: E731
    with pytest.raises(ValidationError) as not_xml:
        services.idp_save(identity_provider=new(), by=None, xml="<EntityDescriptor")
    assert "metadata_file" in not_xml.value.message_dict
    xml = idp.metadata_xml()
    start, end = xml.index("<ns0:KeyDescriptor") if "<ns0:KeyDescriptor" in xml else xml.index("<md:KeyDescriptor"), None
    end = xml.index("KeyDescriptor>", start) + len("KeyDescriptor>")
    with pytest.raises(ValidationError) as no_cert:
        services.idp_save(identity_provider=new(), by=None, xml=xml[:start] + xml[end:])
    assert "signing certificate" in str(no_cert.value) or "signeringscertifikat" in str(no_cert.value)
    assert not IdentityProvider.objects.exists()


# --- Single logout --------------------------------------------------------------------------------


def _query(location):
    from urllib.parse import parse_qs, urlparse

    return {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}


def test_logging_out_sends_a_signed_logout_request_to_the_idp(client, registered, idp, kommune, worker):
    from saml2 import BINDING_HTTP_REDIRECT

    acs(client, idp.answer(start(client, kommune), email=worker.email, name_id="pseudonym-9"))
    response = client.post("/konto/logout/")
    assert logged_in_as(client) is None
    location = response["Location"]
    assert location.startswith(idp.entity_id + "/slo?")
    query = _query(location)
    assert {"SAMLRequest", "SigAlg", "Signature"} <= set(query)
    server = idp.server()
    server.config.setattr("idp", "want_authn_requests_signed", True)
    parsed = server.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT, sigalg=query["SigAlg"],
                                         signature=query["Signature"])
    assert parsed.message.name_id.text == "pseudonym-9"


def test_a_password_session_logs_out_locally_only(client, registered, worker):
    client.force_login(worker)
    response = client.post("/konto/logout/")
    assert response["Location"] == "/"


def _idp_logout_request(idp, name_id, *, keys=None, sign=True):
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
    from saml2.xmldsig import SIG_RSA_SHA256

    server = idp.server(keys)
    _id, request = server.create_logout_request(
        config.sls_url(), config.sp_entity_id(), name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=name_id),
        sign=False)
    info = server.apply_binding(BINDING_HTTP_REDIRECT, str(request), config.sls_url(), sign=sign,
                                sigalg=SIG_RSA_SHA256)
    location = dict(info["headers"])["Location"]
    return location[location.index("/sso/sls/"):]


def test_a_signed_logout_request_from_the_idp_ends_the_session(client, registered, idp, kommune, worker):
    acs(client, idp.answer(start(client, kommune), email=worker.email, name_id="pseudonym-7"))
    response = client.get(_idp_logout_request(idp, "pseudonym-7"))
    assert logged_in_as(client) is None
    assert response.status_code == 302 and "SAMLResponse=" in response["Location"]
    assert response["Location"].startswith(idp.entity_id + "/slo?")


@pytest.mark.parametrize("forgery", ["unsigned", "other key"])
def test_a_forged_logout_request_logs_nobody_out(client, registered, idp, kommune, worker, tmp_path, forgery):
    acs(client, idp.answer(start(client, kommune), email=worker.email, name_id="pseudonym-8"))
    other = generate_key_pair(tmp_path / "evil", "evil", "evil") if forgery == "other key" else None
    response = client.get(_idp_logout_request(idp, "pseudonym-8", keys=other, sign=forgery != "unsigned"))
    assert response.status_code == 400
    assert logged_in_as(client) == str(worker.pk)
