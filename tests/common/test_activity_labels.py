"""Every domain action and detail a service records has a name in the activity log, so the
log never shows a stored key ("announce", "recipients") to a reader of Kazakh or Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

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
    """A JSON field's old and new values are dicts or lists (a schedule's solver
    statistics): the line shows them, where looking them up among choices crashed."""
    from keruen.common.activity import what_happened
    from keruen.common.models import AuditLogEntry

    entry = AuditLogEntry(
        action=AuditLogEntry.Action.UPDATE,
        object_type="meetings.Schedule",
        changes={"stats": [{}, {"breaks": 0, "meetings": 466}]},
    )
    line = what_happened(entry)
    assert line.startswith("statistics: — → {'breaks': 0")
