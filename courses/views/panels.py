"""Courses' dashboard panels (registered in courses/wiring.py): the learner's courses with where to
continue, a leader's team summary, the local material superusers maintain and the approvals leaders and
national admins are asked for, and the completion records (with certificates to issue) of provider
coordinators and national admins. Each uses a fixed number of queries."""

from people.roles import Role

from ..selectors.catalogue import open_courses
from ..selectors.completion import may_record_manually
from ..selectors.dashboard import awaiting_approval, certificates_to_issue, local_material
from ..selectors.progress import my_courses
from ..selectors.team_progress import team_municipalities, team_summary


def my_courses_panel(request, access):
    data = my_courses(person=request.user, request=request)
    if not data["courses"] and not data["sessions"]:
        if not access.municipality_ids():
            return None  # provider staff and national admins without courses of their own
        return {"template": "courses/learning/panel_my_courses.html", "order": 20, "courses": [], "sessions": [],
                "open_courses": list(open_courses(request.user)[:3])}
    # Where to continue: the first unfinished course (soonest due first) with a lesson still to do.
    resume = next((p for p in data["courses"] if not p.completion and p.next_lesson is not None), None)
    return {"template": "courses/learning/panel_my_courses.html", "order": 20, "resume": resume,
            "next_day": data["sessions"][0] if data["sessions"] else None, **data}


def team_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None  # national admins reach every municipality from their own panel
    municipalities = list(team_municipalities(viewer=request.user))
    summaries = team_summary(municipality_ids=[m.pk for m in municipalities])
    return {
        "template": "courses/learning/panel_team.html", "order": 45,
        "municipalities": [(m, summaries.get(m.pk, [])) for m in municipalities],
    }


def material_panel(request, access):
    """Superusers: their municipality's own material to maintain, drafts and pages in moderation."""
    if access.is_national_admin or not access.municipality_ids(Role.SUPERUSER):
        return None
    return {"template": "courses/learning/panel_material.html", "order": 18,
            "material": local_material(request.user)}


def approvals_panel(request, access):
    """Leaders and national admins: pages waiting for their approval, on the site and not only in the admin."""
    if not (access.is_national_admin or access.led_municipality_ids):
        return None
    return {"template": "courses/learning/panel_approvals.html", "order": 25,
            "items": awaiting_approval(request.user), "is_national_admin": access.is_national_admin}


def records_panel(request, access):
    """Provider coordinators and national admins: enter completions by hand, import, verify; a
    coordinator also sees the participants of finished cohorts still without a certificate."""
    if not may_record_manually(request.user):
        return None
    due = [] if access.is_national_admin else certificates_to_issue(request.user)
    return {"template": "courses/learning/panel_records.html", "order": 55 if access.is_national_admin else 14,
            "is_national_admin": access.is_national_admin, "due": due,
            "due_total": sum(d.count for d in due)}
