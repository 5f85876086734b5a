"""Drop scheduling's own send log: its mail now goes through `people.notifications`, the project's
one idempotent-notification mechanism (`people.models.Notification`).

The rows dropped were a log of messages already sent (a guard against sending twice), not evidence:
registrations, attendance and their histories are untouched, so dropping the log is safe. One kind
is carried over first: reminders, because the hourly beat run derives them again and would otherwise
send today's reminders a second time. They become sent `Notification` rows under the new keys
(`scheduling.reminder:<registration>:<session>:<days>`). Invitations and notices are queued only by
the change that makes them due, so nothing re-sends them."""

from django.db import migrations


def reminders_carry_over(apps, schema_editor):
    NotificationLog = apps.get_model("scheduling", "NotificationLog")
    Notification = apps.get_model("people", "Notification")
    rows = []
    for log in NotificationLog.objects.filter(kind="reminder", person__isnull=False).iterator():
        _prefix, registration_id, session_id, days = log.key.split(":")
        rows.append(Notification(
            key=f"scheduling.reminder:{registration_id}:{session_id}:{days}", kind="scheduling.reminder",
            recipient_id=log.person_id, created_at=log.sent_at, sent_at=log.sent_at,
            data={"registration_id": int(registration_id), "part": None, "session_id": int(session_id),
                  "days": int(days)},
        ))
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("people", "0004_notification"),
    ]

    operations = [
        migrations.RunPython(reminders_carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="NotificationLog"),
    ]
