"""Wagtail's default groups go: "Editors" and "Moderators" (made by wagtailcore's initial data) hold
add, edit and publish rights on the root page, so on every page of the site, and images and documents
in the root collection. Nobody in the project is put in them (rights come from the role groups of
people/0003 and the per-municipality groups of `people.groups`); a person added by hand would have held
rights no role gives. Their page and collection permissions go with them; the default "Moderators
approval" workflow stays, with no group, so only Django superusers approve in it."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_notification_email"),
        # Every Wagtail migration that creates these groups or gives them rights runs first.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
