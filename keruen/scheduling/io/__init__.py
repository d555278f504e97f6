"""Readers and writers: keruen-b2b/1 JSON and the MiniZinc ``.dzn`` files of Bofill et al."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from keruen.scheduling.instance import Instance
from keruen.scheduling.io.dzn import parse_dzn, read_dzn
from keruen.scheduling.io.jsonio import (
    instance_from_dict,
    instance_to_dict,
    read_instance,
    read_solution,
    result_from_dict,
    solution_from_dict,
    solution_to_dict,
    write_instance,
    write_solution,
)

__all__ = [
    "instance_from_dict",
    "instance_to_dict",
    "load",
    "parse_dzn",
    "read_dzn",
    "read_instance",
    "read_solution",
    "result_from_dict",
    "solution_from_dict",
    "solution_to_dict",
    "write_instance",
    "write_solution",
]


def load(path: str | Path, fairness: int | None = None) -> Instance:
    """Read an instance from ``.json`` (keruen-b2b/1) or ``.dzn``, chosen by extension.

    ``fairness`` overrides the instance's value (the ``.dzn`` files default to d = 2).
    """
    if str(path).endswith(".dzn"):
        return read_dzn(path, fairness=2 if fairness is None else fairness)
    inst = read_instance(path)
    return inst if fairness is None else replace(inst, fairness=fairness)
