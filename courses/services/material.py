"""Authoring set-up for a municipality's own course material.

A course index with a municipality holds local material (brush-ups, theme days). Its superusers edit
and submit it, its leaders approve and publish it: two Wagtail groups per municipality with page
permissions on that index only, and a workflow with a group approval task for the leaders. The
national material keeps its own workflow (migration courses/0005)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from people.groups import municipality_group_name, wagtail_groups_sync_many
from people.models import User
from people.roles import Role

from ..models import CourseIndexPage
from .documents import local_collection_ensure

WORKFLOW = "Godkendelse af lokalt materiale – {name}"
TASK = "Godkendelse hos ledelsen – {name}"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
APPROVER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = (("wagtailimages", ("add_image", "choose_image")),
                          ("wagtaildocs", ("add_document", "choose_document")))


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def local_material_setup(*, index_page: CourseIndexPage) -> dict:
    """Idempotent: groups, permissions and workflow for a local course index, the municipality's
    collection for its documents (courses.services.documents), and the municipality's current
    superusers and leaders put in its groups. Returns the two groups."""
    municipality = index_page.municipality
    if municipality is None:
        raise ValueError("local_material_setup needs a course index with a municipality")
    editors, _ = Group.objects.get_or_create(name=municipality_group_name(Role.SUPERUSER, municipality.name))
    approvers, _ = Group.objects.get_or_create(name=municipality_group_name(Role.LEADER, municipality.name))
    access_admin = _permission("wagtailadmin", "access_admin")
    # Images and documents of local material go in the municipality's own collection, and the rights
    # are granted there only: a right on the root would reach every municipality's collection below it.
    collection = local_collection_ensure(municipality=municipality)
    root = Collection.get_first_root_node()
    GroupCollectionPermission.objects.filter(group__in=[editors, approvers], collection=root).delete()
    for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (approvers, APPROVER_PAGE_PERMISSIONS)):
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index_page, permission=_permission("wagtailcore", codename),
            )
        for app_label, collection_codenames in COLLECTION_PERMISSIONS:
            for codename in collection_codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=_permission(app_label, codename),
                )
    task = GroupApprovalTask.objects.filter(name=TASK.format(name=municipality.name)).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK.format(name=municipality.name))
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW.format(name=municipality.name))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    local_material_members_sync(index_page=index_page)
    return {"editors": editors, "approvers": approvers}


def local_material_members_sync(*, index_page: CourseIndexPage) -> None:
    """Put the municipality's superusers and leaders in force in its editors' and approvers' groups
    (`people.groups` decides who belongs; it keeps them in step at login, on membership changes and daily)."""
    wagtail_groups_sync_many(people=User.objects.filter(memberships__municipality=index_page.municipality))
