"""The event's activity: its audit log as the organisers read it ("who moved this meeting?").

Rows that only mirror another row (a schedule entry's two attendances, a text's embedding)
are left out: the entry, or the offer, is listed already.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy

from keruen.common.i18n import UI_LANGUAGES, localize
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


def what_happened(entry: AuditLogEntry) -> str:
    """One line on what an entry changed: "status: pending → approved; phone: … → …"."""
    changes = entry.changes or {}
    if entry.action == AuditLogEntry.Action.ACTION:
        # PostgreSQL's jsonb does not keep the keys' order: "before" is put back first.
        details = [(key, value) for key, value in changes.items() if key != "action"]
        details.sort(key=lambda item: (_DETAIL_ORDER.get(item[0], len(_DETAIL_ORDER)), item[0]))
        return "; ".join(
            f"{DETAIL_LABELS.get(key, key)}: {_detail_shown(entry.object_type, key, value)}"
            for key, value in details
        )
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
        old_text = _shown(entry.object_type, field, name, old)
        parts.append(f"{label}: {old_text} → {_shown(entry.object_type, field, name, new)}")
    if len(parts) > SHOWN_CHANGES:
        more = len(parts) - SHOWN_CHANGES
        parts = [*parts[:SHOWN_CHANGES], gettext("and %(n)s more") % {"n": more}]
    return "; ".join(parts)


def object_name(entry: AuditLogEntry) -> str:
    """The changed row's name as stored, with the stored values in it in the reader's words:
    "draft" (the schedule), "A → B (pending)" (a meeting request's status)."""
    text = entry.object_repr
    if entry.object_type == "meetings.Schedule" and text == "draft":
        return gettext("draft")
    field = _field(entry.object_type, "status")
    if field is not None and field.choices and text.endswith(")"):  # e.g. "A → B (pending)"
        head, _, value = text[:-1].rpartition(" (")
        choices = dict(field.flatchoices)
        if head and value in choices:
            return f"{head} ({choices[value]})"
    return text


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


def _shown(object_type: str, field: Any, name: str, value: Any) -> str:
    """A stored value as the reader knows it: a choice by its label ("pending approval")."""
    if (object_type, name) in SOLVER_STATUS_VALUES and isinstance(value, str) and value:
        return _solver_status(value)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if isinstance(value, Hashable) and value in choices:
        value = choices[value]
    return _short(value)


def _detail_shown(object_type: str, key: str, value: Any) -> str:
    """A domain action's detail: a status or an outcome by its label, the rest as stored."""
    field = _field(object_type, DETAIL_FIELDS.get((object_type, key), key))
    return _shown(object_type, field, key, value)


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


def _short(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict) and set(value) <= set(UI_LANGUAGES):
        value = localize(value)  # a text in several languages: the reader's
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
