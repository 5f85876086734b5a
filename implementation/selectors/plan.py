"""A municipality's implementation plan, with the seven aiming points as a checklist the platform
fills from what it knows:

- superusers appointed (ICS superuser memberships in force, `people`) and qualified (a superuser-course
  completion counting today, `courses.evidence.completions`) against the licence's requirement;
- staff trained: the licence-status figure of `compliance.selectors.reports.figures_on`;
- ICS team meetings held in the last months (the municipality's team-meeting sessions in the calendar);
- the latest barometer per phase;

the rest is the implementation group's own assessment with a note (`AimingPointAssessment`, latest wins).
A constant number of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from compliance.selectors.reports import figures_on
from courses import evidence as course_evidence
from courses.models import CourseKind
from people.models import Membership, Municipality
from people.roles import Role
from scheduling.models import Event, Session

from ..models import (
    PHASE_ORDER,
    AimingPoint,
    AimingPointAssessment,
    GroupMember,
    ImplementationPlan,
    Phase,
    PhaseChange,
    PlanActivity,
)
from .report import latest_phase_means

TEAM_MEETING_MONTHS = 6


@dataclass
class ChecklistItem:
    aiming_point: str
    label: str
    facts: list = field(default_factory=list)  # [(text, value, ok or None)]
    assessment: AimingPointAssessment | None = None


@dataclass
class PlanView:
    municipality: Municipality
    plan: ImplementationPlan | None
    history: list
    members: list
    activities: list  # [(PlanActivity, first session start or None)]
    checklist: list
    latest_round: object
    phase_means: dict
    figures: object
    meetings_held: int
    superusers_appointed: int
    superusers_qualified: int


def plan_view(*, municipality: Municipality, today: datetime.date | None = None) -> PlanView:
    today = today or timezone.localdate()
    plan = ImplementationPlan.objects.filter(municipality=municipality).first()
    history = list(PhaseChange.objects.filter(plan=plan).select_related("changed_by")) if plan else []
    members = (list(GroupMember.objects.filter(plan=plan).select_related("person").order_by("role", "person__full_name"))
               if plan else [])
    activities = []
    if plan:
        rows = (PlanActivity.objects.filter(plan=plan).select_related("event")
                .annotate(first_start=Min("event__sessions__starts_at")).order_by("first_start"))
        activities = [(a, a.first_start) for a in rows]
    assessments = {}
    if plan:
        for row in AimingPointAssessment.objects.filter(plan=plan).select_related("assessed_by").order_by("assessed_at", "pk"):
            assessments[row.aiming_point] = row

    figures = figures_on(today, municipality_ids=[municipality.pk])[municipality.pk]
    superuser_ids = list(Membership.objects.on(today).filter(municipality=municipality, role=Role.SUPERUSER)
                         .values_list("person_id", flat=True).distinct())
    qualified = {r.person_id for r in course_evidence.completions(kinds=[CourseKind.SUPERUSER], until=today,
                                                                   person_ids=superuser_ids) if r.counts_on(today)}
    since = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=TEAM_MEETING_MONTHS * 30),
                                                          datetime.time()))
    meetings_held = Session.objects.filter(
        event__municipality=municipality, event__kind=Event.Kind.TEAM_MEETING, event__cancelled_at__isnull=True,
        cancelled=False, starts_at__gte=since, starts_at__lte=timezone.now(),
    ).count()
    leaders = Membership.objects.on(today).filter(municipality=municipality, role=Role.LEADER).values("person_id").distinct().count()
    latest, means = latest_phase_means(municipality_id=municipality.pk)

    facts = {ap: [] for ap in AimingPoint.values}
    facts[AimingPoint.LEADERSHIP].append((_("Leaders on the staff"), leaders, leaders > 0))
    leaders_in_group = sum(1 for m in members if m.role == "leder")
    facts[AimingPoint.LEADERSHIP].append((_("Leaders in the implementation group"), leaders_in_group, leaders_in_group > 0))
    facts[AimingPoint.PLAN].append((_("Current phase"), Phase(plan.phase).label if plan else _("No plan yet"), None))
    facts[AimingPoint.PLAN].append((_("Activities in the plan"), len(activities), len(activities) > 0))
    required = figures.required_superusers
    facts[AimingPoint.SUPERUSERS].append((_("ICS superusers appointed"), len(superuser_ids), len(superuser_ids) >= required))
    facts[AimingPoint.SUPERUSERS].append((_("of them qualified (superuser course completed); the licence requires %(n)s")
                                          % {"n": required}, len(qualified), len(qualified) >= required))
    percent = figures.percent
    facts[AimingPoint.STAFF].append((_("Caseworkers who have completed the basic course (licence status)"),
                                     "–" if percent is None else f"{number_format(percent, 1)} %",
                                     None if percent is None else percent >= 90))
    facts[AimingPoint.TIME].append((_("In the current phase since"), history[0].changed_on if history else None, None))
    facts[AimingPoint.TIME].append((_("Working on the implementation since"), history[-1].changed_on if history else None,
                                    None))
    facts[AimingPoint.PRACTICE].append((_("ICS team meetings held in the last %(months)s months") % {"months": TEAM_MEETING_MONTHS},
                                        meetings_held, meetings_held >= TEAM_MEETING_MONTHS))
    checklist = [ChecklistItem(ap, AimingPoint(ap).label, facts[ap], assessments.get(ap)) for ap in AimingPoint.values]
    return PlanView(
        municipality=municipality, plan=plan, history=history, members=members, activities=activities,
        checklist=checklist, latest_round=latest, phase_means=[(Phase(p).label, means.get(p)) for p in PHASE_ORDER],
        figures=figures, meetings_held=meetings_held, superusers_appointed=len(superuser_ids),
        superusers_qualified=len(qualified),
    )
