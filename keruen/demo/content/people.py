"""Delegates: names in native script and Latin transliteration, job titles, languages."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Each name is "native|latin|cyrillic"; latin defaults to native, cyrillic is derived for
# Cyrillic-script countries (Kazakh/Kyrgyz/Tajik/Mongolian letters replaced by Russian ones).
_NAMES: dict[str, dict[str, str]] = {
    "CN": {
        "male": "伟|Wei|Вэй 强|Qiang|Цян 磊|Lei|Лэй 军|Jun|Цзюнь 建国|Jianguo|Цзяньго "
        "志强|Zhiqiang|Чжицян 海涛|Haitao|Хайтао 文博|Wenbo|Вэньбо 浩然|Haoran|Хаожань "
        "晓东|Xiaodong|Сяодун 宇航|Yuhang|Юйхан 明|Ming|Мин 鹏|Peng|Пэн 俊杰|Junjie|Цзюньцзе "
        "建华|Jianhua|Цзяньхуа 立新|Lixin|Лисинь",
        "female": "芳|Fang|Фан 娜|Na|На 敏|Min|Минь 静|Jing|Цзин 丽|Li|Ли 秀英|Xiuying|Сюин "
        "晓燕|Xiaoyan|Сяоянь 雪梅|Xuemei|Сюэмэй 婷婷|Tingting|Тинтин 佳怡|Jiayi|Цзяи "
        "欣怡|Xinyi|Синьи 慧敏|Huimin|Хуэйминь 玉兰|Yulan|Юйлань 红梅|Hongmei|Хунмэй",
        "family": "王|Wang|Ван 李|Li|Ли 张|Zhang|Чжан 刘|Liu|Лю 陈|Chen|Чэнь 杨|Yang|Ян "
        "赵|Zhao|Чжао 黄|Huang|Хуан 周|Zhou|Чжоу 吴|Wu|У 徐|Xu|Сюй 孙|Sun|Сунь 马|Ma|Ма "
        "胡|Hu|Ху 郭|Guo|Го 何|He|Хэ 高|Gao|Гао 林|Lin|Линь 罗|Luo|Ло 郑|Zheng|Чжэн",
    },
    "KZ": {
        "male": "Нұрлан|Nurlan Ерлан|Erlan Асхат|Askhat Дәурен|Dauren Бауыржан|Bauyrzhan "
        "Арман|Arman Ержан|Erzhan Қайрат|Kairat Серік|Serik Данияр|Daniyar Алмас|Almas "
        "Мұрат|Murat Ғалым|Galym Төлеген|Tolegen Ербол|Yerbol Талғат|Talgat",
        "female": "Айгерім|Aigerim Динара|Dinara Гүлнара|Gulnara Әсел|Assel Жанар|Zhanar "
        "Мадина|Madina Салтанат|Saltanat Айнұр|Ainur Ақмарал|Akmaral Назым|Nazym "
        "Гаухар|Gaukhar Самал|Samal Аружан|Aruzhan Меруерт|Meruert",
        "family": "Сейітов|Seitov Әбдірахманов|Abdrakhmanov Жұмабаев|Zhumabayev "
        "Серікбаев|Serikbayev Омаров|Omarov Қасымов|Kassymov Ахметов|Akhmetov "
        "Бекмұхамбетов|Bekmukhambetov Сәрсенбаев|Sarsenbayev Есенов|Yessenov Мұқанов|Mukanov "
        "Байжанов|Baizhanov Қалиев|Kaliyev Оспанов|Ospanov Әлімжанов|Alimzhanov "
        "Төлегенов|Tolegenov Ибраев|Ibrayev Нұрпейісов|Nurpeisov",
    },
    "RU": {
        "male": "Алексей|Aleksey Дмитрий|Dmitry Сергей|Sergey Андрей|Andrey Михаил|Mikhail "
        "Игорь|Igor Павел|Pavel Николай|Nikolay Владимир|Vladimir Евгений|Yevgeny "
        "Артём|Artyom Константин|Konstantin Олег|Oleg Виктор|Viktor",
        "female": "Елена|Elena Ольга|Olga Наталья|Natalia Татьяна|Tatiana Ирина|Irina "
        "Анна|Anna Мария|Maria Светлана|Svetlana Екатерина|Ekaterina Юлия|Yulia "
        "Ксения|Ksenia Дарья|Daria Марина|Marina",
        "family": "Иванов|Ivanov Смирнов|Smirnov Кузнецов|Kuznetsov Попов|Popov "
        "Соколов|Sokolov Лебедев|Lebedev Козлов|Kozlov Новиков|Novikov Морозов|Morozov "
        "Волков|Volkov Соловьёв|Solovyov Васильев|Vasilyev Зайцев|Zaitsev Павлов|Pavlov "
        "Орлов|Orlov Белов|Belov Громов|Gromov Титов|Titov",
    },
    "UZ": {
        "male": "Aziz|Aziz|Азиз Jasur|Jasur|Жасур Bobur|Bobur|Бобур Sardor|Sardor|Сардор "
        "Otabek|Otabek|Отабек Rustam|Rustam|Рустам Sherzod|Sherzod|Шерзод "
        "Farrux|Farrukh|Фаррух Dilshod|Dilshod|Дилшод Akmal|Akmal|Акмал "
        "Ulug‘bek|Ulugbek|Улугбек Jahongir|Jakhongir|Жахонгир",
        "female": "Dilnoza|Dilnoza|Дилноза Nilufar|Nilufar|Нилуфар Gulnora|Gulnora|Гулнора "
        "Malika|Malika|Малика Shahnoza|Shakhnoza|Шахноза Zarina|Zarina|Зарина "
        "Madina|Madina|Мадина Feruza|Feruza|Феруза Kamola|Kamola|Камола Sevara|Sevara|Севара",
        "family": "Karimov|Karimov|Каримов Yusupov|Yusupov|Юсупов Rahimov|Rakhimov|Рахимов "
        "Abdullayev|Abdullaev|Абдуллаев Nazarov|Nazarov|Назаров Ismoilov|Ismoilov|Исмоилов "
        "Mirzayev|Mirzaev|Мирзаев Saidov|Saidov|Саидов Xo‘jayev|Khodjaev|Ходжаев "
        "Usmonov|Usmonov|Усмонов Tursunov|Tursunov|Турсунов Ergashev|Ergashev|Эргашев",
    },
    "KG": {
        "male": "Айбек|Aibek Нурбек|Nurbek Бакыт|Bakyt Эрлан|Erlan Улан|Ulan Азамат|Azamat "
        "Жыргалбек|Zhyrgalbek Таалай|Taalai Мирлан|Mirlan Канат|Kanat",
        "female": "Айпери|Aiperi Нургүл|Nurgul Жылдыз|Zhyldyz Гүлзат|Gulzat Айжан|Aizhan "
        "Бермет|Bermet Чолпон|Cholpon Асел|Asel Элнура|Elnura",
        "family": "Сыдыков|Sydykov Абдыкадыров|Abdykadyrov Токтогулов|Toktogulov "
        "Осмонов|Osmonov Исаков|Isakov Мамытов|Mamytov Бейшеналиев|Beishenaliev "
        "Турдубаев|Turdubaev Асанов|Asanov Алыбаев|Alybaev",
    },
    "TJ": {
        "male": "Рустам|Rustam Фирӯз|Firuz Далер|Daler Шаҳром|Shahrom Бахтиёр|Bakhtiyor "
        "Ҷамшед|Jamshed Фаридун|Faridun Сино|Sino Умед|Umed Парвиз|Parviz",
        "female": "Мадина|Madina Нигина|Nigina Зарина|Zarina Малика|Malika Гулноза|Gulnoza "
        "Меҳрангез|Mehrangez Фарзона|Farzona Шаҳло|Shahlo Парвина|Parvina",
        "family": "Раҳимов|Rahimov Назаров|Nazarov Саидов|Saidov Шарипов|Sharipov "
        "Қодиров|Qodirov Ҳасанов|Hasanov Давлатов|Davlatov Иброҳимов|Ibrohimov "
        "Каримов|Karimov Юсуфов|Yusufov",
    },
    "TM": {
        "male": "Merdan|Merdan|Мердан Serdar|Serdar|Сердар Döwlet|Dovlet|Довлет "
        "Batyr|Batyr|Батыр Maksat|Maksat|Максат Arslan|Arslan|Арслан Myrat|Murat|Мурат "
        "Begenç|Begench|Бегенч",
        "female": "Aýna|Ayna|Айна Maýsa|Maysa|Майса Jeren|Jeren|Джерен Aýgül|Aygul|Айгуль "
        "Bahar|Bahar|Бахар Selbi|Selbi|Сельби Mähri|Mahri|Махри Leýli|Leyli|Лейли",
        "family": "Orazow|Orazov|Оразов Annaýew|Annayev|Аннаев Gurbanow|Gurbanov|Гурбанов "
        "Meredow|Meredov|Мередов Atayew|Atayev|Атаев Nurmuhammedow|Nurmukhammedov|Нурмухаммедов "
        "Saparow|Saparov|Сапаров Çaryýew|Charyev|Чарыев",
    },
    "MN": {
        "male": "Батбаяр|Batbayar Ганбаатар|Ganbaatar Төмөрбаатар|Tumurbaatar "
        "Эрдэнэбат|Erdenebat Болд|Bold Мөнхбат|Munkhbat Очир|Ochir Энхтүвшин|Enkhtuvshin "
        "Сүхбат|Sukhbat",
        "female": "Оюунчимэг|Oyunchimeg Сарантуяа|Sarantuya Нарантуяа|Narantuya "
        "Болормаа|Bolormaa Энхжаргал|Enkhjargal Мөнхзул|Munkhzul Ариунаа|Ariunaa "
        "Цэцэгмаа|Tsetsegmaa Уранчимэг|Uranchimeg",
        "family": "Дорж|Dorj Пүрэв|Purev Ганбат|Ganbat Лхагвасүрэн|Lkhagvasuren "
        "Очирбат|Ochirbat Батсайхан|Batsaikhan Жаргалсайхан|Jargalsaikhan "
        "Цэрэндорж|Tserendorj Баасанжав|Baasanjav",
    },
    "PK": {
        "male": "محمد|Muhammad|Мухаммад علی|Ali|Али احمد|Ahmed|Ахмед عمران|Imran|Имран "
        "بلال|Bilal|Билал حسن|Hassan|Хасан عثمان|Usman|Усман فیصل|Faisal|Фейсал "
        "کامران|Kamran|Камран ثاقب|Saqib|Сакиб",
        "female": "فاطمہ|Fatima|Фатима عائشہ|Ayesha|Айша ثنا|Sana|Сана مریم|Maryam|Марьям "
        "حنا|Hina|Хина صبا|Saba|Саба زینب|Zainab|Зайнаб نادیہ|Nadia|Надия رابعہ|Rabia|Рабия",
        "family": "خان|Khan|Хан ملک|Malik|Малик قریشی|Qureshi|Куреши چوہدری|Chaudhry|Чаудхри "
        "شیخ|Sheikh|Шейх بٹ|Butt|Батт رضا|Raza|Раза اعوان|Awan|Аван حسین|Hussain|Хуссейн "
        "صدیقی|Siddiqui|Сиддики",
    },
    "TR": {
        "male": "Mehmet|Mehmet|Мехмет Mustafa|Mustafa|Мустафа Ahmet|Ahmet|Ахмет Emre|Emre|Эмре "
        "Burak|Burak|Бурак Murat|Murat|Мурат Can|Can|Джан Kerem|Kerem|Керем "
        "Serkan|Serkan|Серкан Oğuz|Oguz|Огуз Hakan|Hakan|Хакан",
        "female": "Ayşe|Ayse|Айше Elif|Elif|Элиф Zeynep|Zeynep|Зейнеп Fatma|Fatma|Фатма "
        "Merve|Merve|Мерве Selin|Selin|Селин Esra|Esra|Эсра Deniz|Deniz|Дениз "
        "Büşra|Busra|Бюшра Gizem|Gizem|Гизем",
        "family": "Yılmaz|Yilmaz|Йылмаз Kaya|Kaya|Кая Demir|Demir|Демир Şahin|Sahin|Шахин "
        "Çelik|Celik|Челик Yıldız|Yildiz|Йылдыз Aydın|Aydin|Айдын Öztürk|Ozturk|Озтюрк "
        "Arslan|Arslan|Арслан Doğan|Dogan|Доган Koç|Koc|Коч Kılıç|Kilic|Кылыч",
    },
    "AZ": {
        "male": "Elnur|Elnur|Эльнур Rəşad|Rashad|Рашад Tural|Tural|Турал Orxan|Orkhan|Орхан "
        "Vüqar|Vugar|Вугар Elvin|Elvin|Эльвин Kamran|Kamran|Камран Fərid|Farid|Фарид "
        "Ramil|Ramil|Рамиль Nicat|Nijat|Ниджат",
        "female": "Aynur|Aynur|Айнур Günel|Gunel|Гюнель Leyla|Leyla|Лейла Nərmin|Narmin|Нармин "
        "Aysel|Aysel|Айсель Səbinə|Sabina|Сабина Nigar|Nigar|Нигяр Lalə|Lala|Лала "
        "Könül|Konul|Кёнуль",
        "family": "Məmmədov|Mammadov|Мамедов Əliyev|Aliyev|Алиев Hüseynov|Huseynov|Гусейнов "
        "Həsənov|Hasanov|Гасанов Quliyev|Guliyev|Гулиев İsmayılov|Ismayilov|Исмаилов "
        "Abbasov|Abbasov|Аббасов Rzayev|Rzayev|Рзаев Kərimov|Karimov|Керимов "
        "Nəbiyev|Nabiyev|Набиев",
    },
    "HU": {
        "male": "László|Laszlo|Ласло Gábor|Gabor|Габор Zoltán|Zoltan|Золтан Péter|Peter|Петер "
        "Attila|Attila|Аттила Tamás|Tamas|Тамаш András|Andras|Андраш",
        "female": "Katalin|Katalin|Каталин Eszter|Eszter|Эстер Zsófia|Zsofia|Жофия "
        "Anna|Anna|Анна Réka|Reka|Река Judit|Judit|Юдит",
        "family": "Nagy|Nagy|Надь Kovács|Kovacs|Ковач Tóth|Toth|Тот Szabó|Szabo|Сабо "
        "Horváth|Horvath|Хорват Varga|Varga|Варга Kiss|Kiss|Киш Molnár|Molnar|Мольнар",
    },
}

#: countries whose family names take a feminine ending (+а / +a) for women
_GENDERED_FAMILY = {"KZ", "RU", "UZ", "KG", "TJ", "TM", "AZ"}
#: countries that write the family name first
_FAMILY_FIRST = {"CN", "HU"}

_TO_RUSSIAN = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "у",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "Ә": "А",
        "Ғ": "Г",
        "Қ": "К",
        "Ң": "Н",
        "Ө": "У",
        "Ұ": "У",
        "Ү": "У",
        "Һ": "Х",
        "І": "И",
        "ҳ": "х",
        "Ҳ": "Х",
        "ӣ": "и",
        "ӯ": "у",
        "Ӯ": "У",
        "ҷ": "дж",
        "Ҷ": "Дж",
    }
)

ROLES: dict[str, tuple[str, str, str, str]] = {
    "minister": ("Minister", "部长", "Министр", "Министр"),
    "deputy_minister": ("Deputy Minister", "副部长", "Заместитель министра", "Вице-министр"),
    "head_of_department": (
        "Director of Department",
        "司长",
        "Директор департамента",
        "Департамент директоры",
    ),
    "chief_specialist": ("Chief Specialist", "主任科员", "Главный специалист", "Бас маман"),
    "ambassador": ("Ambassador", "大使", "Посол", "Елші"),
    "trade_representative": (
        "Trade Representative",
        "商务参赞",
        "Торговый представитель",
        "Сауда өкілі",
    ),
    "director_general": ("Director General", "局长", "Генеральный директор", "Бас директор"),
    "chairman": ("Chairman of the Board", "董事长", "Председатель правления", "Басқарма төрағасы"),
    "ceo": ("Chief Executive Officer", "总经理", "Генеральный директор", "Бас директор"),
    "deputy_ceo": (
        "Deputy General Director",
        "副总经理",
        "Заместитель генерального директора",
        "Бас директордың орынбасары",
    ),
    "sales_director": (
        "Sales Director",
        "销售总监",
        "Коммерческий директор",
        "Коммерциялық директор",
    ),
    "export_manager": (
        "Export Manager",
        "出口经理",
        "Менеджер по экспорту",
        "Экспорт жөніндегі менеджер",
    ),
    "procurement_manager": (
        "Procurement Manager",
        "采购经理",
        "Менеджер по закупкам",
        "Сатып алу жөніндегі менеджер",
    ),
    "business_development": (
        "Business Development Manager",
        "业务拓展经理",
        "Менеджер по развитию бизнеса",
        "Бизнесті дамыту менеджері",
    ),
    "chief_engineer": ("Chief Engineer", "总工程师", "Главный инженер", "Бас инженер"),
    "project_manager": ("Project Manager", "项目经理", "Руководитель проекта", "Жоба жетекшісі"),
    "investment_director": (
        "Investment Director",
        "投资总监",
        "Директор по инвестициям",
        "Инвестициялар жөніндегі директор",
    ),
    "analyst": ("Analyst", "分析师", "Аналитик", "Талдаушы"),
    "chair_association": ("Chair", "会长", "Председатель", "Төраға"),
    "executive_director": (
        "Executive Director",
        "秘书长",
        "Исполнительный директор",
        "Атқарушы директор",
    ),
    "rector": ("Rector", "校长", "Ректор", "Ректор"),
    "vice_rector": (
        "Vice-Rector for International Relations",
        "主管国际合作的副校长",
        "Проректор по международным связям",
        "Халықаралық байланыстар жөніндегі проректор",
    ),
    "professor": ("Professor", "教授", "Профессор", "Профессор"),
    "researcher": (
        "Senior Researcher",
        "高级研究员",
        "Старший научный сотрудник",
        "Аға ғылыми қызметкер",
    ),
    "editor": ("Editor-in-Chief", "总编辑", "Главный редактор", "Бас редактор"),
    "journalist": ("Journalist", "记者", "Журналист", "Журналист"),
}

#: typical roles (with weights) per organisation type
ROLES_BY_ORG_TYPE: dict[str, tuple[tuple[str, int], ...]] = {
    "government": (
        ("minister", 1),
        ("deputy_minister", 3),
        ("head_of_department", 5),
        ("chief_specialist", 4),
        ("ambassador", 1),
        ("trade_representative", 2),
    ),
    "agency": (
        ("director_general", 2),
        ("head_of_department", 4),
        ("investment_director", 3),
        ("project_manager", 4),
        ("analyst", 3),
    ),
    "association": (
        ("chair_association", 2),
        ("executive_director", 3),
        ("project_manager", 3),
        ("analyst", 2),
    ),
    "university": (("rector", 1), ("vice_rector", 2), ("professor", 5), ("researcher", 4)),
    "media": (("editor", 2), ("journalist", 6)),
    "company": (
        ("chairman", 1),
        ("ceo", 3),
        ("deputy_ceo", 2),
        ("sales_director", 4),
        ("export_manager", 6),
        ("procurement_manager", 4),
        ("business_development", 4),
        ("chief_engineer", 2),
        ("project_manager", 3),
        ("investment_director", 1),
    ),
}

#: (mandatory languages, optional languages with probabilities)
_LANGUAGES: dict[str, tuple[tuple[str, ...], tuple[tuple[str, float], ...]]] = {
    "CN": (("zh",), (("en", 0.45), ("ru", 0.15))),
    "KZ": (("kk", "ru"), (("en", 0.45), ("zh", 0.08))),
    "RU": (("ru",), (("en", 0.45), ("zh", 0.08))),
    "UZ": (("uz", "ru"), (("en", 0.4),)),
    "KG": (("ky", "ru"), (("en", 0.35),)),
    "TJ": (("tg", "ru"), (("en", 0.3),)),
    "TM": (("tk", "ru"), (("en", 0.3),)),
    "MN": (("mn",), (("en", 0.5), ("ru", 0.35), ("zh", 0.1))),
    "PK": (("ur", "en"), (("zh", 0.1),)),
    "TR": (("tr",), (("en", 0.6), ("ru", 0.1))),
    "AZ": (("az", "ru"), (("en", 0.5), ("tr", 0.2))),
    "HU": (("hu", "en"), (("de", 0.2), ("ru", 0.1))),
}

COUNTRIES_WITH_NAMES: tuple[str, ...] = tuple(_NAMES)


@dataclass(frozen=True)
class PersonText:
    """A delegate's name, job title and languages.

    ``given_name``/``family_name`` are in the native script (Han, Cyrillic, Latin or Urdu);
    ``*_latin`` their Latin transliteration and ``*_cyrillic`` a Russian-style Cyrillic
    rendering (for Russian and Kazakh interfaces). ``job_title`` is keyed by UI language
    (en, zh-hans, ru, kk); ``languages`` are ISO 639-1 codes, most fluent first.
    """

    country: str
    gender: str
    given_name: str
    family_name: str
    given_name_latin: str
    family_name_latin: str
    given_name_cyrillic: str
    family_name_cyrillic: str
    family_name_first: bool
    role: str
    job_title: dict[str, str]
    languages: tuple[str, ...]

    @property
    def full_name(self) -> str:
        if self.country == "CN":
            return f"{self.family_name}{self.given_name}"
        if self.family_name_first:
            return f"{self.family_name} {self.given_name}"
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name_latin(self) -> str:
        if self.family_name_first:
            return f"{self.family_name_latin} {self.given_name_latin}"
        return f"{self.given_name_latin} {self.family_name_latin}"

    @property
    def full_name_cyrillic(self) -> str:
        if self.family_name_first:
            return f"{self.family_name_cyrillic} {self.given_name_cyrillic}"
        return f"{self.given_name_cyrillic} {self.family_name_cyrillic}"

    @property
    def email_local_part(self) -> str:
        """A plausible e-mail local part, e.g. ``wang.wei`` or ``aigerim.seitova``."""
        given = self.given_name_latin.lower().replace(" ", "").replace("'", "")
        family = self.family_name_latin.lower().replace(" ", "").replace("'", "")
        return f"{given}.{family}"


def _entry(raw: str) -> tuple[str, str, str]:
    parts = raw.split("|")
    native = parts[0]
    latin = parts[1] if len(parts) > 1 else native
    cyrillic = parts[2] if len(parts) > 2 else native.translate(_TO_RUSSIAN)
    return native, latin, cyrillic


def _feminine(native: str, latin: str, cyrillic: str, country: str) -> tuple[str, str, str]:
    if country not in _GENDERED_FAMILY:
        return native, latin, cyrillic
    cyr_suffix = "а"
    native_suffix = "а" if country in ("KZ", "RU", "KG", "TJ") else "a"
    return native + native_suffix, latin + "a", cyrillic + cyr_suffix


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    names = [name for name, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(names, weights=weights, k=1)[0]


def person(
    rng: random.Random,
    *,
    country: str,
    gender: str | None = None,
    role: str | None = None,
    org_type: str | None = None,
) -> PersonText:
    """A delegate from ``country`` (ISO alpha-2; unknown countries get Kazakh-style names).

    ``gender`` is "female" or "male" (random if None); ``role`` a key of :data:`ROLES`
    (chosen to fit ``org_type`` when None, default "company").
    """
    table = _NAMES.get(country, _NAMES["KZ"])
    name_country = country if country in _NAMES else "KZ"
    if gender is None:
        gender = "female" if rng.random() < 0.42 else "male"
    if gender not in ("female", "male"):
        raise ValueError(f"unknown gender {gender!r}")
    if role is None:
        role = _weighted(
            rng, ROLES_BY_ORG_TYPE.get(org_type or "company", ROLES_BY_ORG_TYPE["company"])
        )
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    given = _entry(rng.choice(table[gender].split()))
    family = _entry(rng.choice(table["family"].split()))
    if gender == "female":
        family = _feminine(*family, name_country)
    mandatory, optional = _LANGUAGES.get(name_country, (("ru",), (("en", 0.4),)))
    languages = list(mandatory)
    for code, probability in optional:
        if rng.random() < probability and code not in languages:
            languages.append(code)
    if role in ("ambassador", "trade_representative", "vice_rector", "journalist") and (
        "en" not in languages
    ):
        languages.append("en")
    en, zh, ru, kk = ROLES[role]
    return PersonText(
        country=country,
        gender=gender,
        given_name=given[0],
        family_name=family[0],
        given_name_latin=given[1],
        family_name_latin=family[1],
        given_name_cyrillic=given[2],
        family_name_cyrillic=family[2],
        family_name_first=name_country in _FAMILY_FIRST,
        role=role,
        job_title={"en": en, "zh-hans": zh, "ru": ru, "kk": kk},
        languages=tuple(languages),
    )
