"""Wagtail's default workflow and task, "Moderators approval" (made by wagtailcore's migrations for the
root page, so for every page outside the course indexes), get Danish names: the admin shows them to
superusers and leaders ("Send til »…«", the workflow reports). people 0006 left the workflow with no
group, so only Django superusers (the national admins) approve in it; the names say so."""

from django.db import migrations

ENGLISH = "Moderators approval"
WORKFLOW = "Godkendelse af øvrige sider"
TASK = "Godkendelse ved en administrator"


def rename(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ENGLISH).update(name=WORKFLOW)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ENGLISH).update(name=TASK)


def rename_back(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(name=ENGLISH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0011_caseanswer_revision_quiz_reveal"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(rename, rename_back)]
