"""The pysaml2 configuration of the service provider, built per identity provider.

A client is built with the metadata of one IdP only, so a response is verified against that IdP's
certificates and nobody else's. Nothing here is read at import time."""

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .keys import sp_keys, xmlsec_binary
from .models import IdentityProvider


class SsoNotConfigured(Exception):
    """The SP has no key pair (settings ICS_SSO["SP_KEYS"]): municipal login is off."""


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def sp_entity_id() -> str:
    """Stable: the setting, or the metadata address on SITE_URL (never the request's Host header)."""
    return settings.ICS_SSO.get("SP_ENTITY_ID") or site_url() + reverse("sso:metadata")


def acs_url() -> str:
    return site_url() + reverse("sso:acs")


def sls_url() -> str:
    return site_url() + reverse("sso:sls")


def is_configured() -> bool:
    return bool(sp_keys())


def sp_config(idp: IdentityProvider | None = None) -> SPConfig:
    keys = sp_keys()
    if not keys:
        raise SsoNotConfigured("ICS_SSO['SP_KEYS'] is empty")
    current, *others = keys
    conf = {
        "entityid": sp_entity_id(),
        "xmlsec_binary": xmlsec_binary(),
        "key_file": current.key_file,
        "cert_file": current.cert_file,
        # Rollover: every certificate in the metadata, every key may decrypt.
        "additional_cert_files": [pair.cert_file for pair in others] or None,
        "encryption_keypairs": [{"key_file": p.key_file, "cert_file": p.cert_file} for p in keys],
        "metadata": {"inline": [idp.metadata_xml]} if idp is not None else {},
        "accepted_time_diff": settings.ICS_SSO.get("ACCEPTED_TIME_DIFF_SECONDS", 60),
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "ICS Akademi",
                "endpoints": {
                    "assertion_consumer_service": [(acs_url(), BINDING_HTTP_POST)],
                    "single_logout_service": [(sls_url(), BINDING_HTTP_REDIRECT), (sls_url(), BINDING_HTTP_POST)],
                },
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": bool(idp and idp.allow_unsolicited),
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            },
        },
        "organization": {"name": "ICS Akademi", "display_name": "ICS Akademi", "url": site_url()},
        "contact_person": [{"contact_type": "technical", "email_address": settings.ICS_SSO.get(
            "CONTACT_EMAIL", "noreply@ics-akademi.dk")}],
    }
    config = SPConfig()
    config.load(conf)
    return config


def client_for(idp: IdentityProvider) -> Saml2Client:
    return Saml2Client(config=sp_config(idp))


def sp_metadata_xml() -> str:
    """The SP's metadata: entity id, ACS and SLO endpoints, every SP certificate (rollover)."""
    text = create_metadata_string(None, config=sp_config(None), valid=None, sign=False)
    return text.decode() if isinstance(text, bytes) else text
