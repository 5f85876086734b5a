"""Dashboard panels: a leader's headline figure and a caseworker's own licence status."""

from django.utils import timezone

from people.models import Municipality
from people.roles import Role

from .selectors.evidence import evaluate, load_evidence
from .selectors.personal import own_statuses


def leader_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None
    today = timezone.localdate()
    ids = sorted(access.led_municipality_ids)
    evidence = load_evidence(first_day=today, last_day=today, municipality_ids=ids)
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name"))
    figures = [(m, evaluate(evidence, m.pk, today, rows=False)[0]) for m in municipalities]
    return {"template": "compliance/panels/leader.html", "order": 20, "figures": figures}


def own_status_panel(request, access):
    if not access.has_role(Role.CASEWORKER, Role.SUPERUSER):
        return None
    statuses = own_statuses(person=request.user)
    if not statuses:
        return None
    return {"template": "compliance/panels/own_status.html", "order": 15, "statuses": statuses}
