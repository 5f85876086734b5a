"""Reads for people and organisations, already scoped to what the viewer may see."""

from django.db.models import Count, Q
from django.utils import timezone

from .models import Invitation, Membership
from .permissions import access_for, visible_memberships, visible_municipalities
from .roles import Role


def staff_for_municipality(*, viewer, municipality, include_ended=False):
    qs = visible_memberships(viewer).filter(municipality=municipality)
    if not include_ended:
        qs = qs.current()
    return qs.order_by("person__full_name")


def own_memberships(*, person):
    return (
        Membership.objects.filter(person=person)
        .select_related("municipality", "provider", "team")
        .order_by("end_date", "-start_date")
    )


def pending_invitations(*, viewer):
    access = access_for(viewer)
    qs = Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).select_related(
        "municipality", "provider", "team"
    )
    if access.is_national_admin:
        return qs
    return qs.filter(
        Q(municipality_id__in=access.led_municipality_ids) | Q(provider_id__in=access.provider_ids(Role.COORDINATOR))
    )


def municipality_staff_counts(*, viewer):
    """Each visible municipality with its current staff counted by role, in one query."""
    today = timezone.localdate()
    current = Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    return visible_municipalities(viewer).annotate(
        caseworkers=Count("memberships", filter=current & Q(memberships__role=Role.CASEWORKER)),
        superusers=Count("memberships", filter=current & Q(memberships__role=Role.SUPERUSER)),
        leaders=Count("memberships", filter=current & Q(memberships__role=Role.LEADER)),
    )
