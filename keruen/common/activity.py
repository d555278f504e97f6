"""The event's activity: its audit log as the organisers read it ("who moved this meeting?").

Rows that only mirror another row (a schedule entry's two attendances, a text's embedding)
are left out: the entry, or the offer, is listed already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, ForeignKey, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, pgettext, pgettext_lazy

from keruen import reference
from keruen.common.activity_values import (
    LogReading,
    field_value,
    listed,
    log_reading,
    people_changed,
    related_label,
    slot_in_name,
    times_in_text,
)
from keruen.common.i18n import UI_LANGUAGES, ui_language
from keruen.common.models import AuditLogEntry
from keruen.common.params import text_param

# The domain actions services record (``record_action``), as the log names them.
ACTION_LABELS = {
    "accept": pgettext_lazy("activity", "request accepted"),
    "announce": pgettext_lazy("activity", "announcement written"),
    "cancel": pgettext_lazy("activity", "meeting cancelled"),
    "check_in": pgettext_lazy("activity", "checked in"),
    "check_in_undo": pgettext_lazy("activity", "check-in taken back"),
    "decline": pgettext_lazy("activity", "request declined"),
    "export": pgettext_lazy("activity", "data exported"),
    "import": pgettext_lazy("activity", "file imported"),
    "move": pgettext_lazy("activity", "moved by hand"),
    "outcome": pgettext_lazy("activity", "outcome recorded"),
    "parties": pgettext_lazy("activity", "parties of an agreement"),
    "publish": pgettext_lazy("activity", "schedule published"),
    "readmit": pgettext_lazy("activity", "re-admitted"),
    "request_withdraw": pgettext_lazy("activity", "request withdrawn"),
    "slot_grid_set": pgettext_lazy("activity", "slot grid saved"),
    "solve": pgettext_lazy("activity", "schedule computed"),
    "speakers": pgettext_lazy("activity", "speakers changed"),
    "status": pgettext_lazy("activity", "registration status set"),
    "tables_added": pgettext_lazy("activity", "meeting tables added"),
    "unavailable_slots": pgettext_lazy("activity", "slots when unavailable changed"),
    "withdraw": pgettext_lazy("activity", "withdrew from the event"),
}
# The details domain actions record, by their key, as the reader's language names them.
DETAIL_LABELS = {
    "after": pgettext_lazy("activity detail", "after"),
    "before": pgettext_lazy("activity detail", "before"),
    "breaks": pgettext_lazy("activity detail", "daily breaks"),
    "counts": pgettext_lazy("activity detail", "rows"),
    "days": pgettext_lazy("activity detail", "meeting days"),
    "entries": pgettext_lazy("activity detail", "meetings"),
    "file": pgettext_lazy("activity detail", "file"),
    "hall": pgettext_lazy("activity detail", "hall"),
    "format": pgettext_lazy("activity detail", "format"),
    "kind": pgettext_lazy("activity detail", "kind"),
    "meetings": pgettext_lazy("activity detail", "meetings"),
    "numbers": pgettext_lazy("activity detail", "numbers"),
    "organisations": pgettext_lazy("activity detail", "organisations"),
    "outcome": pgettext_lazy("activity detail", "outcome"),
    "previous": pgettext_lazy("activity detail", "before"),
    "reason": pgettext_lazy("activity detail", "reason"),
    "recipients": pgettext_lazy("activity detail", "recipients"),
    "requests": pgettext_lazy("activity detail", "requests"),
    "slots": pgettext_lazy("activity detail", "slots"),
    "schedule": pgettext_lazy("activity detail", "schedule"),
    "speakers": pgettext_lazy("activity detail", "speakers"),
    "status": pgettext_lazy("activity detail", "status"),
    "tables": pgettext_lazy("activity detail", "tables"),
    "unavailable_dropped": pgettext_lazy("activity detail", "unavailability dropped"),
    "unavailable_kept": pgettext_lazy("activity detail", "unavailability carried over"),
    "withdrawn": pgettext_lazy("activity detail", "withdrew"),
}
HIDDEN_TYPES = ("meetings.ScheduledAttendance", "matchmaking.OpportunityEmbedding")
# Stored values that are the solver's words ("OPTIMAL"): a schedule's solver status, and the
# status a "schedule computed" entry records.
SOLVER_STATUS_VALUES = {("meetings.Schedule", "solver_status"), ("meetings.Schedule", "status")}
# Details that hold a choice of the entry's model under another name: an outcome is the
# meeting's status.
DETAIL_FIELDS = {("meetings.Meeting", "outcome"): "status"}
# Details whose text holds times on the event's clock ("2027-06-26 09:30, T4") or days.
TIMES_IN_TEXT = {
    ("move", "before"),
    ("move", "after"),
    ("unavailable_slots", "before"),
    ("unavailable_slots", "after"),
    ("slot_grid_set", "days"),
}
# …of them lists, joined by ", " when stored: listed as the reader's language does (、).
TIMES_LISTED = {
    ("unavailable_slots", "before"),
    ("unavailable_slots", "after"),
    ("slot_grid_set", "days"),
}
# The kinds of file imported and exported, by the titles the console gives them.
FILE_KINDS = {
    "organisations": gettext_lazy("Organisations"),
    "participants": gettext_lazy("Delegates"),
    "delegates": gettext_lazy("Delegates"),
    "opportunities": gettext_lazy("Offers and requests"),
    "meetings": gettext_lazy("Meetings"),
    "agreements": gettext_lazy("Agreements"),
    "arrivals": gettext_lazy("Badges and arrivals"),
}
# Where a change was made, when not on the site itself (``keruen.common.audit``).
SOURCE_LABELS = {
    "admin": pgettext_lazy("activity source", "admin"),
    "api": pgettext_lazy("activity source", "API"),
    "cli": pgettext_lazy("activity source", "command line"),
    "demo": pgettext_lazy("activity source", "demo data"),
    "task": pgettext_lazy("activity source", "background job"),
}
_DETAIL_ORDER = {"before": 0, "after": 1}
SHOWN_CHANGES = 4  # fields of an update summarised on its line; the admin has them all
SHOWN_CHARS = 60


@dataclass(frozen=True)
class ActivityFilters:
    who: str = ""
    kind: str = ""  # an object type, e.g. "meetings.Meeting"
    action: str = ""

    @classmethod
    def from_query(cls, query: Any) -> ActivityFilters:
        kind = query.get("kind", "")
        return cls(
            who=text_param(query.get("who")),
            kind=kind if _model(kind) is not None else "",
            action=text_param(query.get("action"), limit=32),
        )


def event_activity(*, event: Any, filters: ActivityFilters) -> QuerySet[AuditLogEntry]:
    """The event's log, newest first, without the rows that mirror others."""
    entries = AuditLogEntry.objects.filter(event=event).exclude(object_type__in=HIDDEN_TYPES)
    if filters.who:
        entries = entries.filter(actor_label__icontains=filters.who)
    if filters.kind:
        entries = entries.filter(object_type=filters.kind)
    if filters.action in AuditLogEntry.Action.values:
        entries = entries.filter(action=filters.action)
    elif filters.action:  # a domain action's name: publish, move, check_in, …
        entries = entries.filter(action=AuditLogEntry.Action.ACTION, changes__action=filters.action)
    return entries.order_by("-timestamp", "-id")


