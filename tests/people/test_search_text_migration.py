"""The migration that adds the participants' search text fills it for those registered."""

from __future__ import annotations

import pytest

from tests.migrations import migrate_to, migrate_to_latest, old_event_and_organisation

BEFORE = [("people", "0010_announcement_claims")]
AFTER = [("people", "0011_participant_search_text")]


@pytest.mark.django_db(transaction=True)
def test_registered_participants_are_found_by_name_after_the_migration() -> None:
    old = migrate_to(BEFORE)
    try:
        event, organisation = old_event_and_organisation(old)
        user = old.get_model("people", "User").objects.create(email="a@example.org", password="!")
        old.get_model("people", "Participant").objects.create(
            event=event,
            user=user,
            organisation=organisation,
            given_name="Әсем",
            family_name="ҚАЙРАТҚЫЗЫ",
            name_latin="Asem Kairatkyzy",
        )
        new = migrate_to(AFTER)
        texts = new.get_model("people", "Participant").objects.values_list("search_text", flat=True)
        assert list(texts) == ["асем кайраткызы asem kairatkyzy асем кайраткызы"]
        # The same text as the model's own save gives.
        from keruen.people.models import Participant, participant_search_text

        same = Participant(
            given_name="Әсем", family_name="ҚАЙРАТҚЫЗЫ", name_latin="Asem Kairatkyzy"
        )
        assert list(texts) == [participant_search_text(same)]
    finally:
        migrate_to_latest()
