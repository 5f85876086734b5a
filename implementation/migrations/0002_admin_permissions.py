"""National admins manage the barometer's questionnaire in the Wagtail admin (versions and their
statements). No admin permission is granted on responses or answers: no admin view shows them."""

from django.db import migrations

PERMISSIONS = {
    "questionnaireversion": ["add", "change", "view"],
    "statement": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    national, _ = Group.objects.get_or_create(name="Nationale administratorer")
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="implementation", model=model)
        for action in actions:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            national.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("implementation", "0001_initial"),
        ("people", "0003_admin_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
