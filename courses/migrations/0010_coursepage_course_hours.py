from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0009_material_magnet_kinds_quote_example"),
    ]

    operations = [
        migrations.AddField(
            model_name="coursepage",
            name="course_hours",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="course hours",
                help_text="Hours of teaching and e-learning in all, printed on the certificate. Leave empty to leave them off.",
            ),
        ),
    ]
