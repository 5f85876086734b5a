"""Dashboard panels: a respondent's open barometers; a leader's plans and their phases."""

from .models import ImplementationPlan, Phase
from .selectors.answering import open_invitations
from .selectors.scope import plan_municipalities


def respondent_panel(request, access):
    if not access.municipal_roles:
        return None
    invitations = list(open_invitations(person=request.user))
    if not invitations:
        return None
    return {"template": "implementation/panels/respondent.html", "order": 12, "invitations": invitations}


def plan_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None
    municipalities = list(plan_municipalities(request.user).order_by("name"))
    phases = dict(ImplementationPlan.objects.filter(municipality__in=municipalities).values_list("municipality_id", "phase"))
    plans = [(m, Phase(phases[m.pk]).label if m.pk in phases else None) for m in municipalities]
    return {"template": "implementation/panels/plan.html", "order": 25, "plans": plans}
