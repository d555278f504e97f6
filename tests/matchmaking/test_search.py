"""The catalogue search boxes: literal matches first, best first, then matches by meaning."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from keruen.marketplace.models import Opportunity
from keruen.matching.encoder import CachedEncoder, Encoder
from keruen.matchmaking import encoding, product_search, search, services
from tests.factories import OpportunityFactory, OrganisationFactory

NOTHING_FOUND = {
    "organisation-list": "No organisation matches.",
    "opportunity-list": "Nothing matches.",
}


def organisation(event, name: str | dict[str, str], *, city: str = "", offers=()):
    """An organisation with published offers: (language, title, body) tuples."""
    names = {"en": name} if isinstance(name, str) else name
    found = OrganisationFactory(event=event, name=names, city=city)
    for language, title, body in offers:
        OpportunityFactory(organisation=found, language=language, title=title, body=body)
    return found


def listed(client, event, view: str, query: str) -> list[str]:
    """Organisation names or offer titles on the first page of the search, in order."""
    html = client.get(reverse(view, args=[event.slug]), {"q": query}).content.decode()
    if view == "organisation-list":
        return re.findall(r'/organisations/\d+/">([^<]+)</a>', html)
    return re.findall(r"<h3[^>]*>([^<]+)</h3>", html)


def test_fold_ignores_case_accents_and_punctuation():
    fold = search.fold
    assert fold("Ürümqi") == "urumqi"
    assert fold("ООО «Абшерон-Агро»") == "ооо абшерон агро"
    assert fold("Ёлка") == "елка"
    assert fold("Йошкар-Ола") == "йошкар ола"  # й is a letter, not an accented и
    assert fold("ＴＯＰＣｏｎ 光伏组件") == "topcon 光伏组件"
    assert fold("«»!") == ""


def test_organisations_named_or_located_as_the_query_come_first_best_first(client, event, words):
    # Caspian Oil only mentions the peninsula in an offer: it is found by meaning, after all
    # those whose name or city holds the query (the old search put it first).
    caspian = ("en", "Crude oil", "Crude oil from the Absheron peninsula, Absheron blend")
    organisation(event, "Caspian Oil", offers=[caspian])
    organisation(event, "Neftabsheron Ltd")  # inside a word
    organisation(event, "Baku Absheron Trade")  # a word starts with it
    organisation(event, "Absheron-Agro LLC")  # the name starts with it
    organisation(event, "Sumgait Chemicals", city="Absheron")  # the city is it
    organisation(event, "Absheron")  # the whole name
    for i in range(6):
        organisation(event, f"Noise {i}", offers=[("en", f"Topic {i}", f"unrelated words {i}")])
    services.event_embeddings_refresh(event=event)
    assert listed(client, event, "organisation-list", "absheron") == [
        "Absheron",
        "Sumgait Chemicals",
        "Absheron-Agro LLC",
        "Baku Absheron Trade",
        "Neftabsheron Ltd",
        "Caspian Oil",
    ]


def test_names_are_found_in_every_language_and_script(client, event, words):
    organisation(event, {"en": "Absheron-Agro LLC", "ru": "ООО «Абшерон-Агро»"}, city="Baku")
    organisation(
        event, {"en": "Tianshan Agriculture", "zh-hans": "天山农业有限公司"}, city="Ürümqi"
    )
    organisation(event, {"ru": "Алматы Агро"}, city="Almaty")
    organisation(event, {"en": "Other"}, city="Osh")
    found = {
        query: listed(client, event, "organisation-list", query)
        for query in ("АБШЕРОН", "absheron agro", "Баку", "urumqi", "天山", "Almaty agro")
    }
    assert found == {
        "АБШЕРОН": ["Absheron-Agro LLC"],  # Russian name, any case
        "absheron agro": ["Absheron-Agro LLC"],  # punctuation is a space
        "Баку": ["Absheron-Agro LLC"],  # the city written in Cyrillic
        "urumqi": ["Tianshan Agriculture"],  # without its accents
        "天山": ["Tianshan Agriculture"],  # the Chinese name
        "Almaty agro": ["Алматы Агро"],  # a Cyrillic name written in Latin letters
    }
    assert words.encoded == []  # no stored vectors: literal search only, no model


def test_offers_with_the_query_in_their_title_come_before_those_with_it_in_the_body(
    client, event, words
):
    # The second says "tractor" four times: closer in meaning, but only in its body.
    organisation(
        event,
        "Maker",
        offers=[
            ("en", "Tractor tyres", "Radial tyres for farm machines, sizes 16 to 42 inches"),
            ("en", "Spare parts", "tractor tractor tractor tractor"),
        ],
    )
    for i in range(6):
        organisation(event, f"Noise {i}", offers=[("en", f"Topic {i}", f"unrelated words {i}")])
    services.event_embeddings_refresh(event=event)
    assert listed(client, event, "opportunity-list", "TRACTOR") == ["Tractor tyres", "Spare parts"]


def test_offers_are_found_in_their_translations(client, event, words):
    OpportunityFactory(
        organisation=OrganisationFactory(event=event),
        language="ru",
        title="Зерновые силосы",
        body="Стальные силосы под ключ.",
        translations={"en": {"title": "Grain silos", "body": "Turnkey steel silos."}},
    )
    assert listed(client, event, "opportunity-list", "turnkey") == ["Grain silos"]


# --- with the real multilingual model -----------------------------------------------------

CATALOGUE = [
    # (names, city, (language, title, body))
    (
        {"en": "Tianshan Agriculture Co.", "zh-hans": "天山农业有限公司"},
        "Ürümqi",
        ("zh", "小麦和玉米出口", "新疆产优质小麦和玉米，每年出口五万吨，散装或袋装。"),
    ),
    ({"en": "Sunrise PV"}, "Wuxi", ("zh", "光伏组件", "高效单晶硅太阳能电池板，TOPCon技术。")),
    ({"en": "Loom Machinery"}, "Qingdao", ("zh", "纺织机械", "棉纺设备和纺纱机，提供安装和培训。")),
    ({"en": "Windway"}, "Shenzhen", ("zh", "风力发电机", "2.5兆瓦风力发电机组，供货及运维服务。")),
    ({"en": "Smart Grid Tech"}, "Xi'an", ("zh", "智能电表", "三相智能电表，支持远程抄表。")),
    (
        {"en": "Zolotoe Zerno Hotel", "ru": "Гостиница «Золотое зерно»"},
        "Almaty",
        ("ru", "Гостиничные номера", "Номера и конференц-залы в центре Алматы для делегаций."),
    ),
    ({"en": "Dorstroy"}, "Kazan", ("ru", "Строительство дорог", "Подрядчик по автодорогам.")),
    ({"en": "Medtech Volga"}, "Samara", ("ru", "Медицинское оборудование", "Аппараты УЗИ.")),
    ({"en": "Cement Ural"}, "Ufa", ("ru", "Цемент М500", "Портландцемент навалом и в мешках.")),
    ({"en": "Buhsoft"}, "Moscow", ("ru", "Бухгалтерская программа", "Учёт и отчётность.")),
    (
        {"en": "Absheron-Agro LLC", "ru": "ООО «Абшерон-Агро»"},
        "Baku",
        ("en", "Dried apricots", "Dried apricots and raisins, 200 t a year."),
    ),
    (
        {"en": "Absheron-Trans Impex LLC"},
        "Baku",
        ("en", "Container trains", "Block trains from Aktau to Baku and on to Europe."),
    ),
    ({"en": "Frost Line"}, "Almaty", ("en", "Cold-chain trucking", "40 reefers, Almaty-Urumqi.")),
    ({"en": "Silk Tours"}, "Samarkand", ("en", "Tourism", "Guided tours of the Silk Road.")),
    ({"en": "Kazakh Copper"}, "Balkhash", ("en", "Copper cathodes", "Grade A copper cathodes.")),
    ({"en": "Dala Tour"}, "Astana", ("kk", "Туристік серіктес", "Шетелдік туристер топтары.")),
    ({"en": "Emdeu"}, "Shymkent", ("kk", "Медициналық жабдық", "Рентген аппараттарын аламыз.")),
    ({"en": "Esep Soft"}, "Aktobe", ("kk", "Бағдарламалық қамтамасыз ету", "Есепке арналған.")),
    ({"en": "Zhol Kurylys"}, "Taraz", ("kk", "Жол құрылысы", "Жолдарды жөндеуге мердігер.")),
    ({"en": "Kus Fabrikasy"}, "Kostanay", ("kk", "Құс еті", "Тауық етін жеткіземіз.")),
]


@pytest.fixture(scope="module")
def remembering_encoder(real_encoder: Encoder) -> CachedEncoder:
    """The real model, each text encoded once for this module's tests."""
    return CachedEncoder(real_encoder)


