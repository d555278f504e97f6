"""Places (cities, border crossings, project sites) with the grammatical forms the templates need.

Each place has a name in English and Chinese, the Russian nominative, genitive and prepositional
(locative) forms, and the Kazakh nominative, locative, ablative and dative forms. Templates use
``{city.nom}``, ``{city.gen}``, ``{city.loc}``, ``{city.abl}`` and ``{city.dat}``; in English and
Chinese every form is the plain name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """One place: ``key`` plus names and case forms."""

    key: str
    en: str
    zh: str
    ru: tuple[str, str, str]  # nominative, genitive, locative (after «в»)
    kk: tuple[str, str, str, str]  # nominative, locative, ablative, dative
    country: str


@dataclass(frozen=True)
class Forms:
    """The forms of one place in one language (``str(forms)`` is the nominative)."""

    nom: str
    gen: str
    loc: str
    abl: str
    dat: str

    def __str__(self) -> str:
        return self.nom

    def __format__(self, spec: str) -> str:
        return format(self.nom, spec)


def _p(key: str, country: str, en: str, zh: str, ru: str, kk: str) -> Place:
    r = ru.split("|")
    k = kk.split("|")
    if len(r) == 1:
        r = [r[0]] * 3
    if len(k) == 1:
        base = k[0]
        k = [base, f"{base} қаласында", f"{base} қаласынан", f"{base} қаласына"]
    return Place(key, en, zh, (r[0], r[1], r[2]), (k[0], k[1], k[2], k[3]), country)


_PLACES = [
    _p("urumqi", "CN", "Ürümqi", "乌鲁木齐", "Урумчи", "Үрімжі|Үрімжіде|Үрімжіден|Үрімжіге"),
    _p(
        "kashgar",
        "CN",
        "Kashgar",
        "喀什",
        "Кашгар|Кашгара|Кашгаре",
        "Қашқар|Қашқарда|Қашқардан|Қашқарға",
    ),
    _p(
        "khorgos",
        "CN",
        "Khorgos",
        "霍尔果斯",
        "Хоргос|Хоргоса|Хоргосе",
        "Қорғас|Қорғаста|Қорғастан|Қорғасқа",
    ),
    _p(
        "karamay",
        "CN",
        "Karamay",
        "克拉玛依",
        "Карамай|Карамая|Карамае",
        "Қарамай|Қарамайда|Қарамайдан|Қарамайға",
    ),
    _p("xian", "CN", "Xi'an", "西安", "Сиань|Сианя|Сиане", "Сиань"),
    _p(
        "chongqing",
        "CN",
        "Chongqing",
        "重庆",
        "Чунцин|Чунцина|Чунцине",
        "Чунцин|Чунцинде|Чунциннен|Чунцинге",
    ),
    _p("chengdu", "CN", "Chengdu", "成都", "Чэнду", "Чэнду|Чэндуда|Чэндудан|Чэндуға"),
    _p(
        "lianyungang",
        "CN",
        "Lianyungang",
        "连云港",
        "Ляньюньган|Ляньюньгана|Ляньюньгане",
        "Ляньюньган",
    ),
    _p("yiwu", "CN", "Yiwu", "义乌", "Иу", "Иу"),
    _p(
        "guangzhou",
        "CN",
        "Guangzhou",
        "广州",
        "Гуанчжоу",
        "Гуанчжоу|Гуанчжоуда|Гуанчжоудан|Гуанчжоуға",
    ),
    _p("shenzhen", "CN", "Shenzhen", "深圳", "Шэньчжэнь|Шэньчжэня|Шэньчжэне", "Шэньчжэнь"),
    _p(
        "shanghai",
        "CN",
        "Shanghai",
        "上海",
        "Шанхай|Шанхая|Шанхае",
        "Шанхай|Шанхайда|Шанхайдан|Шанхайға",
    ),
    _p(
        "beijing",
        "CN",
        "Beijing",
        "北京",
        "Пекин|Пекина|Пекине",
        "Бейжің|Бейжіңде|Бейжіңнен|Бейжіңге",
    ),
    _p("qingdao", "CN", "Qingdao", "青岛", "Циндао", "Циндао|Циндаода|Циндаодан|Циндаоға"),
    _p("almaty", "KZ", "Almaty", "阿拉木图", "Алматы", "Алматы|Алматыда|Алматыдан|Алматыға"),
    _p(
        "astana",
        "KZ",
        "Astana",
        "阿斯塔纳",
        "Астана|Астаны|Астане",
        "Астана|Астанада|Астанадан|Астанаға",
    ),
    _p(
        "shymkent",
        "KZ",
        "Shymkent",
        "奇姆肯特",
        "Шымкент|Шымкента|Шымкенте",
        "Шымкент|Шымкентте|Шымкенттен|Шымкентке",
    ),
    _p(
        "karaganda",
        "KZ",
        "Karaganda",
        "卡拉干达",
        "Караганда|Караганды|Караганде",
        "Қарағанды|Қарағандыда|Қарағандыдан|Қарағандыға",
    ),
    _p("aktau", "KZ", "Aktau", "阿克套", "Актау", "Ақтау|Ақтауда|Ақтаудан|Ақтауға"),
    _p("aktobe", "KZ", "Aktobe", "阿克托别", "Актобе", "Ақтөбе|Ақтөбеде|Ақтөбеден|Ақтөбеге"),
    _p(
        "pavlodar",
        "KZ",
        "Pavlodar",
        "巴甫洛达尔",
        "Павлодар|Павлодара|Павлодаре",
        "Павлодар|Павлодарда|Павлодардан|Павлодарға",
    ),
    _p(
        "kostanay",
        "KZ",
        "Kostanay",
        "科斯塔奈",
        "Костанай|Костаная|Костанае",
        "Қостанай|Қостанайда|Қостанайдан|Қостанайға",
    ),
    _p("atyrau", "KZ", "Atyrau", "阿特劳", "Атырау", "Атырау|Атырауда|Атыраудан|Атырауға"),
    _p(
        "turkistan",
        "KZ",
        "Turkistan",
        "突厥斯坦",
        "Туркестан|Туркестана|Туркестане",
        "Түркістан|Түркістанда|Түркістаннан|Түркістанға",
    ),
    _p(
        "kyzylorda",
        "KZ",
        "Kyzylorda",
        "克孜勒奥尔达",
        "Кызылорда|Кызылорды|Кызылорде",
        "Қызылорда|Қызылордада|Қызылордадан|Қызылордаға",
    ),
    _p(
        "zhanatas",
        "KZ",
        "Zhanatas",
        "扎纳塔斯",
        "Жанатас|Жанатаса|Жанатасе",
        "Жаңатас|Жаңатаста|Жаңатастан|Жаңатасқа",
    ),
    _p(
        "dostyk",
        "KZ",
        "Dostyk",
        "多斯特克",
        "Достык|Достыка|Достыке",
        "Достық|Достықта|Достықтан|Достыққа",
    ),
    _p(
        "tashkent",
        "UZ",
        "Tashkent",
        "塔什干",
        "Ташкент|Ташкента|Ташкенте",
        "Ташкент|Ташкентте|Ташкенттен|Ташкентке",
    ),
    _p(
        "samarkand",
        "UZ",
        "Samarkand",
        "撒马尔罕",
        "Самарканд|Самарканда|Самарканде",
        "Самарқанд|Самарқандта|Самарқандтан|Самарқандқа",
    ),
    _p("navoi", "UZ", "Navoi", "纳沃伊", "Навои", "Навои|Навоиде|Навоиден|Навоиге"),
    _p(
        "bukhara",
        "UZ",
        "Bukhara",
        "布哈拉",
        "Бухара|Бухары|Бухаре",
        "Бұхара|Бұхарада|Бұхарадан|Бұхараға",
    ),
    _p(
        "fergana",
        "UZ",
        "Fergana",
        "费尔干纳",
        "Фергана|Ферганы|Фергане",
        "Ферғана|Ферғанада|Ферғанадан|Ферғанаға",
    ),
    _p(
        "andijan",
        "UZ",
        "Andijan",
        "安集延",
        "Андижан|Андижана|Андижане",
        "Әндіжан|Әндіжанда|Әндіжаннан|Әндіжанға",
    ),
    _p(
        "termez",
        "UZ",
        "Termez",
        "铁尔梅兹",
        "Термез|Термеза|Термезе",
        "Термез|Термезде|Термезден|Термезге",
    ),
    _p(
        "bishkek",
        "KG",
        "Bishkek",
        "比什凯克",
        "Бишкек|Бишкека|Бишкеке",
        "Бішкек|Бішкекте|Бішкектен|Бішкекке",
    ),
    _p("osh", "KG", "Osh", "奥什", "Ош|Оша|Оше", "Ош|Ошта|Оштан|Ошқа"),
    _p("dushanbe", "TJ", "Dushanbe", "杜尚别", "Душанбе", "Душанбе|Душанбеде|Душанбеден|Душанбеге"),
    _p(
        "khujand",
        "TJ",
        "Khujand",
        "苦盏",
        "Худжанд|Худжанда|Худжанде",
        "Хұжанд|Хұжандта|Хұжандтан|Хұжандқа",
    ),
    _p(
        "ashgabat",
        "TM",
        "Ashgabat",
        "阿什哈巴德",
        "Ашхабад|Ашхабада|Ашхабаде",
        "Ашхабад|Ашхабадта|Ашхабадтан|Ашхабадқа",
    ),
    _p(
        "turkmenbashi",
        "TM",
        "Turkmenbashi",
        "土库曼巴希",
        "Туркменбаши",
        "Түрікменбашы|Түрікменбашыда|Түрікменбашыдан|Түрікменбашыға",
    ),
    _p("mary", "TM", "Mary", "马雷", "Мары", "Мары|Марыда|Марыдан|Марыға"),
    _p(
        "moscow",
        "RU",
        "Moscow",
        "莫斯科",
        "Москва|Москвы|Москве",
        "Мәскеу|Мәскеуде|Мәскеуден|Мәскеуге",
    ),
    _p("kazan", "RU", "Kazan", "喀山", "Казань|Казани|Казани", "Қазан|Қазанда|Қазаннан|Қазанға"),
    _p(
        "samara",
        "RU",
        "Samara",
        "萨马拉",
        "Самара|Самары|Самаре",
        "Самара|Самарада|Самарадан|Самараға",
    ),
    _p(
        "barnaul",
        "RU",
        "Barnaul",
        "巴尔瑙尔",
        "Барнаул|Барнаула|Барнауле",
        "Барнаул|Барнаулда|Барнаулдан|Барнаулға",
    ),
    _p(
        "ulaanbaatar",
        "MN",
        "Ulaanbaatar",
        "乌兰巴托",
        "Улан-Батор|Улан-Батора|Улан-Баторе",
        "Ұланбатыр|Ұланбатырда|Ұланбатырдан|Ұланбатырға",
    ),
    _p(
        "erdenet",
        "MN",
        "Erdenet",
        "额尔登特",
        "Эрдэнэт|Эрдэнэта|Эрдэнэте",
        "Эрдэнэт|Эрдэнэтте|Эрдэнэттен|Эрдэнэтке",
    ),
    _p("lahore", "PK", "Lahore", "拉合尔", "Лахор|Лахора|Лахоре", "Лахор|Лахорда|Лахордан|Лахорға"),
    _p("karachi", "PK", "Karachi", "卡拉奇", "Карачи", "Карачи|Карачиде|Карачиден|Карачиге"),
    _p(
        "gwadar",
        "PK",
        "Gwadar",
        "瓜达尔",
        "Гвадар|Гвадара|Гвадаре",
        "Гвадар|Гвадарда|Гвадардан|Гвадарға",
    ),
    _p(
        "istanbul",
        "TR",
        "Istanbul",
        "伊斯坦布尔",
        "Стамбул|Стамбула|Стамбуле",
        "Стамбұл|Стамбұлда|Стамбұлдан|Стамбұлға",
    ),
    _p(
        "ankara",
        "TR",
        "Ankara",
        "安卡拉",
        "Анкара|Анкары|Анкаре",
        "Анкара|Анкарада|Анкарадан|Анкараға",
    ),
    _p(
        "mersin",
        "TR",
        "Mersin",
        "梅尔辛",
        "Мерсин|Мерсина|Мерсине",
        "Мерсин|Мерсинде|Мерсиннен|Мерсинге",
    ),
    _p("baku", "AZ", "Baku", "巴库", "Баку", "Баку|Бакуде|Бакуден|Бакуге"),
    _p(
        "sumgait",
        "AZ",
        "Sumgait",
        "苏姆盖特",
        "Сумгаит|Сумгаита|Сумгаите",
        "Сумгаит|Сумгаитте|Сумгаиттен|Сумгаитке",
    ),
    _p(
        "budapest",
        "HU",
        "Budapest",
        "布达佩斯",
        "Будапешт|Будапешта|Будапеште",
        "Будапешт|Будапештте|Будапешттен|Будапештке",
    ),
]

PLACES: dict[str, Place] = {p.key: p for p in _PLACES}


def forms(place: Place, lang: str) -> Forms:
    """The case forms of ``place`` in ``lang`` (one of en, zh, ru, kk)."""
    if lang == "ru":
        nom, gen, loc = place.ru
        return Forms(nom, gen, loc, gen, nom)
    if lang == "kk":
        nom, loc, abl, dat = place.kk
        return Forms(nom, nom, loc, abl, dat)
    name = place.zh if lang == "zh" else place.en
    return Forms(name, name, name, name, name)
