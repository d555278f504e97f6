"""An organisation's country after its name, without a second pair of brackets."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from tests.factories import OrganisationFactory


def _render(organisation) -> str:
    template = Template("{% load keruen %}{{ o.name|tr }}{{ o|country_after_name }}")
    return template.render(Context({"o": organisation}))


def test_the_country_goes_in_brackets_unless_the_name_ends_in_its_own(event) -> None:
    plain = OrganisationFactory(event=event, name={"ru": "ОсОО «Тенир-Агро»"}, country="KG")
    bracketed = OrganisationFactory(
        event=event, name={"ru": "Агропромышленная компания «Хунда» (Шанхай)"}, country="CN"
    )
    with translation.override("ru"):
        assert _render(plain) == "ОсОО «Тенир-Агро» (Кыргызстан)"
        assert _render(bracketed) == "Агропромышленная компания «Хунда» (Шанхай), Китай"
