"""With the real multilingual model (loaded once per session): across languages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.matchmaking import selectors, services
from tests.matchmaking.conftest import delegate

pytestmark = pytest.mark.slow

SILO_OFFER = (
    "offer",
    "zh",
    "钢制粮仓",
    "一万吨钢制粮仓，带通风和温度监测系统，交钥匙工程。",
    "7309",
)
DISTRACTORS = [
    (
        "CN",
        ["zh"],
        ["27"],
        ("offer", "zh", "光伏组件", "高效单晶硅太阳能电池板，TOPCon技术，出口中亚。"),
    ),
    ("CN", ["zh"], ["28"], ("offer", "zh", "纺织机械", "棉纺设备和纺纱机，提供安装和培训。")),
    (
        "KZ",
        ["en"],
        ["49"],
        (
            "offer",
            "en",
            "Cold-chain logistics",
            "Refrigerated trucking between Almaty and Urumqi, 40 reefers.",
        ),
    ),
    (
        "UZ",
        ["en"],
        ["79"],
        (
            "offer",
            "en",
            "Tourism packages",
            "Guided tours of the Silk Road for groups from Europe.",
        ),
    ),
    (
        "RU",
        ["ru"],
        ["42"],
        ("offer", "ru", "Строительство дорог", "Подрядчик по строительству автодорог и мостов."),
    ),
    (
        "RU",
        ["ru"],
        ["86"],
        (
            "offer",
            "ru",
            "Медицинское оборудование",
            "Поставка аппаратов УЗИ и рентгена для клиник.",
        ),
    ),
    ("CN", ["zh"], ["35"], ("offer", "zh", "风力发电机", "2.5兆瓦风力发电机组，供货及运维服务。")),
]
# The core centres vectors per language only with five texts or more in a language (a real
# expo has hundreds); other Kazakh delegates asking for unrelated things make that so here.
KAZAKH_REQUESTS = [
    (
        "request",
        "kk",
        "Туристік серіктес",
        "Алматыға шетелдік туристер топтарын әкелетін серіктес.",
    ),
    ("request", "kk", "Медициналық жабдық", "Ауруханаларға рентген аппараттарын сатып аламыз."),
    ("request", "kk", "Бағдарламалық қамтамасыз ету", "Бухгалтерлік есепке арналған бағдарлама."),
    ("request", "kk", "Жол құрылысы", "Облыстағы жолдарды жөндеуге мердігер іздейміз."),
]


@pytest.fixture
def expo(event, real_model):
    farmer = delegate(
        event,
        org_name="Kazakh Grain Cooperative",
        languages=["kk"],
        sectors=["01"],
        opportunities=[
            (
                "request",
                "kk",
                "Астық сақтау қоймалары",
                "Астық сақтауға арналған элеваторлар мен силостар салуға серіктес іздейміз.",
                "7309",
            )
        ],
    )
    silos = delegate(
        event,
        org_name="Xinjiang Silo Works",
        country="CN",
        languages=["zh", "ru"],
        sectors=["28"],
        opportunities=[SILO_OFFER],
    )
    for i, (country, languages, sectors, opportunity) in enumerate(DISTRACTORS):
        delegate(
            event,
            org_name=f"Distractor {i}",
            country=country,
            languages=languages,
            sectors=sectors,
            opportunities=[opportunity],
        )
    for i, request in enumerate(KAZAKH_REQUESTS):
        delegate(
            event,
            org_name=f"Kazakh buyer {i}",
            languages=["kk"],
            sectors=["86"],
            opportunities=[request],
        )
    services.event_embeddings_refresh(event=event)
    return farmer, silos


def test_kazakh_grain_request_finds_the_chinese_silo_offer_first(expo):
    farmer, silos = expo
    suggestions = selectors.suggestions_for_participant(participant=farmer, language="ru")
    assert suggestions[0].participant_id == silos.pk
    match = next(r for r in suggestions[0].reasons if r.code == "opportunity_match")
    assert "«钢制粮仓»" in match.text  # Russian quotation marks
    assert "«Астық сақтау қоймалары»" in match.text
    interpreter = next(r for r in suggestions[0].reasons if r.code == "interpreter_needed")
    assert interpreter.data["their_languages"] == ("ru", "zh")


def test_a_russian_query_finds_the_chinese_offer(client, expo):
    farmer, _ = expo
    url = reverse("opportunity-list", args=[farmer.event.slug])
    html = client.get(url, {"q": "стальные силосы для хранения зерна"}).content.decode()
    assert "钢制粮仓" in html
    assert "风力发电机" not in html
    html = client.get(
        reverse("organisation-list", args=[farmer.event.slug]), {"q": "ветряные электростанции"}
    ).content.decode()
    assert "Distractor 6" in html
    assert "Xinjiang Silo Works" not in html
