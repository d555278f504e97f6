"""Sector labels and language-code helpers."""

from __future__ import annotations

#: UI language codes (Django) and the content codes used for opportunities
UI_LANGUAGES = ("en", "zh-hans", "ru", "kk")
CONTENT_LANGUAGES = ("en", "zh", "ru", "kk")


def to_ui_language(code: str) -> str:
    """Content language (en, zh, ru, kk) to UI language key (en, zh-hans, ru, kk)."""
    return "zh-hans" if code == "zh" else code


def to_content_language(code: str) -> str:
    """UI language key to content language code."""
    return "zh" if code.startswith("zh") else code


#: sector → (en, zh, ru nominative, ru genitive, kk)
SECTOR_LABELS: dict[str, tuple[str, str, str, str, str]] = {
    "energy": ("Energy", "能源", "Энергетика", "энергетики", "Энергетика"),
    "infrastructure": (
        "Infrastructure and construction",
        "基础设施与建设",
        "Инфраструктура и строительство",
        "инфраструктуры и строительства",
        "Инфрақұрылым және құрылыс",
    ),
    "logistics": (
        "Logistics and trade facilitation",
        "物流与贸易便利化",
        "Логистика и содействие торговле",
        "логистики и содействия торговле",
        "Логистика және сауданы жеңілдету",
    ),
    "agriculture": (
        "Agriculture and food",
        "农业与食品",
        "Сельское хозяйство и продовольствие",
        "сельского хозяйства и продовольствия",
        "Ауыл шаруашылығы және азық-түлік",
    ),
    "mining": (
        "Mining and metals",
        "矿业与冶金",
        "Горнодобывающая промышленность и металлургия",
        "горнодобывающей промышленности и металлургии",
        "Тау-кен өндірісі және металлургия",
    ),
    "technology": (
        "Digital technology",
        "数字技术",
        "Цифровые технологии",
        "цифровых технологий",
        "Цифрлық технологиялар",
    ),
    "textiles": (
        "Textiles and clothing",
        "纺织服装",
        "Текстиль и одежда",
        "текстиля и одежды",
        "Тоқыма және киім",
    ),
    "chemicals": (
        "Chemicals and new materials",
        "化工与新材料",
        "Химическая промышленность и новые материалы",
        "химической промышленности и новых материалов",
        "Химия өнеркәсібі және жаңа материалдар",
    ),
    "health": (
        "Health and pharmaceuticals",
        "医疗与医药",
        "Здравоохранение и фармацевтика",
        "здравоохранения и фармацевтики",
        "Денсаулық сақтау және фармацевтика",
    ),
    "education": (
        "Education and science",
        "教育与科技",
        "Образование и наука",
        "образования и науки",
        "Білім және ғылым",
    ),
    "tourism": (
        "Culture and tourism",
        "文化旅游",
        "Культура и туризм",
        "культуры и туризма",
        "Мәдениет және туризм",
    ),
    "finance": (
        "Finance and investment",
        "金融与投资",
        "Финансы и инвестиции",
        "финансов и инвестиций",
        "Қаржы және инвестиция",
    ),
    "water": (
        "Water management",
        "水利",
        "Водное хозяйство",
        "водного хозяйства",
        "Су шаруашылығы",
    ),
    "environment": (
        "Environment and green development",
        "生态环保与绿色发展",
        "Экология и зелёное развитие",
        "экологии и зелёного развития",
        "Экология және жасыл даму",
    ),
}


def sector_label(sector: str) -> dict[str, str]:
    """The sector's label keyed by UI language."""
    en, zh, ru, _ru_gen, kk = SECTOR_LABELS[sector]
    return {"en": en, "zh-hans": zh, "ru": ru, "kk": kk}
