"""Writes that edit or delete an event's set-up once it exists: halls, booths, meeting tables,
programme sessions, networking rules and settings. A row that a schedule uses is not deleted.

Two organisers may have the same edit form open. Each form carries the base of the values it
showed (``<row>_edit_base``), and an update writes only what its user edited, over the row as
it is now, re-read under a lock (``keruen.events.edit_merge``): a colleague's save made while
the form was open stands, and a value both changed differently is refused (``EditClash``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import RestrictedError
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.services import validated
from keruen.events.edit_merge import (
    FormEdit,
    edits_write,
    row_lock,
    shown_base,
    texts_as_posted,
    wall_clock,
)
from keruen.events.models import (
    Booth,
    Event,
    Hall,
    MeetingTable,
    ProgrammeSession,
    RequestRule,
)
from keruen.events.selectors import booth_delete_blocker, hall_delete_blocker, table_delete_blocker
from keruen.events.services import (
    event_networking_set,
    programme_session_dates_check,
    programme_session_set_speakers,
    save_with_unique_code,
)

SPEAKERS = "speakers"


def _delete_unless_blocked(row: Any, blocker: Callable[[], str | None]) -> None:
    """Delete ``row`` unless ``blocker()`` names a reason; a schedule written meanwhile wins."""
    reason = blocker()
    if reason:
        raise Conflict(reason)
    try:
        with transaction.atomic():
            row.delete()
    except RestrictedError as error:  # a placement arrived after the check
        raise Conflict(
            blocker() or gettext("Meetings of a schedule take place there: it cannot be deleted.")
        ) from error


def _hall_shown(hall: Hall) -> dict[str, Any]:
    return {"code": hall.code, "name": hall.name}


def hall_edit_base(hall: Hall) -> dict[str, str]:
    """The base a hall's edit form carries (see ``keruen.common.edits``)."""
    return shown_base(_hall_shown(hall))


@transaction.atomic
def hall_update(
    *, hall: Hall, code: str, name: dict[str, str], base: Mapping[str, str] | None = None
) -> Hall:
    """Rename a hall; ``name`` holds the languages the form shows (blank: remove that
    language). With the form's ``base`` only what its user edited is written."""
    row_lock(hall)
    wanted = {"code": code.strip(), "name": texts_as_posted(hall.name, name)}
    edit = FormEdit(_hall_shown(hall), wanted, base)
    edits = edit.edits()
    edit.refuse_a_textless_merge(edits, "name")
    edits_write(hall, edits, chosen={})
    validated(hall)
    save_with_unique_code(hall, gettext("This hall code is taken."))
    return hall


def hall_delete(*, hall: Hall) -> None:
    """Delete a hall without booths whose tables hold no scheduled meeting.

    Its tables and programme sessions stay, without a hall.
    """
    _delete_unless_blocked(hall, lambda: hall_delete_blocker(hall=hall))


def _booth_shown(booth: Booth) -> dict[str, Any]:
    return {
        "hall": booth.hall_id,
        "code": booth.code,
        "exhibitor": booth.exhibitor_id,
        "area_m2": booth.area_m2,
        "hosts_meetings": booth.hosts_meetings,
    }


def booth_edit_base(booth: Booth) -> dict[str, str]:
    """The base a booth's edit form carries (see ``keruen.common.edits``)."""
    return shown_base(_booth_shown(booth))


@transaction.atomic
def booth_update(
    *,
    booth: Booth,
    hall: Hall,
    code: str,
    area_m2: int | None,
    hosts_meetings: bool,
    exhibitor: Any | None,
    base: Mapping[str, str] | None = None,
) -> Booth:
    """Change a booth; its hall and exhibitor must belong to the booth's event. With the
    form's ``base`` only what its user edited is written."""
    if hall.event_id != booth.event_id:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    if exhibitor is not None and exhibitor.event_id != booth.event_id:
        raise ValidationFailed(
            gettext("The organisation belongs to another event."), field="exhibitor"
        )
    row_lock(booth)
    wanted = {
        "hall": hall.pk,
        "code": code.strip(),
        "exhibitor": exhibitor.pk if exhibitor is not None else None,
        "area_m2": area_m2,
        "hosts_meetings": hosts_meetings,
    }
    edits = FormEdit(_booth_shown(booth), wanted, base).edits()
    edits_write(booth, edits, chosen={"hall": hall, "exhibitor": exhibitor})
    validated(booth)
    save_with_unique_code(booth, gettext("This booth code is taken."))
    if "exhibitor" in edits and exhibitor is not None and not exhibitor.is_exhibitor:
        exhibitor.is_exhibitor = True
        exhibitor.save(update_fields=["is_exhibitor", "updated_at"])
    return booth


