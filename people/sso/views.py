"""The service provider's endpoints: start a login, receive the assertion, metadata, single logout.

Views are thin: pysaml2 verifies (signatures, audience, times, InResponseTo), `services` decides."""

import base64
import calendar
import datetime
import logging
import time

from defusedxml import ElementTree
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.response import StatusError, UnsolicitedResponse
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.time_util import str_to_time
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from web.redirects import safe_next_url

from .. import sessions
from ..models import Municipality
from . import config, selectors, services
from .assurance import NSIS_LOA_ATTRIBUTE, SESSION_KEY, parse
from .models import OIOSAML_FULL_NAME, IdentityProvider

logger = logging.getLogger(__name__)

OUTSTANDING_KEY = "ics_sso_outstanding"
MAX_OUTSTANDING = 5
# The municipality chosen on the login page, remembered for a year.
MUNICIPALITY_COOKIE = "ics_kommune"
MUNICIPALITY_COOKIE_SECONDS = 365 * 24 * 60 * 60
Reason = services.Reason


@require_GET
def sp_metadata(request):
    if not config.is_configured():
        raise Http404
    return HttpResponse(config.sp_metadata_xml(), content_type="application/samlmetadata+xml")


@require_http_methods(["GET", "POST"])
def sso_start(request):
    """Send the person to the chosen municipality's identity provider with a signed AuthnRequest."""
    data = request.POST if request.method == "POST" else request.GET
    municipality = Municipality.objects.filter(slug=data.get("municipality", "")).first()
    idp = selectors.identity_provider_for(municipality) if municipality else None
    if idp is None or not config.is_configured():
        messages.error(request, _("Choose your municipality from the list. Municipalities not on the list "
                                  "do not use their own login here yet: log in with email and password."))
        return redirect("account_login")
    client = config.client_for(idp)
    redirect_to = selectors.sso_location(client, idp, BINDING_HTTP_REDIRECT)
    if redirect_to:
        request_id, info = client.prepare_for_authenticate(
            entityid=idp.entity_id, binding=BINDING_HTTP_REDIRECT, sign=True, sigalg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256, nameid_format=NAMEID_FORMAT_PERSISTENT,
        )
        response = HttpResponseRedirect(dict(info["headers"])["Location"])
    else:  # an IdP with the HTTP-POST binding only: the request carries its signature inside
        destination = selectors.sso_location(client, idp, BINDING_HTTP_POST)
        request_id, authn_request = client.create_authn_request(
            destination, sign=True, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256,
            nameid_format=NAMEID_FORMAT_PERSISTENT,
        )
        response = post_binding_page(request, destination, {
            "SAMLRequest": base64.b64encode(str(authn_request).encode()).decode()})
    outstanding = dict(request.session.get(OUTSTANDING_KEY, {}))
    outstanding[request_id] = {
        "idp": idp.pk, "municipality": municipality.pk, "next": safe_next_url(request, data.get("next", "")) or "",
        "at": time.time(),
    }
    request.session[OUTSTANDING_KEY] = dict(sorted(outstanding.items(), key=lambda kv: kv[1]["at"])[-MAX_OUTSTANDING:])
    response.set_cookie(MUNICIPALITY_COOKIE, municipality.slug, max_age=MUNICIPALITY_COOKIE_SECONDS,
                        samesite="Lax", secure=request.is_secure(), httponly=True)
    return response


def post_binding_page(request, url, fields):
    """An HTTP-POST binding message as a form the browser submits: a static script presses the button
    (CSP allows no inline script); without JavaScript the person presses it."""
    return render(request, "people/sso/post_binding.html", {"url": url, "fields": fields})


@csrf_exempt  # posted by the IdP's page; the signed assertion and InResponseTo are the protection
@require_POST
def acs(request):
    """The assertion consumer: verify, decide, log in; or a neutral Danish refusal, logged."""
    outstanding = request.session.get(OUTSTANDING_KEY, {})
    try:
        person, municipality, claims, started = _verified_login(request, outstanding)
    except services.SsoRefused as refusal:
        services.refusal_record(refusal)
        logger.warning("SSO login refused: %s (%s)", refusal.reason, refusal.detail)
        return _refused(request, refusal)
    request.session[OUTSTANDING_KEY] = {k: v for k, v in outstanding.items() if k != started}
    session_data = {
        "idp": claims.identity_provider.pk, "municipality": municipality.pk, "assurance": str(claims.assurance),
        "name_id": claims.name_id, "name_id_persistent": claims.name_id_persistent,
        "session_index": claims.session_index,
    }
    next_url = outstanding.get(started, {}).get("next") or ""
    request.session[SESSION_KEY] = session_data
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    # login() keeps the session's data for a fresh login and flushes it when another person was logged in.
    request.session[SESSION_KEY] = session_data
    sessions.start(request, person)
    response = HttpResponseRedirect(next_url or reverse("dashboard"))
    response.set_cookie(MUNICIPALITY_COOKIE, municipality.slug, max_age=MUNICIPALITY_COOKIE_SECONDS,
                        samesite="Lax", secure=request.is_secure(), httponly=True)
    return response


