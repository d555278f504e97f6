"""Content for the demo expo: names, texts and numbers in English, Chinese, Russian and Kazakh.

Pure Python (no Django). Every generator takes a :class:`random.Random` and is deterministic
for a given seed and call sequence; the lead engineer's code turns the results into rows.

Language keys: organisation names and descriptions, job titles, programme, agreements and the
event use UI language keys ``en``, ``zh-hans``, ``ru``, ``kk``; opportunities (user content)
use content codes ``en``, ``zh``, ``ru``, ``kk`` (see :func:`to_ui_language`).

Public API:

- :data:`SECTORS`, :data:`COUNTRY_PROFILES`, :data:`HS_HEADINGS_USED`
- :func:`organisation` → :class:`OrganisationText`
- :func:`person` → :class:`PersonText`
- :func:`opportunity` → :class:`OpportunityText`
- :func:`programme` → list of :class:`SessionText`
- :func:`agreement` → :class:`AgreementText`
- :func:`event_text` → :class:`EventText`
"""

from __future__ import annotations

from ._labels import (
    CONTENT_LANGUAGES,
    SECTOR_LABELS,
    UI_LANGUAGES,
    sector_label,
    to_content_language,
    to_ui_language,
)
from .agreements import AGREEMENT_KINDS, AgreementText, agreement
from .catalogue import SECTORS, all_families, families_by_sector, hs_headings_used
from .countries import COUNTRY_PROFILES, CountryProfile
from .opportunities import DIRECTIONS, KINDS, OpportunityText, opportunity
from .organisations import ORG_TYPES, SIZES, OrganisationText, organisation
from .people import ROLES, ROLES_BY_ORG_TYPE, PersonText, person
from .places import PLACES, Place
from .programme import ROOMS, EventText, Hall, SessionText, event_text, programme

#: every 4-digit HS 2022 heading that appears in the catalogue, sorted
HS_HEADINGS_USED: tuple[str, ...] = hs_headings_used()

__all__ = [
    "AGREEMENT_KINDS",
    "CONTENT_LANGUAGES",
    "COUNTRY_PROFILES",
    "DIRECTIONS",
    "HS_HEADINGS_USED",
    "KINDS",
    "ORG_TYPES",
    "PLACES",
    "ROLES",
    "ROLES_BY_ORG_TYPE",
    "ROOMS",
    "SECTORS",
    "SECTOR_LABELS",
    "SIZES",
    "UI_LANGUAGES",
    "AgreementText",
    "CountryProfile",
    "EventText",
    "Hall",
    "OpportunityText",
    "OrganisationText",
    "PersonText",
    "Place",
    "SessionText",
    "agreement",
    "all_families",
    "event_text",
    "families_by_sector",
    "opportunity",
    "organisation",
    "person",
    "programme",
    "sector_label",
    "to_content_language",
    "to_ui_language",
]