def booth_delete(*, booth: Booth) -> None:
    """Delete a booth no schedule (draft or release) places a meeting at.

    Delegates who met at it meet at the shared tables in the next schedule.
    """
    _delete_unless_blocked(booth, lambda: booth_delete_blocker(booth=booth))


def _table_shown(table: MeetingTable) -> dict[str, Any]:
    return {"label": table.label, "hall": table.hall_id, "is_active": table.is_active}


def table_edit_base(table: MeetingTable) -> dict[str, str]:
    """The base a table's edit form carries (see ``keruen.common.edits``)."""
    return shown_base(_table_shown(table))


@transaction.atomic
def table_update(
    *,
    table: MeetingTable,
    label: str,
    hall: Hall | None,
    is_active: bool,
    base: Mapping[str, str] | None = None,
) -> MeetingTable:
    """Relabel, move or (de)activate a table; inactive tables are left out of new schedules.
    With the form's ``base`` only what its user edited is written."""
    if hall is not None and hall.event_id != table.event_id:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    row_lock(table)
    wanted = {
        "label": label.strip() or f"T{table.number}",
        "hall": hall.pk if hall is not None else None,
        "is_active": is_active,
    }
    edits = FormEdit(_table_shown(table), wanted, base).edits()
    edits_write(table, edits, chosen={"hall": hall})
    validated(table)
    table.save()
    return table


def table_delete(*, table: MeetingTable) -> None:
    """Delete a table no schedule (draft or release) places a meeting at."""
    _delete_unless_blocked(table, lambda: table_delete_blocker(table=table))


def _session_shown(session: ProgrammeSession) -> dict[str, Any]:
    return {
        "kind": session.kind,
        "title": session.title,
        "start": wall_clock(session.start, session.event),
        "end": wall_clock(session.end, session.event),
        "room": session.room,
        "hall": session.hall_id,
        "blocks_meetings": session.blocks_meetings,
        SPEAKERS: sorted(session.speakers.values_list("pk", flat=True)),
    }


def programme_session_edit_base(session: ProgrammeSession) -> dict[str, str]:
    """The base a session's edit form carries (see ``keruen.common.edits``)."""
    return shown_base(_session_shown(session), unordered=[SPEAKERS])


@transaction.atomic
def programme_session_update(
    *,
    session: ProgrammeSession,
    kind: str,
    title: dict[str, str],
    start: dt.datetime,
    end: dt.datetime,
    room: dict[str, str],
    hall: Hall | None,
    blocks_meetings: bool,
    speakers: Sequence[Any],
    base: Mapping[str, str] | None = None,
) -> ProgrammeSession:
    """Change a session and its speakers.

    ``title`` and ``room`` hold the languages the form shows (a blank text removes that
    language). With the form's ``base`` only what its user edited is written: speakers one
    colleague added and another removed are both taken into account.
    """
    if end <= start:
        raise ValidationFailed(gettext("A session must end after it starts."), field="end")
    if hall is not None and hall.event_id != session.event_id:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    row_lock(session)
    shown = _session_shown(session)
    before = shown[SPEAKERS]
    wanted = {
        "kind": kind,
        "title": texts_as_posted(session.title, title),
        "start": wall_clock(start, session.event),
        "end": wall_clock(end, session.event),
        "room": texts_as_posted(session.room, room),
        "hall": hall.pk if hall is not None else None,
        "blocks_meetings": blocks_meetings,
        SPEAKERS: sorted({speaker.pk for speaker in speakers}),
    }
    edit = FormEdit(shown, wanted, base, unordered=(SPEAKERS,))
    edits = edit.edits()
    edit.refuse_a_textless_merge(edits, "title")
    speaker_ids = edits.pop(SPEAKERS, before)  # absent: no speaker added or removed
    edits_write(session, edits, chosen={"start": start, "end": end, "hall": hall})
    if base is not None and session.end <= session.start:
        # Each form is valid; a colleague's start or end makes the merge end before it starts.
        theirs = [name for name in ("start", "end") if name not in edits]
        raise edit.clash(theirs)
    programme_session_dates_check(session.event, session.start, session.end)
    validated(session)
    session.save()
    if set(speaker_ids) != set(before):
        _session_speakers_set(session, speaker_ids, previous=before, posted=speakers)
    return session


