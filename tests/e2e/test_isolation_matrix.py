"""The isolation matrix: every one of our views, requested as every role and as anonymous, for objects
of ANOTHER municipality (København, seen from Skanderborg), must answer as expected.

Generated from the URL configuration (tests/e2e/urlmap.py): a new view is requested here without
anyone adding it. A view with URL arguments needs a line in OTHER_OBJECT below that says which of
København's objects to ask for; until it has one, test_every_route_has_a_target fails and names it.
"""

import uuid

import pytest
from django.urls import reverse

from people.models import Membership, User

from .urlmap import own_routes

pytestmark = pytest.mark.django_db

OWN, OTHER = "skanderborg", "koebenhavn"
ROLES = {
    "anonymous": None,
    "caseworker": f"sagsbehandler1@{OWN}.demo",
    "superuser": f"superbruger@{OWN}.demo",
    "leader": f"leder@{OWN}.demo",
    "coordinator": "udbyder@via.demo",
    "trainer": "underviser@via.demo",
    "national_admin": "admin@ics.demo",
}
# What in a page would show København's staff to someone who must not see them.
OTHER_MARKERS = [f"sagsbehandler1@{OTHER}.demo", f"sagsbehandler2@{OTHER}.demo", f"leder@{OTHER}.demo"]

# Views anyone may open (public pages, verification by code, secret-token feeds that 404 on a bad token).
PUBLIC = {
    "content:accessibility", "content:help", "content:help_authoring", "content:privacy",
    # Municipal login: the SP's metadata and the SAML endpoints answer before anyone is logged in; the
    # demo IdP answers 404 outside development.
    "sso:metadata", "sso:acs", "sso:sls", "sso:logout",
    "sso:demo_idp_metadata", "sso:demo_idp_sso", "sso:demo_idp_slo",
    "courses:certificate_verify", "courses:certificate_verify_form",
    "people:invitation_accept", "scheduling:personal_feed", "scheduling:municipality_feed",
}
# Views whose objects are national or shared (national course material, a provider's public calendar):
# every logged-in person may see them, so another municipality's caseworker getting 200 is right.
SHARED = {
    "courses:material", "courses:material_search", "courses:enrol", "courses:lesson_complete",
    "courses:quiz_submit", "courses:magnet_submit", "courses:case_save", "courses:case_submit",
    "scheduling:provider_calendar",
}


def _other_person(role="sagsbehandler"):
    return Membership.objects.filter(municipality__slug=OTHER, role=role).select_related("person").first().person


def _other_event():
    from scheduling.models import Event

    event = Event.objects.filter(municipality__slug=OTHER).exclude(audience=Event.Audience.OPEN).first()
    return event or Event.objects.filter(municipality__slug=OTHER).first()


def _other_session():
    return _other_event().sessions.first()


def _other_completion():
    from courses.models import Completion

    return Completion.objects.filter(person__memberships__municipality__slug=OTHER).first()


def _lesson():
    from courses.models import LessonPage

    return LessonPage.objects.live().first()


def _course():
    from courses.models import CoursePage

    return CoursePage.objects.live().first()


def _other_round():
    from implementation.models import Round

    return Round.objects.filter(municipality__slug=OTHER).first()


def _other_roster_import():
    from compliance.models import RosterImport

    found = RosterImport.objects.filter(municipality__slug=OTHER).first()
    return found.pk if found else 999_999


