"""Name badges: what is printed on a delegate's badge, in one chosen language.

The name stays in the delegate's own script, with the Latin spelling under it when they gave
one: a Chinese host reads 王伟 and a Kazakh guest reads Wang Wei. Everything else (role,
organisation, country, delegation, job title) is in the badge language. The QR code holds the
badge's scan address (the check-in page for organisers, "keep as a contact" for delegates);
the code under it can be typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import segno
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from keruen import reference
from keruen.common.i18n import localize
from keruen.events.models import Event
from keruen.formats.days import date_span
from keruen.people.badge_codes import badge_code_display
from keruen.people.models import Participant

# The colour band tells the desk and the hall staff who someone is from across a room.
ROLE_BANDS = {
    Participant.Role.GOVERNMENT: "government",
    Participant.Role.BUSINESS: "business",
    Participant.Role.EXPERT: "expert",
    Participant.Role.EXHIBITOR: "exhibitor",
    Participant.Role.VISITOR: "visitor",
    Participant.Role.MEDIA: "media",
    Participant.Role.ORGANISER: "organiser",
}


@dataclass(frozen=True)
class Badge:
    participant_id: int
    name: str
    name_latin: str  # empty when it would repeat the name
    title: str
    organisation: str
    country: str
    delegation: str
    role: str
    booth: str  # an exhibitor's, where visitors find them; empty for the others
    band: str
    code: str  # as printed: K7Q2-M9XD
    qr_svg: SafeString


def qr_svg(data: str, *, label: str) -> SafeString:
    """An inline SVG QR code (error correction M, sized by CSS through its viewBox)."""
    code = segno.make_qr(data, error="m")
    # Safe: segno writes only numbers and the title, which is our own badge code.
    return mark_safe(code.svg_inline(omitsize=True, border=2, svgclass="qr", title=label))


def _country(code: str, language: str) -> str:
    try:
        return reference.country_name(code, language)
    except KeyError:
        return code


def badge_of(participant: Participant, *, language: str, scan_url: str) -> Badge:
    """The badge of one participant (organisation and delegation selected with it)."""
    name = participant.display_name
    latin = participant.name_latin.strip()
    organisation = participant.organisation
    with translation.override(language):
        role = str(participant.get_role_display())
    code = badge_code_display(participant.badge_code)
    return Badge(
        participant_id=participant.pk,
        name=name,
        name_latin="" if latin.casefold() == name.casefold() else latin,
        title=localize(participant.title, language),
        organisation=localize(organisation.name, language),
        country=_country(organisation.country, language),
        delegation=localize(participant.delegation.name, language)
        if participant.delegation
        else "",
        role=role,
        booth=participant.booth.code if participant.booth is not None else "",
        band=ROLE_BANDS.get(Participant.Role(participant.role), "visitor"),
        code=code,
        qr_svg=qr_svg(scan_url, label=code),
    )


def badge_event_line(event: Event, *, language: str) -> str:
    """The dates and the city under the event's name: "24–28 June 2027 · Ürümqi"."""
    with translation.override(language):
        when = date_span(event.start_date, event.end_date)
    city = localize(event.venue.city, language) if event.venue else ""
    return f"{when} · {city}" if city else when


def badges_of(
    participants: Iterable[Participant], *, language: str, scan_url: Callable[[str], str]
) -> list[Badge]:
    """Badges in the given order; ``scan_url(badge_code)`` builds each QR's URL."""
    return [
        badge_of(person, language=language, scan_url=scan_url(person.badge_code))
        for person in participants
    ]
