"""Organisations brought in by an open sign-up stay hidden until a delegate is approved.

Rows from before have no record of how they came in. Those the catalogue hides today (they
have delegates and none approved, and do not exhibit) are marked: their delegates are pending,
rejected or withdrawn, which is how a sign-up's organisation looks. Marking one entered by
the organisers changes nothing until its delegates are deleted, and then keeps it hidden,
the safe side.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_hidden_organisations(apps, schema_editor):
    Organisation = apps.get_model("people", "Organisation")
    Participant = apps.get_model("people", "Participant")
    delegates = Participant.objects.filter(organisation=OuterRef("pk"))
    approved = delegates.filter(status="approved")
    Organisation.objects.filter(Exists(delegates), ~Exists(approved), is_exhibitor=False).update(
        from_sign_up=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0013_code_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="from_sign_up",
            field=models.BooleanField(
                default=False, db_default=False, editable=False, verbose_name="from a sign-up"
            ),
        ),
        migrations.RunPython(mark_hidden_organisations, migrations.RunPython.noop),
    ]
