"""Writes about offers and requests: create, submit for review, publish or reject."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from keruen.common.edits import edit_base, edit_clash, merge_edits
from keruen.common.errors import ProblemList, ValidationFailed
from keruen.common.services import changed_values, validated
from keruen.events.models import Event
from keruen.marketplace.models import (
    BODY_MAX_LENGTH,
    CONTENT_LANGUAGES,
    TITLE_MAX_LENGTH,
    Opportunity,
)
from keruen.people.models import Organisation, Participant

# Allowed status changes: who reviews is checked by the caller (organiser permission).
TRANSITIONS = {
    Opportunity.Status.DRAFT: {Opportunity.Status.PENDING},
    Opportunity.Status.PENDING: {Opportunity.Status.PUBLISHED, Opportunity.Status.REJECTED},
    Opportunity.Status.REJECTED: {Opportunity.Status.PENDING},
    Opportunity.Status.PUBLISHED: {Opportunity.Status.PENDING, Opportunity.Status.REJECTED},
}


def _check_translations(opportunity: Opportunity) -> None:
    """Translations are into the other content languages, each with a title and a body.

    A translation into the language the text is written in would never be shown (and an
    empty half would be shown as nothing): refuse it rather than drop it.
    """
    translations = opportunity.translations
    if not isinstance(translations, dict):
        raise ValidationFailed(
            gettext("Translations must map a language to a title and a body."),
            field="translations",
        )
    languages = {code for code, _name in CONTENT_LANGUAGES}
    for code, text in translations.items():
        if code == opportunity.language:
            raise ValidationFailed(
                gettext(
                    "The text is written in this language already: a translation must be "
                    "into another one."
                ),
                field="translations",
            )
        if (
            code not in languages
            or not isinstance(text, dict)
            or set(text) != {"title", "body"}
            or not all(isinstance(part, str) and part.strip() for part in text.values())
        ):
            raise ValidationFailed(
                gettext("Translations must map a language to a title and a body."),
                field="translations",
            )
        _check_translation_lengths(text)


def _check_translation_lengths(text: dict[str, str]) -> None:
    """As long as the original may be: the title's and the body's limits."""
    limits = {
        "title": (gettext("title"), TITLE_MAX_LENGTH),
        "body": (gettext("text"), BODY_MAX_LENGTH),
    }
    for part, (name, limit) in limits.items():
        if len(text[part]) > limit:
            raise ValidationFailed(
                gettext("A translation's %(part)s is longer than %(limit)s characters.")
                % {"part": name, "limit": limit},
                field="translations",
            )


def opportunity_create(
    *,
    organisation: Organisation,
    direction: str,
    kind: str,
    language: str,
    title: str,
    body: str,
    author: Participant | None = None,
    **fields: Any,
) -> Opportunity:
    if author is not None and author.organisation_id != organisation.pk:
        raise ValidationFailed(
            gettext("The author does not belong to this organisation."), field="author"
        )
    opportunity = Opportunity(
        event_id=organisation.event_id,
        organisation=organisation,
        author=author,
        direction=direction,
        kind=kind,
        language=language,
        title=title.strip(),
        body=body.strip(),
        **fields,
    )
    validated(opportunity, exclude=["event", "organisation", "author"])
    _check_translations(opportunity)
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_set_status(
    *,
    opportunity: Opportunity,
    status: str,
    note: str = "",
    expected: str | None = None,
    seen_at: dt.datetime | None = None,
) -> Opportunity:
    """Move an opportunity along draft → pending → published / rejected.

    The row's status is re-read and locked first: what is checked is what it holds now, not
    what the caller read. With ``expected`` (a review expects "pending"), any other status
    refuses the change, even one it allows: of two organisers deciding at once, the second
    is told the first one's decision instead of overturning it unseen. With ``seen_at`` (when
    the reviewer's page read it), a row saved since is refused too: an author who edited
    and sent it again is pending again, with a text the reviewer has not read."""
    row = (
        Opportunity.objects.select_for_update(of=("self",))
        .filter(pk=opportunity.pk)
        .values_list("status", "updated_at")
        .first()
    )
    if row is None:
        raise ValidationFailed(
            gettext("This offer or request no longer exists."), field="opportunity"
        )
    current, updated_at = row
    opportunity.status = current
    if seen_at is not None and updated_at > seen_at and current == expected:
        raise ValidationFailed(
            gettext("Edited by its author meanwhile: read it again before deciding."),
            field="status",
        )
    if expected is not None and current != expected:
        raise ValidationFailed(
            gettext("Decided or edited meanwhile: this offer or request is now “%(current)s”.")
            % {"current": opportunity.get_status_display()},
            field="status",
        )
    allowed = TRANSITIONS.get(Opportunity.Status(opportunity.status), set())
    if status not in allowed:
        labels = dict(Opportunity.Status.choices)
        words = {"current": opportunity.get_status_display(), "new": labels.get(status, status)}
        message = (
            gettext("This offer or request is already “%(current)s”.")
            if status == opportunity.status
            else gettext("An offer or request cannot go from “%(current)s” to “%(new)s”.")
        )
        raise ValidationFailed(message % words, field="status")
    opportunity.status = status
    opportunity.review_note = note
    opportunity.save(update_fields=["status", "review_note", "updated_at"])
    return opportunity


@transaction.atomic
def opportunities_publish(
    *, event: Event, opportunities: Iterable[Opportunity]
) -> list[Opportunity]:
    """Publish several pending offers and requests of ``event`` at once: all of them or none.

    The rows are re-read and locked first, so what is checked is what they hold now, not
    what the organiser's page showed; each then goes through ``opportunity_set_status`` as a
    single review does (same checks, same audit entries, no note). One that cannot be
    published (reviewed by someone else meanwhile, edited back to draft by its author, no
    longer of this event) refuses the whole batch: the error names each such one and why.
    """
    chosen = {opportunity.pk: opportunity for opportunity in opportunities}
    locked = {
        opportunity.pk: opportunity
        for opportunity in Opportunity.objects.select_for_update(of=("self",))
        .filter(event=event, pk__in=chosen)
        .order_by("pk")  # one lock order for every batch: two at once queue, never deadlock
    }
    problems = ProblemList()
    for pk, asked in sorted(chosen.items()):
        opportunity = locked.get(pk)
        if opportunity is None:
            problems.add(
                gettext("“%(title)s” is no longer among this event's offers and requests.")
                % {"title": asked.title},
                field="opportunities",
            )
            continue
        try:
            opportunity_set_status(opportunity=opportunity, status=Opportunity.Status.PUBLISHED)
        except ValidationFailed as refused:
            problems.add(
                gettext("“%(title)s”: %(reason)s")
                % {"title": opportunity.title, "reason": refused.message},
                field="opportunities",
            )
    # Raised inside the transaction: the ones published before the refused one roll back.
    problems.raise_if_any(gettext("Nothing was published."))
    return [locked[pk] for pk in sorted(chosen)]


# Fields a delegate may edit on their organisation's offer or request.
OPPORTUNITY_EDITABLE_FIELDS = frozenset(
    {
        "direction",
        "kind",
        "language",
        "title",
        "body",
        "translations",
        "sectors",
        "hs_codes",
        "target_countries",
    }
)


# Lists whose order means nothing: the same codes in another order are no change.
OPPORTUNITY_UNORDERED = ("sectors", "hs_codes", "target_countries")


def opportunity_edit_base(opportunity: Opportunity) -> dict[str, str]:
    """The base an offer's form carries (see ``keruen.common.edits``)."""
    return edit_base(
        opportunity, sorted(OPPORTUNITY_EDITABLE_FIELDS), unordered=OPPORTUNITY_UNORDERED
    )


