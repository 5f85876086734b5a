"""Who may see and change what in implementation. The services ask these same functions (one door
per change); views ask them only to decide what to show."""

from django.db.models import Q, QuerySet

from people.models import Membership, Municipality
from people.permissions import access_for, get_visible_or_404

from ..models import GroupMember, Round


def may_manage(user, municipality) -> bool:
    """Open rounds, change the phase, the goals, the group, the activities and the assessments: the
    municipality's leaders and national admins."""
    return access_for(user).leads(municipality)


def plan_municipalities(user) -> QuerySet:
    """Municipalities whose plan and barometer reports the person may see: those they lead, those
    whose implementation group they sit in while on the staff; every municipality for national admins."""
    access = access_for(user)
    if access.is_national_admin:
        return Municipality.objects.all()
    if not access.is_authenticated:
        return Municipality.objects.none()
    in_group = GroupMember.objects.filter(person_id=access.user_id).values("plan__municipality_id")
    on_staff = access.municipality_ids()
    return Municipality.objects.filter(
        Q(pk__in=access.led_municipality_ids) | (Q(pk__in=in_group) & Q(pk__in=on_staff))
    )


def plan_municipality_or_404(*, viewer, slug) -> Municipality:
    return get_visible_or_404(plan_municipalities(viewer), slug=slug)


def report_rounds(viewer) -> QuerySet:
    return Round.objects.filter(municipality__in=plan_municipalities(viewer).values("pk")).select_related(
        "municipality", "version")


def report_round_or_404(*, viewer, pk) -> Round:
    """A round whose report the viewer may see; another municipality's round is simply not found."""
    return get_visible_or_404(report_rounds(viewer), pk=pk)


def may_see_national(viewer) -> bool:
    return access_for(viewer).is_national_admin


def staff_on(municipality, day) -> QuerySet:
    """The municipality's memberships in force on a day (the respondents of a round opening then)."""
    return Membership.objects.on(day).filter(municipality=municipality)
