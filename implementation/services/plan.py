"""The implementation plan: the phase (a dated history, a note required), the local goals, the
implementation group, the activities from the calendar and the aiming-point assessments."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Membership, Municipality
from people.roles import Role
from scheduling.models import Event

from ..models import (
    AimingPoint,
    AimingPointAssessment,
    GroupMember,
    GroupRole,
    ImplementationPlan,
    Phase,
    PhaseChange,
    PlanActivity,
)
from ..selectors.scope import may_manage

PLAN_EVENT_KINDS = (Event.Kind.THEME_DAY, Event.Kind.BRUSH_UP, Event.Kind.TEAM_MEETING)


def _check(by, municipality):
    if not may_manage(by, municipality):
        raise PermissionDenied(_("Only the municipality's leaders and national admins change the implementation plan."))


def plan_for(municipality: Municipality) -> ImplementationPlan:
    """The municipality's plan, made (in phase 1, without history) the first time it is asked for."""
    plan, _created = ImplementationPlan.objects.get_or_create(municipality=municipality)
    return plan


@transaction.atomic
def phase_change(*, municipality: Municipality, phase: str, note: str, by,
                 changed_on: datetime.date | None = None) -> PhaseChange:
    """Move the plan to a phase, with a note saying why; written as a `PhaseChange` row."""
    _check(by, municipality)
    plan = ImplementationPlan.objects.select_for_update().get(pk=plan_for(municipality).pk)
    changed_on = changed_on or timezone.localdate()
    errors = {}
    if phase not in Phase.values:
        errors["phase"] = _("Choose one of the four phases.")
    elif phase == plan.phase and plan.phase_changes.exists():
        errors["phase"] = _("The plan is already in this phase.")
    if not (note or "").strip():
        errors["note"] = _("Write a note saying why the phase changes.")
    if changed_on > timezone.localdate():
        errors["changed_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    change = PhaseChange(plan=plan, from_phase=plan.phase if plan.phase_changes.exists() else "", to_phase=phase,
                         changed_on=changed_on, changed_by=by, note=note.strip())
    change.full_clean()
    change.save()
    plan.phase = phase
    plan.full_clean()
    plan.save(update_fields=["phase"])
    return change


@transaction.atomic
def goals_update(*, municipality: Municipality, local_goals: str, by) -> ImplementationPlan:
    _check(by, municipality)
    plan = plan_for(municipality)
    plan.local_goals = (local_goals or "").strip()
    plan.full_clean()
    plan.save(update_fields=["local_goals"])
    return plan


@transaction.atomic
def group_member_add(*, municipality: Municipality, person, role: str, by) -> GroupMember:
    """Add a person from the municipality's staff to the implementation group."""
    _check(by, municipality)
    plan = plan_for(municipality)
    if role not in GroupRole.values:
        raise ValidationError({"role": _("Choose a role in the group.")})
    if not Membership.objects.current().filter(person=person, municipality=municipality,
                                               role__in=[Role.LEADER, Role.SUPERUSER, Role.CASEWORKER]).exists():
        raise ValidationError({"person": _("The implementation group is drawn from the municipality's staff.")})
    if GroupMember.objects.filter(plan=plan, person=person).exists():
        raise ValidationError({"person": _("%(name)s is already in the implementation group.") % {"name": person}})
    member = GroupMember(plan=plan, person=person, role=role)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def group_member_remove(*, member: GroupMember, by) -> None:
    _check(by, member.plan.municipality_id)
    member.delete()


@transaction.atomic
def activity_link(*, municipality: Municipality, event: Event, by, aiming_point: str = "") -> PlanActivity:
    """Link a theme day, brush-up or ICS team meeting of the municipality's calendar to the plan."""
    _check(by, municipality)
    plan = plan_for(municipality)
    if event.municipality_id != municipality.pk or event.kind not in PLAN_EVENT_KINDS:
        raise ValidationError({"event": _("Choose one of the municipality's theme days, brush-ups or ICS team meetings.")})
    if aiming_point and aiming_point not in AimingPoint.values:
        raise ValidationError({"aiming_point": _("Choose one of the seven aiming points.")})
    if PlanActivity.objects.filter(plan=plan, event=event).exists():
        raise ValidationError({"event": _("The event is already in the plan.")})
    activity = PlanActivity(plan=plan, event=event, aiming_point=aiming_point, added_by=by)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def assessment_record(*, municipality: Municipality, aiming_point: str, assessment: str, note: str,
                      by) -> AimingPointAssessment:
    """The group's own assessment of an aiming point, with a note (a new row: the history stays)."""
    _check(by, municipality)
    plan = plan_for(municipality)
    row = AimingPointAssessment(plan=plan, aiming_point=aiming_point, assessment=assessment,
                                note=(note or "").strip(), assessed_by=by)
    row.full_clean()
    row.save()
    return row
