"""Authoring in the Wagtail admin: a superuser edits and submits national material but cannot
publish it; a national admin approves (and so publishes) it; a lesson without content cannot be
published."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import LessonPage
from courses.services.material import local_material_setup
from tests.courses.test_material_support import build_lesson, local_index
from tests.factories import MembershipFactory


def _edit_data(lesson, title, body=None, **actions):
    data = nested_form_data({
        "title": title,
        "slug": lesson.slug,
        "lesson_type": lesson.lesson_type,
        "estimated_minutes": lesson.estimated_minutes,
        "required": "on",
        "summary": "",
        "body": streamfield(body if body is not None else [("paragraph", rich_text("<p>Ny tekst om trekanten.</p>"))]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    })
    data.update(actions)
    return data


def _edit_url(lesson):
    return f"/admin/pages/{lesson.pk}/edit/"


@pytest.fixture
def lesson(db):
    return build_lesson(body=[("paragraph", "<p>Første udgave.</p>")]).lesson


def test_the_course_tree_has_the_national_approval_workflow(lesson):
    workflow = lesson.get_workflow()
    assert workflow is not None and workflow.name == "Godkendelse af nationalt kursusmateriale"
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Nationale administratorer"]


def test_superuser_may_edit_and_submit_but_not_publish(lesson, superuser_person, admin_user):
    assert superuser_person.groups.filter(name="Superbrugere").exists()
    superuser_perms = lesson.permissions_for_user(superuser_person)
    assert superuser_perms.can_edit()
    assert not superuser_perms.can_publish()
    assert superuser_perms.can_submit_for_moderation()
    admin_perms = lesson.permissions_for_user(admin_user)
    assert admin_perms.can_edit() and admin_perms.can_publish()


def test_superuser_publish_attempt_over_http_leaves_the_live_page_alone(client, lesson, superuser_person):
    client.force_login(superuser_person)
    response = client.post(_edit_url(lesson), _edit_data(lesson, "Forsøgt udgivet", **{"action-publish": "on"}))
    assert response.status_code in (200, 302, 403)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title != "Forsøgt udgivet"  # the live version is unchanged
    assert "Første udgave" in str(lesson.body[0].value)


def test_submitted_lesson_is_approved_and_published_by_a_national_admin(client, lesson, superuser_person, admin_user):
    client.force_login(superuser_person)
    response = client.post(_edit_url(lesson), _edit_data(lesson, "Revideret lektion", **{"action-submit": "on"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert LessonPage.objects.get(pk=lesson.pk).title != "Revideret lektion"

    # The superuser cannot approve their own submission.
    task = state.current_task_state.task.specific
    assert "approve" not in [name for name, _label, _modal in task.get_actions(lesson, superuser_person)]
    assert "approve" in [name for name, _label, _modal in task.get_actions(lesson, admin_user)]

    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/workflow/action/{lesson.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Godkendt af Metodesekretariatet"},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    published = LessonPage.objects.get(pk=lesson.pk)
    assert published.title == "Revideret lektion"
    assert "Ny tekst om trekanten" in str(published.body[0].value)


def test_lesson_without_a_body_cannot_be_published(client, lesson, admin_user):
    client.force_login(admin_user)
    response = client.post(_edit_url(lesson), _edit_data(lesson, "Tom lektion", body=[], **{"action-publish": "on"}))
    assert response.status_code == 200  # the form comes back with the error
    assert "en side uden indhold kan ikke udgives" in response.content.decode()
    assert LessonPage.objects.get(pk=lesson.pk).title != "Tom lektion"


def test_lesson_without_a_body_may_be_saved_as_a_draft(client, lesson, admin_user):
    client.force_login(admin_user)
    response = client.post(_edit_url(lesson), _edit_data(lesson, "Kladde uden indhold", body=[]))
    assert response.status_code == 302, [str(e) for e in response.context["form"].errors.items()]
    assert LessonPage.objects.get(pk=lesson.pk).get_latest_revision().as_object().title == "Kladde uden indhold"


def test_caseworker_has_no_access_to_the_admin_editor(client, lesson, caseworker):
    client.force_login(caseworker)
    response = client.get(_edit_url(lesson))
    assert response.status_code in (302, 403)
    assert not lesson.permissions_for_user(caseworker).can_edit()


def test_local_material_is_edited_by_its_superusers_and_approved_by_its_leader(
    municipality, other_municipality, superuser_person, leader
):
    index_page = local_index(municipality)
    local_material_setup(index_page=index_page)
    local_material_setup(index_page=index_page)  # idempotent
    lesson = build_lesson(index=index_page, body=[("paragraph", "<p>Lokal temadag.</p>")]).lesson
    outsider = MembershipFactory(municipality=other_municipality, role="superbruger").person

    editor = lesson.permissions_for_user(superuser_person)
    assert editor.can_edit() and not editor.can_publish()
    assert lesson.permissions_for_user(leader).can_publish()
    assert not lesson.permissions_for_user(outsider).can_edit()

    workflow = lesson.get_workflow()
    assert workflow.name == f"Godkendelse af lokalt materiale – {municipality.name}"
    task = workflow.tasks.get().specific
    lesson.save_revision(user=superuser_person)
    state = workflow.start(lesson, superuser_person)
    actions = {name for name, _label, _modal in task.get_actions(lesson, leader)}
    assert "approve" in actions
    assert "approve" not in {name for name, _l, _m in task.get_actions(lesson, outsider)}
    assert state.status == state.STATUS_IN_PROGRESS