def activity_kinds(*, event: Any) -> list[tuple[str, str]]:
    """The object types the event's log holds, named in the reader's language."""
    labels = (
        AuditLogEntry.objects.filter(event=event)
        .exclude(object_type__in=HIDDEN_TYPES)
        .order_by()
        .values_list("object_type", flat=True)
        .distinct()
    )
    return sorted(((label, kind_name(label)) for label in labels), key=lambda item: item[1])


def kind_name(label: str) -> str:
    model = _model(label)
    return str(model._meta.verbose_name) if model is not None else label


def _model(label: str) -> Any:
    try:
        return apps.get_model(label) if label.count(".") == 1 else None
    except LookupError:
        return None


def page_reading(*, event: Any, entries: Iterable[AuditLogEntry]) -> LogReading:
    """What the lines of these entries need to name the rows they refer to by id, read once
    (one query per kind of row)."""
    return log_reading(event=event, entries=entries, refers=_refers)


def _refers(entry: AuditLogEntry) -> Iterator[tuple[str, Any]]:
    """The rows an entry names by id: a job (its state now), speakers, related rows."""
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    if entry.object_type == "meetings.Job":
        yield "meetings.Job", entry.object_id
    if entry.action == AuditLogEntry.Action.ACTION and changes.get("action") == "speakers":
        for key in ("speakers", "previous"):
            for pk in changes.get(key) or []:
                yield "people.Participant", pk
    if entry.action != AuditLogEntry.Action.UPDATE:
        return
    for name, pair in changes.items():
        field = _field(entry.object_type, name)
        if isinstance(field, ForeignKey) and isinstance(pair, list):
            for pk in pair:
                yield related_label(field), pk


