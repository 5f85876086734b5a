"""Writes for single sign-on: identity providers saved from checked metadata, and the login decision.

The roster decides who gets in (`sso_login_decide`): an assertion logs in a person on the current staff
of the municipality it speaks for, found by a linked persistent NameID or else by email, and only if all
the person's roles are in that municipality (a national admin's role aside), so an assertion for
municipality A never opens municipality B's role. Leaders, national admins and Django staff need
assurance Substantial or above.
"""

import datetime
import logging
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Membership, Municipality, User
from ..permissions import access_for
from ..roles import MUNICIPAL_ROLES, Role
from ..services import membership_create
from . import metadata as idp_metadata
from .assurance import Assurance, rank
from .models import IdentityProvider, SsoAssertionSeen, SsoIdentity, SsoLoginRefusal

logger = logging.getLogger(__name__)
Reason = SsoLoginRefusal.Reason
# How long a used assertion id is kept when the assertion states no end of validity.
ASSERTION_MEMORY = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class SsoClaims:
    """What a verified assertion says about the person."""

    identity_provider: IdentityProvider
    name_id: str
    name_id_persistent: bool
    email: str
    full_name: str
    cvr: str
    assurance: Assurance
    session_index: str = ""


class SsoRefused(Exception):
    """A refused login: `reason` for the person's page and the log, `detail` for the national admin."""

    def __init__(self, reason: str, detail: str = "", *, identity_provider=None, municipality=None, email=""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.identity_provider = identity_provider
        self.municipality = municipality
        self.email = email


# --- Identity providers --------------------------------------------------------------------------


def idp_metadata_apply(*, identity_provider: IdentityProvider, xml: str | bytes | None = None) -> IdentityProvider:
    """Fill an identity provider's metadata from uploaded XML, else from its metadata address.
    Raises ValidationError (on `metadata_file` / `metadata_url`) saying what is wrong; saves nothing."""
    try:
        if xml:
            checked = idp_metadata.read(xml)
        elif identity_provider.metadata_url:
            checked = idp_metadata.fetch(identity_provider.metadata_url)
        elif identity_provider.metadata_xml:
            checked = idp_metadata.read(identity_provider.metadata_xml)
        else:
            raise ValidationError(_("Upload the identity provider's metadata or enter the address it is "
                                    "published at."))
    except ValidationError as exc:
        field = "metadata_url" if (not xml and identity_provider.metadata_url) else "metadata_file"
        raise ValidationError({field: exc.messages}) from exc
    taken = IdentityProvider.objects.filter(entity_id=checked.entity_id).exclude(pk=identity_provider.pk).first()
    if taken is not None:
        raise ValidationError({"metadata_file": _("The identity provider %(entity_id)s is already registered as "
                                                  "»%(name)s«.") % {"entity_id": checked.entity_id, "name": taken}})
    identity_provider.entity_id = checked.entity_id
    identity_provider.metadata_xml = checked.xml
    identity_provider.metadata_updated_at = timezone.now()
    return identity_provider


@transaction.atomic
def idp_save(*, identity_provider: IdentityProvider, by: User | None, xml: str | bytes | None = None) -> IdentityProvider:
    """Check the metadata and save the identity provider. National admins only."""
    if by is not None and not access_for(by).is_national_admin:
        raise PermissionDenied(_("Only a national admin may manage identity providers."))
    idp_metadata_apply(identity_provider=identity_provider, xml=xml)
    identity_provider.full_clean()
    identity_provider.save()
    return identity_provider


# --- Refusals and replays ------------------------------------------------------------------------


def refusal_record(refusal: SsoRefused) -> SsoLoginRefusal:
    """Log a refused login for the national admins (outside the refused login's transaction)."""
    return SsoLoginRefusal.objects.create(
        identity_provider=refusal.identity_provider, municipality=refusal.municipality,
        reason=refusal.reason, detail=refusal.detail[:4000], email=(refusal.email or "")[:254],
    )


def assertion_use(*, identity_provider: IdentityProvider, assertion_id: str, expires_at: datetime.datetime | None):
    """Record that an assertion id was used; a second use raises SsoRefused(REPLAYED)."""
    now = timezone.now()
    SsoAssertionSeen.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            SsoAssertionSeen.objects.create(
                identity_provider=identity_provider, assertion_id=assertion_id,
                expires_at=max(expires_at or now, now) + ASSERTION_MEMORY,
            )
    except IntegrityError as exc:
        raise SsoRefused(Reason.REPLAYED, f"assertion {assertion_id} seen before",
                         identity_provider=identity_provider) from exc


# --- The login decision --------------------------------------------------------------------------


def municipality_of(claims: SsoClaims, chosen: Municipality | None) -> Municipality:
    """The municipality the assertion speaks for: the IdP's own, or the one the federation names by
    CVR. A CVR that disagrees with the IdP's municipality, or with the one the person chose, is refused."""
    idp = claims.identity_provider
    refuse = lambda detail, municipality=None: SsoRefused(  # noqa: E731
        Reason.WRONG_MUNICIPALITY, detail, identity_provider=idp, municipality=municipality, email=claims.email,
    )
    if idp.kind == IdentityProvider.Kind.MUNICIPALITY:
        municipality = idp.municipality
        if claims.cvr and claims.cvr != municipality.cvr:
            raise refuse(f"CVR {claims.cvr} in the assertion, the IdP serves {municipality} "
                         f"(CVR {municipality.cvr or 'not set'})", municipality)
    else:
        if not claims.cvr:
            raise refuse("the federation's assertion names no CVR")
        municipality = Municipality.objects.filter(cvr=claims.cvr).first()
        if municipality is None:
            raise refuse(f"no municipality has CVR {claims.cvr}")
    if chosen is not None and chosen.pk != municipality.pk:
        raise refuse(f"the person chose {chosen}, the assertion speaks for {municipality}", municipality)
    return municipality


@transaction.atomic
def sso_login_decide(*, claims: SsoClaims, chosen: Municipality | None = None) -> tuple[User, Municipality, bool]:
    """Who the verified assertion logs in: (person, municipality, whether the person was created now).
    Raises SsoRefused. Links the persistent NameID at the first login by email; creates a caseworker
    when the municipality opted in (`Municipality.sso_creates_caseworkers`), with a membership event
    that names the source."""
    idp = claims.identity_provider
    municipality = municipality_of(claims, chosen)

    def refuse(reason, detail):
        return SsoRefused(reason, detail, identity_provider=idp, municipality=municipality, email=claims.email)

    today = timezone.localdate()
    on_staff = Membership.objects.current(today).filter(municipality=municipality, role__in=MUNICIPAL_ROLES)
    person, identity, created = None, None, False
    if claims.name_id_persistent and claims.name_id:
        identity = SsoIdentity.objects.select_related("person").filter(
            identity_provider=idp, name_id=claims.name_id).first()
    if identity is not None:
        if not on_staff.filter(person=identity.person).exists():
            raise refuse(Reason.NOT_ON_ROSTER, f"the linked person {identity.person_id} is not on the staff list")
        person = identity.person
    elif claims.email:
        person = User.objects.filter(
            email__iexact=claims.email, pk__in=on_staff.values("person_id")
        ).first()
    elif not municipality.sso_creates_caseworkers:
        raise refuse(Reason.NO_EMAIL, f"no {idp.email_attribute} attribute and no linked NameID")

    if person is None:
        if not (municipality.sso_creates_caseworkers and claims.email):
            raise refuse(Reason.NOT_ON_ROSTER, "no person on the staff list with this email or NameID")
        if User.objects.filter(email__iexact=claims.email).exists():
            # An account elsewhere is never attached to this municipality by an assertion.
            raise refuse(Reason.NOT_ON_ROSTER, "an account with this email exists but is not on the staff list")
        person = _caseworker_create(claims=claims, municipality=municipality, today=today)
        created = True

    if not person.is_active:
        raise refuse(Reason.NOT_ON_ROSTER, "the account is not active")
    held = Membership.objects.current(today).filter(person=person)
    elsewhere = held.exclude(role=Role.NATIONAL_ADMIN).exclude(
        Q(municipality=municipality) & Q(role__in=MUNICIPAL_ROLES))
    if elsewhere.exists():
        raise refuse(Reason.ROLES_ELSEWHERE, "the account holds roles in other organisations: "
                     + ", ".join(str(m) for m in elsewhere[:5]))
    if _needs_substantial(person, held) and rank(claims.assurance) < rank(Assurance.SUBSTANTIAL):
        raise refuse(Reason.ASSURANCE_TOO_LOW, f"assurance {claims.assurance}; the role needs Substantial or High")

    if identity is None and claims.name_id_persistent and claims.name_id:
        identity = SsoIdentity.objects.create(identity_provider=idp, name_id=claims.name_id, person=person)
    if identity is not None:
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["last_login_at"])
    return person, municipality, created


