"""What single sign-on holds about a person, for the GDPR export, erasure and the retention purge
(registered with `people.personal_data` from `people.wiring`)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from ..models import User
from ..personal_data import Erasure, record
from .models import SsoAssertionSeen, SsoIdentity, SsoLoginRefusal


def _refusals_of(email: str):
    return SsoLoginRefusal.objects.filter(email__iexact=email) if email else SsoLoginRefusal.objects.none()


def export(person: User) -> dict[str, list[dict]]:
    return {
        "sso_identities": [record(i) for i in SsoIdentity.objects.filter(person=person).select_related(
            "identity_provider")],
        "sso_refusals": [record(r) for r in _refusals_of(person.email).select_related(
            "identity_provider", "municipality")],
    }


def erase(erasure: Erasure) -> None:
    """The linked NameIDs go (the IdP's pseudonym would identify the person); refused logins keep the
    reason and time, without the address."""
    SsoIdentity.objects.filter(person=erasure.person).delete()
    _refusals_of(erasure.email).update(email="", detail="")


def purge(cutoff: datetime.datetime) -> int:
    """Refused logins older than the retention period, and used assertion ids past their expiry."""
    refusals, _ = SsoLoginRefusal.objects.filter(at__lt=cutoff).delete()
    seen, _ = SsoAssertionSeen.objects.filter(Q(expires_at__lt=timezone.now())).delete()
    return refusals + seen