@transaction.atomic
def opportunity_update(
    *, opportunity: Opportunity, base: Mapping[str, str] | None = None, **fields: Any
) -> Opportunity:
    """Edit an offer or request; a reviewed one that changes goes back to draft for review.

    The row is re-read and locked first, and only the fields that differ are written, so a
    review decided meanwhile is not undone. A save that changes nothing leaves the offer as
    it is: a published one stays on the public list. With the form's ``base`` only what its
    user edited is written, so a colleague's edit meanwhile stands (``merge_edits``).
    """
    unknown = set(fields) - OPPORTUNITY_EDITABLE_FIELDS
    if unknown:
        raise ValidationFailed(f"Cannot edit {', '.join(sorted(unknown))}.", field=min(unknown))
    opportunity.refresh_from_db(
        from_queryset=Opportunity.objects.select_for_update(of=("self",)).select_related(
            "event", "organisation"
        )
    )
    # Spaces around a text are never meant.
    wanted = {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}
    edits = merge_edits(opportunity, wanted, base, unordered=OPPORTUNITY_UNORDERED)
    changed = changed_values(opportunity, edits, unordered=OPPORTUNITY_UNORDERED)
    if not changed:
        return opportunity
    if base is not None:
        _refuse_a_merge_that_breaks_translations(opportunity, wanted, base, changed)
    for name, value in changed.items():
        setattr(opportunity, name, value)
    # What the organisers approved is no longer what is shown: review it again.
    opportunity.status = Opportunity.Status.DRAFT
    validated(opportunity, exclude=["event", "organisation", "author"])
    _check_translations(opportunity)
    opportunity.save(update_fields=[*changed, "status", "updated_at"])
    return opportunity


def _refuse_a_merge_that_breaks_translations(
    opportunity: Opportunity, wanted: dict[str, Any], base: Mapping[str, str], changed: dict
) -> None:
    """Two valid forms can merge into translations that break the rules: a colleague's
    translation into the language this user switched the text to, or half of a translation
    the colleague removed while this user edited the other half. Said as a clash on that
    translation, so that saving again keeps this user's version of it."""
    merged = copy.copy(opportunity)
    for name, value in changed.items():
        setattr(merged, name, value)
    try:
        _check_translations(merged)
    except ValidationFailed:
        posted = wanted.get("translations") or {}
        theirs = [
            code for code, text in (merged.translations or {}).items() if text != posted.get(code)
        ]
        if not theirs:
            raise  # the user's own translations break the rule: the form says which
        keys = [f"translations.{code}.{part}" for code in theirs for part in ("title", "body")]
        raise edit_clash(opportunity, wanted, base, keys, unordered=OPPORTUNITY_UNORDERED) from None


def opportunity_submit(*, opportunity: Opportunity) -> Opportunity:
    """Send a draft (or a rejected one, after edits) to the organisers for review."""
    return opportunity_set_status(opportunity=opportunity, status=Opportunity.Status.PENDING)
