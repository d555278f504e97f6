"""A currency without a value says nothing, and the next migration refuses it: agreements
recorded with a currency but no value (the form and the services let them through) lose the
currency. The value is not guessed."""

from django.db import migrations


def clear_currency_without_value(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    Agreement.objects.filter(value__isnull=True).exclude(currency="").update(currency="")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_agreement_ordering_nulls_last")]

    operations = [migrations.RunPython(clear_currency_without_value, migrations.RunPython.noop)]