@pytest.fixture
def catalogue(event, remembering_encoder, monkeypatch):
    monkeypatch.setattr(encoding, "_encoder", remembering_encoder)
    encoding._query_cache.clear()
    search._matrices.clear()
    for names, city, offer in CATALOGUE:
        organisation(event, names, city=city, offers=[offer])
    services.event_embeddings_refresh(event=event)
    yield event
    encoding._query_cache.clear()
    search._matrices.clear()


@pytest.mark.slow
def test_a_name_finds_exactly_the_organisations_so_named(client, catalogue):
    assert listed(client, catalogue, "organisation-list", "Absheron") == [
        "Absheron-Agro LLC",
        "Absheron-Trans Impex LLC",
    ]


@pytest.mark.slow
def test_nonsense_finds_nothing_and_says_so(client, catalogue):
    for view, nothing in NOTHING_FOUND.items():
        for query in ("xyzzy", "qqqqqq", "фывапр", "12345"):
            html = client.get(reverse(view, args=[catalogue.slug]), {"q": query}).content.decode()
            assert nothing in html, (view, query)


@pytest.mark.slow
def test_a_russian_query_finds_the_named_organisation_then_a_chinese_one_by_meaning(
    client, catalogue
):
    # "зерно" (grain): the hotel is named so (literal), the Chinese company sells wheat.
    found = listed(client, catalogue, "organisation-list", "зерно")
    assert found[:2] == ["Zolotoe Zerno Hotel", "Tianshan Agriculture Co."]
    assert "小麦和玉米出口" in listed(client, catalogue, "opportunity-list", "зерно")