def _session_speakers_set(
    session: ProgrammeSession,
    speaker_ids: Sequence[int],
    *,
    previous: Sequence[int],
    posted: Sequence[Any],
) -> None:
    """Make ``speaker_ids`` the session's speakers: those the form posted, and those a
    colleague added meanwhile (still speakers now)."""
    known = {speaker.pk: speaker for speaker in [*session.speakers.all(), *posted]}
    programme_session_set_speakers(session=session, speakers=[known[pk] for pk in speaker_ids])
    # Many-to-many changes send no save signal: log them here.
    record_action(session, "speakers", speakers=sorted(speaker_ids), previous=list(previous))


def programme_session_delete(*, session: ProgrammeSession) -> None:
    """Delete a session; delegates' choices to attend it go with it."""
    session.delete()


def _rule_shown(rule: RequestRule) -> dict[str, Any]:
    return {
        "requester_role": rule.requester_role,
        "target_role": rule.target_role,
        "allowed": rule.allowed,
    }


def request_rule_edit_base(rule: RequestRule) -> dict[str, str]:
    """The base a networking rule's edit form carries (see ``keruen.common.edits``)."""
    return shown_base(_rule_shown(rule))


@transaction.atomic
def request_rule_update(
    *,
    rule: RequestRule,
    requester_role: str,
    target_role: str,
    allowed: bool,
    base: Mapping[str, str] | None = None,
) -> RequestRule:
    """Change a networking rule; two rules cannot name the same pair of roles. With the
    form's ``base`` only what its user edited is written."""
    from keruen.people.models import Participant

    for field, role in (("requester_role", requester_role), ("target_role", target_role)):
        if role and role not in Participant.Role.values:
            raise ValidationFailed(gettext("Unknown role %(role)s.") % {"role": role}, field=field)
    row_lock(rule)
    wanted = {"requester_role": requester_role, "target_role": target_role, "allowed": allowed}
    edits_write(rule, FormEdit(_rule_shown(rule), wanted, base).edits(), chosen={})
    taken = RequestRule.objects.filter(
        event=rule.event_id, requester_role=rule.requester_role, target_role=rule.target_role
    ).exclude(pk=rule.pk)
    if taken.exists():
        raise Conflict(
            gettext("Another rule already covers these two roles: change that one."),
            field="requester_role",
        )
    rule.save()
    return rule


def request_rule_delete(*, rule: RequestRule) -> None:
    """Delete a networking rule; without a matching rule, requests are allowed."""
    rule.delete()


# --- The event's networking settings ---------------------------------------------------------


def _networking_shown(event: Event) -> dict[str, Any]:
    return {
        "request_deadline": wall_clock(event.request_deadline, event),
        "request_quota": event.request_quota,
    }


def event_networking_edit_base(event: Event) -> dict[str, str]:
    """The base the set-up page's networking form carries (see ``keruen.common.edits``)."""
    return shown_base(_networking_shown(event))


@transaction.atomic
def event_networking_update(
    *,
    event: Event,
    request_deadline: dt.datetime | None,
    request_quota: int | None,
    base: Mapping[str, str] | None = None,
) -> Event:
    """``event_networking_set`` from the set-up page's form: with its ``base`` only what its
    user edited is written, so a colleague's deadline or quota saved meanwhile stands."""
    row_lock(event)
    wanted = {
        "request_deadline": wall_clock(request_deadline, event),
        "request_quota": request_quota,
    }
    edits = FormEdit(_networking_shown(event), wanted, base).edits()
    return event_networking_set(
        event=event,
        request_deadline=request_deadline
        if "request_deadline" in edits
        else event.request_deadline,
        request_quota=edits.get("request_quota", event.request_quota),
    )
