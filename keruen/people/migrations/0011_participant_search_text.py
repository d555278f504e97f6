"""The participant's names case-folded (Kazakh letters as Russian ones, and the name as
shown), for a search that ignores case in every script and keyboard.

Filled here for the participants already registered; ``Participant.save`` keeps it after.
The folding is written out rather than imported: a migration must give the same column
whatever the model's code becomes."""

from django.db import migrations, models

_FOLDS = str.maketrans("әғқңөұүһіё", "агкноуухие")


def _is_han(text):
    return bool(text) and all("\u4e00" <= char <= "\u9fff" for char in text)


def _shown_name(given, family):
    if _is_han(given) and _is_han(family):
        return f"{family}{given}"
    return " ".join(part for part in (given, family) if part)


def fill_search_text(apps, schema_editor):
    Participant = apps.get_model("people", "Participant")
    rows = list(Participant.objects.only("pk", "given_name", "family_name", "name_latin"))
    for participant in rows:
        given, family = participant.given_name, participant.family_name
        names = (given, family, participant.name_latin, _shown_name(given, family))
        text = " ".join(name for name in names if name)
        participant.search_text = text.casefold().translate(_FOLDS)
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
