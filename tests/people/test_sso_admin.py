"""Identity providers in the Wagtail admin (metadata checked on upload), the login page's list, the
demo IdP's absence outside development, the metadata refresh and SSO's personal data."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people import personal_data
from people.models import IdentityProvider, SsoIdentity, SsoLoginRefusal
from people.sso import selectors, services
from tests.factories import MembershipFactory, MunicipalityFactory, national_admin
from tests.people.test_sso import idp, kommune, registered, sp_keys  # noqa: F401 - fixtures

ADD_URL = "wagtailsnippets_people_identityprovider:add"


def _form(municipality, **extra):
    return {"name": "Kommunens ADFS", "kind": "municipality", "municipality": municipality.pk, "metadata_url": "",
            "email_attribute": "https://data.gov.dk/model/core/eid/email",
            "cvr_attribute": "https://data.gov.dk/model/core/eid/professional/cvr",
            "assurance_when_absent": "low", "is_active": "on", **extra}


def test_a_national_admin_adds_an_identity_provider_by_uploading_metadata(client, idp, kommune):  # noqa: F811
    client.force_login(national_admin())
    form_page = client.get(reverse(ADD_URL)).content.decode()
    assert 'enctype="multipart/form-data"' in form_page and 'name="metadata_file"' in form_page
    upload = SimpleUploadedFile("idp.xml", idp.metadata_xml().encode(), content_type="text/xml")
    response = client.post(reverse(ADD_URL), _form(kommune, metadata_file=upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    row = IdentityProvider.objects.get()
    assert (row.entity_id, row.municipality) == (idp.entity_id, kommune)
    assert row.metadata_updated_at is not None


@pytest.mark.parametrize("content, words", [
    (b"<EntityDescriptor", "ikke gyldig XML"),
    (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "XML-entiteter"),
    (b'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', "ingen identitetsudbyder"),
])
def test_bad_metadata_is_refused_in_the_admin_with_a_danish_message(client, kommune, content, words):  # noqa: F811
    client.force_login(national_admin())
    upload = SimpleUploadedFile("idp.xml", content, content_type="text/xml")
    response = client.post(reverse(ADD_URL), _form(kommune, metadata_file=upload))
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not IdentityProvider.objects.exists()


def test_metadata_without_a_signing_certificate_is_refused_in_the_admin(client, idp, kommune):  # noqa: F811
    client.force_login(national_admin())
    xml = idp.metadata_xml()
    start = xml.index("<ns0:KeyDescriptor")
    end = xml.index("KeyDescriptor>", start) + len("KeyDescriptor>")
    upload = SimpleUploadedFile("idp.xml", (xml[:start] + xml[end:]).encode(), content_type="text/xml")
    response = client.post(reverse(ADD_URL), _form(kommune, metadata_file=upload))
    assert response.status_code == 200
    assert "signeringscertifikat" in response.content.decode()


def test_the_same_idp_twice_is_refused_not_a_500(client, registered, idp):  # noqa: F811
    client.force_login(national_admin())
    upload = SimpleUploadedFile("idp.xml", idp.metadata_xml().encode(), content_type="text/xml")
    response = client.post(reverse(ADD_URL), _form(MunicipalityFactory(), metadata_file=upload))
    assert response.status_code == 200
    assert "allerede registreret" in response.content.decode()


def test_a_leader_cannot_reach_the_identity_providers(client, kommune):  # noqa: F811
    client.force_login(MembershipFactory(municipality=kommune, role="leder").person)
    assert client.get(reverse(ADD_URL)).status_code in (302, 403)


def test_the_metadata_address_is_fetched_and_refreshed(registered, idp, monkeypatch):  # noqa: F811
    class Raw:
        def __init__(self, body):
            self.body = body

        def read(self, amount, decode_content=True):
            return self.body[:amount]

    class Response:
        raw = Raw(idp.metadata_xml().encode())

        def raise_for_status(self):
            pass

    monkeypatch.setattr("people.sso.metadata.requests.get", lambda url, **kw: Response())
    registered.metadata_url = "https://idp.example/metadata"
    registered.metadata_updated_at = timezone.now() - datetime.timedelta(days=2)
    registered.save()
    assert services.idp_metadata_refresh_all() == {"refreshed": 1, "failed": 0}
    registered.refresh_from_db()
    assert registered.metadata_updated_at > timezone.now() - datetime.timedelta(minutes=1)


def test_the_login_page_list_is_one_query_however_many_municipalities(db, sp_keys, idp):  # noqa: F811
    def make(n):
        for _ in range(n):
            municipality = MunicipalityFactory()
            services.idp_save(identity_provider=IdentityProvider(
                name=f"IdP {municipality.pk}", kind="municipality", municipality=municipality), by=None,
                xml=idp.metadata_xml().replace(idp.entity_id, f"{idp.entity_id}/{municipality.pk}"))

    make(1)
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.login_choices()) == 1
    make(3)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.login_choices()) == 4
    assert len(few) == len(many) == 1


def test_the_login_page_shows_the_municipal_login_first(client, registered, kommune):  # noqa: F811
    client.cookies["ics_kommune"] = kommune.slug
    page = client.get("/konto/login/").content.decode()
    assert page.index("Log ind med din kommunes login") < page.index('name="password"')
    assert f'value="{kommune.slug}" selected' in page


def test_without_sp_keys_the_login_page_is_the_password_form_only(client, settings, db):
    settings.ICS_SSO = {**settings.ICS_SSO, "SP_KEYS": []}
    assert "sso-municipality" not in client.get("/konto/login/").content.decode()


def test_the_demo_idp_is_not_there_outside_development(client, settings, db):
    assert settings.ICS_SSO["DEMO_IDP"] is False  # the base (and so the production) setting
    for name in ("sso:demo_idp_metadata", "sso:demo_idp_sso", "sso:demo_idp_slo"):
        assert client.get(reverse(name)).status_code == 404


def test_sso_personal_data_is_exported_erased_and_purged(registered, kommune):  # noqa: F811
    from people.services import person_erase

    person = MembershipFactory(municipality=kommune, role="sagsbehandler").person
    SsoIdentity.objects.create(identity_provider=registered, name_id="p-1", person=person)
    SsoLoginRefusal.objects.create(identity_provider=registered, reason="not_on_roster", email=person.email,
                                   detail=f"about {person.email}")
    old = SsoLoginRefusal.objects.create(reason="replayed", at=timezone.now() - datetime.timedelta(days=400))
    exported = personal_data.personal_data_export(person=person)
    assert exported["sso_identities"][0]["name_id"] == "p-1"
    assert exported["sso_refusals"][0]["email"] == person.email

    person_erase(person=person, by=national_admin())
    assert not SsoIdentity.objects.filter(person=person).exists()
    assert not SsoLoginRefusal.objects.filter(email__icontains="@example.dk").exists()
    personal_data.personal_data_purge()
    assert not SsoLoginRefusal.objects.filter(pk=old.pk).exists()


def test_national_admins_read_the_refused_logins_with_the_reason(client, registered):  # noqa: F811
    refusal = SsoLoginRefusal.objects.create(identity_provider=registered, reason="assurance_too_low",
                                             detail="assurance low; the role needs Substantial or High")
    client.force_login(national_admin())
    listing = client.get(reverse("wagtailsnippets_people_ssologinrefusal:list")).content.decode()
    assert "Sikringsniveauet er for lavt" in listing
    inspect = client.get(reverse("wagtailsnippets_people_ssologinrefusal:inspect", args=[refusal.pk]))
    assert "the role needs Substantial" in inspect.content.decode()
