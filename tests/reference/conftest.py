"""Shared helpers for the reference-data tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from keruen import reference as ref


def all_labelled() -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every labelled entry of the taxonomy data, as ``(where, labels)``."""
    for s in ref.isic_sections():
        yield f"ISIC {s.code}", s.labels
    for d in ref.isic_divisions():
        yield f"ISIC {d.code}", d.labels
    for c in ref.hs_chapters(include_reserved=True):
        yield f"HS {c.code}", c.labels
    for h in ref.hs_headings():
        yield f"HS {h.code}", h.labels
    for sec in ref.sectors():
        yield f"sector {sec.key}", sec.labels
