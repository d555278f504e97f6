"""The language menu names each language in its own words."""

from __future__ import annotations

import re

from django.test import Client

from tests.factories import EventFactory


def test_the_menu_names_each_language_as_its_speakers_do(db) -> None:
    event = EventFactory()
    page = Client().get(f"/{event.slug}/").content.decode()
    menu = page.split('class="langform"')[1].split("</form>")[0]
    names = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', menu)
    # "Қазақ" (Django's) is a Kazakh person; the language is "Қазақша".
    assert names == ["English", "简体中文", "Русский", "Қазақша"]
