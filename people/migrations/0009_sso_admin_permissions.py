"""National admins manage identity providers and read the refused municipal logins in the admin.
The permissions are created here (Django would make them only after the migrations have run)."""

from django.db import migrations

GRANTS = {
    "identityprovider": ["add", "change", "view"],
    "ssologinrefusal": ["view"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    national, _ = Group.objects.get_or_create(name="Nationale administratorer")
    for model, actions in GRANTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="people", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            national.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("people", "0008_sso")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
