"""``Problem``: where and why, rendered as one line in the active language."""

from __future__ import annotations

import pytest
from django.utils import translation

from keruen.common.errors import Problem


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (Problem("bad", field="email", row=3), "row 3, column email: bad"),
        (Problem("bad", row=1), "row 1: bad"),
        (Problem("bad", field="email"), "email: bad"),
        (Problem("bad"), "bad"),
        (Problem("50% off", field="title", row=2), "row 2, column title: 50% off"),
    ],
)
def test_problem_names_row_and_column(problem: Problem, line: str) -> None:
    with translation.override("en"):
        assert str(problem) == line


def test_problem_is_rendered_in_the_active_language() -> None:
    """Needs the Russian translations of tr_imports.json merged into the .po/.mo files."""
    problem = Problem("«XZ» — не код страны", field="country", row=3)
    with translation.override("ru"):
        assert str(problem) == "строка 3, столбец country: «XZ» — не код страны"
        assert str(Problem("пусто", row=1)) == "строка 1: пусто"
    with translation.override("zh-hans"):
        assert str(Problem("无效", field="email")) == "email：无效"
    assert str(problem) == "row 3, column country: «XZ» — не код страны"
