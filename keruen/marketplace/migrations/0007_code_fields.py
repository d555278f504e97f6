"""Codes stored in one spelling (``keruen.people.fields``); rows stored before are rewritten:
"kz" -> "KZ", "10.01" -> "1001", "a" -> "A", duplicates once."""

import keruen.people.fields
from keruen.people.fields import rewrite_codes_in_canonical_spelling
import keruen.people.validators
from django.db import migrations


def rewrite_codes(apps, schema_editor):
    rewrite_codes_in_canonical_spelling(apps.get_model("marketplace", "Opportunity"))



class Migration(migrations.Migration):

    dependencies = [
        ('marketplace', '0006_body_length'),
    ]

    operations = [
        migrations.AlterField(
            model_name='opportunity',
            name='hs_codes',
            field=keruen.people.fields.HsListField(blank=True, default=list, validators=[keruen.people.validators.validate_hs_list], verbose_name='products (HS codes)'),
        ),
        migrations.AlterField(
            model_name='opportunity',
            name='sectors',
            field=keruen.people.fields.IsicListField(blank=True, default=list, validators=[keruen.people.validators.validate_isic_list], verbose_name='sectors (ISIC)'),
        ),
        migrations.AlterField(
            model_name='opportunity',
            name='target_countries',
            field=keruen.people.fields.CountryListField(blank=True, default=list, validators=[keruen.people.validators.validate_country_list], verbose_name='target countries'),
        ),
        migrations.RunPython(rewrite_codes, migrations.RunPython.noop),
    ]