def what_happened(entry: AuditLogEntry, reading: LogReading | None = None) -> str:
    """One line on what an entry changed: "status: pending → approved; phone: … → …"."""
    reading = reading or _reading_of(entry)
    changes = entry.changes or {}
    if entry.action == AuditLogEntry.Action.ACTION:
        return _action_details(entry.object_type, changes, reading)
    if entry.action != AuditLogEntry.Action.UPDATE:
        return ""
    parts = []
    # In the model's field order: PostgreSQL's jsonb keeps the keys in its own order.
    for name, (old, new) in sorted(
        changes.items(), key=lambda item: _field_position(entry.object_type, item[0])
    ):
        if (entry.object_type, name) == ("meetings.Schedule", "stats"):
            # The solver's statistics are for developers (the admin has them): the reader
            # learns how long the run took, nothing when only the log of moves grew.
            summary = _solver_run(old, new)
            if summary:
                parts.append(summary)
            continue
        field = _field(entry.object_type, name)
        label = str(field.verbose_name) if field is not None else name
        if _is_text_in_languages(old) and _is_text_in_languages(new):
            parts.extend(_text_changes(label, old or {}, new or {}))
            continue
        old_text = _shown(entry.object_type, field, name, old, reading)
        parts.append(
            f"{label}: {old_text} → {_shown(entry.object_type, field, name, new, reading)}"
        )
    if len(parts) > SHOWN_CHANGES:
        more = len(parts) - SHOWN_CHANGES
        parts = [*parts[:SHOWN_CHANGES], gettext("and %(n)s more") % {"n": more}]
    return "; ".join(parts)


def _is_text_in_languages(value: Any) -> bool:
    """A text kept in several languages ({"en": …, "ru": …}), or none yet."""
    return value is None or (isinstance(value, dict) and set(value) <= set(UI_LANGUAGES))


