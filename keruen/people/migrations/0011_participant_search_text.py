"""The participant's names case-folded, for a search that ignores case in every script.

Filled here for the participants already registered; ``Participant.save`` keeps it after.
The folding is written out rather than imported: a migration must give the same column
whatever the model's code becomes."""

from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    Participant = apps.get_model("people", "Participant")
    rows = list(Participant.objects.only("pk", "given_name", "family_name", "name_latin"))
    for participant in rows:
        names = (participant.given_name, participant.family_name, participant.name_latin)
        participant.search_text = " ".join(name for name in names if name).casefold()
    Participant.objects.bulk_update(rows, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("people", "0010_announcement_claims")]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