def _needs_substantial(person: User, held) -> bool:
    return person.is_superuser or person.is_staff or held.filter(role__in=[Role.LEADER, Role.NATIONAL_ADMIN]).exists()


def _caseworker_create(*, claims: SsoClaims, municipality: Municipality, today) -> User:
    person = User(email=claims.email.strip().lower(), full_name=(claims.full_name or claims.email).strip()[:200])
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    membership_create(
        person=person, role=Role.CASEWORKER, municipality=municipality, start_date=today, by=None,
        event_data={"source": "sso", "identity_provider": claims.identity_provider.pk,
                    "identity_provider_name": claims.identity_provider.name},
    )
    return person


def idp_metadata_refresh_all() -> dict[str, int]:
    """Fetch again the metadata of every active IdP that has a metadata address (certificates roll
    over at the IdP). A fetch or check that fails keeps the stored metadata and is logged; returns
    how many were refreshed and how many failed."""
    refreshed = failed = 0
    for idp in IdentityProvider.objects.filter(is_active=True).exclude(metadata_url=""):
        try:
            with transaction.atomic():
                idp_metadata_apply(identity_provider=idp)
                idp.full_clean()
                idp.save()
            refreshed += 1
        except ValidationError as exc:
            failed += 1
            logger.warning("SSO metadata for %s not refreshed: %s", idp, "; ".join(exc.messages))
    return {"refreshed": refreshed, "failed": failed}
