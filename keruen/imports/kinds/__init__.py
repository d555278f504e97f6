"""The importers, one per kind of file."""

from __future__ import annotations

from keruen.imports.kinds.base import Importer
from keruen.imports.kinds.opportunities import OpportunityImporter
from keruen.imports.kinds.organisations import OrganisationImporter
from keruen.imports.kinds.participants import ParticipantImporter

IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer
    for importer in (OrganisationImporter, ParticipantImporter, OpportunityImporter)
}
