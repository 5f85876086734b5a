"""Danish all the way into the admin (issue 11, item 5): the Wagtail screens superusers and the national
admin meet (page editing, moderation and workflow, page status, listings, snippets) carry no English of
Wagtail's own (completed in lms/locale_wagtail) and are branded ICS Akademi."""

import os
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Task, Workflow

from courses.models import CourseIndexPage, CoursePage
from tests.factories import national_admin

pytestmark = pytest.mark.django_db

# English that Wagtail's Danish catalogue lacked and our catalogue provides.
ENGLISH = [
    "Submit to", "Resubmit to", "IN MODERATION", "In Moderation", "in moderation", "Live", "Draft", "Save draft",
    "Preview", "Awaiting", "Workflow", "Workflows", "Comments", "Privacy", "Actions", "History", "Locked",
    "Last updated", "Search", "Settings", "Promote", "Content", "Title", "Current page status", "Submitted",
    "Unpublish", "Edit", "Sort", "Approve", "Request changes", "Needs changes", "In progress", "Task", "Reports",
    "Page title", "More actions", "Help",
]


@pytest.fixture
def superuser(db):
    person = national_admin()
    person.is_superuser = person.is_staff = True
    person.save()
    return person


@pytest.fixture
def course_in_moderation(superuser):
    """A live course page whose newer draft is in the national material's approval workflow."""
    index = CourseIndexPage.objects.first()
    course = index.add_child(instance=CoursePage(title="Kursus til godkendelse", slug="kursus-til-godkendelse"))
    course.save_revision(user=superuser).publish()
    course.title = "Kursus til godkendelse (ny udgave)"
    revision = course.save_revision(user=superuser)
    workflow = course.get_workflow()
    assert workflow is not None and isinstance(workflow, Workflow)
    workflow.start(course, superuser)
    return Page.objects.get(pk=course.pk).specific, revision


def visible_text(html):
    """The text a person sees or hears: no script, style, or template content; tags dropped; attributes
    read aloud (aria-label, title, alt, placeholder) kept."""
    html = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", html)
    spoken = " ".join(re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', html))
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html)) + " " + spoken


def english_in(text):
    return sorted({word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)})


def screens(course):
    return {
        "page edit": reverse("wagtailadmin_pages:edit", args=[course.pk]),
        "page listing": reverse("wagtailadmin_explore", args=[course.get_parent().pk]),
        "dashboard": reverse("wagtailadmin_home"),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
        "workflows": reverse("wagtailadmin_workflows:index"),
        "page history": reverse("wagtailadmin_pages:history", args=[course.pk]),
        "snippets": reverse("wagtailsnippets:index"),
    }


def test_admin_screens_speak_danish(client, superuser, course_in_moderation):
    course, _revision = course_in_moderation
    client.force_login(superuser)
    found = {}
    for name, url in screens(course).items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        if os.environ.get("ADMIN_HTML_DIR"):
            with open(os.path.join(os.environ["ADMIN_HTML_DIR"], name.replace(" ", "_") + ".html"), "w") as dump:
                dump.write(html)
        english = english_in(visible_text(html))
        if english:
            found[name] = english
    assert found == {}


def test_the_status_and_workflow_words_come_from_our_catalogue():
    with translation.override("da"):
        assert gettext("Submit to %(workflow_name)s") == "Send til »%(workflow_name)s«"
        assert gettext("live + in moderation") == "udgivet + til godkendelse"
        assert gettext("in moderation") == "til godkendelse"
        assert gettext("Awaiting your review") == "Afventer din godkendelse"
        assert gettext("Save draft") == "Gem kladde"
    # makemessages writes to the first of LOCALE_PATHS; the Wagtail catalogue must not be it.
    assert settings.LOCALE_PATHS[0].name == "locale"
    assert any(path.name == "locale_wagtail" for path in settings.LOCALE_PATHS[1:])


def test_workflow_and_task_names_are_danish(db):
    names = list(Workflow.objects.values_list("name", flat=True)) + list(Task.objects.values_list("name", flat=True))
    assert names
    assert not [name for name in names if "approval" in name.lower() or "moderator" in name.lower()], names


def test_the_admin_is_branded_ics_akademi(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "/static/img/logo.svg" in html
    assert re.search(r"<title>[^<]*ICS Akademi\s*</title>", html)
    assert "ICS Akademi – redigering og godkendelse" in html


def test_the_authoring_guide_is_danish_and_linked_from_help(client):
    help_page = client.get(reverse("content:help")).content.decode()
    guide_url = reverse("content:help_authoring")
    assert guide_url in help_page
    text = visible_text(client.get(guide_url).content.decode())
    for phrase in ("Sådan skriver du undervisningsmateriale", "Sådan skriver du en lektion", "Blokkene",
                   "Send til godkendelse", "Hvad lederen godkender", "Magnettavle", "Case-øvelse"):
        assert phrase in text, phrase
    assert "Submitting for approval" not in text
