"""Writes that edit or delete an event's set-up once it exists: halls, booths, meeting tables,
programme sessions and networking rules. A row that a schedule uses is not deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import RestrictedError
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.services import validated
from keruen.events.models import (
    Booth,
    Hall,
    MeetingTable,
    ProgrammeSession,
    RequestRule,
)
from keruen.events.selectors import booth_delete_blocker, hall_delete_blocker, table_delete_blocker
from keruen.events.services import (
    programme_session_dates_check,
    programme_session_set_speakers,
    save_with_unique_code,
    texts_merged,
    translations_merge,
)


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


def hall_update(*, hall: Hall, code: str, name: dict[str, str]) -> Hall:
    """Rename a hall; ``name`` holds the languages edited (blank: remove that language)."""
    hall.code = code.strip()
    hall.name = translations_merge(hall.name, name)
    validated(hall)
    save_with_unique_code(hall, gettext("This hall code is taken."))
    return hall


def hall_delete(*, hall: Hall) -> None:
    """Delete a hall without booths whose tables hold no scheduled meeting.

    Its tables and programme sessions stay, without a hall.
    """
    _delete_unless_blocked(hall, lambda: hall_delete_blocker(hall=hall))


def booth_update(
    *,
    booth: Booth,
    hall: Hall,
    code: str,
    area_m2: int | None,
    hosts_meetings: bool,
    exhibitor: Any | None,
) -> Booth:
    """Change a booth; its hall and exhibitor must belong to the booth's event."""
    code = code.strip()
    if hall.event_id != booth.event_id:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    if exhibitor is not None and exhibitor.event_id != booth.event_id:
        raise ValidationFailed(
            gettext("The organisation belongs to another event."), field="exhibitor"
        )
    booth.hall, booth.code, booth.area_m2 = hall, code, area_m2
    booth.hosts_meetings, booth.exhibitor = hosts_meetings, exhibitor
    validated(booth)
    save_with_unique_code(booth, gettext("This booth code is taken."))
    if exhibitor is not None and not exhibitor.is_exhibitor:
        exhibitor.is_exhibitor = True
        exhibitor.save(update_fields=["is_exhibitor", "updated_at"])
    return booth


def booth_delete(*, booth: Booth) -> None:
    """Delete a booth no schedule (draft or release) places a meeting at.

    Delegates who met at it meet at the shared tables in the next schedule.
    """
    _delete_unless_blocked(booth, lambda: booth_delete_blocker(booth=booth))


def table_update(
    *, table: MeetingTable, label: str, hall: Hall | None, is_active: bool
) -> MeetingTable:
    """Relabel, move or (de)activate a table; inactive tables are left out of new schedules."""
    if hall is not None and hall.event_id != table.event_id:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    table.label = label.strip() or f"T{table.number}"
    table.hall = hall
    table.is_active = is_active
    validated(table)
    table.save()
    return table


def table_delete(*, table: MeetingTable) -> None:
    """Delete a table no schedule (draft or release) places a meeting at."""
    _delete_unless_blocked(table, lambda: table_delete_blocker(table=table))


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
) -> ProgrammeSession:
    """Change a session and its speakers.

    ``title`` and ``room`` hold the languages edited (a blank text removes that language).
    """
    if end <= start:
        raise ValidationFailed(gettext("A session must end after it starts."), field="end")
    if hall is not None and hall.event_id != session.event_id:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    programme_session_dates_check(session.event, start, end)
    session.kind = kind
    session.title = translations_merge(session.title, title)
    session.start, session.end = start, end
    session.room = texts_merged(session.room, room)
    session.hall = hall
    session.blocks_meetings = blocks_meetings
    validated(session)
    session.save()
    before = set(session.speakers.values_list("pk", flat=True))
    programme_session_set_speakers(session=session, speakers=speakers)
    after = {speaker.pk for speaker in speakers}
    if before != after:  # many-to-many changes send no save signal: log them here
        record_action(session, "speakers", speakers=sorted(after), previous=sorted(before))
    return session


def programme_session_delete(*, session: ProgrammeSession) -> None:
    """Delete a session; delegates' choices to attend it go with it."""
    session.delete()


def request_rule_update(
    *, rule: RequestRule, requester_role: str, target_role: str, allowed: bool
) -> RequestRule:
    """Change a networking rule; two rules cannot name the same pair of roles."""
    from keruen.people.models import Participant

    for field, role in (("requester_role", requester_role), ("target_role", target_role)):
        if role and role not in Participant.Role.values:
            raise ValidationFailed(gettext("Unknown role %(role)s.") % {"role": role}, field=field)
    taken = RequestRule.objects.filter(
        event=rule.event_id, requester_role=requester_role, target_role=target_role
    ).exclude(pk=rule.pk)
    if taken.exists():
        raise Conflict(
            gettext("Another rule already covers these two roles: change that one."),
            field="requester_role",
        )
    rule.requester_role, rule.target_role, rule.allowed = requester_role, target_role, allowed
    rule.save()
    return rule


def request_rule_delete(*, rule: RequestRule) -> None:
    """Delete a networking rule; without a matching rule, requests are allowed."""
    rule.delete()
