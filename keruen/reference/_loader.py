"""Loading of the JSON data files shipped in ``keruen/reference/data`` (read once, cached)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=16)
def load_json(name: str) -> dict[str, Any]:
    """Return the parsed content of ``data/<name>`` (UTF-8 JSON object)."""
    path = resources.files("keruen.reference").joinpath("data").joinpath(name)
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):  # pragma: no cover - guards against a broken data file
        raise ValueError(f"keruen.reference: data/{name} must hold a JSON object")
    return data
