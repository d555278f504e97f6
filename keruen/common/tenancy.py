"""Tenant scoping: every row that belongs to an event is reached through that event.

Views and API routes look an object up with ``get_for_event(Model, event=..., pk=...)``
rather than ``Model.objects.get(pk=...)``: an id from another event is simply not found,
whatever a visitor types into a URL.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext

from keruen.common.errors import NotFound

M = TypeVar("M", bound=models.Model)


class EventScopedQuerySet(models.QuerySet):
    def for_event(self, event: Any) -> EventScopedQuerySet:
        return self.filter(event=event)


EventScopedManager = models.Manager.from_queryset(EventScopedQuerySet)


def get_for_event(model: type[M], *, event: Any, pk: Any, **filters: Any) -> M:
    """The object of ``model`` with this pk in ``event``, or NotFound."""
    try:
        return model._default_manager.get(event=event, pk=pk, **filters)
    # ObjectDoesNotExist: django-stubs drops ``DoesNotExist`` from the bound ``Model``; the
    # manager's get() raises ``model.DoesNotExist``, a subclass of it.
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(
            gettext("No such %(thing)s in this event.") % {"thing": model._meta.verbose_name}
        ) from exc