def _text_changes(label: str, old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Only the languages whose text changed, each named: "title (English): A → B". Shown in
    the reader's language alone, a change to the English title read "X → X" in Russian."""
    changed = [lang for lang in UI_LANGUAGES if (old.get(lang) or "") != (new.get(lang) or "")]
    return [
        f"{label} ({_language(lang.split('-')[0])}): {_short(old.get(lang) or '—')} → "
        f"{_short(new.get(lang) or '—')}"
        for lang in changed
    ]


def _action_details(object_type: str, changes: dict[str, Any], reading: LogReading) -> str:
    """A domain action's details: "speakers: + Dinara Omarova"; "before: …; after: …"."""
    action = str(changes.get("action", ""))
    if action == "speakers":  # the session's speakers' ids now and before
        added = people_changed(changes.get("speakers"), changes.get("previous"), reading)
        return f"{DETAIL_LABELS['speakers']}: {added}"
    # PostgreSQL's jsonb does not keep the keys' order: "before" is put back first.
    details = [(key, value) for key, value in changes.items() if key != "action"]
    details.sort(key=lambda item: (_DETAIL_ORDER.get(item[0], len(_DETAIL_ORDER)), item[0]))
    return "; ".join(
        f"{DETAIL_LABELS.get(key, key)}: {_detail_shown(object_type, action, key, value, reading)}"
        for key, value in details
    )


def object_name(entry: AuditLogEntry, reading: LogReading | None = None) -> str:
    """The changed row's name as stored, with the stored values in it in the reader's words:
    "draft" (the schedule), "A → B (pending)" (a meeting request's status)."""
    text = entry.object_repr
    if entry.object_type == "meetings.Schedule" and text == "draft":
        return gettext("draft")
    if entry.object_type == "meetings.Job":
        return _job_name(entry, reading or LogReading())
    if entry.object_type == "events.RequestRule":
        return _rule_name(text)
    if entry.object_type == "events.SlotGrid" and text.startswith("slot grid of "):
        return text.removeprefix("slot grid of ")  # the event: the kind says "slot grid"
    if entry.object_type in ("events.Slot", "meetings.ScheduledMeeting"):
        return slot_in_name(text, reading or _reading_of(entry))
    if entry.object_type == "matchmaking.SuggestionFeedback":
        return _coded_name(text, ": ", _choices("matchmaking.SuggestionFeedback", "kind"))
    choices = _choices(entry.object_type, "status")
    if choices and text.endswith(")"):  # e.g. "A → B (pending)"
        head, _, value = text[:-1].rpartition(" (")
        if head and value in choices:
            return f"{head} ({choices[value]})"
    return text


def _job_name(entry: AuditLogEntry, reading: LogReading) -> str:
    """ "import of a file #4 (done)": a job's state now. Its row changes state by updates the
    log does not see (``keruen.meetings.jobs``), so the "(queued)" stored when it was made
    would stay for ever; a job deleted since is named without a state."""
    kinds = _choices("meetings.Job", "kind")
    job = reading.row("meetings.Job", entry.object_id)
    stored_kind = entry.object_repr.partition(" job #")[0]
    kind = getattr(job, "kind", stored_kind)
    name = f"{kinds.get(kind, kind)} #{entry.object_id}"
    if job is None:
        return name
    return f"{name} ({job.get_status_display()})"  # type: ignore[attr-defined]


def _rule_name(text: str) -> str:
    """ "* may not request exhibitor" in the reader's words, as the set-up page says it."""
    match = re.fullmatch(r"(\S+) (may not|may) request (\S+)", text)
    if match is None:
        return text
    labels = {"*": gettext("any role"), **_choices("people.Participant", "role")}
    roles = {"requester": labels.get(match[1], match[1]), "target": labels.get(match[3], match[3])}
    if match[2] == "may":
        # Translators: a networking rule; both placeholders are delegates' roles.
        return gettext("%(requester)s may request %(target)s") % roles
    # Translators: a networking rule; both placeholders are delegates' roles.
    return gettext("%(requester)s may not request %(target)s") % roles


def _coded_name(text: str, separator: str, choices: dict[Any, Any]) -> str:
    """ "刘鹏 on 玛纳斯: not_interested" as "刘鹏 → 玛纳斯: not interested" (reader's words)."""
    head, found, code = text.rpartition(separator)
    if not found or code not in choices:
        return text
    return f"{head.replace(' on ', ' → ', 1)}{separator}{choices[code]}"


def _choices(label: str, name: str) -> dict[Any, Any]:
    field = _field(label, name)
    return dict(field.flatchoices) if field is not None and field.choices else {}


def _reading_of(entry: AuditLogEntry) -> LogReading:
    """For one entry read on its own: its event's clock, no rows read."""
    event = entry.event if entry.event_id is not None else None
    return LogReading(tz=event.tz if event is not None else None)


def who(entry: AuditLogEntry) -> str:
    """Who made the change: their e-mail; a visitor without an account; nobody named (a
    command or a job: the source says it)."""
    if entry.actor_id is None and entry.actor_label == "anonymous":
        return pgettext("activity", "visitor without an account")
    if entry.actor_id is None and entry.actor_label == entry.source:
        return ""
    return entry.actor_label


def source_name(entry: AuditLogEntry) -> str:
    """Where the change was made, unless on the site itself: "admin", "command line"."""
    if not entry.source or entry.source == "web":
        return ""
    return str(SOURCE_LABELS.get(entry.source, entry.source))


def action_name(entry: AuditLogEntry) -> str:
    if entry.action == AuditLogEntry.Action.ACTION:
        name = str((entry.changes or {}).get("action", ""))
        return str(ACTION_LABELS.get(name, name))
    return str(entry.get_action_display())


def _field(label: str, name: str) -> Any:
    model = _model(label)
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:  # removed since the entry was written
        return None
    # A detail's key can be the name of a reverse relation ("meetings"): not a field.
    return field if isinstance(field, Field) else None


def _field_position(label: str, name: str) -> tuple[int, str]:
    """Where ``name`` comes among the model's fields (names no longer fields last)."""
    model = _model(label)
    names = [field.name for field in model._meta.fields] if model is not None else []
    return (names.index(name) if name in names else len(names), name)


def _shown(object_type: str, field: Any, name: str, value: Any, reading: LogReading) -> str:
    """A stored value as the reader knows it: a choice by its label ("pending approval"), a
    switch as yes or no, a related row by its name, a time on the event's clock."""
    if (object_type, name) in SOLVER_STATUS_VALUES and isinstance(value, str) and value:
        return _solver_status(value)
    if name == "translations" and isinstance(value, dict):  # an offer's: which languages
        return _short(listed(_language(code) for code in value))
    return _short(field_value(field, name, value, reading))


def _detail_shown(object_type: str, action: str, key: str, value: Any, reading: LogReading) -> str:
    """A domain action's detail: a status or an outcome by its label, a kind of file by its
    title, times in the reader's format, the rest as stored."""
    if (action, key) in TIMES_IN_TEXT and isinstance(value, str):
        if (action, key) in TIMES_LISTED:  # "2027-06-25 09:30, 2027-06-27 14:00"
            return _short(listed(times_in_text(item, reading) for item in value.split(", ")) or "—")
        return _short(times_in_text(value, reading) or "—")
    if action in ("import", "export") and key == "kind" and isinstance(value, str):
        return str(FILE_KINDS.get(value, value))
    if action == "import" and key == "counts" and isinstance(value, dict):
        return _short(_import_counts(value))
    if action == "export" and key == "format" and isinstance(value, str):
        return value.upper() or "—"
    if action == "export" and key == "schedule" and value == "draft":
        return gettext("draft")
    field = _field(object_type, DETAIL_FIELDS.get((object_type, key), key))
    return _shown(object_type, field, key, value, reading)


def _import_counts(counts: dict[str, Any]) -> str:
    """ "10 created, 2 updated", as the import's own report says it."""
    from keruen.imports.services import _outcome

    told = [_outcome(what, n) for what, n in counts.items() if isinstance(n, int) and n]
    return listed(told) or "—"


def _language(code: str) -> str:
    try:
        return reference.language_in_sentence(code, ui_language())
    except KeyError:
        return code


def _solver_status(value: str) -> str:
    from keruen.meetings.scheduler.words import solver_status_describe

    return solver_status_describe(value)


def _solver_run(old: Any, new: Any) -> str:
    """ "computed in 0.13 s" when a schedule's statistics are those of a new solver run."""
    if not isinstance(new, dict) or not isinstance(new.get("wall_s"), int | float):
        return ""
    previous = old if isinstance(old, dict) else {}
    if all(previous.get(key) == new.get(key) for key in ("wall_s", "solved_at")):
        return ""  # the same run: a manual move was logged in the statistics
    seconds = number_format(new["wall_s"], decimal_pos=2 if new["wall_s"] < 10 else 0)
    return gettext("computed in %(seconds)s s") % {"seconds": seconds}


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
