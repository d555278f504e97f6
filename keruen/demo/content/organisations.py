"""Organisations: names in four languages, descriptions, domains, sizes and cities."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ._labels import SECTOR_LABELS, UI_LANGUAGES, to_ui_language
from .catalogue import SECTORS, families_by_sector
from .countries import COUNTRY_PROFILES, CountryProfile
from .opportunities import _noun_forms, _values
from .people import _TO_RUSSIAN
from .places import PLACES, forms

ORG_TYPES = ("company", "government", "agency", "association", "university", "media")
SIZES = ("micro", "small", "medium", "large")


@dataclass(frozen=True)
class OrganisationText:
    """An organisation's texts.

    ``names`` and ``descriptions`` are keyed by UI language (en, zh-hans, ru, kk);
    ``native_name`` is the name in the country's own language and script;
    ``description_language`` (a key of ``descriptions``) is the organisation's main language,
    the one its own description is written in; the other versions are translations.
    ``city`` is a place key (see :mod:`.places`), ``city_names`` its name by UI language.
    """

    country: str
    sector: str
    org_type: str
    names: dict[str, str]
    native_name: str
    legal_form: str
    description_language: str
    descriptions: dict[str, str]
    website: str
    size: str
    city: str
    city_names: dict[str, str]


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-–]+", _slug(text).replace("-", " ")) if w]
    skip = {"of", "the", "and", "for", "in"}
    return "".join(w[0] for w in words if w not in skip)


def _q(rng: random.Random, options: str) -> tuple[str, ...]:
    return tuple(rng.choice(options.split(";")).split("|"))


# --------------------------------------------------------------------------- companies

_CN_PREFIXES = (
    # zh | en | ru/kk | kk | cities
    "新疆|Xinjiang|Синьцзян|Шыңжаң|urumqi kashgar khorgos karamay",
    "乌鲁木齐|Urumqi|Урумчи|Үрімжі|urumqi",
    "西安|Xi'an|Сиань|Сиань|xian",
    "重庆|Chongqing|Чунцин|Чунцин|chongqing",
    "山东|Shandong|Шаньдун|Шаньдун|qingdao",
    "四川|Sichuan|Сычуань|Сычуань|chengdu",
    "江苏|Jiangsu|Цзянсу|Цзянсу|lianyungang",
    "浙江|Zhejiang|Чжэцзян|Чжэцзян|yiwu",
    "广东|Guangdong|Гуандун|Гуандун|guangzhou shenzhen",
    "陕西|Shaanxi|Шэньси|Шэньси|xian",
    "北京|Beijing|Пекин|Бейжің|beijing",
    "上海|Shanghai|Шанхай|Шанхай|shanghai",
)
_CN_BRANDS = [
    "天山|Tianshan|Тяньшань",
    "丝路|Silu|Сылу",
    "金桥|Jinqiao|Цзиньцяо",
    "华信|Huaxin|Хуасинь",
    "远航|Yuanhang|Юаньхан",
    "宏达|Hongda|Хунда",
    "瑞丰|Ruifeng|Жуйфэн",
    "恒通|Hengtong|Хэнтун",
    "博远|Boyuan|Боюань",
    "星辰|Xingchen|Синчэнь",
    "昆仑|Kunlun|Куньлунь",
    "鑫源|Xinyuan|Синьюань",
    "中鼎|Zhongding|Чжундин",
    "嘉禾|Jiahe|Цзяхэ",
    "雪莲|Xuelian|Сюэлянь",
    "驼铃|Tuoling|Толин",
    "新洲|Xinzhou|Синьчжоу",
    "润泽|Runze|Жуньцзэ",
    "晟源|Shengyuan|Шэнъюань",
    "瀚海|Hanhai|Ханьхай",
    "绿洲|Lvzhou|Лючжоу",
    "安泰|Antai|Аньтай",
    "华拓|Huatuo|Хуато",
    "天沐|Tianmu|Тяньму",
]

# sector → (zh|en words; ru company phrase; kk company phrase)
_CN_WORDS: dict[str, tuple[str, str, str]] = {
    "energy": (
        "新能源|New Energy;电力设备|Power Equipment;光伏科技|Photovoltaic Technology",
        "Энергетическая компания",
        "энергетика компаниясы",
    ),
    "infrastructure": (
        "建设工程|Construction Engineering;路桥|Road and Bridge;建材|Building Materials",
        "Строительная компания",
        "құрылыс компаниясы",
    ),
    "logistics": (
        "国际物流|International Logistics;供应链管理|Supply Chain Management;"
        "国际货运代理|International Freight Forwarding",
        "Логистическая компания",
        "логистика компаниясы",
    ),
    "agriculture": (
        "农业科技|Agricultural Technology;食品|Food;农牧|Agriculture and Animal Husbandry",
        "Агропромышленная компания",
        "агроөнеркәсіп компаниясы",
    ),
    "mining": (
        "矿业|Mining;有色金属|Non-Ferrous Metals;矿山机械|Mining Machinery",
        "Горнодобывающая компания",
        "тау-кен компаниясы",
    ),
    "technology": (
        "信息技术|Information Technology;智能科技|Smart Technology;电子|Electronics",
        "Технологическая компания",
        "технология компаниясы",
    ),
    "textiles": (
        "纺织|Textile;服饰|Apparel;棉业|Cotton",
        "Текстильная компания",
        "тоқыма компаниясы",
    ),
    "chemicals": (
        "化工|Chemical;新材料|New Materials;化肥|Fertilizer",
        "Химическая компания",
        "химия компаниясы",
    ),
    "health": (
        "医药|Pharmaceutical;医疗器械|Medical Devices;生物科技|Biotechnology",
        "Фармацевтическая компания",
        "фармацевтика компаниясы",
    ),
    "education": (
        "教育科技|Education Technology;教学设备|Teaching Equipment",
        "Образовательная компания",
        "білім беру компаниясы",
    ),
    "tourism": (
        "国际旅行社|International Travel Service;文化旅游|Culture and Tourism;"
        "酒店管理|Hotel Management",
        "Туристическая компания",
        "туризм компаниясы",
    ),
    "finance": (
        "投资|Investment;融资租赁|Financial Leasing;保险经纪|Insurance Brokerage",
        "Инвестиционная компания",
        "инвестиция компаниясы",
    ),
    "water": (
        "水务|Water;节水灌溉|Water-Saving Irrigation;水处理|Water Treatment",
        "Водохозяйственная компания",
        "су шаруашылығы компаниясы",
    ),
    "environment": (
        "环保科技|Environmental Technology;再生资源|Recycling Resources;"
        "环境工程|Environmental Engineering",
        "Экологическая компания",
        "экология компаниясы",
    ),
}

# geo prefix pieces per country: latin|kk-or-ru Cyrillic|zh; a "*" marks short prefixes that
# are written together with the root (QazAgro), others take a hyphen (Alatau-Agro).
_GEO: dict[str, str] = {
    "KZ": "*Qaz|Қаз|哈萨克;Alatau|Алатау|阿拉套;Ertis|Ертіс|额尔齐斯;Saryarka|Сарыарқа|萨雷阿尔卡;"
    "Zhetysu|Жетісу|七河;Dala|Дала|草原;Altyn|Алтын|金色;Tengri|Тәңір|腾格里;Turan|Тұран|图兰;"
    "Samal|Самал|萨马尔;Aqjol|Ақжол|阿克乔尔;Kazygurt|Қазығұрт|卡兹古尔特",
    "UZ": "*Uz|Уз|乌兹;Turon|Турон|图兰;Zarafshon|Зарафшан|泽拉夫尚;Oltin|Олтин|金色;"
    "Sharq|Шарк|东方;Ipak|Ипак|丝绸;Navruz|Навруз|纳吾鲁孜;Fargona|Фергана|费尔干纳",
    "KG": "Ala-Too|Ала-Тоо|阿拉套;Manas|Манас|玛纳斯;Issyk-Kul|Иссык-Куль|伊塞克湖;"
    "Tenir|Тенир|腾格里;*Kyrgyz|Кыргыз|吉尔吉斯",
    "TJ": "Pamir|Памир|帕米尔;Somon|Сомон|索蒙;Sughd|Согд|索格德;Vakhsh|Вахш|瓦赫什;"
    "*Tojik|Таджик|塔吉克",
    "TM": "*Turkmen|Туркмен|土库曼;Garagum|Каракум|卡拉库姆;Ahal|Ахал|阿哈尔;"
    "Lebap|Лебап|列巴普;Balkan|Балкан|巴尔坎",
    "RU": "*Sib|Сиб|西伯;Ural|Урал|乌拉尔;Volga|Волга|伏尔加;Altai|Алтай|阿尔泰;"
    "Sever|Север|北方;*Ros|Рос|俄",
    "MN": "*Mongol|Монгол|蒙古;Khangai|Хангай|杭爱;Gobi|Говь|戈壁;Tuul|Туул|图拉;"
    "Erdene|Эрдэнэ|额尔德尼",
    "AZ": "*Azer|Азер|阿塞;Xazar|Хазар|里海;Shirvan|Ширван|希尔万;Absheron|Абшерон|阿布歇隆;"
    "Qafqaz|Кавказ|高加索",
    "PK": "Indus|Индус|印度河;Punjab|Пенджаб|旁遮普;Karakoram|Каракорум|喀喇昆仑;"
    "Sindh|Синд|信德;Crescent|Кресент|新月",
    "TR": "Anadolu|Анадолу|安纳托利亚;Ege|Эге|爱琴;Toros|Торос|托罗斯;Marmara|Мармара|马尔马拉;"
    "Kapadokya|Каппадокия|卡帕多奇亚",
    "HU": "Duna|Дуна|多瑙;Pannonia|Паннония|潘诺尼亚;Tisza|Тиса|蒂萨;Matra|Матра|马特拉",
}

_ROOTS: dict[str, str] = {
    "energy": "Energo|Энерго|能源;!Kuat|Қуат|电力",
    "infrastructure": "Stroy|Строй|建设;!Kurylys|Құрылыс|建筑",
    "logistics": "Trans|Транс|运输;Logistic|Логистик|物流",
    "agriculture": "Agro|Агро|农业;!Astyk|Астық|粮食",
    "mining": "!Ken|Кен|矿业;Metall|Металл|金属;Geo|Гео|地质",
    "technology": "Tech|Тех|科技;Soft|Софт|软件;Digital|Диджитал|数字",
    "textiles": "Textile|Текстиль|纺织;!Mata|Мата|面料",
    "chemicals": "Chem|Хим|化工;Polymer|Полимер|聚合物",
    "health": "Pharm|Фарм|医药;Med|Мед|医疗",
    "education": "Edu|Эду|教育;!Bilim|Білім|知识",
    "tourism": "Tour|Тур|旅游;!Sayakhat|Саяхат|旅行",
    "finance": "Invest|Инвест|投资;Capital|Капитал|资本",
    "water": "Aqua|Аква|水务;!Su|Су|水利",
    "environment": "Eco|Эко|环保;Green|Грин|绿色",
}
_SUFFIXES = (
    "Export|Экспорт|出口;Service|Сервис|服务;Group|Групп|集团;Holding|Холдинг|控股;"
    "Prom|Пром|实业;Impex|Импэкс|进出口;Trade|Трейд|贸易;||"
)

# legal forms: native pattern; ru pattern; kk pattern; en suffix; zh suffix (weights by order)
_LEGAL: dict[str, tuple[tuple[str, str, str, str, str], ...]] = {
    "KZ": (
        ("«{kk}» ЖШС", "ТОО «{ru}»", "«{kk}» ЖШС", "LLP", "有限责任合伙企业"),
        ("«{kk}» АҚ", "АО «{ru}»", "«{kk}» АҚ", "JSC", "股份公司"),
    ),
    "UZ": (
        ("“{lat}” MChJ", "ООО «{ru}»", "«{ru}» ЖШҚ", "LLC", "有限责任公司"),
        ("“{lat}” AJ", "АО «{ru}»", "«{ru}» АҚ", "JSC", "股份公司"),
    ),
    "KG": (("«{ru}» ЖЧК", "ОсОО «{ru}»", "«{ru}» ЖШҚ", "LLC", "有限责任公司"),),
    "TJ": (("ҶДММ «{ru}»", "ООО «{ru}»", "«{ru}» ЖШҚ", "LLC", "有限责任公司"),),
    "TM": (("«{lat}» HJ", "ХО «{ru}»", "«{ru}» ШС", "LLC", "有限责任公司"),),
    "RU": (
        ("ООО «{ru}»", "ООО «{ru}»", "«{ru}» ЖШҚ", "LLC", "有限责任公司"),
        ("АО «{ru}»", "АО «{ru}»", "«{ru}» АҚ", "JSC", "股份公司"),
    ),
    "MN": (("{ru} ХХК", "ООО «{ru}»", "«{ru}» ЖШҚ", "LLC", "有限责任公司"),),
    "AZ": (
        ("“{lat}” MMC", "ООО «{ru}»", "«{ru}» ЖШҚ", "LLC", "有限责任公司"),
        ("“{lat}” ASC", "АО «{ru}»", "«{ru}» АҚ", "JSC", "股份公司"),
    ),
    "PK": (
        (
            "{lat} (Pvt.) Ltd.",
            "Компания «{ru}»",
            "«{ru}» компаниясы",
            "(Pvt.) Ltd.",
            "私营有限公司",
        ),
    ),
    "TR": (
        ("{lat} A.Ş.", "АО «{ru}»", "«{ru}» АҚ", "Inc.", "股份公司"),
        ("{lat} Ltd. Şti.", "ООО «{ru}»", "«{ru}» ЖШҚ", "Ltd.", "有限公司"),
    ),
    "HU": (
        ("{lat} Kft.", "ООО «{ru}»", "«{ru}» ЖШҚ", "Ltd.", "有限公司"),
        ("{lat} Zrt.", "АО «{ru}»", "«{ru}» АҚ", "PLC", "股份有限公司"),
    ),
}
_SPACED = {"PK", "TR", "HU"}


def _company_name(
    rng: random.Random, country: str, sector: str
) -> tuple[dict[str, str], str, str, str, str]:
    """Return (names, native name, legal form, website, city key)."""
    profile = COUNTRY_PROFILES[country]
    if country == "CN":
        zh_p, en_p, ru_p, kk_p, cities = rng.choice(_CN_PREFIXES).split("|")
        b_zh, b_en, b_ru = rng.choice(_CN_BRANDS).split("|")
        words, ru_company, kk_company = _CN_WORDS[sector]
        w_zh, w_en = rng.choice(words.split(";")).split("|")
        legal_zh = rng.choice(("有限公司", "有限公司", "股份有限公司"))
        names = {
            "en": f"{en_p} {b_en} {w_en} Co., Ltd.",
            "zh-hans": f"{zh_p}{b_zh}{w_zh}{legal_zh}",
            "ru": f"{ru_company} «{b_ru}» ({ru_p})",
            "kk": f"«{b_ru}» {kk_company} ({kk_p})",
        }
        website = f"{b_en.lower()}-{_slug(w_en).replace('-', '')}.com.cn"
        return names, names["zh-hans"], legal_zh, website, rng.choice(cities.split())
    geo = rng.choice(_GEO.get(country, _GEO["KZ"]).split(";"))
    short = geo.startswith("*")
    g_lat, g_cyr, g_zh = geo.lstrip("*").split("|")
    roots = [r for r in _ROOTS[sector].split(";") if country == "KZ" or not r.startswith("!")]
    r_lat, r_cyr, r_zh = rng.choice(roots).lstrip("!").split("|")
    s_lat, s_cyr, s_zh = rng.choice(_SUFFIXES.split(";")).split("|")
    if country in _SPACED:
        lat = " ".join(p for p in (g_lat, r_lat, s_lat) if p)
        cyr = " ".join(p for p in (g_cyr, r_cyr, s_cyr) if p)
    elif short:
        lat, cyr = g_lat + r_lat + s_lat, g_cyr + r_cyr + s_cyr
    else:
        lat = f"{g_lat}-{r_lat}" + (f" {s_lat}" if s_lat else "")
        cyr = f"{g_cyr}-{r_cyr}" + (f" {s_cyr}" if s_cyr else "")
    kk_brand = cyr
    ru_brand = cyr.translate(_TO_RUSSIAN)
    if country != "KZ":
        kk_brand = ru_brand
    zh_brand = g_zh + r_zh + s_zh
    legal = _LEGAL.get(country, _LEGAL["RU"])
    native_p, ru_p, kk_p, en_s, zh_s = legal[0] if rng.random() < 0.75 else rng.choice(legal)
    values = {"lat": lat, "ru": ru_brand, "kk": kk_brand}
    names = {
        "en": f"{lat} {en_s}",
        "zh-hans": f"{zh_brand}{zh_s}",
        "ru": ru_p.format(**values),
        "kk": kk_p.format(**values),
    }
    native = native_p.format(**values)
    website = f"{_slug(lat).replace('-', '')}.{profile.tld}"
    legal_form = en_s
    return names, native, legal_form, website, rng.choice(profile.cities)


# --------------------------------------------------------------------------- public bodies

# ministry key → (en domain, zh, ru, kk, sectors)
_MINISTRIES: dict[str, tuple[str, str, str, str, str]] = {
    "trade": ("Trade", "贸易部", "Министерство торговли", "Сауда министрлігі", "logistics"),
    "energy": ("Energy", "能源部", "Министерство энергетики", "Энергетика министрлігі", "energy"),
    "agriculture": (
        "Agriculture",
        "农业部",
        "Министерство сельского хозяйства",
        "Ауыл шаруашылығы министрлігі",
        "agriculture",
    ),
    "industry": (
        "Industry and Construction",
        "工业和建设部",
        "Министерство промышленности и строительства",
        "Өнеркәсіп және құрылыс министрлігі",
        "infrastructure mining chemicals textiles",
    ),
    "transport": (
        "Transport",
        "交通部",
        "Министерство транспорта",
        "Көлік министрлігі",
        "logistics infrastructure",
    ),
    "digital": (
        "Digital Development",
        "数字发展部",
        "Министерство цифрового развития",
        "Цифрлық даму министрлігі",
        "technology",
    ),
    "economy": ("Economy", "经济部", "Министерство экономики", "Экономика министрлігі", "finance"),
    "finance": ("Finance", "财政部", "Министерство финансов", "Қаржы министрлігі", "finance"),
    "health": (
        "Health",
        "卫生部",
        "Министерство здравоохранения",
        "Денсаулық сақтау министрлігі",
        "health",
    ),
    "education": (
        "Science and Higher Education",
        "科学和高等教育部",
        "Министерство науки и высшего образования",
        "Ғылым және жоғары білім министрлігі",
        "education",
    ),
    "water": (
        "Water Resources",
        "水资源部",
        "Министерство водных ресурсов",
        "Су ресурстары министрлігі",
        "water",
    ),
    "ecology": (
        "Ecology and Natural Resources",
        "生态和自然资源部",
        "Министерство экологии и природных ресурсов",
        "Экология және табиғи ресурстар министрлігі",
        "environment",
    ),
    "tourism": (
        "Culture and Tourism",
        "文化和旅游部",
        "Министерство культуры и туризма",
        "Мәдениет және туризм министрлігі",
        "tourism",
    ),
    "foreign": (
        "Foreign Affairs",
        "外交部",
        "Министерство иностранных дел",
        "Сыртқы істер министрлігі",
        "",
    ),
}
# Xinjiang departments: zh | en | ru | kk | sectors
_XJ_DEPARTMENTS = (
    "商务厅|Department of Commerce|Департамент коммерции|Сауда департаменті|logistics finance",
    "发展和改革委员会|Development and Reform Commission|Комитет по развитию и реформам|"
    "Даму және реформалар комитеті|energy finance infrastructure",
    "农业农村厅|Department of Agriculture and Rural Affairs|Департамент сельского хозяйства и "
    "сельских дел|Ауыл шаруашылығы және ауыл істері департаменті|agriculture",
    "交通运输厅|Department of Transport|Департамент транспорта|Көлік департаменті|"
    "logistics infrastructure",
    "工业和信息化厅|Department of Industry and Information Technology|Департамент "
    "промышленности и информатизации|Өнеркәсіп және ақпараттандыру департаменті|"
    "technology chemicals textiles mining",
    "文化和旅游厅|Department of Culture and Tourism|Департамент культуры и туризма|"
    "Мәдениет және туризм департаменті|tourism",
    "水利厅|Department of Water Resources|Департамент водных ресурсов|Су ресурстары "
    "департаменті|water",
    "生态环境厅|Department of Ecology and Environment|Департамент экологии и окружающей среды|"
    "Экология және қоршаған орта департаменті|environment",
    "卫生健康委员会|Health Commission|Комитет здравоохранения|Денсаулық сақтау комитеті|health",
    "教育厅|Department of Education|Департамент образования|Білім департаменті|education",
)


def _government_name(rng: random.Random, profile: CountryProfile, sector: str) -> dict[str, str]:
    if profile.code == "CN":
        fitting = [d for d in _XJ_DEPARTMENTS if sector in d.split("|")[4].split()]
        zh, en, ru, kk, _ = rng.choice(fitting or list(_XJ_DEPARTMENTS)).split("|")
        return {
            "en": f"{en} of the Xinjiang Uygur Autonomous Region",
            "zh-hans": f"新疆维吾尔自治区{zh}",
            "ru": f"{ru} Синьцзян-Уйгурского автономного района",
            "kk": f"Шыңжаң Ұйғыр автономиялық ауданының {kk}",
        }
    if rng.random() < 0.2:
        place = PLACES[rng.choice(profile.cities)]
        ru_f, kk_f = forms(place, "ru"), forms(place, "kk")
        if profile.code == "KZ":
            return {
                "en": f"Akimat of {place.en}",
                "zh-hans": f"{place.zh}市政府",
                "ru": f"Акимат города {ru_f.gen}",
                "kk": f"{kk_f.nom} қаласының әкімдігі",
            }
        if profile.code == "UZ":
            return {
                "en": f"Khokimiyat of {place.en}",
                "zh-hans": f"{place.zh}市政府",
                "ru": f"Хокимият города {ru_f.gen}",
                "kk": f"{kk_f.nom} қаласының хәкімдігі",
            }
        return {
            "en": f"{place.en} City Hall",
            "zh-hans": f"{place.zh}市政府",
            "ru": f"Мэрия города {ru_f.gen}",
            "kk": f"{kk_f.nom} қаласының мэриясы",
        }
    fitting_keys = [k for k, v in _MINISTRIES.items() if sector in v[4].split()]
    if not fitting_keys or rng.random() < 0.25:
        fitting_keys = ["trade", "economy", "foreign"]
    key = rng.choice(fitting_keys)
    en, zh, ru, kk, _ = _MINISTRIES[key]
    if profile.code == "KZ" and key == "trade":
        en, zh, ru, kk = (
            "Trade and Integration",
            "贸易和一体化部",
            "Министерство торговли и интеграции",
            "Сауда және интеграция министрлігі",
        )
    official = profile.official
    return {
        "en": f"Ministry of {en} of {official['en']}",
        "zh-hans": f"{official['zh-hans']}{zh}",
        "ru": f"{ru} {official['ru']}",
        "kk": f"{official['kk']} {kk}",
    }


def _agency_name(rng: random.Random, profile: CountryProfile) -> dict[str, str]:
    place = PLACES[rng.choice(profile.cities)]
    ru_f, kk_f = forms(place, "ru"), forms(place, "kk")
    if profile.code == "CN":
        options = [
            {
                "en": "China Council for the Promotion of International Trade, "
                "Xinjiang Sub-Council",
                "zh-hans": "中国国际贸易促进委员会新疆维吾尔自治区分会",
                "ru": "Синьцзянское отделение Китайского комитета содействия развитию "
                "международной торговли",
                "kk": "Халықаралық сауданы дамытуға жәрдемдесу жөніндегі Қытай комитетінің Шыңжаң "
                "бөлімшесі",
            },
            {
                "en": f"{place.en} Investment Promotion Bureau",
                "zh-hans": f"{place.zh}市投资促进局",
                "ru": f"Бюро содействия инвестициям города {ru_f.gen}",
                "kk": f"{kk_f.nom} қаласының инвестицияларға жәрдемдесу бюросы",
            },
            {
                "en": "Administrative Committee of the Khorgos Economic Development Zone",
                "zh-hans": "霍尔果斯经济开发区管理委员会",
                "ru": "Администрация экономической зоны развития Хоргос",
                "kk": "Қорғас экономикалық даму аймағының әкімшілігі",
            },
            {
                "en": "Administration of the China–Kazakhstan Khorgos International Border "
                "Cooperation Centre",
                "zh-hans": "中哈霍尔果斯国际边境合作中心管理委员会",
                "ru": "Администрация Международного центра приграничного сотрудничества «Хоргос»",
                "kk": "«Қорғас» халықаралық шекара маңы ынтымақтастығы орталығының әкімшілігі",
            },
        ]
        return rng.choice(options)
    names = profile.names
    gen = profile.genitive
    options = [
        {
            "en": f"National Investment Promotion Agency of {names['en']}",
            "zh-hans": f"{names['zh-hans']}国家投资促进署",
            "ru": f"Национальное агентство по продвижению инвестиций {gen['ru']}",
            "kk": f"{gen['kk']} Инвестицияларды ілгерілету жөніндегі ұлттық агенттігі",
        },
        {
            "en": f"{names['en']} Export Promotion Centre",
            "zh-hans": f"{names['zh-hans']}出口促进中心",
            "ru": f"Центр поддержки экспорта {gen['ru']}",
            "kk": f"{gen['kk']} Экспортты қолдау орталығы",
        },
        {
            "en": f"Administration of the {place.en} Special Economic Zone",
            "zh-hans": f"{place.zh}经济特区管理局",
            "ru": f"Администрация специальной экономической зоны «{ru_f.nom}»",
            "kk": f"«{kk_f.nom}» арнайы экономикалық аймағының әкімшілігі",
        },
    ]
    return rng.choice(options)


_ASSOCIATIONS: dict[str, tuple[str, str, str, str]] = {
    "energy": (
        "Association of Renewable Energy",
        "可再生能源协会",
        "Ассоциация возобновляемой энергетики",
        "Жаңартылатын энергетика қауымдастығы",
    ),
    "infrastructure": (
        "Union of Builders",
        "建筑商联合会",
        "Союз строителей",
        "Құрылысшылар одағы",
    ),
    "logistics": (
        "Association of Freight Forwarders and Carriers",
        "货运代理和承运人协会",
        "Ассоциация экспедиторов и перевозчиков",
        "Экспедиторлар мен тасымалдаушылар қауымдастығы",
    ),
    "agriculture": ("Grain Union", "粮食联盟", "Зерновой союз", "Астық одағы"),
    "mining": (
        "Association of Mining and Metallurgical Enterprises",
        "矿业冶金企业协会",
        "Ассоциация горнодобывающих и горно-металлургических предприятий",
        "Тау-кен және тау-кен металлургия кәсіпорындарының қауымдастығы",
    ),
    "technology": (
        "Association of IT Companies",
        "信息技术企业协会",
        "Ассоциация ИТ-компаний",
        "IT-компаниялар қауымдастығы",
    ),
    "textiles": (
        "Association of Textile and Garment Manufacturers",
        "纺织服装生产商协会",
        "Ассоциация производителей текстиля и одежды",
        "Тоқыма және киім өндірушілер қауымдастығы",
    ),
    "chemicals": (
        "Union of the Chemical Industry",
        "化学工业联合会",
        "Союз химической промышленности",
        "Химия өнеркәсібі одағы",
    ),
    "health": (
        "Association of Pharmaceutical Manufacturers",
        "制药企业协会",
        "Ассоциация фармацевтических производителей",
        "Фармацевтика өндірушілерінің қауымдастығы",
    ),
    "education": (
        "Association of Universities",
        "大学联合会",
        "Ассоциация вузов",
        "Жоғары оқу орындарының қауымдастығы",
    ),
    "tourism": (
        "Tourism Association",
        "旅游协会",
        "Туристская ассоциация",
        "Туристік қауымдастығы",
    ),
    "finance": (
        "Association of Financiers",
        "金融家协会",
        "Ассоциация финансистов",
        "Қаржыгерлер қауымдастығы",
    ),
    "water": (
        "Association of Water Users",
        "用水户协会",
        "Ассоциация водопользователей",
        "Су пайдаланушылар қауымдастығы",
    ),
    "environment": (
        "Association of Waste Management Enterprises",
        "废物管理企业协会",
        "Ассоциация предприятий по обращению с отходами",
        "Қалдықтарды басқару кәсіпорындарының қауымдастығы",
    ),
}
_CHAMBER = (
    "Chamber of Commerce and Industry",
    "工商会",
    "Торгово-промышленная палата",
    "Сауда-өнеркәсіп палатасы",
)


def _association_name(rng: random.Random, profile: CountryProfile, sector: str) -> dict[str, str]:
    en, zh, ru, kk = _CHAMBER if rng.random() < 0.2 else _ASSOCIATIONS[sector]
    if profile.code == "CN" and rng.random() < 0.6:
        where = {"en": "Xinjiang", "zh-hans": "新疆", "ru": "Синьцзяна", "kk": "Шыңжаңның"}
    else:
        where = {
            "en": profile.names["en"],
            "zh-hans": profile.names["zh-hans"],
            "ru": profile.genitive["ru"],
            "kk": profile.genitive["kk"],
        }
    return {
        "en": f"{where['en']} {en}",
        "zh-hans": f"{where['zh-hans']}{zh}",
        "ru": f"{ru} {where['ru']}",
        "kk": f"{where['kk']} {kk}",
    }


# field: en | zh | ru adjective | kk | sectors
_UNIVERSITY_FIELDS = (
    "Technical|理工|Технический|техникалық|technology infrastructure environment",
    "Agrarian|农业|Аграрный|аграрлық|agriculture water",
    "Economic|财经|Экономический|экономикалық|finance logistics",
    "Medical|医科|Медицинский|медициналық|health",
    "Pedagogical|师范|Педагогический|педагогикалық|education",
    "Energy|能源|Энергетический|энергетикалық|energy",
    "Mining|矿业|Горный|тау-кен|mining",
    "Transport|交通|Транспортный|көлік|logistics",
    "Textile|纺织|Текстильный|тоқыма|textiles",
    "Chemical Technology|化工|Химико-технологический|химия-технологиялық|chemicals",
    "International|国际|Международный|халықаралық|tourism education finance",
)


def _university_name(
    rng: random.Random, profile: CountryProfile, sector: str, city: str
) -> dict[str, str]:
    fitting = [f for f in _UNIVERSITY_FIELDS if sector in f.split("|")[4].split()]
    en, zh, ru, kk, _ = rng.choice(fitting or list(_UNIVERSITY_FIELDS)).split("|")
    place = PLACES[city]
    ru_f, kk_f = forms(place, "ru"), forms(place, "kk")
    zh_where = "新疆" if profile.code == "CN" and rng.random() < 0.5 else place.zh
    en_where = "Xinjiang" if zh_where == "新疆" else place.en
    ru_where = "Синьцзяна" if zh_where == "新疆" else ru_f.gen
    kk_where = "Шыңжаң" if zh_where == "新疆" else kk_f.nom
    return {
        "en": f"{en_where} {en} University",
        "zh-hans": f"{zh_where}{zh}大学",
        "ru": f"{ru} университет {ru_where}",
        "kk": f"{kk_where} {kk} университеті",
    }


def _media_name(rng: random.Random, profile: CountryProfile, city: str) -> dict[str, str]:
    place = PLACES[city]
    ru_f, kk_f = forms(place, "ru"), forms(place, "kk")
    names, gen = profile.names, profile.genitive
    options = [
        (
            "Eurasia Business Review",
            "欧亚商业评论",
            "Евразийское деловое обозрение",
            "Еуразия іскерлік шолуы",
        ),
        (
            "Silk Road Trade News",
            "丝路贸易新闻",
            "Торговые новости Шёлкового пути",
            "Жібек жолы сауда жаңалықтары",
        ),
        (
            f"{place.en} Economic Herald",
            f"{place.zh}经济导报",
            f"Экономический вестник {ru_f.gen}",
            f"{kk_f.nom} экономикалық жаршысы",
        ),
        (
            f"{place.en} Business TV",
            f"{place.zh}商业电视台",
            f"Деловое телевидение {ru_f.gen}",
            f"{kk_f.nom} іскерлік телеарнасы",
        ),
        (
            "Central Asia Investment Digest",
            "中亚投资文摘",
            "Инвестиционный дайджест Центральной Азии",
            "Орталық Азия инвестициялық дайджесті",
        ),
        (
            f"{names['en']} Industry Weekly",
            f"{names['zh-hans']}工业周刊",
            f"Промышленный еженедельник {gen['ru']}",
            f"{gen['kk']} өнеркәсіп апталығы",
        ),
        (
            f"{names['en']} Business News Agency",
            f"{names['zh-hans']}商业新闻社",
            f"Деловое информационное агентство {gen['ru']}",
            f"{gen['kk']} іскерлік ақпарат агенттігі",
        ),
    ]
    en, zh, ru, kk = rng.choice(options)
    return {"en": en, "zh-hans": zh, "ru": ru, "kk": kk}


# --------------------------------------------------------------------------- descriptions


def _pair(a: dict[str, str], b: dict[str, str] | None, lang: str) -> dict[str, str]:
    if b is None:
        return {"nom": a["item"], "gen": a["item_gen"], "acc": a["item_acc"]}
    join = {"en": " and ", "zh": "和", "ru": " и ", "kk": " және "}[lang]
    if lang == "kk":
        return {
            "nom": a["item"] + join + b["item"],
            "gen": a["item"] + join + b["item"],
            "acc": a["item"] + join + b["item_acc"],
        }
    return {
        "nom": a["item"] + join + b["item"],
        "gen": a["item_gen"] + join + b["item_gen"],
        "acc": a["item_acc"] + join + b["item_acc"],
    }


_COMPANY_DESC = {
    "goods": (
        "Based in {city.nom}, the company produces and supplies {p[nom]} and exports to {n} "
        "countries.",
        "公司总部位于{city.nom}，主要生产和供应{p[nom]}，产品出口至{n}个国家和地区。",
        "Компания из {city.gen} производит и поставляет {p[acc]}, экспорт — в {n} стран.",
        "{city.loc} орналасқан компания {p[acc]} өндіріп, жеткізеді, өнімі {n} елге экспортталады.",
    ),
    "service": (
        "Based in {city.nom}, the company provides {p[nom]} to clients in {n} countries.",
        "公司总部位于{city.nom}，为{n}个国家的客户提供{p[nom]}。",
        "Компания из {city.gen} работает в сфере {p[gen]} для клиентов из {n} стран.",
        "{city.loc} орналасқан компания {n} елдің клиенттеріне {p[nom]} саласында қызмет "
        "көрсетеді.",
    ),
}
_SIZE_DESC = {
    "micro": (
        "A family business founded in {founded}.",
        "公司成立于{founded}年，为家族企业。",
        "Семейная компания, основана в {founded} году.",
        "{founded} жылы құрылған отбасылық компания.",
    ),
    "small": (
        "A family business founded in {founded}.",
        "公司成立于{founded}年，为家族企业。",
        "Семейная компания, основана в {founded} году.",
        "{founded} жылы құрылған отбасылық компания.",
    ),
    "medium": (
        "Founded in {founded}, the company employs about {emp} people.",
        "公司成立于{founded}年，员工约{emp}人。",
        "Компания основана в {founded} году, в ней работает около {emp} человек.",
        "Компания {founded} жылы құрылған, онда шамамен {emp} адам жұмыс істейді.",
    ),
    "large": (
        "One of the leading companies of its sector, with {emp} employees and its own "
        "research centre.",
        "行业龙头企业之一，员工{emp}人，拥有自己的研发中心。",
        "Одна из ведущих компаний отрасли: {emp} сотрудников и собственный "
        "научно-исследовательский центр.",
        "Саладағы жетекші компаниялардың бірі: {emp} қызметкері және өз ғылыми-зерттеу "
        "орталығы бар.",
    ),
}
_OTHER_DESC = {
    "government": (
        "A government body responsible for policy in {field[en]}. It coordinates "
        "intergovernmental cooperation projects with the countries of the region.",
        "负责{field[zh]}领域政策的政府机构，协调与本地区各国的政府间合作项目。",
        "Государственный орган, отвечающий за политику в сфере {field[ru]}. Координирует "
        "межправительственные проекты сотрудничества со странами региона.",
        "{field[kk]} саласындағы саясатқа жауапты мемлекеттік орган. Өңір елдерімен "
        "үкіметаралық ынтымақтастық жобаларын үйлестіреді.",
    ),
    "agency": (
        "The agency supports foreign investors at every stage, from choosing a site to "
        "launching production, and works as a one-stop shop for permits.",
        "该机构为外国投资者提供从选址到投产的全流程支持，并提供审批“一站式”服务。",
        "Агентство сопровождает иностранных инвесторов на всех этапах, от выбора площадки до "
        "запуска производства, и работает по принципу «одного окна».",
        "Агенттік шетелдік инвесторларды алаң таңдаудан бастап өндірісті іске қосуға дейін "
        "барлық кезеңде сүйемелдейді және «бір терезе» қағидатымен жұмыс істейді.",
    ),
    "association": (
        "The association unites {n} companies working in {field[en]} and represents their "
        "interests in dialogue with the government and foreign partners.",
        "该协会汇聚{n}家{field[zh]}领域企业，在与政府和外国合作伙伴的对话中代表会员利益。",
        "Ассоциация объединяет {n} компаний в сфере {field[ru]} и представляет их интересы в "
        "диалоге с государством и зарубежными партнёрами.",
        "Қауымдастық {field[kk]} саласындағы {n} компанияны біріктіреді және олардың мүддесін "
        "мемлекетпен және шетелдік серіктестермен диалогта білдіреді.",
    ),
    "university": (
        "A university with {k} thousand students that trains specialists in {field[en]} and "
        "runs joint programmes with partners in China and Russia.",
        "拥有{k}千名学生的大学，培养{field[zh]}领域的专业人才，并与中国和俄罗斯的合作院校开展联合"
        "培养项目。",
        "Университет, в котором учатся {k} тыс. студентов, готовит специалистов в сфере "
        "{field[ru]} и реализует совместные программы с партнёрами из Китая и России.",
        "{k} мың студенті бар университет {field[kk]} саласының мамандарын даярлайды және Қытай "
        "мен Ресейдегі серіктестермен бірлескен бағдарламаларды іске асырады.",
    ),
    "media": (
        "A business outlet covering trade and investment between China and Central Asia, with a "
        "daily news feed and a weekly review.",
        "报道中国与中亚贸易投资的财经媒体，提供每日新闻和每周评论。",
        "Деловое издание о торговле и инвестициях между Китаем и Центральной Азией: ежедневная "
        "лента новостей и еженедельный обзор.",
        "Қытай мен Орталық Азия арасындағы сауда мен инвестиция туралы іскерлік басылым: "
        "күнделікті жаңалықтар таспасы және апталық шолу.",
    ),
}
_LANG_INDEX = {"en": 0, "zh": 1, "ru": 2, "kk": 3}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _descriptions(
    rng: random.Random, *, country: str, sector: str, org_type: str, size: str, city: str
) -> dict[str, str]:
    out: dict[str, str] = {}
    if org_type == "company":
        families = families_by_sector()[sector]
        prefer = "service" if sector in ("finance", "tourism") else "goods"
        nature = prefer if rng.random() < 0.75 else ("goods" if prefer == "service" else "service")
        pool = [f for f in families if f.nature == nature] or [
            f for f in families if f.nature in ("goods", "service")
        ]
        nature = pool[0].nature
        chosen = rng.sample(pool, k=min(2, len(pool)))
        rendered = []
        for family in chosen:
            per_lang, _ = _values(rng, family, country)
            rendered.append(
                {lang: _noun_forms(family, lang, per_lang[lang]) for lang in _LANG_INDEX}
            )
        n = str(rng.choice((5, 6, 8, 10, 12, 15, 18, 20)))
        founded = str(rng.randint(1992, 2021))
        emp = (
            rng.choice(("60", "80", "120", "150", "250", "400"))
            if size == "medium"
            else rng.choice(("1200", "2500", "3500", "8000"))
        )
        for lang, index in _LANG_INDEX.items():
            place = forms(PLACES[city], lang)
            pair = _pair(rendered[0][lang], rendered[1][lang] if len(rendered) > 1 else None, lang)
            first = _COMPANY_DESC[nature][index].format(city=place, p=pair, n=n)
            second = _SIZE_DESC[size][index].format(founded=founded, emp=emp)
            out[to_ui_language(lang)] = _cap(first) + ("" if lang == "zh" else " ") + _cap(second)
        return out
    en, zh, _ru_nom, ru_gen, kk = SECTOR_LABELS[sector]
    field = {"en": en.lower(), "zh": zh, "ru": ru_gen, "kk": kk.lower()}
    n = rng.choice(("45", "60", "120", "180", "250"))
    k = rng.choice(("8", "12", "18", "25"))
    for lang, index in _LANG_INDEX.items():
        text = _OTHER_DESC[org_type][index].format(field=field, n=n, k=k)
        out[to_ui_language(lang)] = _cap(text)
    return out


def _size(rng: random.Random, org_type: str) -> str:
    weights = {
        "company": (1, 3, 4, 2),
        "government": (0, 0, 1, 3),
        "agency": (0, 1, 3, 1),
        "association": (1, 3, 2, 0),
        "university": (0, 0, 2, 3),
        "media": (1, 3, 2, 0),
    }[org_type]
    return rng.choices(SIZES, weights=weights, k=1)[0]


def _description_language(rng: random.Random, profile: CountryProfile) -> str:
    codes = list(profile.content_languages)
    weights = [profile.content_languages[c] for c in codes]
    return to_ui_language(rng.choices(codes, weights=weights, k=1)[0])


def organisation(
    rng: random.Random, *, country: str, sector: str, org_type: str
) -> OrganisationText:
    """An organisation of ``org_type`` from ``country`` (ISO alpha-2) working in ``sector``."""
    if country not in COUNTRY_PROFILES:
        raise ValueError(f"unknown country {country!r}")
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    if org_type not in ORG_TYPES:
        raise ValueError(f"unknown organisation type {org_type!r}")
    profile = COUNTRY_PROFILES[country]
    size = _size(rng, org_type)
    legal_form = ""
    if org_type == "company":
        names, native, legal_form, website, city = _company_name(rng, country, sector)
    else:
        city = (
            profile.cities[0]
            if org_type in ("government", "agency") and (rng.random() < 0.7)
            else rng.choice(profile.cities)
        )
        if org_type == "government":
            names = _government_name(rng, profile, sector)
        elif org_type == "agency":
            names = _agency_name(rng, profile)
        elif org_type == "association":
            names = _association_name(rng, profile, sector)
        elif org_type == "university":
            names = _university_name(rng, profile, sector, city)
        else:
            names = _media_name(rng, profile, city)
        native = _native_name(names, profile)
        suffix = {"government": f"gov.{profile.tld}", "university": f"edu.{profile.tld}"}.get(
            org_type, profile.tld if country != "CN" else "org.cn"
        )
        website = f"{_initials(names['en'])}.{suffix}"
    place = PLACES[city]
    city_names = {"en": place.en, "zh-hans": place.zh, "ru": place.ru[0], "kk": place.kk[0]}
    descriptions = _descriptions(
        rng, country=country, sector=sector, org_type=org_type, size=size, city=city
    )
    return OrganisationText(
        country=country,
        sector=sector,
        org_type=org_type,
        names=names,
        native_name=native,
        legal_form=legal_form,
        description_language=_description_language(rng, profile),
        descriptions=descriptions,
        website=website,
        size=size,
        city=city,
        city_names=city_names,
    )


def _native_name(names: dict[str, str], profile: CountryProfile) -> str:
    first = profile.languages[0]
    key: Any = {"zh": "zh-hans", "kk": "kk", "ru": "ru"}.get(first)
    if key is None:
        key = "ru" if "ru" in profile.languages else "en"
    return names[key]


__all__ = ["ORG_TYPES", "SIZES", "UI_LANGUAGES", "OrganisationText", "organisation"]
