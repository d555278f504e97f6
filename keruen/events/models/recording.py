"""Histories of what calendar entries show: a save of a slot, a programme session, a hall,
booth or table that changes what a feed writes records the change with the save, so that
feeds can raise the entry's SEQUENCE."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keruen.common.saves import field_saved
from keruen.common.tenancy import EventScopedManager
from keruen.events.models.event import Event


def update_fields_once(kwargs: dict[str, Any]) -> frozenset[str] | None:
    """The ``update_fields`` of a save's keyword arguments, made a set in place: the save
    reads them more than once, and Django takes any iterable (a generator would be spent by
    the first read and leave Django an empty list)."""
    update_fields = kwargs.get("update_fields")
    if update_fields is None:
        return None
    kwargs["update_fields"] = frozenset(update_fields)
    return kwargs["update_fields"]


def saves_any(
    model: type[models.Model], names: Iterable[str], update_fields: Iterable[str] | None
) -> bool:
    """Whether a save of ``model`` with ``update_fields`` writes any of the fields ``names``."""
    return any(field_saved(concrete_field(model, name), update_fields) for name in names)


def values_saved(
    instance: models.Model,
    names: Sequence[str],
    before: Sequence[Any],
    update_fields: Iterable[str] | None,
) -> tuple[Any, ...]:
    """What a save of ``instance`` with ``update_fields`` leaves in its row's fields
    ``names`` (a foreign key as its id), the row having held ``before``: a field left out of
    ``update_fields`` keeps what the row held, whatever the instance holds. The histories
    below compare this, not the instance, with ``before``: they record what was saved."""
    values = []
    for name, old in zip(names, before, strict=True):
        field = concrete_field(type(instance), name)
        written = field_saved(field, update_fields)
        values.append(getattr(instance, field.attname) if written else old)
    return tuple(values)


def concrete_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # a column, not a reverse relation
    return field


class RecordsShownChanges:
    """A model whose save records, with the save, a change of the fields its calendar entries
    show (``shown_fields``), whichever path saves (console, admin, shell): ``Slot`` and
    ``ProgrammeSession``. Subclasses say what counts as a change (``shown_of``) and write the
    history row (``record_shown_change``); a field left out of ``update_fields`` keeps what
    the row held (``values_saved``)."""

    shown_fields: ClassVar[tuple[str, ...]]
    pk: Any
    _state: Any

    def shown_of(self, values: tuple[Any, ...]) -> object:
        """What an entry shows from these field values (default: the values themselves)."""
        return values

    def record_shown_change(self, saved: tuple[Any, ...]) -> None:
        raise NotImplementedError

    def save(self, *args: Any, **kwargs: Any) -> None:
        model = type(self)
        assert issubclass(model, models.Model)
        update_fields = update_fields_once(kwargs)
        if self._state.adding or not saves_any(model, self.shown_fields, update_fields):
            super().save(*args, **kwargs)  # type: ignore[misc]  # new, or nothing shown saved
            return
        with transaction.atomic():  # the change is recorded with the save, or not at all
            # Locked: of two saves at once, each compares with what the other wrote.
            before = (
                model._base_manager.select_for_update()
                .filter(pk=self.pk)
                .values_list(*self.shown_fields)
                .first()
            )
            super().save(*args, **kwargs)  # type: ignore[misc]
            if before is None:
                return
            saved = values_saved(self, self.shown_fields, before, update_fields)  # type: ignore[arg-type]
            if self.shown_of(before) != self.shown_of(saved):
                self.record_shown_change(saved)


class ShownChange(models.Model):
    """One change of what calendar entries show, recorded with the save that made it: a feed
    counts these rows in an entry's SEQUENCE (``meetings.selectors.meeting_sequences``,
    ``events.selectors.programme_sessions_sequenced``). Rows are only ever added."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = EventScopedManager()

    class Meta:
        abstract = True
        ordering = ["event", "changed_at", "id"]
