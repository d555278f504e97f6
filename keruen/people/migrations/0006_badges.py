"""Badge codes and check-in at the registration desk.

The code column is added empty, filled with a distinct random code per existing participant,
then made unique (a callable default in AddField would give every row the same code)."""

from django.db import migrations, models

import keruen.people.badge_codes


def fill_badge_codes(apps, schema_editor):
    Participant = apps.get_model("people", "Participant")
    used = set()
    rows = list(Participant.objects.only("pk"))
    for participant in rows:
        code = keruen.people.badge_codes.new_badge_code()
        while code in used:
            code = keruen.people.badge_codes.new_badge_code()
        used.add(code)
        participant.badge_code = code
    Participant.objects.bulk_update(rows, ["badge_code"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("people", "0005_field_labels")]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="badge_code",
            field=models.CharField(
                default="", editable=False, max_length=16, verbose_name="badge code"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_badge_codes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="participant",
            name="badge_code",
            field=models.CharField(
                default=keruen.people.badge_codes.new_badge_code,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="badge code",
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="checked_in_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the delegate collected the badge at the registration desk.",
                null=True,
                verbose_name="checked in",
            ),
        ),
    ]