def _verified_login(request, outstanding):
    saml_response = request.POST.get("SAMLResponse", "")
    idp = _issuer_idp(saml_response)
    client = config.client_for(idp)
    mine = {request_id: entry["next"] for request_id, entry in outstanding.items() if entry["idp"] == idp.pk}
    try:
        response = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST, outstanding=mine)
    except UnsolicitedResponse as exc:
        raise services.SsoRefused(Reason.UNSOLICITED, str(exc), identity_provider=idp) from exc
    except StatusError as exc:
        raise services.SsoRefused(Reason.IDP_ERROR, f"{type(exc).__name__}: {exc}", identity_provider=idp) from exc
    except Exception as exc:  # pysaml2 signals every failed check with its own kind of exception
        raise services.SsoRefused(Reason.INVALID_RESPONSE, f"{type(exc).__name__}: {exc}",
                                  identity_provider=idp) from exc
    if response is None or response.assertion is None:
        raise services.SsoRefused(Reason.INVALID_RESPONSE, "no verified assertion", identity_provider=idp)
    in_response_to = response.in_response_to
    if in_response_to and in_response_to not in mine:
        raise services.SsoRefused(Reason.UNSOLICITED, f"InResponseTo {in_response_to} unknown", identity_provider=idp)
    if not in_response_to and not idp.allow_unsolicited:
        raise services.SsoRefused(Reason.UNSOLICITED, "no InResponseTo", identity_provider=idp)
    assertion = response.assertion
    conditions = assertion.conditions
    expires = None
    if conditions is not None and conditions.not_on_or_after:
        expires = datetime.datetime.fromtimestamp(calendar.timegm(str_to_time(conditions.not_on_or_after)), datetime.UTC)
    services.assertion_use(identity_provider=idp, assertion_id=assertion.id, expires_at=expires)
    claims = _claims(idp, response)
    chosen_pk = outstanding.get(in_response_to, {}).get("municipality") if in_response_to else None
    chosen = Municipality.objects.filter(pk=chosen_pk).first() if chosen_pk else None
    person, municipality, _created = services.sso_login_decide(claims=claims, chosen=chosen)
    return person, municipality, claims, in_response_to


def _issuer_idp(saml_response: str) -> IdentityProvider:
    """The active identity provider that issued the response (its Issuer), before anything is trusted:
    the response is then verified against that IdP's certificates alone."""
    try:
        root = ElementTree.fromstring(base64.b64decode(saml_response, validate=False))
    except Exception as exc:  # not base64, not XML, or entities: nothing to verify
        raise services.SsoRefused(Reason.INVALID_RESPONSE, f"unreadable SAMLResponse: {exc}") from exc
    issuer = root.find("{urn:oasis:names:tc:SAML:2.0:assertion}Issuer")
    if issuer is None:
        issuer = root.find(".//{urn:oasis:names:tc:SAML:2.0:assertion}Issuer")
    entity_id = (issuer.text or "").strip() if issuer is not None else ""
    idp = IdentityProvider.objects.select_related("municipality").filter(entity_id=entity_id, is_active=True).first()
    if idp is None:
        raise services.SsoRefused(Reason.UNKNOWN_IDP, f"issuer {entity_id!r}")
    return idp


