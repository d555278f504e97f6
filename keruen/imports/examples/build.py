"""Write the example files from the rows below: ``python -m keruen.imports.examples.build``.

The rows are the single source: the CSV (UTF-8 with a byte-order mark, so that Excel shows
Cyrillic and Chinese correctly when the file is double-clicked) and the XLSX (the rows on a
sheet named after the kind, every column described on a second sheet) are made from them.
Import organisations, then participants, then opportunities: they refer to each other.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

EXAMPLE_ROWS: dict[str, list[dict[str, str]]] = {
    "organisations": [
        {
            "code": "kaz-grain",
            "name_en": "KazGrain Holding",
            "name_zh": "哈萨克粮食控股",
            "name_ru": "КазГрейн Холдинг",
            "name_kk": "ҚазГрейн Холдинг",
            "description_en": "Grain grower and exporter from northern Kazakhstan: wheat, barley "
            "and oilseeds, with its own elevators on the railway to China.",
            "description_ru": "Производитель и экспортёр зерна из Северного Казахстана: пшеница, "
            "ячмень и масличные, собственные элеваторы на железной дороге в Китай.",
            "language": "ru",
            "type": "company",
            "country": "KZ",
            "city": "Astana",
            "sectors": "01;10",
            "hs_codes": "10;12",
            "size": "large",
            "website": "https://kazgrain.example.com",
            "is_exhibitor": "yes",
        },
        {
            "code": "xj-agrimach",
            "name_en": "Xinjiang Agricultural Machinery Co.",
            "name_zh": "新疆农业机械有限公司",
            "description_zh": "为旱作农业生产拖拉机、播种机和联合收割机。",
            "language": "zh",
            "country": "CN",
            "city": "Ürümqi",
            "sectors": "28",
            "hs_codes": "84;87",
            "size": "medium",
            "website": "xj-agrimach.example.com",
            "is_exhibitor": "yes",
        },
        {
            "code": "uz-textile",
            "name_ru": "Ташкентский хлопковый текстиль",
            "description_ru": "Прядение, ткачество и крашение хлопка полного цикла.",
            "type": "company",
            "country": "UZ",
            "city": "Tashkent",
            "sectors": "13",
            "hs_codes": "52",
            "size": "medium",
            "is_exhibitor": "no",
        },
        {
            "code": "kz-invest",
            "name_en": "Kazakh Invest National Company",
            "name_ru": "Национальная компания «Kazakh Invest»",
            "name_kk": "«Kazakh Invest» ұлттық компаниясы",
            "description_kk": "Қазақстанға шетелдік инвестиция тартатын ұлттық компания.",
            "language": "kk",
            "type": "agency",
            "country": "KZ",
            "city": "Astana",
            "size": "large",
        },
        {
            "code": "silkroad-logistics",
            "name_en": "Silk Road Logistics",
            "name_zh": "丝路物流",
            "name_ru": "Логистика Шёлкового пути",
            "description_en": "Container block trains between China, Central Asia and Europe.",
            "language": "en",
            "country": "RU",
            "city": "Novosibirsk",
            "sectors": "49;52",
            "size": "small",
            "website": "https://silkroad-logistics.example.com",
        },
    ],
    "participants": [
        {
            "email": "aigerim.nurlanova@example.com",
            "given_name": "Айгерим",
            "family_name": "Нурланова",
            "name_latin": "Aigerim Nurlanova",
            "organisation_code": "kaz-grain",
            "role": "exhibitor",
            "status": "approved",
            "title_en": "Export director",
            "title_ru": "Директор по экспорту",
            "title_kk": "Экспорт жөніндегі директор",
            "languages": "kk;ru;en",
            "public_listing": "yes",
            "contact_email": "export@kazgrain.example.com",
            "phone": "+7 701 555 0101",
            "target_countries": "CN;UZ",
        },
        {
            "email": "wang.lei@example.com",
            "given_name": "磊",
            "family_name": "王",
            "name_latin": "Wang Lei",
            "organisation_code": "xj-agrimach",
            "role": "exhibitor",
            "title_en": "Sales manager, Central Asia",
            "title_zh": "中亚区销售经理",
            "languages": "zh;en",
            "public_listing": "yes",
            "phone": "+86 991 555 0102",
            "messenger": "WeChat: wanglei_xj",
            "target_countries": "KZ;UZ;KG",
        },
        {
            "email": "dilshod.karimov@example.net",
            "given_name": "Дилшод",
            "family_name": "Каримов",
            "name_latin": "Dilshod Karimov",
            "organisation_code": "uz-textile",
            "role": "business",
            "title_ru": "Коммерческий директор",
            "languages": "uz;ru",
            "public_listing": "no",
            "target_countries": "CN;TR",
        },
        {
            "email": "yerlan.abenov@example.com",
            "given_name": "Ерлан",
            "family_name": "Әбенов",
            "name_latin": "Yerlan Abenov",
            "organisation_code": "kz-invest",
            "role": "government",
            "title_en": "Deputy chairman",
            "title_ru": "Заместитель председателя правления",
            "title_kk": "Басқарма төрағасының орынбасары",
            "languages": "kk;ru;en",
            "public_listing": "yes",
        },
        {
            "email": "olga.smirnova@example.org",
            "given_name": "Ольга",
            "family_name": "Смирнова",
            "name_latin": "Olga Smirnova",
            "organisation_code": "silkroad-logistics",
            "title_en": "Head of rail freight",
            "title_ru": "Руководитель железнодорожных перевозок",
            "languages": "ru;en",
            "contact_email": "rail@silkroad-logistics.example.com",
        },
    ],
    "opportunities": [
        {
            "organisation_code": "kaz-grain",
            "author_email": "aigerim.nurlanova@example.com",
            "direction": "offer",
            "kind": "product",
            "language": "ru",
            "title": "Продовольственная пшеница 3 класса, до 50 000 т в год",
            "body": "Поставляем пшеницу 3 класса урожая 2026 года с элеваторов Акмолинской "
            "области. Протеин от 12,5 %, отгрузка вагонами через Достык – Алашанькоу.",
            "title_en": "Class 3 milling wheat, up to 50,000 t a year",
            "body_en": "Class 3 wheat of the 2026 harvest from elevators in the Akmola region. "
            "Protein from 12.5 %, shipped by rail via Dostyk – Alashankou.",
            "title_zh": "三级食用小麦，每年最多5万吨",
            "body_zh": "供应阿克莫拉州粮仓2026年产三级小麦，蛋白质含量12.5%以上，"
            "经多斯特克—阿拉山口铁路发运。",
            "sectors": "01",
            "hs_codes": "10",
            "target_countries": "CN;UZ",
            "status": "published",
        },
        {
            "organisation_code": "xj-agrimach",
            "author_email": "wang.lei@example.com",
            "direction": "offer",
            "kind": "product",
            "language": "zh",
            "title": "大马力拖拉机及免耕播种机",
            "body": "为中亚旱作农业提供180马力拖拉机和免耕播种机，"
            "在阿拉木图和塔什干提供配件库和操作培训。",
            "title_en": "High-power tractors and no-till seeders",
            "body_en": "180 hp tractors and no-till seeders for dryland farming in Central Asia, "
            "with spare-parts stores and operator training in Almaty and Tashkent.",
            "sectors": "28",
            "hs_codes": "84;87",
            "target_countries": "KZ;UZ;KG",
        },
        {
            "organisation_code": "uz-textile",
            "author_email": "dilshod.karimov@example.net",
            "direction": "request",
            "kind": "partnership",
            "language": "ru",
            "title": "Ищем поставщика красильно-отделочного оборудования",
            "body": "Хлопковый текстильный комбинат в Ташкенте ищет поставщика "
            "красильно-отделочной линии с пусконаладкой и обучением персонала.",
            "sectors": "13;28",
            "hs_codes": "84",
            "target_countries": "CN;TR",
        },
        {
            "organisation_code": "kz-invest",
            "author_email": "yerlan.abenov@example.com",
            "direction": "offer",
            "kind": "investment",
            "language": "kk",
            "title": "Қостанай облысында астық өңдеу кешенін салуға инвестиция",
            "body": "Жылына 200 мың тонна астық өңдейтін кешенге инвестор іздейміз: жер телімі, "
            "инфрақұрылым және салықтық жеңілдіктер дайын.",
            "title_en": "Investment in a grain-processing complex in the Kostanay region",
            "body_en": "We are looking for an investor in a complex processing 200,000 t of "
            "grain a year: land, infrastructure and tax incentives are ready.",
            "sectors": "10",
            "target_countries": "CN;TR;AE",
        },
        {
            "organisation_code": "silkroad-logistics",
            "author_email": "olga.smirnova@example.org",
            "direction": "offer",
            "kind": "service",
            "language": "en",
            "title": "Rail freight China – Europe via Kazakhstan",
            "body": "Container block trains from Xi'an and Chongqing to Duisburg and "
            "Małaszewicze in 14–16 days, with customs clearance at Dostyk and Khorgos.",
            "title_ru": "Железнодорожные перевозки Китай – Европа через Казахстан",
            "body_ru": "Контейнерные поезда из Сианя и Чунцина в Дуйсбург и Малашевичи за "
            "14–16 дней, с таможенным оформлением в Достыке и Хоргосе.",
            "sectors": "49;52",
            "target_countries": "CN;DE;PL",
        },
        {
            "organisation_code": "kaz-grain",
            "direction": "request",
            "kind": "service",
            "language": "en",
            "title": "Grain storage and drying capacity near Kostanay",
            "body": "We need 30,000 t of elevator capacity with grain dryers for the 2026 "
            "harvest, within 50 km of a railway station.",
            "sectors": "52",
            "hs_codes": "10",
            "status": "pending",
        },
    ],
}


def example_csv(kind: str) -> bytes:
    """The CSV example of ``kind``: every column, the rows above, UTF-8 with a BOM."""
    from keruen.imports.kinds import IMPORTERS

    names = [column.name for column in IMPORTERS[kind].columns]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in EXAMPLE_ROWS[kind]:
        writer.writerow([row.get(name, "") for name in names])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def example_xlsx(kind: str) -> bytes:
    """The XLSX example of ``kind``: the rows on sheet ``kind``, the columns explained next."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from keruen.imports.kinds import IMPORTERS

    columns = IMPORTERS[kind].columns
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = kind
    sheet.append([column.name for column in columns])
    for row in EXAMPLE_ROWS[kind]:
        # Every cell is text, so codes such as 01 keep their leading zero.
        sheet.append([row.get(column.name, "") or None for column in columns])
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        # Text format for whole columns: what organisers type later (01, 0044…) stays as typed.
        dimension.number_format = "@"
        dimension.width = max(12, min(40, len(column.name) + 4))
    help_sheet = workbook.create_sheet("columns")
    help_sheet.append(["column", "required", "format", "allowed values", "example"])
    for column in columns:
        help_sheet.append(
            [
                column.name,
                "yes" if column.required else "no",
                column.format,
                ", ".join(column.allowed),
                column.example,
            ]
        )
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keruen.settings")
    django.setup()
    folder = Path(__file__).parent
    for kind in EXAMPLE_ROWS:
        (folder / f"{kind}.csv").write_bytes(example_csv(kind))
        (folder / f"{kind}.xlsx").write_bytes(example_xlsx(kind))
        print(f"wrote {kind}.csv and {kind}.xlsx")


if __name__ == "__main__":
    main()
