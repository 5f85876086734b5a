"""A small identity provider for development: `make demo` logs Skanderborg's staff in through a real
SAML exchange (signed AuthnRequest in, signed assertion out), built on pysaml2's IdP.

It answers 404 unless `settings.ICS_SSO["DEMO_IDP"]` is true, which only the development settings set
(never production); its key pair is made by the demo loader (`people.sso.demo`). It asks for no
password: whoever uses it chooses whom to log in as, which is the point of a demo and why it must never
run in production. The browser tests drive the same IdP with keys made in the test.
"""

import base64
import hashlib

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from . import config
from .assurance import NSIS_LOA_ATTRIBUTE, NSIS_LOA_CLASS_PREFIX, Assurance
from .keys import xmlsec_binary
from .models import OIOSAML_CVR, OIOSAML_EMAIL, OIOSAML_FULL_NAME, IdentityProvider
from .views import post_binding_page

DEFAULT_EMAIL = "sagsbehandler1@skanderborg.demo"


def _enabled():
    if not settings.ICS_SSO.get("DEMO_IDP"):
        raise Http404


def entity_id() -> str:
    return config.site_url() + reverse("sso:demo_idp_metadata")


def idp_config() -> IdPConfig:
    key_file, cert_file = settings.ICS_SSO["DEMO_IDP_KEYS"]
    conf = {
        "entityid": entity_id(),
        "xmlsec_binary": xmlsec_binary(),
        "key_file": str(key_file),
        "cert_file": str(cert_file),
        "metadata": {"inline": [config.sp_metadata_xml()]} if config.is_configured() else {},
        "accepted_time_diff": 60,
        "service": {
            "idp": {
                "name": "ICS Akademi demo-IdP",
                "endpoints": {
                    "single_sign_on_service": [(config.site_url() + reverse("sso:demo_idp_sso"), BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(config.site_url() + reverse("sso:demo_idp_slo"), BINDING_HTTP_REDIRECT)],
                },
                "want_authn_requests_signed": True,
                "sign_assertion": True,
                "sign_response": True,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
            },
        },
    }
    idp = IdPConfig()
    idp.load(conf)
    return idp


def idp_metadata_xml() -> str:
    text = create_metadata_string(None, config=idp_config(), valid=None, sign=False)
    return text.decode() if isinstance(text, bytes) else text


@require_GET
def metadata(request):
    _enabled()
    return HttpResponse(idp_metadata_xml(), content_type="application/samlmetadata+xml")


def _registered():
    """The demo IdP's row (made by the demo loader): which municipality it speaks for."""
    row = IdentityProvider.objects.select_related("municipality").filter(entity_id=entity_id()).first()
    if row is None:
        raise Http404
    return row


@csrf_exempt  # the form carries the signed AuthnRequest, verified again when posted
@require_http_methods(["GET", "POST"])
def single_sign_on(request):
    """GET: verify the SP's signed AuthnRequest and ask whom to log in as. POST: answer with a signed
    assertion, through the browser, to the SP's assertion consumer from the SP's metadata."""
    _enabled()
    data = request.GET if request.method == "GET" else request.POST
    server = Server(config=idp_config())
    message = {name: data.get(name) for name in ("SAMLRequest", "RelayState", "SigAlg", "Signature")}
    try:
        parsed = server.parse_authn_request(
            message["SAMLRequest"] or "", BINDING_HTTP_REDIRECT, relay_state=message["RelayState"],
            sigalg=message["SigAlg"], signature=message["Signature"],
        )
    except Exception as exc:  # an unsigned or tampered request gets no assertion
        return HttpResponse(_("The demo identity provider refused the request: %(error)s") % {"error": exc},
                            status=400, content_type="text/plain; charset=utf-8")
    if parsed is None:
        return HttpResponse(_("The demo identity provider refused the request."), status=400)
    row = _registered()
    if request.method == "GET":
        return render(request, "people/sso/demo_idp.html", {
            "message": {k: v for k, v in message.items() if v}, "row": row,
            "email": request.GET.get("email", DEFAULT_EMAIL), "levels": Assurance.choices,
            "default_level": Assurance.SUBSTANTIAL,
        })
    email = (request.POST.get("email") or "").strip().lower()
    level = request.POST.get("assurance") if request.POST.get("assurance") in Assurance.values else Assurance.LOW
    args = server.response_args(parsed.message)
    name = email.split("@")[0].replace(".", " ").title()
    identity = {
        OIOSAML_EMAIL: [email],
        OIOSAML_FULL_NAME: [name],
        NSIS_LOA_ATTRIBUTE: [level.capitalize()],
    }
    if row.municipality and row.municipality.cvr:
        identity[OIOSAML_CVR] = [row.municipality.cvr]
    # A persistent pseudonym per person, as the federation sends: stable, and not the email.
    pseudonym = hashlib.sha256(f"{entity_id()}|{email}".encode()).hexdigest()
    response = server.create_authn_response(
        identity, name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=pseudonym),
        authn={"class_ref": NSIS_LOA_CLASS_PREFIX + level.capitalize(), "authn_auth": entity_id()},
        sign_assertion=True, sign_response=True, **args,
    )
    return post_binding_page(request, args["destination"], {
        "SAMLResponse": base64.b64encode(str(response).encode()).decode(),
        **({"RelayState": message["RelayState"]} if message["RelayState"] else {}),
    })


@require_GET
def single_logout(request):
    """The demo IdP keeps no sessions of its own: a logout request is simply acknowledged."""
    _enabled()
    return render(request, "people/sso/demo_idp_logged_out.html")
