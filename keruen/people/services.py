"""Writes about accounts, organisations, delegations and participants."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.edits import edit_base, merge_edits
from keruen.common.errors import (
    Conflict,
    PermissionDenied,
    Problem,
    ProblemList,
    ValidationFailed,
)
from keruen.common.services import changed_values, validated
from keruen.events.models import Event
from keruen.people.models import Delegation, Invitation, Organisation, Participant, User
from keruen.people.validators import validate_phone


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
    changed = changed_values(organisation, edits, unordered=ORGANISATION_UNORDERED)
    if not changed:
        return organisation
    for name, value in changed.items():
        setattr(organisation, name, value)
    validated(organisation, exclude=["event"])
    # search_text is derived from the name, code and city (Organisation.save).
    organisation.save(update_fields=[*changed, "search_text", "updated_at"])
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
    organisation = organisation_create(
        event=event,
        code=_organisation_code(organisation_name),
        name={"en": organisation_name.strip()},
        country=country,
        language=language if language in ("en", "zh", "ru", "kk") else "en",
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
    import datetime as dt

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


PARTICIPANT_PROFILE_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "name_latin",
        "title",
        "languages",
        "public_listing",
        "contact_email",
        "phone",
        "messenger",
        "arrives_at",
        "departs_at",
        "target_countries",
    }
)


# Delegates may come a week early (visits, visas) and stay a week after the event; an arrival
# or departure outside that window is a typing mistake (1999, 2040).
STAY_MARGIN = dt.timedelta(days=7)


def participant_stay_window(
    *, event: Event
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """The days (on the event's clock) a delegate may arrive on, and those they may leave on.

    Arrival: from a week before the first day to the last day; departure: from the first
    day to a week after the last day.
    """
    return (
        (event.start_date - STAY_MARGIN, event.end_date),
        (event.start_date, event.end_date + STAY_MARGIN),
    )


def _local_day(moment: dt.datetime, event: Event) -> dt.date:
    """The day of ``moment`` on the event's clock; a moment so far off that it has none there
    (year 1 east of UTC, year 9999 west of it) is taken as the earliest day, outside any stay."""
    try:
        return moment.astimezone(event.tz).date()
    except OverflowError:
        return dt.date.min


def participant_stay_problems(
    *, event: Event, arrives_at: dt.datetime | None, departs_at: dt.datetime | None
) -> list[Problem]:
    """What is wrong with an arrival and a departure (``None``: not given, not checked)."""
    arrival_days, departure_days = participant_stay_window(event=event)
    stay = (
        (
            "arrives_at",
            arrives_at,
            arrival_days,
            gettext("Arrival must be between %(first)s and %(last)s."),
        ),
        (
            "departs_at",
            departs_at,
            departure_days,
            gettext("Departure must be between %(first)s and %(last)s."),
        ),
    )
    problems = [
        Problem(message % {"first": _day(first), "last": _day(last)}, field=name)
        for name, value, (first, last), message in stay
        if value is not None and not first <= _local_day(value, event) <= last
    ]
    if arrives_at and departs_at and departs_at <= arrives_at and not problems:
        problems.append(Problem(gettext("Departure must be after arrival."), field="departs_at"))
    return problems


def _check_profile(participant: Participant, *, changed: set[str]) -> None:
    """The rules of a profile beyond each field's type: a dialable phone, a sensible stay.

    Only the fields being changed are checked against the window (an old value does not
    block another edit); departure after arrival always holds (a database constraint).
    """
    problems = ProblemList()
    if "phone" in changed and participant.phone:
        try:
            validate_phone(participant.phone)
        except DjangoValidationError as error:
            problems.add(error.messages[0], field="phone")
    arrives, departs = participant.arrives_at, participant.departs_at
    problems.problems += participant_stay_problems(
        event=participant.event,
        arrives_at=arrives if "arrives_at" in changed else None,
        departs_at=departs if "departs_at" in changed else None,
    )
    if arrives and departs and departs <= arrives and not problems:
        problems.problems.append(_stay_order_problem(participant, changed))
    problems.raise_if_any("; ".join(str(problem) for problem in problems.problems))


def _stay_order_problem(participant: Participant, changed: set[str]) -> Problem:
    """Departure before arrival, said on the field the delegate changed: moving only the
    arrival past the stored departure is an arrival problem, not a departure one."""
    if "arrives_at" in changed and "departs_at" not in changed:
        assert participant.departs_at is not None  # compared above
        departure = date_format(
            timezone.localtime(participant.departs_at, participant.event.tz),
            "SHORT_DATETIME_FORMAT",
        )
        message = gettext("Arrival must be before your departure (%(departure)s).")
        return Problem(message % {"departure": departure}, field="arrives_at")
    return Problem(gettext("Departure must be after arrival."), field="departs_at")


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


# Lists whose order means nothing: a multiple select posts them in its own order.
PARTICIPANT_UNORDERED = ("languages", "target_countries")


def participant_edit_base(participant: Participant) -> dict[str, str]:
    """The base a profile form carries (see ``keruen.common.edits``)."""
    return edit_base(
        participant, sorted(PARTICIPANT_PROFILE_FIELDS), unordered=PARTICIPANT_UNORDERED
    )


@transaction.atomic
def participant_update_profile(
    *,
    participant: Participant,
    unavailable_slot_ids: list[int] | None = None,
    base: Mapping[str, str] | None = None,
    **fields: Any,
) -> Participant:
    """Edit the delegate's own profile and availability; all checked before anything is saved.

    The row is re-read and locked first, and only the fields that differ are written: a
    withdrawal, a check-in or a delegation the organisers recorded meanwhile stays as they
    left it. With the form's ``base`` only what its user edited is written (``merge_edits``).
    A registration that is no longer approved has no profile to edit (Conflict).
    """
    unknown = set(fields) - PARTICIPANT_PROFILE_FIELDS
    if unknown:
        raise ValidationFailed(f"Cannot edit {', '.join(sorted(unknown))}.", field=min(unknown))
    _lock_approved(participant)
    wanted = _profile_values(participant.event, fields)
    edits = merge_edits(participant, wanted, base, unordered=PARTICIPANT_UNORDERED)
    changed = changed_values(participant, edits, unordered=PARTICIPANT_UNORDERED)
    for name, value in changed.items():
        setattr(participant, name, value)
    _check_profile(participant, changed=set(changed))
    validated(participant, exclude=["event", "user", "organisation", "delegation", "booth"])
    slots = _event_slots(participant, unavailable_slot_ids)
    before = list(participant.unavailable_slots.all()) if slots is not None else []
    slots_changed = slots is not None and set(slots) != set(before)
    if changed or slots_changed:
        participant.save(update_fields=[*changed, "updated_at"])
    if slots is not None and slots_changed:
        participant.unavailable_slots.set(slots)
        # A many-to-many change sends no save signal: the log learns of it here.
        record_action(
            participant,
            "unavailable_slots",
            before=_slots_text(participant.event, before),
            after=_slots_text(participant.event, slots),
        )
    return participant


def _lock_approved(participant: Participant) -> None:
    """Re-read the delegate's row, locked until the edit is saved; refuse a closed one."""
    participant.refresh_from_db(
        from_queryset=Participant.objects.select_for_update(of=("self",)).select_related(
            "event", "organisation"
        )
    )
    if participant.status != Participant.Status.APPROVED:
        raise Conflict(
            gettext("Your registration is “%(status)s” now: the profile can no longer be changed.")
            % {"status": participant.get_status_display()}
        )


def _profile_values(event: Event, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as stored: texts without spaces around, times on the event's clock."""
    values = {}
    for name, value in fields.items():
        if isinstance(value, dt.datetime) and timezone.is_naive(value):
            value = timezone.make_aware(value, event.tz)
        # Spaces around a text are never meant; a name of spaces only is no name.
        values[name] = value.strip() if isinstance(value, str) else value
    return values


def _event_slots(participant: Participant, slot_ids: list[int] | None) -> list[Any] | None:
    """The slots of ``slot_ids``, all of the participant's event (or None: not edited)."""
    if slot_ids is None:
        return None
    from keruen.events.models import Slot

    wanted = set(slot_ids)
    slots = list(Slot.objects.filter(event_id=participant.event_id, pk__in=wanted))
    if len(slots) != len(wanted):
        raise ValidationFailed(gettext("Choose slots of this event."), field="unavailable_slots")
    return slots


def _slots_text(event: Event, slots: list[Any]) -> str:
    """Slots as the organisers read them in the log: starts on the event's clock."""
    starts = sorted(slot.start.astimezone(event.tz) for slot in slots)
    return ", ".join(f"{start:%Y-%m-%d %H:%M}" for start in starts)


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
