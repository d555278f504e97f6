"""Meeting places keep a history of their changes (``events.PlaceChange``) instead of each
release keeping the hall of every place (``ScheduledMeeting.hall_at_release``, 0010).

The halls that releases kept become the first history, so that no calendar SEQUENCE goes
down with the upgrade: a table or booth whose hall differs from one release using it to the
next moved just before the later one, and one standing in another hall now than at its last
release moved now. Moves undone between releases and renames before this left no trace."""

import datetime as dt

from django.db import migrations
from django.utils import timezone


def history_from_release_halls(apps, schema_editor):
    ScheduledMeeting = apps.get_model("meetings", "ScheduledMeeting")
    PlaceChange = apps.get_model("events", "PlaceChange")
    places = (
        ScheduledMeeting.objects.filter(schedule__published_at__isnull=False)
        .order_by("schedule__published_at", "schedule_id")
        .values_list(
            "schedule__published_at", "schedule_id", "table_id", "booth_id", "hall_at_release"
        )
        .distinct()
    )
    hall_then: dict[tuple[str, int], int | None] = {}
    changes = []
    for released_at, _release, table, booth, hall in places.iterator():
        key = ("booth", booth) if booth is not None else ("table", table)
        if key in hall_then and hall_then[key] != hall:
            at = released_at - dt.timedelta(microseconds=1)
            changes.append((key, hall, at))
        hall_then[key] = hall
    now = timezone.now()
    events = {}
    for kind, model in (("table", "MeetingTable"), ("booth", "Booth")):
        ids = [pk for place, pk in hall_then if place == kind]
        rows = apps.get_model("events", model).objects.filter(pk__in=ids)
        for pk, hall, event in rows.values_list("pk", "hall_id", "event_id").iterator():
            events[(kind, pk)] = event
            if hall_then[(kind, pk)] != hall:
                changes.append(((kind, pk), hall, now))
    PlaceChange.objects.bulk_create(
        (
            PlaceChange(
                event_id=events[(kind, pk)],
                **{f"{kind}_id": pk},
                kind="moved",
                hall_id=hall,
                changed_at=at,
            )
            for (kind, pk), hall, at in changes
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_placechange"),
        ("meetings", "0010_scheduledmeeting_hall_at_release"),
    ]

    operations = [
        migrations.RunPython(history_from_release_halls, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="scheduledmeeting", name="hall_at_release"),
    ]