def test_a_search_cached_before_the_embeddings_is_not_kept_after_them(event, client) -> None:
    """Cached results of a text search hold literal matches only while the embedding job
    runs; once it writes vectors, the next search is computed anew."""
    from keruen.matchmaking.models import OpportunityEmbedding
    from tests.factories import OpportunityFactory

    offer = OpportunityFactory(event=event)
    pages = [f"/{event.slug}/organisations/?q=grain", f"/{event.slug}/opportunities/?q=grain"]
    before = [client.get(page).context["listing_key"] for page in pages]
    OpportunityEmbedding.objects.create(
        opportunity=offer, model_name="test", content_hash="0" * 64, dim=1, vector=b"\0\0\0\0"
    )
    after = [client.get(page).context["listing_key"] for page in pages]
    assert all(old != new for old, new in zip(before, after, strict=True))
    # Without a text search the list does not depend on them.
    plain = f"/{event.slug}/organisations/"
    key = client.get(plain).context["listing_key"]
    OpportunityEmbedding.objects.create(
        opportunity=offer, model_name="other", content_hash="1" * 64, dim=1, vector=b"\0\0\0\0"
    )
    assert client.get(plain).context["listing_key"] == key


def test_a_product_named_in_another_language_is_found_without_any_model(client, event, words):
    # No stored vectors: matching by meaning is off, matching by the products named is not.
    organisation(event, "Kashgar Cotton", offers=[("zh", "棉花出口", "新疆长绒棉花，每年两千吨。")])
    organisation(event, "Tianshan Grain", offers=[("zh", "小麦出口", "优质小麦，每年五万吨。")])
    organisation(event, "Noise", offers=[("en", "Hotel rooms", "Rooms for delegations.")])
    assert listed(client, event, "opportunity-list", "мақта") == ["棉花出口"]  # Kazakh: cotton
    assert listed(client, event, "opportunity-list", "Пшеница") == ["小麦出口"]
    # Kazakh for wheat, with no letter only Kazakh uses: read as Russian and as Kazakh.
    assert listed(client, event, "opportunity-list", "бидай") == ["小麦出口"]
    assert listed(client, event, "organisation-list", "cotton") == ["Kashgar Cotton"]
    assert words.encoded == []


def test_a_word_of_a_long_label_does_not_stand_for_it(event, words, monkeypatch):
    # "cotton" is one word of "Sunflower-seed, safflower or cotton-seed oil": the query is
    # about "Cotton", so an offer of sunflower oil (that label's other words) counts little.
    monkeypatch.setattr(product_search, "MIN_CONCEPT_SCORE", 0.0)
    organisation(event, "Oil Mill", offers=[("en", "Sunflower oil", "Refined sunflower oil.")])
    organisation(event, "Spinner", offers=[("en", "Cotton", "Raw cotton, 2,000 t.")])
    found = product_search.opportunity_concept_scores(event=event, query="cotton")
    scores = {Opportunity.objects.get(pk=pk).title: score for pk, score in found.items()}
    assert scores["Sunflower oil"] < 0.2 * scores["Cotton"]
    assert product_search.opportunity_concept_scores(event=event, query="xyzzy") == {}


def test_a_query_naming_several_products_finds_each(event, words):
    for product in ("Wheat", "Cotton", "Tea", "Coal"):
        organisation(event, product, offers=[("en", product, f"{product}, 2,000 t a year.")])
    found = product_search.opportunity_concept_scores(event=event, query="wheat, cotton and tea")
    assert sorted(Opportunity.objects.get(pk=pk).title for pk in found) == [
        "Cotton",
        "Tea",
        "Wheat",
    ]


