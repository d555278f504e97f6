"""What a model save writes: shared by the audit log and the histories of what calendars show."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def field_saved(field: models.Field[Any, Any], update_fields: Iterable[str] | None) -> bool:
    """Whether a save with ``update_fields`` writes ``field`` (named as Django takes it: by
    its name or, for a foreign key, by its column ``<name>_id`` too)."""
    return update_fields is None or bool({field.name, field.attname} & set(update_fields))
