"""Writes about accounts, organisations, delegations and participants."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.services import validated
from keruen.events.models import Event
from keruen.people.models import Delegation, Organisation, Participant, User


def user_create(
    *, email: str, password: str | None = None, full_name: str = "", language: str = "en"
) -> User:
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email=email).exists():
        raise Conflict(f"An account with the e-mail {email} already exists.", field="email")
    user = User(email=email, full_name=full_name, language=language)
    user.set_password(password)
    validated(user, exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise Conflict(f"An account with the e-mail {email} already exists.", field="email") from error
    return user


def organisation_create(
    *, event: Event, code: str, name: dict[str, str], country: str, **fields: Any
) -> Organisation:
    organisation = Organisation(event=event, code=code, name=name, country=country, **fields)
    validated(organisation, exclude=["event"])
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        raise Conflict(f"The organisation code {code!r} is taken in this event.", field="code") from error
    return organisation


def organisation_update(*, organisation: Organisation, **fields: Any) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    validated(organisation, exclude=["event"])
    organisation.save()
    return organisation


def delegation_create(
    *, event: Event, code: str, name: dict[str, str], country: str, **fields: Any
) -> Delegation:
    delegation = Delegation(event=event, code=code, name=name, country=country, **fields)
    validated(delegation, exclude=["event", "head"])
    delegation.save()
    return delegation


def participant_register(
    *,
    event: Event,
    user: User,
    organisation: Organisation,
    given_name: str,
    family_name: str = "",
    role: str = Participant.Role.BUSINESS,
    **fields: Any,
) -> Participant:
    """Register a person at an event (pending the organiser's approval by default).

    The database refuses a second registration of the same account at the same event, so two
    concurrent sign-ups cannot both succeed.
    """
    if organisation.event_id != event.pk:
        raise ValidationFailed("The organisation belongs to another event.", field="organisation")
    participant = Participant(
        event=event,
        user=user,
        organisation=organisation,
        given_name=given_name,
        family_name=family_name,
        role=role,
        feed_token=secrets.token_urlsafe(32),
        **fields,
    )
    validated(participant, exclude=["event", "user", "organisation"])
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:
        raise Conflict(f"{user.email} is already registered at this event.", field="email") from error
    return participant


def participant_set_status(*, participant: Participant, status: str, by: User | None) -> Participant:
    """Approve or reject a registration."""
    if status not in Participant.Status.values:
        raise ValidationFailed(f"Unknown status {status!r}.", field="status")
    participant.status = status
    participant.save(update_fields=["status", "updated_at"])
    record_action(participant, "status", status=status, by=getattr(by, "email", None))
    return participant
