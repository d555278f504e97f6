"""Every session standing in a hall gets one change now: its entry's LOCATION reads
"Room 2, Hall B" from this release on where it read "Room 2", and calendars take that only
from a higher SEQUENCE. Sessions in no hall show what they showed and get nothing. Rows
recorded before keep no hall (not known). Going back leaves the rows: no SEQUENCE goes
down."""

from django.db import migrations
from django.utils import timezone


def record_the_hall_now_shown(apps, schema_editor):
    ProgrammeSession = apps.get_model("events", "ProgrammeSession")
    ProgrammeSessionChange = apps.get_model("events", "ProgrammeSessionChange")
    now = timezone.now()
    rows = ProgrammeSession.objects.filter(hall__isnull=False).values_list(
        "pk", "event_id", "start", "end", "room", "hall_id"
    )
    ProgrammeSessionChange.objects.bulk_create(
        (
            ProgrammeSessionChange(
                event_id=event_id,
                session_id=pk,
                start=start,
                end=end,
                room=room,
                hall_id=hall_id,
                changed_at=now,
            )
            for pk, event_id, start, end, room, hall_id in rows.iterator()
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0010_programmesessionchange_hall"),
    ]

    operations = [
        migrations.RunPython(record_the_hall_now_shown, migrations.RunPython.noop),
    ]
