"""Accounts made before e-mail addresses were stored in lower case could not log in: log-in
looks the address up in lower case. Lower-case them, except where two accounts differ only
by case (one person registered twice: the organisers merge those by hand; both stay as they
are rather than one being lost)."""

from collections import Counter

from django.db import migrations
from django.db.models.functions import Lower


def lowercase_emails(apps, schema_editor):
    User = apps.get_model("people", "User")
    spellings = Counter(email.lower() for email in User.objects.values_list("email", flat=True))
    for pk, email in User.objects.exclude(email=Lower("email")).values_list("pk", "email"):
        if spellings[email.lower()] == 1:
            User.objects.filter(pk=pk).update(email=email.lower())


class Migration(migrations.Migration):
    dependencies = [("people", "0011_participant_search_text")]

    operations = [migrations.RunPython(lowercase_emails, migrations.RunPython.noop)]