def _claims(idp: IdentityProvider, response) -> services.SsoClaims:
    attributes = {}
    for statement in response.assertion.attribute_statement:
        for attribute in statement.attribute:
            attributes.setdefault(attribute.name, []).extend(
                (value.text or "").strip() for value in attribute.attribute_value)

    def first(name):
        values = [v for v in attributes.get(name, []) if v]
        return values[0] if values else ""

    name_id = response.assertion.subject.name_id
    level = parse(first(NSIS_LOA_ATTRIBUTE))
    if level is None:
        for class_ref, _authorities, _instant in response.authn_info():
            level = level or parse(class_ref)
    session_index = ""
    for statement in response.assertion.authn_statement:
        session_index = statement.session_index or session_index
    return services.SsoClaims(
        identity_provider=idp,
        name_id=(name_id.text or "").strip() if name_id is not None else "",
        name_id_persistent=name_id is not None and name_id.format == NAMEID_FORMAT_PERSISTENT,
        email=first(idp.email_attribute).lower(),
        full_name=first(OIOSAML_FULL_NAME),
        cvr=first(idp.cvr_attribute),
        assurance=level or idp.assurance_when_absent,
        session_index=session_index,
    )


REFUSAL_KINDS = {
    Reason.NOT_ON_ROSTER: "person", Reason.NO_EMAIL: "person", Reason.ROLES_ELSEWHERE: "person",
    Reason.ASSURANCE_TOO_LOW: "person", Reason.WRONG_MUNICIPALITY: "municipality", Reason.IDP_ERROR: "idp",
}


def _refused(request, refusal):
    return render(request, "people/sso/refused.html", {
        "kind": REFUSAL_KINDS.get(refusal.reason, "technical"), "municipality": refusal.municipality,
    }, status=403)


# --- Single logout -------------------------------------------------------------------------------


def logout_redirect_for(request) -> str | None:
    """Before a local logout: the IdP's single-logout address with a signed LogoutRequest for this
    session's SSO login, or None (a password login, or an IdP without single logout)."""
    data = request.session.get(SESSION_KEY)
    if not data or not config.is_configured():
        return None
    idp = IdentityProvider.objects.filter(pk=data.get("idp"), is_active=True).first()
    if idp is None:
        return None
    client = config.client_for(idp)
    destination = selectors.slo_location(client, idp)
    if not destination:
        return None
    name_id = NameID(text=data.get("name_id", ""),
                     format=NAMEID_FORMAT_PERSISTENT if data.get("name_id_persistent") else None)
    request_id, logout_request = client.create_logout_request(
        destination, idp.entity_id, name_id=name_id, session_indexes=[data.get("session_index")] if data.get(
            "session_index") else None, sign=False,
    )
    info = client.apply_binding(BINDING_HTTP_REDIRECT, str(logout_request), destination, relay_state="",
                                sign=True, sigalg=SIG_RSA_SHA256)
    return dict(info["headers"])["Location"]


@require_POST
def sso_logout(request):
    """Log out here and at the municipality's identity provider (single logout)."""
    target = logout_redirect_for(request)
    logout(request)
    return HttpResponseRedirect(target or "/")


@csrf_exempt  # the IdP's LogoutRequest or LogoutResponse, verified by its signature
@require_http_methods(["GET", "POST"])
def sls(request):
    data = request.GET if request.method == "GET" else request.POST
    binding = BINDING_HTTP_REDIRECT if request.method == "GET" else BINDING_HTTP_POST
    if "SAMLResponse" in data:  # the answer to our LogoutRequest: we have logged out already
        return redirect("/")
    if "SAMLRequest" not in data:
        raise Http404
    session_data = request.session.get(SESSION_KEY) or {}
    idp = IdentityProvider.objects.filter(pk=session_data.get("idp"), is_active=True).first()
    if idp is None:
        return redirect("/")
    client = config.client_for(idp)
    # pysaml2 verifies an incoming request's signature only when this is set (read for SPs too); an
    # unsigned LogoutRequest must log nobody out.
    client.config.setattr("idp", "want_authn_requests_signed", True)
    try:
        logout_request = client.parse_logout_request(
            data["SAMLRequest"], binding, relay_state=data.get("RelayState"),
            sigalg=data.get("SigAlg"), signature=data.get("Signature"),
        )
    except Exception as exc:  # an unverifiable LogoutRequest logs nobody out
        logger.warning("SSO logout request refused: %s", exc)
        return HttpResponse(_("The logout request could not be verified."), status=400)
    message = logout_request.message
    if (message.name_id is not None and (message.name_id.text or "").strip() == session_data.get("name_id")):
        logout(request)
    destination = selectors.slo_location(client, idp)
    answer = client.create_logout_response(message, [BINDING_HTTP_REDIRECT], sign=False)
    info = client.apply_binding(BINDING_HTTP_REDIRECT, str(answer), destination, relay_state=data.get("RelayState", ""),
                                response=True, sign=True, sigalg=SIG_RSA_SHA256)
    return HttpResponseRedirect(dict(info["headers"])["Location"])
