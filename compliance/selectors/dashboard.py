"""Reads for the role homes (compliance/panels.py): a person's own next step, a leader's headline and
who needs action, and the national admin's national picture. Each function uses a fixed number of
queries, whatever the number of people or municipalities."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors.catalogue import basic_course
from people.models import Municipality
from scheduling.selectors import open_cohorts_for_course_page

from ..models import AgreementStatus, LicenceTerms
from ..status import Figures, Status
from .evidence import StatusRow, evaluate, load_evidence
from .personal import own_statuses
from .reports import NationalRow, figures_on, national_totals, risk_order
from .trend import national_trend

# --- A person's own status and next step ---------------------------------------------------------


@dataclass
class OwnStep:
    """One municipality's requirement for the person, what is missing and the next step."""

    municipality_name: str
    row: StatusRow
    missing: list = field(default_factory=list)  # what is still required, in words
    action: str = ""  # "cohort": sign up for a cohort; "elearning": continue the e-learning; "" nothing
    cohort: object = None  # the next open cohort of the basic course (scheduling.Event), when one is open

    @property
    def overdue_days(self):
        days = self.row.derived.days_left
        return -days if days is not None and days < 0 else None


def own_next_steps(*, person, as_of=None) -> dict:
    """{"steps": [OwnStep], "basic_course": CoursePage | None, "cohorts": [Event]}: the person's licence
    status per municipality with what is missing and the next step. Constant queries."""
    as_of = as_of or timezone.localdate()
    statuses = own_statuses(person=person, as_of=as_of)
    if not statuses:
        return {"steps": [], "basic_course": None, "cohorts": []}
    needs = any(row.needs_action for _name, row in statuses)
    basic = basic_course() if needs else None
    cohorts = list(open_cohorts_for_course_page(basic.pk)[:3]) if basic is not None and any(
        row.needs_action and row.progress.booking is None and row.progress.waitlist is None for _n, row in statuses
    ) else []
    steps = []
    for name, row in statuses:
        step = OwnStep(municipality_name=name, row=row)
        if row.needs_action:
            step.missing.append(_("the ICS basic course (all course days attended and the e-learning done)"))
            if row.progress.booking is not None or row.progress.waitlist is not None:
                step.action = "elearning"
            else:
                step.action = "cohort"
                step.cohort = cohorts[0] if cohorts else None
        elif row.status == Status.COMPLETED and row.derived.deadline:
            step.missing.append(_("a brush-up before %(day)s") % {"day": row.derived.deadline.strftime("%d.%m.%Y")})
        if row.is_superuser and not row.superuser_qualified:
            step.missing.append(_("the ICS superuser course (required of superusers)"))
        steps.append(step)
    return {"steps": steps, "basic_course": basic, "cohorts": cohorts}


# --- A leader's home ------------------------------------------------------------------------------


@dataclass
class LeaderHome:
    municipality: Municipality
    figures: Figures
    action_rows: list  # [StatusRow] needing action: overdue first (most overdue first), then nearest deadline
    action_total: int


def action_order(row: StatusRow):
    """Overdue first, the longest overdue first; then the nearest deadline."""
    return (row.status != Status.OVERDUE, row.derived.days_left if row.derived.days_left is not None else 10**6,
            row.name.lower())


def leader_home(*, municipality_ids, as_of=None, limit=6) -> list[LeaderHome]:
    """Per led municipality: the figures and the people who need action. Constant queries."""
    as_of = as_of or timezone.localdate()
    ids = sorted(municipality_ids)
    evidence = load_evidence(first_day=as_of, last_day=as_of, municipality_ids=ids, detailed=True)
    out = []
    for municipality in Municipality.objects.filter(pk__in=ids).order_by("name"):
        figures, rows = evaluate(evidence, municipality.pk, as_of)
        action = sorted((r for r in rows if r.needs_action), key=action_order)
        out.append(LeaderHome(municipality, figures, action[:limit], len(action)))
    return out


# --- The national admin's home ----------------------------------------------------------------------


@dataclass
class RiskRow:
    row: NationalRow

    @property
    def overdue_share(self):
        f = self.row.figures
        return round(100 * f.overdue / f.denominator, 1) if f.denominator else None


@dataclass
class AgreementChange:
    municipality_name: str
    municipality_slug: str
    valid_from: datetime.date
    status: str
    reason: str

    @property
    def status_label(self):
        return AgreementStatus(self.status).label


def agreements_ending(*, as_of=None, days=180) -> list[AgreementChange]:
    """Licence agreements that end or are suspended within `days`: their recorded terms change to
    "ended" or "suspended" on a day ahead. (An agreement carries no expiry date of its own; a change
    recorded with a future "valid from" is how an ending is known in advance.) One query."""
    as_of = as_of or timezone.localdate()
    rows = (
        LicenceTerms.objects.filter(valid_from__gt=as_of, valid_from__lte=as_of + datetime.timedelta(days=days))
        .filter(Q(status=AgreementStatus.ENDED) | Q(status=AgreementStatus.SUSPENDED))
        .select_related("agreement__municipality").order_by("valid_from", "pk")
    )
    return [AgreementChange(t.agreement.municipality.name, t.agreement.municipality.slug, t.valid_from, t.status,
                            t.reason) for t in rows]


def national_home(*, as_of=None, at_risk=5) -> dict:
    """The national figure (licensed municipalities), its trend, the municipalities most at risk, the
    agreements ending or suspended soon. Constant queries."""
    as_of = as_of or timezone.localdate()
    figures = figures_on(as_of)
    rows = [NationalRow(m, figures[m.pk]) for m in Municipality.objects.order_by("name")]
    licensed = [r for r in rows if r.licensed]
    suspended = [r for r in licensed if r.figures.terms.status != AgreementStatus.ACTIVE]
    risky = sorted((r for r in licensed if r.figures.denominator), key=risk_order)
    points = national_trend(municipality_ids=[r.municipality.pk for r in licensed], as_of=as_of, months=12)
    return {
        "as_of": as_of,
        "totals": national_totals(licensed),
        "licensed_count": len(licensed),
        "municipality_count": len(rows),
        "at_risk": [RiskRow(r) for r in risky[:at_risk] if r.figures.overdue or not r.figures.superusers_met],
        "suspended": suspended,
        "agreements_ending": agreements_ending(as_of=as_of),
        "points": points,
    }
