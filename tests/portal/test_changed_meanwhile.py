"""After an edit clash the portal's form shows what a colleague changed meanwhile, and says
beside each such field that it was changed, in words a screen reader reads with the field
(as the console's set-up forms do, tests/console/test_setup_concurrent_edits.py)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.factories import (
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
)
from tests.portal.conftest import client_for
from tests.portal.test_profile_resubmit import form_data, form_of, saved, submit

NOTE = "Someone else changed this meanwhile; the form shows it as it is now."


class Marks(HTMLParser):
    """The notes a page prints (by the id they carry, with their text), and what describes
    each element ({id or name: its aria-describedby ids})."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.notes: dict[str, str] = {}
        self.described: dict[str, list[str]] = {}
        self._note: str | None = None
        self._fieldset: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if "changed" in a.get("class", "").split():
            self._note = a.get("id", "")
            self.notes[self._note] = ""
        describedby = a.get("aria-describedby", "").split()
        if tag == "fieldset":
            self._fieldset = "fieldset"
            self.described["fieldset"] = describedby
        elif tag == "legend" and self._fieldset:
            self._fieldset = "legend"
        elif a.get("name"):
            self.described.setdefault(a["name"], describedby)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "small"):
            self._note = None

    def handle_data(self, data: str) -> None:
        if self._note is not None:
            self.notes[self._note] += data
        if self._fieldset == "legend":  # the group by its legend: what a reader hears
            self.described[data.strip()] = self.described.pop("fieldset")
            self._fieldset = None


def marks(response) -> Marks:
    assert response.status_code == 200
    reader = Marks()
    reader.feed(response.content.decode())
    return reader


def assert_marked(response, *fields: str) -> None:
    """Exactly ``fields`` carry the note, and each input is described by its own note."""
    page = marks(response)
    assert page.notes == {f"id_{field}_changed": NOTE for field in fields}
    for field in fields:
        assert f"id_{field}_changed" in page.described[field], (field, page.described)


@pytest.fixture
def coming(db):
    return EventFactory(coming=True)


@pytest.fixture
def colleagues(coming):
    organisation = OrganisationFactory(
        event=coming, city="Astana", name={"en": "KazGrain"}, sectors=["01"]
    )
    aigerim, wang = (ParticipantFactory(event=coming, organisation=organisation) for _ in "ab")
    return organisation, client_for(aigerim), client_for(wang)


def test_the_organisation_form_marks_what_a_colleague_changed(coming, colleagues) -> None:
    _organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    assert not marks(aigerim.get(url)).notes  # nothing is marked on a form just opened
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(
        submit(aigerim, url, hers, city="Almaty", sectors=["01", "10"], description_kk="Астық.")
    )
    clash = submit(wang, url, his, city="Shymkent", website="https://kazgrain.example.com")
    assert list(clash.context["form"].errors) == ["city"]  # the clash itself: an error
    assert_marked(clash, "description_kk", "sectors")
    # Saving it again as shown keeps her changes and his own, and marks nothing any more.
    again = form_of(clash)
    assert (again["sectors"], again["description_kk"]) == (["01", "10"], ["Астық."])
    assert saved(submit(wang, url, again))
    assert not marks(wang.get(url)).notes


def test_the_offer_form_marks_a_translation_a_colleague_wrote(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    offer = OpportunityFactory(organisation=organisation, title="Silos")
    url = f"/{coming.slug}/me/offers/{offer.pk}/edit/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, title="Grain silos", title_ru="Силосы", body_ru="Б."))
    clash = submit(wang, url, his, title="Steel silos")
    assert list(clash.context["form"].errors) == ["title"]
    assert_marked(clash, "body_ru", "title_ru")


def test_a_group_of_tick_boxes_changed_meanwhile_is_described_by_the_note(coming) -> None:
    """The slots a delegate cannot attend are a group of tick boxes: the note describes the
    group (its fieldset), since no single box was changed."""
    delegate = ParticipantFactory(event=coming, phone="+7 701 555 0101")
    slot = SlotFactory(event=coming, number=1)
    url = f"/{coming.slug}/me/profile/"
    old_tab, new_tab = client_for(delegate), client_for(delegate)
    stale, fresh = form_data(old_tab, url), form_data(new_tab, url)
    new = {"unavailable_slots": [str(slot.pk)], "phone": "+7 701 555 0102"}
    assert saved(submit(new_tab, url, fresh, **new))
    refused = submit(old_tab, url, stale, phone="+7 701 555 0199")
    assert list(refused.context["form"].errors) == ["phone"]
    page = marks(refused)
    assert page.notes == {"id_unavailable_slots_changed": NOTE}
    label = str(refused.context["form"].fields["unavailable_slots"].label)
    assert page.described[label] == ["id_unavailable_slots_changed"]
    assert form_of(refused)["unavailable_slots"] == [str(slot.pk)]
