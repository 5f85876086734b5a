"""A real SAML identity provider for the tests, built with pysaml2's IdP (keys made in the test).

`TestIdP.answer(location, ...)` takes the SP's redirect (a signed AuthnRequest), verifies it as an IdP
would, and returns a base64 SAMLResponse for the ACS. Keyword arguments spoil the response in the ways
an attacker would (unsigned, signed by another key, other audience, times, InResponseTo, ...)."""

import base64
import datetime
import hashlib
import re
from urllib.parse import parse_qs, urlparse

from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.s_utils import sid
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.samlp import response_from_string
from saml2.server import Server
from saml2.sigver import pre_signature_part, signed_instance_factory
from saml2.time_util import instant

from people.sso import config
from people.sso.assurance import NSIS_LOA_ATTRIBUTE, NSIS_LOA_CLASS_PREFIX
from people.sso.keys import generate_key_pair, xmlsec_binary
from people.sso.models import OIOSAML_CVR, OIOSAML_EMAIL, OIOSAML_FULL_NAME

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"


class TestIdP:
    __test__ = False

    def __init__(self, directory, entity_id="https://idp.test-kommune.example/saml", name="idp"):
        self.entity_id = entity_id
        self.keys = generate_key_pair(directory, name, entity_id)

    def _config(self, keys=None):
        keys = keys or self.keys
        conf = {
            "entityid": self.entity_id,
            "xmlsec_binary": xmlsec_binary(),
            "key_file": keys.key_file,
            "cert_file": keys.cert_file,
            "metadata": {"inline": [config.sp_metadata_xml()]},
            "accepted_time_diff": 60,
            "service": {"idp": {
                "endpoints": {
                    "single_sign_on_service": [(self.entity_id + "/sso", BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(self.entity_id + "/slo", BINDING_HTTP_REDIRECT)],
                },
                "want_authn_requests_signed": True,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
            }},
        }
        idp = IdPConfig()
        idp.load(conf)
        return idp

    def server(self, keys=None):
        return Server(config=self._config(keys))

    def metadata_xml(self):
        text = create_metadata_string(None, config=self._config(), valid=None, sign=False)
        return text.decode() if isinstance(text, bytes) else text

    def read_request(self, location):
        """The AuthnRequest in the SP's redirect, verified (signature included) as an IdP does."""
        query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
        parsed = self.server().parse_authn_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT, relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"), signature=query.get("Signature"),
        )
        assert parsed is not None, "the IdP could not verify the AuthnRequest"
        return parsed

    def answer(self, location=None, *, email="", cvr="", level="Substantial", name="Test Person",
               name_id=None, in_response_to=None, unsolicited=False, sign=True, signing_keys=None,
               audience=None, not_before=None, not_on_or_after=None, assertion_id=None, raw_xml_hook=None,
               status_error=False):
        server = self.server()
        if unsolicited:
            args = {"in_response_to": None, "destination": config.acs_url(), "sp_entity_id": config.sp_entity_id(),
                    "name_id_policy": None}
        else:
            args = server.response_args(self.read_request(location).message)
            if in_response_to is not None:
                args["in_response_to"] = in_response_to
        if status_error:
            response = server.create_error_response(
                args["in_response_to"], args["destination"], info=("urn:oasis:names:tc:SAML:2.0:status:Responder",
                                                                   "the user cancelled"), sign=True)
            return base64.b64encode(str(response).encode()).decode()
        identity = {OIOSAML_FULL_NAME: [name], NSIS_LOA_ATTRIBUTE: [level]}
        if email:
            identity[OIOSAML_EMAIL] = [email]
        if cvr:
            identity[OIOSAML_CVR] = [cvr]
        pseudonym = name_id or hashlib.sha256(f"{self.entity_id}|{email}".encode()).hexdigest()
        unsigned = server.create_authn_response(
            identity, name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=pseudonym),
            authn={"class_ref": NSIS_LOA_CLASS_PREFIX + level, "authn_auth": self.entity_id},
            sign_assertion=False, sign_response=False, **{k: v for k, v in args.items() if k != "name_id_policy"},
        )
        response = response_from_string(str(unsigned))
        assertion = response.assertion[0] if isinstance(response.assertion, list) else response.assertion
        if assertion_id:
            assertion.id = assertion_id
        if audience is not None:
            assertion.conditions.audience_restriction[0].audience[0].text = audience
        now = datetime.datetime.now(datetime.UTC)
        if not_before is not None:
            assertion.conditions.not_before = instant(time_stamp=int((now + not_before).timestamp()))
        if not_on_or_after is not None:
            moment = instant(time_stamp=int((now + not_on_or_after).timestamp()))
            assertion.conditions.not_on_or_after = moment
            for confirmation in assertion.subject.subject_confirmation:
                confirmation.subject_confirmation_data.not_on_or_after = moment
        if sign:
            signer = self.server(signing_keys)
            assertion.signature = pre_signature_part(assertion.id, signer.sec.my_cert, 1)
            xml = signed_instance_factory(response, signer.sec, [(assertion.__class__.__name__, assertion.id)])
        else:
            xml = str(response)
        if raw_xml_hook is not None:
            xml = raw_xml_hook(xml)
        return base64.b64encode(xml.encode() if isinstance(xml, str) else xml).decode()


def reserialise(xml):
    """Take the signed assertion out and put it back in the same place: the control for the wrapping
    tests (the bytes of the signed part survive, so a refusal comes from the forgery)."""
    xml = xml.decode() if isinstance(xml, bytes) else xml
    assertion = _signed_assertion(xml)
    head, tail = xml.split(assertion, 1)
    return head + assertion + tail


def _signed_assertion(xml):
    match = re.search(r"<(\w+):Assertion\b.*?</\1:Assertion>", xml, re.S)
    assert match, "no assertion in the response"
    return match.group(0)


def wrap_signature(xml, *, forged_email, where="sibling"):
    """XML signature wrapping: a forged, unsigned assertion for another person placed before the
    signed one (as a sibling, or with the signed one hidden inside it). Done on the text, so the signed
    assertion's bytes stay exactly as signed."""
    xml = xml.decode() if isinstance(xml, bytes) else xml
    signed = _signed_assertion(xml)
    forged = re.sub(r"<(\w+):Signature\b.*?</\1:Signature>", "", signed, count=1, flags=re.S)
    forged = re.sub(r'ID="[^"]+"', f'ID="{sid()}"', forged, count=1)
    forged = re.sub(r"(<(\w+):NameID\b[^>]*>)[^<]*(</\2:NameID>)",
                    lambda m: m.group(1) + hashlib.sha256(forged_email.encode()).hexdigest() + m.group(3), forged)
    forged = re.sub(r'(Name="' + re.escape(OIOSAML_EMAIL) + r'"[^>]*>\s*<(\w+):AttributeValue\b[^>]*>)[^<]*',
                    lambda m: m.group(1) + forged_email, forged)
    assert forged_email in forged
    if where == "sibling":
        return xml.replace(signed, forged + signed, 1)
    closing = forged[forged.rindex("</"):]
    return xml.replace(signed, forged[: -len(closing)] + signed + closing, 1)
