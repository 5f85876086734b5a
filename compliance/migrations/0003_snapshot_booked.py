"""Progress is no longer a status: snapshots count the booked beside the four statuses, and reminders
and digests go through the one notification mechanism (people.Notification).

Snapshots with people "in progress" were taken under the old rule that counted an overdue person who
had booked (or once booked) a cohort as "in progress" instead of overdue. A snapshot is a derived
figure, not evidence (the evidence is the completions, exemptions, memberships and bookings, all
kept); those months are deleted so the trend recomputes them from the evidence under the rule that
never hides an overdue person. Compliance's NotificationLog was a send log; its reminders and digests
are now `people.Notification` rows."""

from django.db import migrations, models


def drop_snapshots_under_the_old_rule(apps, schema_editor):
    MonthlySnapshot = apps.get_model("compliance", "MonthlySnapshot")
    MonthlySnapshot.objects.filter(in_progress__gt=0).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("compliance", "0002_admin_permissions"),
    ]

    operations = [
        migrations.RunPython(drop_snapshots_under_the_old_rule, migrations.RunPython.noop),
        migrations.RemoveField(model_name="monthlysnapshot", name="in_progress"),
        migrations.AddField(
            model_name="monthlysnapshot",
            name="booked",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.DeleteModel(name="NotificationLog"),
    ]
