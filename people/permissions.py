"""The one place that answers "what may this person see and do".

Every view and selector asks here. `access_for(user)` reads the person's current memberships once per
request and answers from memory after that.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Membership, Municipality, Provider, Team, User
from .roles import Role

_CACHE_ATTR = "_ics_access"
# The municipal roles that plan local events for their municipality.
PLANNER_ROLES = (Role.LEADER, Role.SUPERUSER)


@dataclass(frozen=True)
class Access:
    user_id: int | None
    is_national_admin: bool = False
    # municipality id -> set of roles the person holds there now
    municipal_roles: dict = field(default_factory=dict)
    # provider id -> set of roles
    provider_roles: dict = field(default_factory=dict)

    @property
    def is_authenticated(self):
        return self.user_id is not None

    def municipality_ids(self, *roles):
        """Municipalities where the person holds any of the roles (any role when none given)."""
        return frozenset(m for m, held in self.municipal_roles.items() if not roles or held & set(roles))

    def provider_ids(self, *roles):
        return frozenset(p for p, held in self.provider_roles.items() if not roles or held & set(roles))

    @property
    def led_municipality_ids(self):
        return self.municipality_ids(Role.LEADER)

    @property
    def roles(self):
        held = set()
        for roles in (*self.municipal_roles.values(), *self.provider_roles.values()):
            held |= roles
        if self.is_national_admin:
            held.add(Role.NATIONAL_ADMIN)
        return frozenset(held)

    def has_role(self, *roles):
        return bool(self.roles & set(roles))

    def leads(self, municipality):
        return self.is_national_admin or _pk(municipality) in self.led_municipality_ids

    def coordinates(self, provider):
        return self.is_national_admin or _pk(provider) in self.provider_ids(Role.COORDINATOR)

    def may_plan_for(self, municipality):
        """Whether the person plans the municipality's local events (theme days, brush-ups, team
        meetings): as its leader or ICS superuser, or as a national admin. The list of them is
        `plannable_municipalities`."""
        return self.is_national_admin or _pk(municipality) in self.municipality_ids(*PLANNER_ROLES)

    def may_manage_staff(self, municipality):
        """Leaders keep their municipality's roster; national admins any."""
        return self.leads(municipality)

    def may_edit_membership(self, membership):
        """A municipal membership is the leader's to change, a provider's the coordinator's."""
        if membership.municipality_id:
            return self.may_manage_staff(membership.municipality_id)
        if membership.provider_id:
            return self.coordinates(membership.provider_id)
        return self.is_national_admin

    @property
    def may_invite(self):
        return self.is_national_admin or bool(self.led_municipality_ids or self.provider_ids(Role.COORDINATOR))


def _pk(obj):
    """An organisation's id, given the organisation or its id."""
    return obj.pk if isinstance(obj, models.Model) else obj


ANONYMOUS = Access(user_id=None)


def access_for(user) -> Access:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    municipal, provider, national = {}, {}, False
    # A role grants only while it is in force: nothing before its start date, nothing after its end.
    rows = (Membership.objects.on(timezone.localdate()).filter(person=user)
            .values_list("role", "municipality_id", "provider_id"))
    for role, municipality_id, provider_id in rows:
        if role == Role.NATIONAL_ADMIN:
            national = True
        elif municipality_id:
            municipal.setdefault(municipality_id, set()).add(role)
        elif provider_id:
            provider.setdefault(provider_id, set()).add(role)
    access = Access(
        user_id=user.pk,
        is_national_admin=national,
        municipal_roles={k: frozenset(v) for k, v in municipal.items()},
        provider_roles={k: frozenset(v) for k, v in provider.items()},
    )
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user):
    """Drop the cached answer after a membership change within the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- Querysets scoped to the viewer -------------------------------------------------------------


def visible_municipalities(user) -> QuerySet:
    """Municipalities whose staff data the person may see: all for national admins, led ones for leaders."""
    access = access_for(user)
    if access.is_national_admin:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=access.led_municipality_ids)


def plannable_municipalities(user) -> QuerySet:
    """Municipalities the person may plan local events for: those where they are a leader or an ICS
    superuser (memberships in force, as everywhere in `Access`: not ended, future starters included);
    every municipality for national admins. The one list scheduling and courses ask for; one
    municipality is `Access.may_plan_for`."""
    access = access_for(user)
    if access.is_national_admin:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=access.municipality_ids(*PLANNER_ROLES))


def visible_memberships(user) -> QuerySet:
    """Memberships the person may see: their own, the staff of municipalities they lead, the staff of
    providers they coordinate; everything for national admins."""
    access = access_for(user)
    qs = Membership.objects.select_related("person", "municipality", "provider", "team")
    if access.is_national_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    return qs.filter(
        Q(person_id=access.user_id)
        | Q(municipality_id__in=access.led_municipality_ids)
        | Q(provider_id__in=access.provider_ids(Role.COORDINATOR))
    )


def visible_people(user) -> QuerySet:
    access = access_for(user)
    if access.is_national_admin:
        return User.objects.all()
    if not access.is_authenticated:
        return User.objects.none()
    return User.objects.filter(
        Q(pk=access.user_id)
        | Q(memberships__municipality_id__in=access.led_municipality_ids)
        | Q(memberships__provider_id__in=access.provider_ids(Role.COORDINATOR))
    ).distinct()


def visible_teams(user) -> QuerySet:
    return Team.objects.filter(municipality__in=visible_municipalities(user)).select_related("municipality")


def coordinated_providers(user) -> QuerySet:
    access = access_for(user)
    if access.is_national_admin:
        return Provider.objects.all()
    return Provider.objects.filter(pk__in=access.provider_ids(Role.COORDINATOR))


def get_visible_or_404(queryset, **lookup):
    """Fetch from an already-scoped queryset; anything outside the viewer's scope is simply not found."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
