"""The caller's own registration at an event: read it and edit the profile."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from keruen.api.auth import acting_as, approved_delegate, registered_participant, token_auth
from keruen.api.renderers import me_out
from keruen.api.routes import with_errors
from keruen.api.schemas import MeOut, MeUpdateIn
from keruen.common.errors import ValidationFailed
from keruen.people.profiles import participant_update_profile

router = Router(tags=["participants"], auth=token_auth)


@router.get("/events/{slug}/me", response=with_errors({200: MeOut}, 401, 403, 404))
def me_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Your registration and profile at the event, contact details included."""
    return me_out(registered_participant(request, slug))


@router.patch("/events/{slug}/me", response=with_errors({200: MeOut}, 401, 403, 404, 422))
def me_update(request: HttpRequest, slug: str, payload: MeUpdateIn) -> dict[str, Any]:
    """Change the profile fields you send; nothing is saved if any of them is wrong. Only an
    approved registration has a profile to edit, as on the portal."""
    me = approved_delegate(request, slug)
    changes = _nulls_resolved(payload.dict(exclude_unset=True))
    with acting_as(request):
        me = participant_update_profile(participant=me, **changes)
    return me_out(me)


# ``null`` clears these texts (they are stored as ""); the two dates may be empty. Any other
# field sent as ``null`` is refused, naming it, rather than reaching the database.
CLEARABLE_TEXTS = frozenset({"family_name", "name_latin", "contact_email", "phone", "messenger"})
NULLABLE = frozenset({"arrives_at", "departs_at"})


def _nulls_resolved(changes: dict[str, Any]) -> dict[str, Any]:
    for name, value in changes.items():
        if value is not None or name in NULLABLE:
            continue
        if name not in CLEARABLE_TEXTS:
            raise ValidationFailed(_("This field cannot be empty."), field=name)
        changes[name] = ""
    return changes
