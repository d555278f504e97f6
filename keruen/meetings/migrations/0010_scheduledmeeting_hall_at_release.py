"""The hall each published placement's table or booth stood in when its release went out.

Releases published before this migration get the hall their table or booth is in today:
nothing better is known, and a calendar feed then bumps no meeting's SEQUENCE for a change
it cannot have seen (an empty value would read as a move into a hall)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_hall_at_release(apps, schema_editor):
    ScheduledMeeting = apps.get_model("meetings", "ScheduledMeeting")
    MeetingTable = apps.get_model("events", "MeetingTable")
    Booth = apps.get_model("events", "Booth")
    table_hall = MeetingTable.objects.filter(pk=OuterRef("table_id")).values("hall_id")[:1]
    booth_hall = Booth.objects.filter(pk=OuterRef("booth_id")).values("hall_id")[:1]
    ScheduledMeeting.objects.filter(schedule__published_at__isnull=False).update(
        hall_at_release=Coalesce(Subquery(table_hall), Subquery(booth_hall))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_field_labels"),
        ("meetings", "0009_schedule_idle_gaps_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="scheduledmeeting",
            name="hall_at_release",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="events.hall",
                verbose_name="hall",
            ),
        ),
        migrations.RunPython(fill_hall_at_release, migrations.RunPython.noop, elidable=True),
    ]
