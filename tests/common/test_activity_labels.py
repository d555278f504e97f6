"""Every domain action and detail a service records has a name in the activity log, so the
log never shows a stored key ("announce", "recipients") to a reader of Kazakh or Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from keruen.common.activity import ACTION_LABELS, DETAIL_LABELS

PACKAGE = Path(__file__).resolve().parents[2] / "keruen"


def _recorded() -> tuple[set[str], set[str]]:
    """The action names and detail keys of every ``record_action(obj, "name", key=...)``."""
    actions, details = set(), set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "record_action"
            ):
                name = node.args[1]
                assert isinstance(name, ast.Constant), f"{path}: a computed action name"
                actions.add(name.value)
                details |= {keyword.arg for keyword in node.keywords if keyword.arg}
    return actions, details


def test_every_recorded_action_and_detail_has_a_label() -> None:
    actions, details = _recorded()
    assert "announce" in actions  # the scan finds the calls
    assert actions - set(ACTION_LABELS) == set()
    assert details - set(DETAIL_LABELS) == set()


def test_a_change_of_a_structured_value_is_shown_not_a_crash(db) -> None:
    """A JSON field's old and new values are dicts or lists: the line shows them, where
    looking them up among choices crashed."""
    from keruen.common.activity import what_happened
    from keruen.common.models import AuditLogEntry

    entry = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="events.Event",
        changes={"name": [{}, {"en": "Expo"}]},
    )
    assert what_happened(entry) == "name (English): — → Expo"


def test_a_text_in_several_languages_shows_only_the_languages_that_changed(db) -> None:
    """Only the English title changed: read in Russian, the line showed the Russian title on
    both sides ("X → X")."""
    from django.utils import translation

    from keruen.common.activity import what_happened
    from keruen.common.models import AuditLogEntry

    entry = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="events.Event",
        changes={
            "name": [{"en": "Wind farm", "ru": "Ветропарк"}, {"en": "Wind park", "ru": "Ветропарк"}]
        },
    )
    assert what_happened(entry) == "name (English): Wind farm → Wind park"
    with translation.override("ru"):
        line = what_happened(entry)
    assert "Wind farm → Wind park" in line
    assert "Ветропарк" not in line


def test_the_solvers_figures_are_told_in_words(db) -> None:
    """The log showed "statistics: — → {'wall_s': 0.13, 'greedy_s': 0.0768…" and
    "status: OPTIMAL": the run's duration and the verdict are what an organiser reads."""
    from keruen.common.activity import what_happened
    from keruen.common.models import AuditLogEntry

    update = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="meetings.Schedule",
        changes={
            "solver_status": ["", "OPTIMAL"],
            "stats": [{}, {"wall_s": 0.13, "greedy_s": 0.0768986260000002, "unplaced": 0}],
        },
    )
    assert what_happened(update) == "solver status: — → optimal; computed in 0.13 s"
    # A manual move only adds to the statistics' log of moves: nothing to say about it.
    moved = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="meetings.Schedule",
        changes={"stats": [{"wall_s": 0.13}, {"wall_s": 0.13, "manual_moves": [1]}]},
    )
    assert what_happened(moved) == ""
    solved = AuditLogEntry(
        action=AuditLogEntry.Action.ACTION,
        object_type="meetings.Schedule",
        changes={"action": "solve", "status": "FEASIBLE", "meetings": 466},
    )
    assert what_happened(solved) == "meetings: 466; status: valid, not proved optimal"
    with translation.override("zh-hans"):
        assert "wall_s" not in what_happened(update)
        assert "OPTIMAL" not in what_happened(update)
        assert "最优" in what_happened(update)


def test_stored_values_in_an_objects_name_are_in_the_readers_language(db) -> None:
    """The name of a changed row is stored once, in English words: "draft" (a schedule) and
    "(pending)" (a meeting request's status) were left in English for a Chinese reader."""
    from keruen.common.activity import object_name, what_happened
    from keruen.common.models import AuditLogEntry

    draft = AuditLogEntry(object_type="meetings.Schedule", object_repr="draft")
    request = AuditLogEntry(
        object_type="meetings.MeetingRequest", object_repr="Нұрлан Жұмабаев → Таалай (pending)"
    )
    release = AuditLogEntry(object_type="meetings.Schedule", object_repr="v1")
    outcome = AuditLogEntry(
        action=AuditLogEntry.Action.ACTION,
        object_type="meetings.Meeting",
        changes={"action": "outcome", "outcome": "no_show"},
    )
    with translation.override("zh-hans"):
        assert object_name(draft) == "草稿"
        assert object_name(request) == "Нұрлан Жұмабаев → Таалай (待回复)"
        assert object_name(release) == "v1"
    assert what_happened(outcome) == "outcome: no-show"


def test_changes_are_told_in_the_models_field_order_whatever_the_stored_order() -> None:
    # PostgreSQL's jsonb returns keys in its own order (shortest first): "stats" came first.
    from keruen.common.activity import what_happened
    from keruen.common.models import AuditLogEntry

    entry = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="meetings.Schedule",
        changes={"stats": [{}, {"wall_s": 0.13}], "solver_status": ["", "OPTIMAL"]},
    )
    with translation.override("en"):
        assert what_happened(entry) == "solver status: — → optimal; computed in 0.13 s"


def test_entries_of_any_shape_are_shown_not_a_crash(db) -> None:
    """Entries written by older versions, or by hand in the admin: a list missing, a text
    where a time was expected, a row's name in a form not known."""
    from keruen.common.activity import object_name, what_happened
    from keruen.common.models import AuditLogEntry

    action = AuditLogEntry.Action.ACTION
    odd = [
        AuditLogEntry(
            action=action, object_type="events.ProgrammeSession", changes={"action": "speakers"}
        ),
        AuditLogEntry(
            action=action,
            object_type="meetings.Meeting",
            changes={"action": "move", "before": "2026-13-45 99:99, T1", "after": None},
        ),
        AuditLogEntry(
            action=AuditLogEntry.Action.UPDATE,
            object_type="people.Participant",
            changes={"arrives_at": ["soon", 3], "languages": [["xx"], ["kk"]], "gone": [1, 2]},
        ),
        AuditLogEntry(
            action=action, object_type="events.Event", changes={"action": "import", "counts": 3}
        ),
    ]
    with translation.override("en"):
        assert [what_happened(entry) for entry in odd] == [
            "speakers: —",
            "before: 2026-13-45 99:99, T1; after: —",
            "languages spoken: xx → Kazakh; arrival: soon → 3; gone: 1 → 2",
            "rows: 3",
        ]
        rule = AuditLogEntry(
            object_type="events.RequestRule", object_repr="visitor may not request *"
        )
        assert object_name(rule) == "visitor may not request any role"
        job = AuditLogEntry(
            object_type="meetings.Job", object_id="7", object_repr="import job #7 (queued)"
        )
        assert object_name(job) == "import of a file #7"


def test_amounts_are_grouped_as_the_pages_write_them(db) -> None:
    from keruen.common.activity import what_happened
    from keruen.common.models import AuditLogEntry

    entry = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="agreements.Agreement",
        changes={"value": ["63000000.00", "70500000.50"]},
    )
    assert what_happened(entry) == "value: 63,000,000 → 70,500,000.50"
