"""Courses' dashboard panels (registered in courses/wiring.py): the learner's courses, a leader's team
summary, and the completion records of provider coordinators and national admins."""

from ..selectors.catalogue import open_courses
from ..selectors.completion import may_record_manually
from ..selectors.progress import my_courses
from ..selectors.team_progress import team_municipalities, team_summary


def my_courses_panel(request, access):
    data = my_courses(person=request.user, request=request)
    if not data["courses"] and not data["sessions"]:
        if not access.municipality_ids():
            return None  # provider staff and national admins without courses of their own
        return {"template": "courses/learning/panel_my_courses.html", "order": 20, "courses": [], "sessions": [],
                "open_courses": list(open_courses(request.user)[:3])}
    return {"template": "courses/learning/panel_my_courses.html", "order": 20, **data}


def team_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None  # national admins reach every municipality from their own panel
    municipalities = list(team_municipalities(viewer=request.user))
    summaries = team_summary(municipality_ids=[m.pk for m in municipalities])
    return {
        "template": "courses/learning/panel_team.html", "order": 45,
        "municipalities": [(m, summaries.get(m.pk, [])) for m in municipalities],
    }


def records_panel(request, access):
    """Provider coordinators and national admins: enter completions by hand, import, verify."""
    if not may_record_manually(request.user):
        return None
    return {"template": "courses/learning/panel_records.html", "order": 55,
            "is_national_admin": access.is_national_admin}
