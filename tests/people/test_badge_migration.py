"""The migration that adds badge codes gives every existing participant a code of its own."""

from __future__ import annotations

import pytest

from tests.migrations import migrate_to, migrate_to_latest, old_event_and_organisation

BEFORE = [("people", "0005_field_labels")]
AFTER = [("people", "0006_badges")]


@pytest.mark.django_db(transaction=True)
def test_existing_participants_get_distinct_codes() -> None:
    old = migrate_to(BEFORE)
    try:
        event, organisation = old_event_and_organisation(old)
        User = old.get_model("people", "User")
        Participant = old.get_model("people", "Participant")
        for n in range(25):
            user = User.objects.create(email=f"p{n}@example.org", password="!")
            Participant.objects.create(
                event=event, user=user, organisation=organisation, given_name=f"P{n}"
            )
        new = migrate_to(AFTER)
        codes = list(
            new.get_model("people", "Participant").objects.values_list("badge_code", flat=True)
        )
        assert len(codes) == 25
        assert len(set(codes)) == 25
        assert all(len(code) == 8 for code in codes)
    finally:
        migrate_to_latest()
