"""Dashboard panels: a caseworker's own licence status with what is missing and the next step, a
leader's headline figure with who needs action, and the national admin's national picture. Each uses
a fixed number of queries (tests/compliance/test_dashboard_*.py)."""

from people.roles import Role

from .chart import trend_chart
from .selectors.dashboard import leader_home, national_home, own_next_steps
from .status import BADGE


def leader_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None
    return {"template": "compliance/panels/leader.html", "order": 10,
            "homes": leader_home(municipality_ids=access.led_municipality_ids), "badge": BADGE}


def own_status_panel(request, access):
    if not access.has_role(Role.CASEWORKER, Role.SUPERUSER):
        return None
    data = own_next_steps(person=request.user)
    if not data["steps"]:
        return None
    return {"template": "compliance/panels/own_status.html", "order": 10, **data}


def national_panel(request, access):
    if not access.is_national_admin:
        return None
    data = national_home()
    return {"template": "compliance/panels/national.html", "order": 10, "chart": trend_chart(data["points"]), **data}
