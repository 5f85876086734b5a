"""The Wagtail admin groups for the roles that use the admin. Page permissions on the course tree
are granted by the courses app once that tree exists."""

from django.db import migrations

GROUPS = {
    "Superbrugere": ["access_admin"],
    "Ledere": ["access_admin"],
    "Kursusudbydere": ["access_admin"],
    "Nationale administratorer": ["access_admin"],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)

    # National admins manage organisations and invitations in the admin.
    national = Group.objects.get(name="Nationale administratorer")
    for model in ["municipality", "provider", "team", "membership", "invitation", "region", "municipalityregion"]:
        for action in ["add", "change", "view"]:
            perm = Permission.objects.filter(content_type__app_label="people", codename=f"{action}_{model}").first()
            if perm:
                national.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_municipalities"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
