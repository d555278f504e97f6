"""Accounts made before e-mail addresses were stored in lower case could not log in: log-in
looks the address up in lower case. Lower-case them, except where two accounts differ only
by case (one person registered twice: the organisers merge those by hand; both stay as they
are rather than one being lost)."""

from collections import Counter

from django.db import migrations


def lowercase_emails(apps, schema_editor):
    # Compared in Python, as log-in lowers them: SQL's LOWER folds only ASCII on SQLite.
    User = apps.get_model("people", "User")
    accounts = list(User.objects.values_list("pk", "email"))
    spellings = Counter(email.lower() for _pk, email in accounts)
    for pk, email in accounts:
        if email != email.lower() and spellings[email.lower()] == 1:
            User.objects.filter(pk=pk).update(email=email.lower())


class Migration(migrations.Migration):
    dependencies = [("people", "0011_participant_search_text")]

    operations = [migrations.RunPython(lowercase_emails, migrations.RunPython.noop)]
