"""Writes about accounts, organisations, delegations and participants."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.edits import LANGUAGE_SEPARATOR, edit_base, merge_edits
from keruen.common.errors import (
    Conflict,
    PermissionDenied,
    ValidationFailed,
)
from keruen.common.i18n import CONTENT_TO_UI
from keruen.common.services import changed_values, validated
from keruen.events.models import Event
from keruen.matching.lang import detect_language
from keruen.people.models import Delegation, Invitation, Organisation, Participant, User


def user_create(
    *, email: str, password: str | None = None, full_name: str = "", language: str = "en"
) -> User:
    email = User.objects.normalize_email(email).strip().lower()
    taken = gettext("An account with the e-mail %(email)s already exists.") % {"email": email}
    if User.objects.filter(email=email).exists():
        raise Conflict(taken, field="email")
    user = User(email=email, full_name=full_name, language=language)
    user.set_password(password)
    validated(user, exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise Conflict(taken, field="email") from error
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
        raise Conflict(
            gettext("The organisation code “%(code)s” is taken in this event.") % {"code": code},
            field="code",
        ) from error
    return organisation


# Lists whose order means nothing: the same codes in another order are no change.
ORGANISATION_UNORDERED = ("sectors", "hs_codes")


# What the portal's organisation form edits.
ORGANISATION_EDIT_FIELDS = (
    "type",
    "country",
    "city",
    "website",
    "size",
    "sectors",
    "hs_codes",
    "name",
    "description",
)


def organisation_edit_base(organisation: Organisation) -> dict[str, str]:
    """The base an organisation form carries (see ``keruen.common.edits``)."""
    return edit_base(organisation, ORGANISATION_EDIT_FIELDS, unordered=ORGANISATION_UNORDERED)


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, base: Mapping[str, str] | None = None, **fields: Any
) -> Organisation:
    """Change the given fields of an organisation; it is re-read first, locked.

    Only the fields that differ are written: whatever else changed since the caller read the
    row (the organisers' delegation or exhibitor flag) is kept, not overwritten with the
    caller's copy. With the ``base`` the caller's form was made from (``edit_base``), only
    what its user edited is written, so a colleague's save meanwhile stands too; a value both
    edited is refused (``EditClash``).
    """
    organisation.refresh_from_db(
        from_queryset=Organisation.objects.select_for_update(of=("self",)).select_related("event")
    )
    edits = merge_edits(organisation, fields, base, unordered=ORGANISATION_UNORDERED)
    _refuse_a_nameless_merge(organisation, edits)
    changed = changed_values(organisation, edits, unordered=ORGANISATION_UNORDERED)
    if not changed:
        return organisation
    for name, value in changed.items():
        setattr(organisation, name, value)
    validated(organisation, exclude=["event"])
    # search_text is derived from the name, code and city (Organisation.save).
    organisation.save(update_fields=[*changed, "search_text", "updated_at"])
    return organisation


def _refuse_a_nameless_merge(organisation: Organisation, edits: dict[str, Any]) -> None:
    """Each form keeps a name, but two colleagues each emptying another language would
    merge into none: refuse, on the language the user emptied."""
    if "name" not in edits or any(edits["name"].values()):
        return
    emptied = [language for language, text in organisation.name.items() if text] or ["en"]
    raise ValidationFailed(
        gettext(
            "Give the name in at least one language: the other languages were emptied meanwhile."
        ),
        field=f"name{LANGUAGE_SEPARATOR}{emptied[0]}",
    )


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
        raise ValidationFailed(
            gettext("The organisation belongs to another event."), field="organisation"
        )
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
        raise Conflict(
            gettext("%(email)s is already registered at this event.") % {"email": user.email},
            field="email",
        ) from error
    return participant


@transaction.atomic
def participant_set_status(*, participant: Participant, status: str) -> Participant:
    """Approve or reject a pending registration.

    The row is locked and its status read afresh: of two organisers deciding at once, the
    second is told it is decided already instead of overwriting the first. Withdrawal and
    re-admission have their own services (they cancel meetings, check rules)."""
    decisions = (Participant.Status.APPROVED, Participant.Status.REJECTED)
    if status not in decisions:
        raise ValidationFailed(
            gettext("A registration can only be approved or rejected here."), field="status"
        )
    now = Participant.objects.select_for_update().filter(pk=participant.pk)
    current = now.values_list("status", flat=True).first()
    if current != Participant.Status.PENDING:
        raise Conflict(
            gettext("%(name)s's registration is no longer pending: it is %(status)s.")
            % {
                "name": participant.display_name,
                "status": Participant.Status(current).label if current else "—",
            }
        )
    participant.status = status
    # The audit log's field change says it all (who, from what, to what): no action entry
    # besides it, or the organisers' activity log lists every approval twice.
    participant.save(update_fields=["status", "updated_at"])
    return participant


# --- Delegate self-service: sign-up, invitations, profile, language (portal) ---------------


def _organisation_code(name: str) -> str:
    """A fresh code for a self-registered organisation: its slugified name plus a random tail."""
    from django.utils.text import slugify

    stem = slugify(name)[:60] or "org"
    return f"{stem}-{secrets.token_hex(3)}"


@transaction.atomic
def participant_sign_up(
    *,
    event: Event,
    user: User,
    organisation_name: str,
    country: str,
    given_name: str,
    family_name: str = "",
    role: str = Participant.Role.BUSINESS,
) -> Participant:
    """Open registration: a new organisation and a pending participant for ``user``.

    The organiser approves the registration in the console; until then the delegate sees
    only their status.
    """
    if not event.accepts_registrations:
        raise PermissionDenied(gettext("Registration for this event is closed."))
    if role == Participant.Role.ORGANISER:
        raise ValidationFailed(gettext("Choose a delegate role."), field="role")
    language = user.language.split("-")[0] if user.language else "en"
    name = organisation_name.strip()
    organisation = organisation_create(
        event=event,
        code=_organisation_code(organisation_name),
        # Kept under the language its script tells ("马建国农业" under Chinese), as an
        # agreement's title is; not under English whatever it is.
        name={CONTENT_TO_UI[detect_language(name)]: name},
        country=country,
        language=language if language in ("en", "zh", "ru", "kk") else "en",
        from_sign_up=True,
    )
    return participant_register(
        event=event,
        user=user,
        organisation=organisation,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        role=role,
        status=Participant.Status.PENDING,
    )


def invitation_create(
    *,
    event: Event,
    email: str,
    organisation: Organisation,
    role: str = Participant.Role.BUSINESS,
    by: User | None = None,
    valid_days: int = 14,
) -> Invitation:
    """Invite ``email`` to join ``organisation``; the token goes into the e-mailed link."""

    from django.utils import timezone

    if organisation.event_id != event.pk:
        raise ValidationFailed(
            gettext("The organisation belongs to another event."), field="organisation"
        )
    if role not in Participant.Role.values:
        raise ValidationFailed(gettext("Unknown role %(role)s.") % {"role": role}, field="role")
    invitation = Invitation(
        event=event,
        email=User.objects.normalize_email(email).strip().lower(),
        organisation=organisation,
        role=role,
        token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + dt.timedelta(days=valid_days),
        created_by=by,
    )
    validated(invitation, exclude=["event", "organisation", "created_by", "participant"])
    invitation.save()
    return invitation


def _invitee_password_set(*, user: User, password: str) -> None:
    """Give a password to an account that has none; refused once it has one."""
    # Locked and re-read: of two tabs accepting at once, only the first chooses the password.
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.has_usable_password():
        raise Conflict(
            gettext("This account has a password already: log in to accept the invitation."),
            field="password1",
        )
    user.set_password(password)
    user.save(update_fields=["password"])


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User,
    given_name: str,
    family_name: str = "",
    password: str | None = None,
) -> Participant:
    """Join the invitation's organisation as an approved participant.

    The row is locked and re-checked, so one invitation yields one registration even when
    the link is clicked twice at once. ``password`` is the first password of an account
    that has none (a participants import creates such accounts): the link was sent to the
    account's address, which proves the mailbox as well as a password-reset link would.
    """
    from django.utils import timezone

    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable():
        raise Conflict(gettext("This invitation has expired or was used already."), field="token")
    if user.email.lower() != locked.email.lower():
        raise PermissionDenied(gettext("This invitation was sent to another e-mail address."))
    if password is not None:
        _invitee_password_set(user=user, password=password)
    participant = participant_register(
        event=locked.event,
        user=user,
        organisation=locked.organisation,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        role=locked.role,
        status=Participant.Status.APPROVED,
    )
    locked.accepted_at = timezone.now()
    locked.participant = participant
    locked.save(update_fields=["accepted_at", "participant", "updated_at"])
    invitation.refresh_from_db()
    return participant


def user_set_language(*, user: User, language: str) -> User:
    """Save the interface language the user sees after logging in (and in e-mails)."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ValidationFailed(
            gettext("Unknown interface language %(language)s.") % {"language": language},
            field="language",
        )
    user.language = language
    user.save(update_fields=["language"])
    return user


def participant_choose_session(*, participant: Participant, session: Any, chosen: bool) -> None:
    """Add a programme session to the delegate's agenda, or take it out."""
    if session.event_id != participant.event_id:
        raise ValidationFailed(gettext("The session belongs to another event."), field="session")
    if chosen:
        participant.chosen_sessions.add(session)
    else:
        participant.chosen_sessions.remove(session)
    # The agenda is cached under a stamp of the delegate's row (see agenda_stamp).
    Participant.objects.filter(pk=participant.pk).update(updated_at=timezone.now())
