"""The edition (name, theme, venue, zones, rooms) and its programme of sessions."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .countries import COUNTRY_PROFILES

Quad = tuple[str, str, str, str]


def _d(quad: Quad) -> dict[str, str]:
    return {"en": quad[0], "zh-hans": quad[1], "ru": quad[2], "kk": quad[3]}


@dataclass(frozen=True)
class Hall:
    """An exhibition zone: ``key`` and names keyed by UI language."""

    key: str
    names: dict[str, str]


@dataclass(frozen=True)
class EventText:
    """The demo edition. Every dict is keyed by UI language (en, zh-hans, ru, kk)."""

    name: dict[str, str]
    theme: dict[str, str]
    venue: dict[str, str]
    city: dict[str, str]
    halls: tuple[Hall, ...]
    rooms: dict[str, dict[str, str]]
    timezone: str
    year: int


@dataclass(frozen=True)
class SessionText:
    """One programme session.

    ``kind`` is opening, keynote, forum, promotion, matchmaking, signing or exhibition;
    ``day`` is 0-based; ``start`` is local time "HH:MM" (Beijing time, ``Asia/Shanghai``);
    ``room`` a key of :attr:`EventText.rooms`; ``sector`` a sector key or None.
    """

    key: str
    kind: str
    day: int
    start: str
    duration_minutes: int
    room: str
    sector: str | None
    titles: dict[str, str]
    descriptions: dict[str, str]


ROOMS: dict[str, dict[str, str]] = {
    "main_hall": _d(
        ("Main Conference Hall", "主会场", "Главный конференц-зал", "Басты конференц-зал")
    ),
    **{
        f"forum_{x}": _d(
            (
                f"Forum Hall {x.upper()}",
                f"{x.upper()}号论坛厅",
                f"Форумный зал {x.upper()}",
                f"{x.upper()} форум залы",
            )
        )
        for x in "abcdef"
    },
    **{
        f"room_{n}": _d(
            (f"Meeting Room {n}", f"{n}号会议室", f"Переговорная {n}", f"{n}-келіссөз бөлмесі")
        )
        for n in (1, 2, 3)
    },
    "b2b_hall": _d(
        ("B2B Matchmaking Hall", "B2B洽谈区", "Зал B2B-переговоров", "B2B келіссөздер залы")
    ),
    "signing_hall": _d(("Signing Hall", "签约厅", "Зал подписания", "Қол қою залы")),
    "exhibition": _d(("Exhibition halls", "展馆", "Выставочные павильоны", "Көрме павильондары")),
}

HALLS: tuple[Hall, ...] = (
    Hall(
        "investment",
        _d(
            (
                "Investment Cooperation Zone",
                "投资合作展区",
                "Зона инвестиционного сотрудничества",
                "Инвестициялық ынтымақтастық аймағы",
            )
        ),
    ),
    Hall(
        "international",
        _d(
            (
                "International Exhibition Zone",
                "国际展区",
                "Международная экспозиция",
                "Халықаралық экспозиция аймағы",
            )
        ),
    ),
    Hall(
        "special_industries",
        _d(
            (
                "Special Industries Zone",
                "特色产业展区",
                "Зона профильных отраслей",
                "Бейінді салалар аймағы",
            )
        ),
    ),
    Hall(
        "equipment",
        _d(
            (
                "Equipment Manufacturing Zone",
                "装备制造展区",
                "Зона машиностроения и оборудования",
                "Машина жасау және жабдықтар аймағы",
            )
        ),
    ),
)


def event_text() -> EventText:
    """Name, theme, venue, exhibition zones and rooms of the demo edition."""
    return EventText(
        name=_d(
            (
                "China–Eurasia Expo 2026 (demo)",
                "2026中国—亚欧博览会（演示）",
                "ЭКСПО Китай — Евразия 2026 (демо)",
                "Қытай — Еуразия ЭКСПО 2026 (демо)",
            )
        ),
        theme=_d(
            (
                "Connecting Eurasia: shared growth along the new Silk Road",
                "联通亚欧 共享丝路发展新机遇",
                "Связывая Евразию: общий рост на новом Шёлковом пути",
                "Еуразияны байланыстыру: жаңа Жібек жолындағы ортақ өсу",
            )
        ),
        venue=_d(
            (
                "Xinjiang International Convention and Exhibition Center",
                "新疆国际会展中心",
                "Синьцзянский международный выставочный центр",
                "Шыңжаң халықаралық көрме орталығы",
            )
        ),
        city=_d(("Ürümqi", "乌鲁木齐", "Урумчи", "Үрімжі")),
        halls=HALLS,
        rooms=ROOMS,
        timezone="Asia/Shanghai",
        year=2026,
    )


_OPENING = (
    ("Opening ceremony", "开幕式", "Церемония открытия", "Ашылу салтанаты"),
    (
        "Official opening of the Expo with keynote speeches by heads of state and of government "
        "delegations.",
        "博览会正式开幕，各国领导人和政府代表团团长发表主旨演讲。",
        "Официальное открытие выставки, с основными докладами выступают руководители государств и "
        "правительственных делегаций.",
        "Көрменің ресми ашылуы, мемлекет басшылары мен үкіметтік делегациялардың жетекшілері "
        "негізгі баяндама жасайды.",
    ),
)
_KEYNOTES = (
    (
        (
            "High-level dialogue: Eurasian cooperation in a changing world",
            "高层对话：变局中的亚欧合作",
            "Диалог высокого уровня: евразийское сотрудничество в меняющемся мире",
            "Жоғары деңгейдегі диалог: өзгермелі әлемдегі еуразиялық ынтымақтастық",
        ),
        (
            "Ministers of trade and economy of the participating countries discuss trade growth, "
            "investment and connectivity.",
            "各参展国贸易和经济部长就贸易增长、投资和互联互通展开对话。",
            "Министры торговли и экономики стран-участниц обсуждают рост торговли, инвестиции и "
            "транспортную связанность.",
            "Қатысушы елдердің сауда және экономика министрлері сауданың өсуін, "
            "инвестицияларды және "
            "көліктік байланысты талқылайды.",
        ),
    ),
    (
        (
            "Keynote session: industrial cooperation between China and Central Asia",
            "主旨演讲：中国与中亚产业合作",
            "Ключевая сессия: промышленная кооперация Китая и Центральной Азии",
            "Негізгі сессия: Қытай мен Орталық Азияның өнеркәсіптік кооперациясы",
        ),
        (
            "Heads of national development institutions and leading companies present joint "
            "industrial projects.",
            "各国发展机构负责人和龙头企业介绍产业合作项目。",
            "Руководители национальных институтов развития и ведущих компаний представляют "
            "совместные промышленные проекты.",
            "Ұлттық даму институттары мен жетекші компаниялардың басшылары бірлескен өнеркәсіптік "
            "жобаларды таныстырады.",
        ),
    ),
)
_FORUMS = (
    (
        "infrastructure",
        "Forum on Infrastructure and Connectivity",
        "基础设施互联互通论坛",
        "Форум по инфраструктуре и взаимосвязанности",
        "Инфрақұрылым және өзара байланыс форумы",
        "Ministers, developers and banks discuss new road and railway corridors, border crossings "
        "and how to finance them.",
        "各国部长、开发商和银行共同探讨新的公路铁路走廊、口岸建设及其融资方式。",
        "Министры, девелоперы и банки обсуждают новые автомобильные и железнодорожные коридоры, "
        "пункты пропуска и их финансирование.",
        "Министрлер, девелоперлер мен банктер жаңа автомобиль және темір жол дәліздерін, өткізу "
        "пункттерін және оларды қаржыландыруды талқылайды.",
    ),
    (
        "energy",
        "Eurasian Energy Cooperation Forum",
        "亚欧能源合作论坛",
        "Евразийский форум энергетического сотрудничества",
        "Еуразиялық энергетикалық ынтымақтастық форумы",
        "Renewable energy, grid interconnection and the modernisation of thermal power plants "
        "across the region.",
        "聚焦可再生能源、电网互联及区域火电厂现代化改造。",
        "Возобновляемая энергетика, объединение энергосистем и модернизация тепловых "
        "электростанций региона.",
        "Жаңартылатын энергетика, энергия жүйелерін біріктіру және өңірдегі жылу электр "
        "станцияларын жаңғырту.",
    ),
    (
        "logistics",
        "Forum on Logistics and Trade Facilitation",
        "物流与贸易便利化论坛",
        "Форум по логистике и упрощению процедур торговли",
        "Логистика және сауда рәсімдерін жеңілдету форумы",
        "China–Europe trains, the Middle Corridor, electronic customs and faster border crossings.",
        "聚焦中欧班列、中间走廊、电子海关和口岸通关提速。",
        "Поезда Китай — Европа, Средний коридор, электронная таможня и ускорение прохождения "
        "границы.",
        "Қытай — Еуропа пойыздары, Орта дәліз, электрондық кеден және шекарадан өтуді жеделдету.",
    ),
    (
        "technology",
        "Digital Silk Road Forum",
        "数字丝绸之路论坛",
        "Форум «Цифровой Шёлковый путь»",
        "«Цифрлық Жібек жолы» форумы",
        "Data centres, e-government, cross-border e-commerce and the digital skills the region "
        "needs.",
        "探讨数据中心、电子政务、跨境电商以及本地区所需的数字技能。",
        "Центры обработки данных, электронное правительство, трансграничная электронная торговля "
        "и цифровые навыки для региона.",
        "Деректер орталықтары, электрондық үкімет, трансшекаралық электрондық сауда және өңірге "
        "қажетті цифрлық дағдылар.",
    ),
    (
        "agriculture",
        "Forum on Agriculture and Food Security",
        "农业与粮食安全论坛",
        "Форум по сельскому хозяйству и продовольственной безопасности",
        "Ауыл шаруашылығы және азық-түлік қауіпсіздігі форумы",
        "Grain and meat trade, phytosanitary rules, water-saving irrigation and joint "
        "agro-processing projects.",
        "讨论粮食和肉类贸易、动植物检疫规则、节水灌溉及农产品加工合作项目。",
        "Торговля зерном и мясом, фитосанитарные правила, водосберегающее орошение и совместные "
        "проекты агропереработки.",
        "Астық пен ет саудасы, фитосанитарлық ережелер, суды үнемдейтін суару және бірлескен "
        "агроөңдеу жобалары.",
    ),
    (
        "finance",
        "Forum on Finance and Investment Cooperation",
        "金融与投资合作论坛",
        "Форум по финансовому и инвестиционному сотрудничеству",
        "Қаржы және инвестициялық ынтымақтастық форумы",
        "Development banks, funds and regulators on project finance, settlement in national "
        "currencies and investment protection.",
        "开发银行、基金和监管机构共同探讨项目融资、本币结算和投资保护。",
        "Банки развития, фонды и регуляторы о проектном финансировании, расчётах в национальных "
        "валютах и защите инвестиций.",
        "Даму банктері, қорлар мен реттеушілер жобалық қаржыландыру, ұлттық валюталардағы есеп "
        "айырысу және инвестицияларды қорғау туралы.",
    ),
)
_MATCHMAKING_DESC = (
    "Pre-arranged one-to-one meetings between buyers and producers from Russia, Central, West "
    "and South Asia and RCEP members.",
    "来自俄罗斯、中亚、西亚、南亚及RCEP成员国的采购商与生产商进行预约一对一洽谈。",
    "Заранее согласованные встречи один на один между покупателями и производителями из "
    "России, Центральной, Западной и Южной Азии и стран RCEP.",
    "Ресей, Орталық, Батыс және Оңтүстік Азия мен RCEP елдерінің сатып алушылары мен "
    "өндірушілері арасындағы алдын ала келісілген жеке кездесулер.",
)
_MATCHMAKING = (
    (
        "agriculture",
        (
            "B2B matchmaking: food and agricultural products",
            "B2B对接会：食品和农产品",
            "B2B-переговоры: продовольствие и сельскохозяйственная продукция",
            "B2B келіссөздер: азық-түлік және ауыл шаруашылығы өнімдері",
        ),
    ),
    (
        "textiles",
        (
            "B2B matchmaking: textiles and clothing",
            "B2B对接会：纺织服装",
            "B2B-переговоры: текстиль и одежда",
            "B2B келіссөздер: тоқыма және киім",
        ),
    ),
    (
        "energy",
        (
            "B2B matchmaking: energy and chemicals",
            "B2B对接会：能源和化工",
            "B2B-переговоры: энергетика и химия",
            "B2B келіссөздер: энергетика және химия",
        ),
    ),
)
_SIGNING = (
    (
        "Signing ceremony for cooperation projects",
        "重点合作项目签约仪式",
        "Церемония подписания соглашений о сотрудничестве",
        "Ынтымақтастық келісімдеріне қол қою рәсімі",
    ),
    (
        "Governments, companies and banks sign the memoranda, contracts and investment agreements "
        "reached during the Expo.",
        "各国政府、企业和银行签署在博览会期间达成的合作备忘录、合同和投资协议。",
        "Правительства, компании и банки подписывают меморандумы, контракты и инвестиционные "
        "соглашения, достигнутые во время выставки.",
        "Үкіметтер, компаниялар мен банктер көрме барысында қол жеткізілген меморандумдарға, "
        "келісімшарттар мен инвестициялық келісімдерге қол қояды.",
    ),
)
_EXHIBITION = (
    ("Exhibition open", "展览开放", "Работа выставки", "Көрменің жұмысы"),
    (
        "All four zones are open to delegates, and on the last day the exhibition is also open to "
        "the public.",
        "四大展区向参会代表开放，最后一天同时向公众开放。",
        "Все четыре зоны открыты для делегатов, в последний день выставка открыта и для публики.",
        "Барлық төрт аймақ делегаттар үшін ашық, соңғы күні көрме көпшілікке де ашылады.",
    ),
)
_COUNTRY_PROMO_DESC = (
    "Officials and the national investment agency present priority projects, special economic "
    "zones and incentives for investors, followed by questions and answers.",
    "政府官员和国家投资促进机构介绍重点项目、经济特区及投资优惠政策，并现场答疑。",
    "Представители правительства и национального инвестиционного агентства презентуют "
    "приоритетные проекты, специальные экономические зоны и льготы для инвесторов, затем "
    "отвечают на вопросы.",
    "Үкімет пен ұлттық инвестициялық агенттік өкілдері басым жобаларды, арнайы экономикалық "
    "аймақтарды және инвесторларға арналған жеңілдіктерді таныстырып, сұрақтарға жауап береді.",
)
_PROVINCES = (
    ("Shandong Province", "山东省", "провинции Шаньдун", "Шаньдун провинциясының"),
    ("Sichuan Province", "四川省", "провинции Сычуань", "Сычуань провинциясының"),
    ("Beijing", "北京市", "Пекина", "Бейжіңнің"),
)
_THEMATIC = (
    (
        "logistics",
        (
            "Khorgos International Border Cooperation Centre: opportunities for traders and "
            "logistics companies",
            "霍尔果斯国际边境合作中心推介会",
            "Международный центр приграничного сотрудничества «Хоргос»: возможности для торговых и "
            "логистических компаний",
            "«Қорғас» халықаралық шекара маңы ынтымақтастығы орталығы: саудагерлер мен "
            "логистикалық "
            "компаниялар үшін мүмкіндіктер",
        ),
    ),
    (
        "technology",
        (
            "Cross-border e-commerce: selling on Chinese and Central Asian marketplaces",
            "跨境电商：入驻中国和中亚电商平台",
            "Трансграничная электронная торговля: продажи на маркетплейсах Китая и "
            "Центральной Азии",
            "Трансшекаралық электрондық сауда: Қытай мен Орталық Азия маркетплейстерінде сату",
        ),
    ),
    (
        "agriculture",
        (
            "Halal food: certification and access to new markets",
            "清真食品：认证与市场准入",
            "Халяльная продукция: сертификация и выход на новые рынки",
            "Халал өнімдері: сертификаттау және жаңа нарықтарға шығу",
        ),
    ),
    (
        "textiles",
        (
            "Textile and clothing industry: investment projects and supply chains",
            "纺织服装产业投资项目与供应链推介",
            "Текстильная и швейная промышленность: инвестиционные проекты и цепочки поставок",
            "Тоқыма және тігін өнеркәсібі: инвестициялық жобалар мен жеткізу тізбектері",
        ),
    ),
    (
        "energy",
        (
            "New energy vehicles and charging infrastructure",
            "新能源汽车与充电基础设施推介",
            "Электромобили и зарядная инфраструктура",
            "Электромобильдер және зарядтау инфрақұрылымы",
        ),
    ),
    (
        "tourism",
        (
            "Silk Road culture and tourism showcase",
            "丝绸之路文化旅游推介会",
            "Презентация культуры и туризма Шёлкового пути",
            "Жібек жолы мәдениеті мен туризмінің таныстырылымы",
        ),
    ),
    (
        "finance",
        (
            "Green finance and settlement in yuan for regional trade",
            "绿色金融与区域贸易人民币结算",
            "Зелёное финансирование и расчёты в юанях в региональной торговле",
            "Жасыл қаржыландыру және өңірлік саудадағы юаньмен есеп айырысу",
        ),
    ),
    (
        "water",
        (
            "Water-saving agriculture: technologies from Xinjiang",
            "节水农业：新疆技术推介",
            "Водосберегающее земледелие: технологии Синьцзяна",
            "Суды үнемдейтін егіншілік: Шыңжаң технологиялары",
        ),
    ),
)
_THEMATIC_DESC = (
    "Short presentations by companies and public bodies, followed by networking with exhibitors.",
    "企业和政府机构作简短推介，随后与参展商交流对接。",
    "Короткие презентации компаний и государственных органов, затем неформальное общение с "
    "экспонентами.",
    "Компаниялар мен мемлекеттік органдардың қысқа таныстырылымдары, кейін экспоненттермен "
    "бейресми кездесу.",
)
_PROVINCE_DESC = (
    "The guest province presents its industrial parks, leading companies and cooperation "
    "projects with Central Asia.",
    "主宾省（市）介绍其产业园区、龙头企业及与中亚的合作项目。",
    "Почётный гость выставки представляет свои индустриальные парки, ведущие компании и "
    "проекты сотрудничества с Центральной Азией.",
    "Көрменің құрметті қонағы өзінің индустриялық парктерін, жетекші компанияларын және "
    "Орталық Азиямен ынтымақтастық жобаларын таныстырады.",
)
_PROMO_COUNTRIES = ("KZ", "UZ", "KG", "TJ", "TM", "MN", "PK", "AZ", "HU")


def _promotions() -> list[tuple[str, str | None, Quad, Quad]]:
    """(key, sector, title, description) of every trade and investment promotion event."""
    out: list[tuple[str, str | None, Quad, Quad]] = []
    for code in _PROMO_COUNTRIES:
        p = COUNTRY_PROFILES[code]
        title = (
            f"Investment opportunities in {p.names['en']}",
            f"{p.names['zh-hans']}投资推介会",
            f"Инвестиционные возможности {p.genitive['ru']}",
            f"{p.genitive['kk']} инвестициялық мүмкіндіктері",
        )
        out.append((f"promo_{code.lower()}", "finance", title, _COUNTRY_PROMO_DESC))
    for index, (en, zh, ru_gen, kk_gen) in enumerate(_PROVINCES):
        title = (
            f"{en}: trade and investment cooperation",
            f"{zh}经贸合作推介会",
            f"Торгово-инвестиционное сотрудничество {ru_gen}",
            f"{kk_gen} сауда-инвестициялық ынтымақтастығы",
        )
        out.append((f"promo_province_{index + 1}", None, title, _PROVINCE_DESC))
    for index, (sector, title) in enumerate(_THEMATIC):
        out.append((f"promo_topic_{index + 1}", sector, title, _THEMATIC_DESC))
    return out


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def programme(rng: random.Random, *, days: int) -> list[SessionText]:
    """The programme of an edition lasting ``days`` days (at least 3), sorted by time.

    Day 0 opens at 10:00 with the opening ceremony and keynotes; six forums, three B2B
    matchmaking sessions and 20 trade and investment promotion events follow; the signing
    ceremony is on the last-but-one day; the exhibition is open every day.
    """
    if days < 3:
        raise ValueError("the programme needs at least 3 days")
    out: list[SessionText] = []

    def add(
        key: str,
        kind: str,
        day: int,
        start: str,
        minutes: int,
        room: str,
        sector: str | None,
        title: Quad,
        description: Quad,
    ) -> None:
        out.append(
            SessionText(key, kind, day, start, minutes, room, sector, _d(title), _d(description))
        )

    add("opening", "opening", 0, "10:00", 60, "main_hall", None, *_OPENING)
    add("keynote_1", "keynote", 0, "11:00", 90, "main_hall", None, *_KEYNOTES[0])
    add("keynote_2", "keynote", 1, "09:00", 60, "main_hall", None, *_KEYNOTES[1])
    last = days - 1
    for day in range(days):
        start, end = ("12:30", "18:00") if day == 0 else ("09:30", "18:00")
        if day == last:
            end = "15:00"
        add(
            f"exhibition_day_{day + 1}",
            "exhibition",
            day,
            start,
            _minutes(end) - _minutes(start),
            "exhibition",
            None,
            *_EXHIBITION,
        )
    forum_slots = [("0", "14:30")] + [
        (str(d), t) for d in range(1, last + 1) for t in ("09:30", "14:00")
    ]
    for index, forum in enumerate(_FORUMS):
        day_s, start = forum_slots[index % len(forum_slots)]
        sector = forum[0]
        add(
            f"forum_{sector}",
            "forum",
            int(day_s),
            start,
            180,
            f"forum_{'abcdef'[index]}",
            sector,
            forum[1:5],
            forum[5:9],
        )
    for index, (sector, title) in enumerate(_MATCHMAKING):
        day = min(1 + index, last)
        start = "10:00" if day != last else ("10:00", "11:00", "12:00")[index]
        add(
            f"matchmaking_{sector}",
            "matchmaking",
            day,
            start,
            240 if day != last else 180,
            "b2b_hall" if day != last or index == 0 else f"room_{index}",
            sector,
            title,
            _MATCHMAKING_DESC,
        )
    add("signing", "signing", days - 2, "16:00", 120, "signing_hall", None, *_SIGNING)
    slots = [
        (day, start, f"room_{n}")
        for day in range(days)
        for start in (("15:00", "16:30") if day == 0 else ("10:00", "14:00", "16:00"))
        for n in (1, 2, 3)
    ]
    busy = {(s.day, s.start, s.room) for s in out}
    slots = [s for s in slots if s not in busy]
    promotions = _promotions()
    chosen = rng.sample(slots, k=min(len(promotions), len(slots)))
    for (key, promo_sector, title, description), (day, start, room) in zip(
        promotions, chosen, strict=False
    ):
        add(key, "promotion", day, start, 90, room, promo_sector, title, description)
    out.sort(key=lambda s: (s.day, _minutes(s.start), s.room))
    return out
