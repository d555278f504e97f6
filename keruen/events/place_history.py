"""The history of what meeting places and halls show: a table or booth moved to another hall,
renamed, or standing in a hall that was renamed; a programme session whose hall was renamed or
deleted.

A meeting's calendar entry names its place as it is now ("Table T9, Hall B"), and a session's
its room and hall ("Meeting room 1, Hall B"), so such a change changes the entry without any
schedule release or edit of the session. Calendars take a changed entry only when its
SEQUENCE grows; ``keruen.meetings.selectors.meeting_sequences`` counts the ``PlaceChange``
rows for that, ``keruen.events.selectors.programme_sessions_sequenced`` the
``ProgrammeSessionChange`` rows (which ``ProgrammeSession.save`` writes for the session's own
changes). They are written by ``ShownPlace.save`` (every path that edits a hall, booth or
table saves it) and by ``hall_deleted_record`` when a hall is deleted (its tables and sessions
then stand in none), never by hand. With ``bulk_create``, as slots' and sessions' histories
are: the audit log has the table's, booth's or hall's own update (or the hall's deletion),
which says it all, and no entry per row beside it.
"""

from __future__ import annotations

from typing import Any

from keruen.events.models import (
    Booth,
    Event,
    Hall,
    MeetingTable,
    PlaceChange,
    ProgrammeSession,
    ProgrammeSessionChange,
    ShownPlace,
    shown_texts,
)


def place_change_record(*, place: ShownPlace, before: ShownPlace) -> list[PlaceChange]:
    """Record that what entries show of ``place`` changed from ``before`` (the row as it was
    before the save). A renamed hall counts for each table and booth standing in it, and for
    each programme session in it whose entry reads another name (``hall_sessions_record``)."""
    hall_id: int | None  # the hall the place stands in after the change
    if isinstance(place, Hall):
        assert isinstance(before, Hall)
        kind = PlaceChange.Kind.HALL_RENAMED
        changes = [
            *(PlaceChange(table_id=pk) for pk in place.tables.values_list("pk", flat=True)),
            *(PlaceChange(booth_id=pk) for pk in place.booths.values_list("pk", flat=True)),
        ]
        event_id, hall_id = place.event_id, place.pk
        if shown_texts(before.name) != shown_texts(place.name):
            hall_sessions_record(hall=place, hall_after=place.pk)
    elif isinstance(place, MeetingTable | Booth):
        assert isinstance(before, MeetingTable | Booth)
        moved = before.hall_id != place.hall_id
        kind = PlaceChange.Kind.MOVED if moved else PlaceChange.Kind.RENAMED
        changes = [
            PlaceChange(table=place)
            if isinstance(place, MeetingTable)
            else PlaceChange(booth=place)
        ]
        event_id, hall_id = place.event_id, place.hall_id
    else:  # pragma: no cover - ShownPlace has these three kinds only
        raise TypeError(f"{type(place).__name__} is not a meeting place")
    for change in changes:
        change.event_id, change.kind, change.hall_id = event_id, kind, hall_id
    return PlaceChange.objects.bulk_create(changes)


def hall_sessions_record(
    *, hall: Hall, hall_after: int | None, using: str = "default"
) -> list[ProgrammeSessionChange]:
    """Record that the entries of the programme sessions in ``hall`` name it differently: it
    was renamed (``hall_after`` is the hall), or is being deleted (None: they will stand in no
    hall). Each session as it stands otherwise, one query to read them."""
    rows = (
        ProgrammeSession._base_manager.using(using)
        .filter(hall_id=hall.pk)
        .values_list("pk", "event_id", "start", "end", "room")
    )
    return ProgrammeSessionChange.objects.using(using).bulk_create(
        ProgrammeSessionChange(
            event_id=event_id,
            session_id=pk,
            start=start,
            end=end,
            room=room,
            hall_id=hall_after,
        )
        for pk, event_id, start, end, room in rows
    )


def hall_deleted_record(sender: type[Hall], instance: Hall, using: str, **kwargs: Any) -> None:
    """``pre_delete`` of a hall: its tables and programme sessions will stand in none
    (``SET_NULL``), which their entries show, so each table is recorded as moved and each
    session as changed. Sent once per hall actually deleted, inside the deletion's
    transaction (the admin's confirmation page only collects, and a refused deletion rolls the
    rows back). Not when the whole event goes: its history goes with it."""
    origin = kwargs.get("origin")
    if isinstance(origin, Event) or getattr(origin, "model", None) is Event:
        return
    rows = (
        MeetingTable._base_manager.using(using)
        .filter(hall_id=instance.pk)
        .values_list("pk", "event_id")
    )
    PlaceChange.objects.using(using).bulk_create(
        PlaceChange(event_id=event_id, table_id=pk, kind=PlaceChange.Kind.MOVED)
        for pk, event_id in rows
    )
    hall_sessions_record(hall=instance, hall_after=None, using=using)
