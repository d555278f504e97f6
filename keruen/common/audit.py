"""The audit log: every write made by an organiser or a delegate is recorded.

Writes happen inside an *audit context* that names the actor: the middleware opens one for
each web request, the CLI and background jobs open one with ``audit_context(...)``. Model
signals then record create / update / delete of every Keruen model, with the fields that
changed. Writes outside any context (migrations, the demo generator) are system writes and
are not logged. Secrets (password hashes, tokens) are never written to the log.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

from keruen.common.addresses import client_ip
from keruen.common.saves import field_saved

SECRET_FIELDS = {"password", "token", "key", "key_hash", "secret", "session_key", "feed_token"}
AUDITED_APP_LABELS = {
    "people",
    "events",
    "marketplace",
    "meetings",
    "agreements",
    "matchmaking",
    "api",
}


@dataclass(frozen=True)
class AuditContext:
    actor: Any  # a User or None (anonymous visitor, system job)
    source: str  # "web", "admin", "api", "cli", "task"
    ip_address: str | None = None


_current: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar(
    "keruen_audit_context", default=None
)


@contextlib.contextmanager
def audit_context(actor: Any, *, source: str, ip_address: str | None = None) -> Iterator[None]:
    """Record writes made inside the block as done by ``actor``."""
    token = _current.set(AuditContext(actor=actor, source=source, ip_address=ip_address))
    try:
        yield
    finally:
        _current.reset(token)


def current_context() -> AuditContext | None:
    return _current.get()


class AuditContextMiddleware:
    """Opens an audit context for each request, naming the logged-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        source = "admin" if request.path.startswith("/admin/") else "web"
        if request.path.startswith("/api/"):
            source = "api"
        with audit_context(actor, source=source, ip_address=client_ip(request)):
            return self.get_response(request)


def _is_audited(sender: type[models.Model]) -> bool:
    return sender._meta.app_label in AUDITED_APP_LABELS


def _plain(value: Any) -> Any:
    """A JSON-safe rendering of a field value."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _field_values(instance: models.Model) -> dict[str, Any]:
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.name.endswith("_token"):
            continue
        values[field.name] = _plain(field.value_from_object(instance))
    return values


# Rows without an event of their own (a schedule entry, an attendance, an embedding) are
# filed under the event of the row they belong to, so that the event's log shows them.
_EVENT_VIA = ("schedule", "meeting", "opportunity", "participant")


def _event_id_of(instance: models.Model) -> int | None:
    if instance._meta.label == "events.Event":
        return instance.pk
    if (event_id := getattr(instance, "event_id", None)) is not None:
        return event_id
    for name in _EVENT_VIA:
        if getattr(instance, f"{name}_id", None) is not None:
            return getattr(getattr(instance, name), "event_id", None)
    return None


def _actor_label(actor: Any, source: str) -> str:
    if actor is not None:
        return str(getattr(actor, "email", actor))
    # No person: a visitor on the web, or the command line / a background job.
    return "anonymous" if source in {"web", "api", "admin"} else source


def _write_entry(instance: models.Model, action: str, changes: dict[str, Any]) -> None:
    from keruen.common.models import AuditLogEntry

    context = current_context()
    assert context is not None
    actor = context.actor
    AuditLogEntry.objects.create(
        actor=actor,
        actor_label=_actor_label(actor, context.source),
        event_id=_event_id_of(instance),
        action=action,
        object_type=instance._meta.label,
        object_id=str(instance.pk or ""),
        object_repr=str(instance)[:300],
        changes=changes,
        source=context.source,
        ip_address=context.ip_address,
    )


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if current_context() is None or not _is_audited(sender) or kwargs.get("raw"):
        return
    previous = None
    if instance.pk is not None:
        previous = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_previous = _field_values(previous) if previous else None  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if current_context() is None or not _is_audited(sender) or kwargs.get("raw"):
        return
    now = _field_values(instance)
    before = getattr(instance, "_audit_previous", None)
    saved = kwargs.get("update_fields")
    if saved is not None and before is not None:
        # Only these columns were written: a value set on the object but left out of
        # ``update_fields`` is not in the database, and the log must not say it is.
        written = {f.name for f in instance._meta.concrete_fields if field_saved(f, saved)}
        now = {name: value for name, value in now.items() if name in written}
    if created or before is None:
        _write_entry(instance, "create", {"new": now})
        return
    diff = {
        name: [before.get(name), value] for name, value in now.items() if before.get(name) != value
    }
    diff.pop("updated_at", None)
    if diff:
        _write_entry(instance, "update", diff)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if current_context() is None or not _is_audited(sender):
        return
    _write_entry(instance, "delete", {"old": _field_values(instance)})


def record_action(instance: models.Model, action_name: str, **details: Any) -> None:
    """Log a domain action that is more than a field change (publish, accept, import)."""
    if current_context() is None:
        return
    _write_entry(instance, "action", {"action": action_name, **details})


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="keruen_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="keruen_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="keruen_audit_post_delete")
