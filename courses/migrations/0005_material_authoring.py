"""Authoring of the national course material.

- the course index "Kurser" under the home page (if it is not there yet; the pages themselves ask for a
  login, see MaterialPageMixin.serve);
- page permissions on it: "Superbrugere" may add and edit (and so submit for moderation), not publish;
  "Nationale administratorer" may add, edit, publish, lock and unlock;
- images and documents in the root collection for both groups;
- the workflow "Godkendelse af nationalt kursusmateriale" with one group approval task for
  "Nationale administratorer", assigned to the course index: a superuser's submission is approved and
  published there.
"""

from django.db import migrations

INDEX_TITLE = "Kurser"
INDEX_SLUG = "kurser"
WORKFLOW_NAME = "Godkendelse af nationalt kursusmateriale"
TASK_NAME = "Godkendelse i ICS Metodesekretariatet"
SUPERUSERS = "Superbrugere"
NATIONAL = "Nationale administratorer"

PAGE_PERMISSIONS = {
    SUPERUSERS: ["add_page", "change_page"],
    NATIONAL: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
COLLECTION_PERMISSIONS = {
    SUPERUSERS: [("wagtailimages", "image", ["add_image", "choose_image"]),
                 ("wagtaildocs", "document", ["add_document", "choose_document"])],
    NATIONAL: [("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
               ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"])],
}


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def _course_index(apps):
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("content", "HomePage")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    existing = CourseIndexPage.objects.filter(municipality__isnull=True).order_by("path").first()
    if existing is not None:
        return existing
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    content_type, _ = ContentType.objects.get_or_create(app_label="courses", model="courseindexpage")
    last_child = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    number = int(last_child.path[-4:], 36) + 1 if last_child else 1
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    step = ""
    while number or len(step) < 4:
        number, rest = divmod(number, 36)
        step = digits[rest] + step
    index_page = CourseIndexPage.objects.create(
        title=INDEX_TITLE, draft_title=INDEX_TITLE, slug=INDEX_SLUG, content_type=content_type,
        path=home.path + step[-4:], depth=home.depth + 1, numchild=0, url_path=f"{home.url_path}{INDEX_SLUG}/",
        locale_id=home.locale_id, live=True,
        intro="<p>Her finder du e-læringen til ICS-kurserne: forberedelse og opfølgning til kursusdagene, "
              "øvelser med ICS-trekanten, tragtmodellen og magneterne, og quizzer.</p>",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return index_page


def setup(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    index_page = _course_index(apps)
    if index_page is None:
        return
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (SUPERUSERS, NATIONAL)}

    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page_id=index_page.pk,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, entries in COLLECTION_PERMISSIONS.items():
            for app_label, model, codenames in entries:
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(groups[NATIONAL])
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=index_page.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_material_pages_and_exercises"),
        ("content", "0002_create_homepage"),
        ("people", "0003_admin_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
