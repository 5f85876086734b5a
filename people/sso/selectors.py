"""Reads for single sign-on: which identity provider serves a municipality, and the login page's list."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from saml2 import BINDING_HTTP_REDIRECT

from ..models import Municipality
from .models import IdentityProvider


def identity_provider_for(municipality: Municipality) -> IdentityProvider | None:
    """The municipality's own active IdP, else the active federation when the municipality has a CVR."""
    own = IdentityProvider.objects.filter(
        kind=IdentityProvider.Kind.MUNICIPALITY, municipality=municipality, is_active=True).first()
    if own is not None:
        return own
    if municipality.cvr:
        return IdentityProvider.objects.filter(kind=IdentityProvider.Kind.FEDERATION, is_active=True).order_by("pk").first()
    return None


@dataclass(frozen=True)
class LoginChoice:
    slug: str
    name: str


def login_choices() -> list[LoginChoice]:
    """The municipalities whose staff can log in with their own login (one query)."""
    own = IdentityProvider.objects.filter(
        kind=IdentityProvider.Kind.MUNICIPALITY, municipality=OuterRef("pk"), is_active=True)
    federation = IdentityProvider.objects.filter(kind=IdentityProvider.Kind.FEDERATION, is_active=True)
    rows = (Municipality.objects.annotate(own=Exists(own), fed=Exists(federation))
            .filter(Q(own=True) | (Q(fed=True) & ~Q(cvr=""))).order_by("name").values_list("slug", "name"))
    return [LoginChoice(slug, name) for slug, name in rows]


def sso_location(client, idp: IdentityProvider, binding: str) -> str:
    """The IdP's single sign-on address for a binding, or "" when it has none."""
    services = client.metadata.service(idp.entity_id, "idpsso_descriptor", "single_sign_on_service", binding)
    return services[0]["location"] if services else ""


def slo_location(client, idp: IdentityProvider) -> str:
    """The IdP's single logout address (HTTP-Redirect), or "" when it has none."""
    services = client.metadata.service(idp.entity_id, "idpsso_descriptor", "single_logout_service",
                                       BINDING_HTTP_REDIRECT)
    return services[0]["location"] if services else ""