# route name -> {url argument: function returning København's value}
OTHER_OBJECT = {
    "compliance:book": {"slug": lambda: OTHER},
    "compliance:book_confirm": {"slug": lambda: OTHER},
    "compliance:exemption_create": {"slug": lambda: OTHER, "person_id": lambda: _other_person().pk},
    "compliance:municipal": {"slug": lambda: OTHER},
    "compliance:municipal_export": {"slug": lambda: OTHER, "fmt": lambda: "csv"},
    "compliance:national_export": {"fmt": lambda: "csv"},
    "compliance:roster_preview": {"slug": lambda: OTHER, "pk": _other_roster_import},
    "compliance:roster_upload": {"slug": lambda: OTHER},
    "compliance:staff": {"slug": lambda: OTHER},
    "courses:assign": {"municipality_slug": lambda: OTHER},
    "courses:case_save": {"lesson_id": lambda: _lesson().pk, "block_id": lambda: "ukendt"},
    "courses:case_submit": {"lesson_id": lambda: _lesson().pk, "block_id": lambda: "ukendt"},
    "courses:certificate_pdf": {"completion_id": lambda: _other_completion().pk},
    "courses:certificate_verify": {"code": lambda: "FINDES-IKKE-123"},
    "courses:completion_revoke": {"completion_id": lambda: _other_completion().pk},
    "courses:enrol": {"course_id": lambda: _course().pk},
    "courses:lesson_complete": {"lesson_id": lambda: _lesson().pk},
    "courses:magnet_submit": {"lesson_id": lambda: _lesson().pk, "block_id": lambda: "ukendt"},
    "courses:quiz_submit": {"lesson_id": lambda: _lesson().pk, "block_id": lambda: "ukendt"},
    "courses:team_progress": {"municipality_slug": lambda: OTHER},
    "implementation:answer": {"pk": lambda: _other_round().pk},
    "implementation:plan": {"slug": lambda: OTHER},
    "implementation:plan_action": {"slug": lambda: OTHER, "action": lambda: "fase"},
    "implementation:report": {"pk": lambda: _other_round().pk},
    "implementation:report_export": {"pk": lambda: _other_round().pk, "fmt": lambda: "csv"},
    "implementation:round_open": {"slug": lambda: OTHER},
    "people:invitation_accept": {"token": lambda: "opdigtet-token"},
    "people:membership_edit": {"pk": lambda: _other_person().memberships.get().pk},
    "people:person_erase": {"pk": lambda: _other_person().pk},
    "people:staff_list": {"municipality_slug": lambda: OTHER},
    "scheduling:book_staff": {"pk": lambda: _other_event().pk},
    "scheduling:event_cancel": {"pk": lambda: _other_event().pk},
    "scheduling:event_detail": {"pk": lambda: _other_event().pk},
    "scheduling:event_edit": {"pk": lambda: _other_event().pk},
    "scheduling:event_ics": {"pk": lambda: _other_event().pk},
    "scheduling:ics_import": {"slug": lambda: OTHER},
    "scheduling:municipality_calendar": {"slug": lambda: OTHER},
    "scheduling:municipality_feed": {"slug": lambda: OTHER, "key": lambda: "1-" + "0" * 64},
    "scheduling:participants": {"pk": lambda: _other_event().pk},
    "scheduling:personal_feed": {"token": lambda: uuid.uuid4()},
    "scheduling:provider_calendar": {"slug": lambda: "socialstyrelsen"},
    "scheduling:register": {"pk": lambda: _other_event().pk},
    "scheduling:roster": {"pk": lambda: _other_session().pk},
    "scheduling:session_cancel": {"pk": lambda: _other_session().pk},
    "scheduling:session_create": {"pk": lambda: _other_event().pk},
    "scheduling:session_edit": {"pk": lambda: _other_session().pk},
    "scheduling:sign_in_sheet": {"pk": lambda: _other_session().pk},
    "scheduling:unregister": {"pk": lambda: _other_event().pk},
}


def test_every_route_has_a_target():
    missing = [r.name for r in own_routes() if r.has_params and r.name not in OTHER_OBJECT]
    assert not missing, f"add these views to OTHER_OBJECT in {__file__}: {missing}"


@pytest.fixture
def demo_world(demo_in_transaction):
    """The demo as just loaded (loaded once for the module; each test's changes are rolled back)."""


def _url(route):
    kwargs = {name: make() for name, make in OTHER_OBJECT.get(route.name, {}).items()}
    return reverse(route.name, kwargs=kwargs)


def _expected(role, route, status, response):
    """None when the answer is right, else a description of what is wrong."""
    if status >= 500:
        return "server error"
    if role == "anonymous":
        if route.name in PUBLIC:
            return None if status in (200, 404, 405, 410) else f"public view answered {status}"
        location = response.get("Location", "")
        if status == 302 and "/konto/login/" in location:
            return None
        return None if status in (403, 404, 405) else f"anonymous got {status}"
    if role == "national_admin":
        return None if status not in (403,) or route.name.endswith("_feed") else "national admin refused"
    if status == 200 and route.name not in PUBLIC | SHARED and route.params:
        # Our municipality's people, or a provider, opened one of København's own objects.
        return "another municipality's object was shown"
    return None


@pytest.mark.parametrize("role", list(ROLES))
def test_isolation_matrix(client, demo_world, role):
    if ROLES[role]:
        client.force_login(User.objects.get(email=ROLES[role]))
    failures = []
    for route in own_routes():
        if route.has_params and route.name not in OTHER_OBJECT:
            continue  # reported by test_every_route_has_a_target
        try:
            url = _url(route)
        except AttributeError:
            failures.append(f"{route.name}: the demo has no object of {OTHER} to ask for")
            continue
        response = client.get(url)
        problem = _expected(role, route, response.status_code, response)
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        if not problem and role in ("caseworker", "superuser", "leader") and any(m in body for m in OTHER_MARKERS):
            problem = "shows København's staff"
        if problem:
            failures.append(f"{route.name} {url} -> {response.status_code}: {problem}")
    assert not failures, f"as {role}:\n" + "\n".join(failures)


@pytest.mark.parametrize("email", [f"sagsbehandler1@{OTHER}.demo", f"leder@{OTHER}.demo", "udbyder@via.demo"])
def test_local_material_is_invisible_to_other_municipalities(client, demo_world, email):
    """Skanderborg's own teaching material (a local course index) is served to nobody outside it."""
    from courses.models import CourseIndexPage

    index = CourseIndexPage.objects.get(municipality__slug=OWN)
    pages = list(index.get_descendants(inclusive=True).live().specific())
    assert len(pages) > 1
    client.force_login(User.objects.get(email=email))
    for local_page in pages:
        assert client.get(local_page.url).status_code == 404, local_page.url
    search = client.get(reverse("courses:material_search"), {"q": pages[-1].title})
    assert pages[-1].url not in search.content.decode()


def test_local_material_is_served_to_its_own_staff(client, demo_world):
    from courses.models import CourseIndexPage

    index = CourseIndexPage.objects.get(municipality__slug=OWN)
    client.force_login(User.objects.get(email=f"sagsbehandler1@{OWN}.demo"))
    assert client.get(index.url).status_code == 200