def test_after_an_edit_only_the_changed_offers_are_read_again(event, words):
    organisation(event, "Spinner", offers=[("en", "Cotton", "Raw cotton.")])
    organisation(event, "Mill", offers=[("en", "Flour", "Wheat flour.")])
    assert len(product_search.opportunity_concept_scores(event=event, query="cotton")) == 1
    first = product_search._event_concepts(event)
    flour = Opportunity.objects.get(title="Flour")
    flour.body = "Wheat flour and cotton wool."
    flour.save()
    second = product_search._event_concepts(event)
    assert second is not first
    cotton = Opportunity.objects.get(title="Cotton").pk
    assert second.profiles[cotton] is first.profiles[cotton]  # not profiled again
    assert second.profiles[flour.pk] is not first.profiles[flour.pk]
    flour.status = Opportunity.Status.DRAFT
    flour.save()
    assert flour.pk not in product_search._event_concepts(event).profiles


def test_a_query_for_a_chapter_finds_offers_naming_its_headings(event, words):
    organisation(event, "Spinner", offers=[("en", "Cotton yarn", "Combed cotton yarn, Ne 30.")])
    organisation(event, "Weaver", offers=[("en", "Woollen fabric", "Worsted wool suiting.")])
    found = product_search.opportunity_concept_scores(event=event, query="хлопок")
    assert [Opportunity.objects.get(pk=pk).title for pk in found] == ["Cotton yarn"]


def test_the_visitors_filters_apply_before_the_cap_on_matches(client, event, words, monkeypatch):
    # More offers than the cap name cotton ("хлопок" finds them by the product, not by its
    # words): a visitor asking for requests still finds them.
    monkeypatch.setattr(search, "MAX_RESULTS", 2)
    for n in range(3):
        organisation(event, f"Spinner {n}", offers=[("en", f"Cotton lot {n}", "Raw cotton.")])
    buyer = OrganisationFactory(event=event, name={"en": "Weaver"})
    OpportunityFactory(
        organisation=buyer,
        direction=Opportunity.Direction.REQUEST,
        language="en",
        title="We buy cotton",
        body="Raw cotton wanted.",
    )
    page = reverse("opportunity-list", args=[event.slug])
    html = client.get(page, {"q": "хлопок", "direction": "request"}).content.decode()
    assert re.findall(r"<h3[^>]*>([^<]+)</h3>", html) == ["We buy cotton"]
    assert len(listed(client, event, "opportunity-list", "хлопок")) == 2
    # The same for organisations: one filtered by country still finds its request.
    buyer.country = "UZ"
    buyer.save()
    page = reverse("organisation-list", args=[event.slug])
    html = client.get(page, {"q": "хлопок", "country": "UZ"}).content.decode()
    assert re.findall(r'/organisations/\d+/">([^<]+)</a>', html) == ["Weaver"]


def test_a_word_is_found_at_the_start_of_words_not_inside_them(client, event, words):
    organisation(event, "Kazakhtelecom", offers=[("en", "Fibre lines", "Backbone fibre.")])
    organisation(event, "Cotton Co", offers=[("kk", "Мақта талшығы", "Мақтаны жеткіземіз.")])
    organisation(
        event,
        "Dam Builders",
        offers=[("kk", "Бөгетті жаңарту", "Біз ынтымақтасуға дайынбыз.")],  # "cooperate"
    )
    organisation(event, "Silk Road", offers=[("zh", "丝绸之路", "我们出口优质棉花和丝绸。")])
    # The Chinese offer names cotton (棉花): found by the product, after the literal match.
    assert listed(client, event, "opportunity-list", "мақта") == ["Мақта талшығы", "丝绸之路"]
    assert listed(client, event, "opportunity-list", "жеткіз") == ["Мақта талшығы"]
    assert listed(client, event, "organisation-list", "telecom") == ["Kazakhtelecom"]
    assert listed(client, event, "opportunity-list", "棉花") == ["丝绸之路", "Мақта талшығы"]


def test_a_latin_word_written_right_after_chinese_characters_is_found(client, event, words):
    organisation(event, "Resin", offers=[("zh", "悬浮法PVC树脂生产", "符合ISO9001标准。")])
    organisation(event, "Lamps", offers=[("zh", "路灯", "供应太阳能LED路灯。")])
    organisation(event, "Noise", offers=[("en", "Hotel rooms", "Rooms for delegations.")])
    assert listed(client, event, "opportunity-list", "PVC") == ["悬浮法PVC树脂生产"]
    assert listed(client, event, "opportunity-list", "iso9001") == ["悬浮法PVC树脂生产"]
    assert listed(client, event, "opportunity-list", "LED") == ["路灯"]
