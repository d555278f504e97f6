"""Keeping a delegate met at the expo among one's contacts, with a note."""

from __future__ import annotations

import pytest

from keruen.common.errors import ValidationFailed
from keruen.people.leads import NOTE_MAX, lead_save


def test_an_empty_note_clears_the_saved_one_and_no_note_keeps_it(two_delegates) -> None:
    owner, person = two_delegates
    lead, _ = lead_save(owner=owner, person=person, note="Send the brochure")
    lead_save(owner=owner, person=person)  # kept again without the form: the note stays
    lead.refresh_from_db()
    assert lead.note == "Send the brochure"
    lead_save(owner=owner, person=person, note="  ")
    lead.refresh_from_db()
    assert lead.note == ""


def test_a_line_break_counts_as_one_character_as_in_the_form(two_delegates) -> None:
    owner, person = two_delegates
    # 999 characters in the browser's count, 1,008 as posted (\r\n for each line break).
    typed = "\r\n".join(["x" * 99] * 10)
    assert len(typed) > NOTE_MAX
    assert len(typed.replace("\r\n", "\n")) == 999
    lead, _ = lead_save(owner=owner, person=person, note=typed)
    assert lead.note == typed.replace("\r\n", "\n")
    with pytest.raises(ValidationFailed):
        lead_save(owner=owner, person=person, note="x" * (NOTE_MAX + 1))


def test_control_characters_are_dropped_but_lines_and_tabs_kept(two_delegates) -> None:
    owner, person = two_delegates
    lead, _ = lead_save(owner=owner, person=person, note="ok\x00then\x1b\x7f\r\n\tsend\rit")
    assert lead.note == "okthen\n\tsend\nit"
