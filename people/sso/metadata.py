"""Reading an identity provider's metadata, uploaded or fetched, and refusing what cannot be used.

Returns what the SP needs (entity id, single sign-on address); refuses, with a Danish message that
says what is wrong, metadata that does not parse, holds no IdP, has no signing certificate or no
single sign-on endpoint."""

from dataclasses import dataclass

import requests
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.attribute_converter import ac_factory
from saml2.mdstore import InMemoryMetaData

MAX_METADATA_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class IdpMetadata:
    entity_id: str
    sso_url: str
    signing_certificates: int
    xml: str


def read(xml: str | bytes) -> IdpMetadata:
    """Check metadata XML; raise ValidationError saying what is wrong."""
    if isinstance(xml, bytes):
        try:
            xml = xml.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("The metadata is not UTF-8 text: upload the XML file.")) from exc
    xml = xml.strip()
    if not xml:
        raise ValidationError(_("The metadata is empty."))
    try:
        root = ElementTree.fromstring(xml.encode("utf-8"))
    except DefusedXmlException as exc:
        raise ValidationError(_("The metadata contains XML entities, which are not accepted.")) from exc
    except ElementTree.ParseError as exc:
        raise ValidationError(_("The metadata is not valid XML (%(error)s).") % {"error": exc}) from exc
    if not root.tag.endswith("}EntityDescriptor") and not root.tag.endswith("}EntitiesDescriptor"):
        raise ValidationError(_("The metadata is not SAML metadata (no EntityDescriptor)."))
    store = InMemoryMetaData(ac_factory(), xml)
    try:
        store.load()
    except Exception as exc:  # pysaml2 raises many kinds for a schema violation; all mean the same here
        raise ValidationError(_("The metadata does not follow the SAML metadata schema (%(error)s).")
                              % {"error": exc}) from exc
    idps = [eid for eid, entity in store.entity.items() if entity.get("idpsso_descriptor")]
    if len(idps) != 1:
        raise ValidationError(ngettext_idps(len(idps)))
    entity_id = idps[0]
    certificates = store.certs(entity_id, "idpsso", "signing")
    if not certificates:
        raise ValidationError(_("The metadata has no signing certificate for the identity provider, so its "
                                "assertions could not be verified."))
    sso_url = ""
    for binding in (BINDING_HTTP_REDIRECT, BINDING_HTTP_POST):
        services = store.service(entity_id, "idpsso_descriptor", "single_sign_on_service", binding)
        if services:
            sso_url = services[0]["location"]
            break
    if not sso_url:
        raise ValidationError(_("The metadata has no single sign-on address (HTTP-Redirect or HTTP-POST)."))
    return IdpMetadata(entity_id=entity_id, sso_url=sso_url, signing_certificates=len(certificates), xml=xml)


def ngettext_idps(count: int) -> str:
    if count == 0:
        return _("The metadata describes no identity provider (no IDPSSODescriptor).")
    return _("The metadata describes %(count)d identity providers; upload the metadata of one.") % {"count": count}


def fetch(url: str) -> IdpMetadata:
    """Fetch metadata from the address the admin entered (https; http only in development)."""
    if not (url.startswith("https://") or (settings.DEBUG and url.startswith("http://"))):
        raise ValidationError(_("The metadata address must start with https://."))
    try:
        response = requests.get(url, timeout=FETCH_TIMEOUT_SECONDS, stream=True)
        response.raise_for_status()
        body = response.raw.read(MAX_METADATA_BYTES + 1, decode_content=True)
    except requests.RequestException as exc:
        raise ValidationError(_("The metadata could not be fetched from %(url)s (%(error)s).")
                              % {"url": url, "error": exc}) from exc
    if len(body) > MAX_METADATA_BYTES:
        raise ValidationError(_("The metadata at %(url)s is larger than 5 MB.") % {"url": url})
    return read(body)
