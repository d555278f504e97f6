"""Benchmark: encode and index N synthetic multilingual profiles, then time suggestions.

    nice -n 10 .venv/bin/python bench/matching_scale.py [--n 50000] [--encoder use|event]

Phases, each timed: generate profiles; encode every opportunity text (batches through the
content-hash cache); build the event (per-language centring + one index per kind); suggest
for random delegates (directed and mutual); the same with a forced HNSW index, with the
overlap of its lists with exact search. Also measures e5 throughput (the product's numpy
engine) on a sample, to extrapolate the cost of e5 when the USE-only encoder is run. Writes
bench/results/matching_scale.json and prints a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from keruen.matching.encoder import (
    CachedEncoder,
    E5Encoder,
    Encoder,
    USEEncoder,
)
from keruen.matching.profile import Opportunity, Organisation, Participant
from keruen.matching.score import Matcher
from keruen.matching.text_vectors import default_event_encoder

# Synthetic profiles: texts are built combinatorially from products, places, templates and
# numbers in English, Chinese, Russian and Kazakh, so 50,000 profiles are all different and
# realistic in length (10-30 words), while the generator stays small and deterministic.
# (en, zh, ru, kk, hs, isic)
PRODUCTS = [
    (
        "monocrystalline solar modules",
        "单晶光伏组件",
        "монокристаллические солнечные модули",
        "монокристалды күн модульдері",
        "8541",
        "2610",
    ),
    (
        "lithium battery storage systems",
        "锂电池储能系统",
        "системы накопления энергии на литиевых батареях",
        "литий аккумуляторлы энергия жинақтау жүйелері",
        "8507",
        "2720",
    ),
    (
        "wind turbine towers",
        "风电塔筒",
        "башни ветровых турбин",
        "жел турбиналарының мұнаралары",
        "7308",
        "2511",
    ),
    (
        "milling wheat",
        "制粉小麦",
        "мукомольная пшеница",
        "ұн тартуға арналған бидай",
        "1001",
        "0111",
    ),
    (
        "steel grain silos",
        "钢板粮仓",
        "стальные зерновые силосы",
        "болат астық сүрлемдері",
        "9406",
        "2511",
    ),
    (
        "flour mill equipment",
        "面粉加工设备",
        "оборудование для мукомольных заводов",
        "ұн тартатын зауыттарға арналған жабдық",
        "8437",
        "2825",
    ),
    ("frozen beef", "冷冻牛肉", "замороженная говядина", "мұздатылған сиыр еті", "0202", "1010"),
    ("cotton yarn", "棉纱", "хлопковая пряжа", "мақта иірімжібі", "5205", "1311"),
    ("copper cathodes", "阴极铜", "медные катоды", "мыс катодтары", "7403", "2420"),
    (
        "mining dump trucks",
        "矿用自卸车",
        "карьерные самосвалы",
        "карьерлік өздігінен түсіргіш көліктер",
        "8704",
        "2910",
    ),
    (
        "drip irrigation systems",
        "滴灌系统",
        "системы капельного орошения",
        "тамшылатып суару жүйелері",
        "8424",
        "2821",
    ),
    (
        "water treatment plants",
        "水处理厂",
        "станции водоочистки",
        "су тазарту қондырғылары",
        "8421",
        "3600",
    ),
    ("nitrogen fertiliser", "氮肥", "азотные удобрения", "азот тыңайтқыштары", "3102", "2012"),
    (
        "polyethylene pipes",
        "聚乙烯管材",
        "полиэтиленовые трубы",
        "полиэтилен құбырлары",
        "3917",
        "2220",
    ),
    (
        "medical ultrasound scanners",
        "医用超声诊断仪",
        "медицинские ультразвуковые сканеры",
        "медициналық ультрадыбыстық сканерлер",
        "9018",
        "2660",
    ),
    ("electric buses", "电动公交车", "электробусы", "электр автобустары", "8702", "2910"),
    (
        "container rail freight",
        "集装箱铁路货运",
        "контейнерные железнодорожные перевозки",
        "контейнерлік теміржол тасымалы",
        "",
        "4912",
    ),
    (
        "refrigerated trucking",
        "冷链公路运输",
        "рефрижераторные автоперевозки",
        "рефрижераторлық жүк тасымалы",
        "",
        "4923",
    ),
    (
        "cloud data centre services",
        "云数据中心服务",
        "услуги облачных центров обработки данных",
        "бұлтты деректер орталығы қызметтері",
        "",
        "6311",
    ),
    ("hotel construction", "酒店建设", "строительство гостиниц", "қонақүй құрылысы", "", "4100"),
    (
        "trade finance and letters of credit",
        "贸易融资和信用证",
        "торговое финансирование и аккредитивы",
        "сауда қаржыландыруы және аккредитивтер",
        "",
        "6419",
    ),
    (
        "vocational training for engineers",
        "工程师职业培训",
        "профессиональное обучение инженеров",
        "инженерлерді кәсіптік оқыту",
        "",
        "8522",
    ),
    (
        "honey and dried fruit",
        "蜂蜜和果干",
        "мёд и сухофрукты",
        "бал және кептірілген жемістер",
        "0409",
        "0124",
    ),
    ("cement", "水泥", "цемент", "цемент", "2523", "2394"),
]

# (en, zh, ru, kk, country)
PLACES = [
    ("Almaty", "阿拉木图", "Алматы", "Алматы", "KZ"),
    ("Astana", "阿斯塔纳", "Астана", "Астана", "KZ"),
    ("Shymkent", "奇姆肯特", "Шымкент", "Шымкент", "KZ"),
    ("Urumqi", "乌鲁木齐", "Урумчи", "Үрімжі", "CN"),
    ("Xi'an", "西安", "Сиань", "Сиань", "CN"),
    ("Khorgos", "霍尔果斯", "Хоргос", "Қорғас", "KZ"),
    ("Tashkent", "塔什干", "Ташкент", "Ташкент", "UZ"),
    ("Bishkek", "比什凯克", "Бишкек", "Бішкек", "KG"),
    ("Novosibirsk", "新西伯利亚", "Новосибирск", "Новосібір", "RU"),
    ("Dushanbe", "杜尚别", "Душанбе", "Душанбе", "TJ"),
]  # fmt: skip

OFFER_TEMPLATES = {
    "en": ["We supply {p} from {c}, {n} units a year, with delivery by rail within {d} days.",
           "A {c} company offering {p}; certified quality, {n} tonnes of annual capacity, "
           "{d}-month warranty.",
           "Manufacturer of {p} based in {c} looking for distributors; capacity {n}, "
           "lead time {d} days."],
    "zh": ["我们从{c}供应{p}，年供货{n}套，铁路运输{d}天内交货。",
           "{c}企业提供{p}，质量经认证，年产能{n}吨，质保{d}个月。",
           "总部位于{c}的{p}制造商，寻找经销商，产能{n}，交货期{d}天。"],
    "ru": ["Поставляем {p} из города {c}, {n} единиц в год, доставка по железной дороге "
           "за {d} дней.",
           "Компания из города {c} предлагает {p}; сертифицированное качество, мощность {n} тонн "
           "в год, гарантия {d} месяцев.",
           "Производитель: {p}, {c}; ищем дистрибьюторов, мощность {n}, срок поставки {d} дней."],
    "kk": ["Біз {c} қаласынан {p} жеткіземіз, жылына {n} бірлік, теміржолмен {d} күнде жеткізу.",
           "{c} компаниясы {p} ұсынады; сапасы сертификатталған, жылдық қуаты {n} тонна, "
           "кепілдік {d} ай.",
           "{c} қаласындағы өндіруші: {p}; дистрибьюторлар іздейміз, қуаты {n}, "
           "жеткізу мерзімі {d} күн."],
}  # fmt: skip
REQUEST_TEMPLATES = {
    "en": ["We are looking for a reliable supplier of {p} for a project in {c}; "
           "about {n} units needed within {d} months.",
           "Buyer in {c} needs {p}, volume {n} tonnes, delivery in {d} months, factory-direct "
           "preferred.",
           "Seeking partners for {p} in {c}: tender for {n} units, decision within {d} days."],
    "zh": ["我们正在为{c}的项目寻找可靠的{p}供应商，{d}个月内约需{n}套。",
           "{c}的采购方需要{p}，数量{n}吨，{d}个月内交货，优先工厂直供。",
           "在{c}寻求{p}合作伙伴：招标{n}套，{d}天内决定。"],
    "ru": ["Ищем надёжного поставщика: {p} для проекта в городе {c}; нужно около {n} единиц "
           "в течение {d} месяцев.",
           "Покупатель из города {c}: нужны {p}, объём {n} тонн, поставка за {d} месяцев, "
           "предпочтительно напрямую с завода.",
           "Ищем партнёров в городе {c}: {p}, тендер на {n} единиц, решение за {d} дней."],
    "kk": ["{c} қаласындағы жобаға сенімді жеткізуші іздейміз: {p}; {d} ай ішінде шамамен "
           "{n} бірлік қажет.",
           "{c} қаласындағы сатып алушыға {p} керек, көлемі {n} тонна, {d} ай ішінде жеткізу, "
           "зауыттан тікелей болғаны жөн.",
           "{c} қаласында серіктестер іздейміз: {p}, {n} бірлікке тендер, шешім {d} күнде."],
}  # fmt: skip

LANGS = ("en", "zh", "ru", "kk")
LANG_INDEX = {lang: i for i, lang in enumerate(LANGS)}
SPOKEN = {"en": ("en",), "zh": ("zh", "en"), "ru": ("ru", "en"), "kk": ("kk", "ru")}


def make_participants(n: int, *, seed: int = 7) -> list[Participant]:
    """``n`` delegates with one offer or request each; organisations of 1-3 delegates."""
    rng = random.Random(seed)
    out: list[Participant] = []
    org: Organisation | None = None
    for i in range(n):
        lang = LANGS[i % 4]
        product = rng.choice(PRODUCTS)
        place = rng.choice(PLACES)
        kind = "offer" if rng.random() < 0.5 else "request"
        templates = OFFER_TEMPLATES if kind == "offer" else REQUEST_TEMPLATES
        text = rng.choice(templates[lang]).format(
            p=product[LANG_INDEX[lang]],
            c=place[LANG_INDEX[lang]],
            n=rng.randint(2, 90) * 10,
            d=rng.randint(2, 60),
        )
        if org is None or rng.random() < 0.6:  # a new organisation 60 % of the time
            org = Organisation(
                id=f"org-{i}",
                name=f"Org {i}",
                country=place[4],
                roles=frozenset({"supplier" if kind == "offer" else "buyer"}),
                isic=frozenset({product[5]}),
            )
        opp = Opportunity(
            id=f"opp-{i}",
            kind=kind,  # type: ignore[arg-type]
            text=text,
            language=lang,
            hs=frozenset({product[4]} - {""}),
            target_countries=frozenset({rng.choice(PLACES)[4]}),
        )
        out.append(
            Participant(
                id=f"p-{i}",
                organisation=org,
                languages=frozenset(SPOKEN[lang]),
                opportunities=(opp,),
            )
        )
    return out


RESULT = Path(__file__).resolve().parent / "results" / "matching_scale.json"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _encoder(name: str, cache_dir: Path | None) -> Encoder:
    if name == "use":
        return CachedEncoder(USEEncoder(batch_size=256), cache_dir=cache_dir)
    return default_event_encoder()


def _latencies(matcher: Matcher, ids: list[str], *, mutual: bool) -> dict[str, float]:
    times = []
    for pid in ids:
        started = time.perf_counter()
        matcher.suggest(pid, mutual=mutual)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
    }


def _e5_throughput(texts: list[str]) -> float:
    encoder = E5Encoder()
    encoder.encode(texts[:8], kind="query")  # load the model outside the timing
    started = time.perf_counter()
    encoder.encode(texts, kind="query")
    return len(texts) / (time.perf_counter() - started)


def _overlap(a: Matcher, b: Matcher, ids: list[str]) -> float:
    shares = []
    for pid in ids:
        exact = {s.participant_id for s in a.suggest(pid)}
        approx = {s.participant_id for s in b.suggest(pid)}
        shares.append(len(exact & approx) / max(1, len(exact)))
    return statistics.mean(shares)


def run(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {"n": args.n, "encoder": args.encoder}
    t0 = time.perf_counter()
    people = make_participants(args.n)
    texts = [o.text for p in people for o in p.opportunities]
    out["generate_s"] = round(time.perf_counter() - t0, 2)
    out["words_per_text"] = round(sum(len(t.split()) for t in texts) / len(texts), 1)

    encoder = _encoder(args.encoder, args.cache_dir)
    t0 = time.perf_counter()
    encoder.encode(texts, kind="query")  # fills the cache; the Matcher reads from it
    out["encode_s"] = round(time.perf_counter() - t0, 1)
    out["texts_per_s"] = round(len(texts) / out["encode_s"], 1)

    t0 = time.perf_counter()
    matcher = Matcher(people, encoder=encoder)
    out["build_exact_s"] = round(time.perf_counter() - t0, 1)
    out["encode_and_index_s"] = round(out["encode_s"] + out["build_exact_s"], 1)

    ids = random.Random(1).sample([p.id for p in people], args.queries)
    out["suggest_exact"] = _latencies(matcher, ids, mutual=False)
    out["suggest_exact_mutual"] = _latencies(matcher, ids, mutual=True)

    t0 = time.perf_counter()
    approx = Matcher(people, encoder=encoder, index_threshold=0)
    out["build_hnsw_s"] = round(time.perf_counter() - t0, 1)
    out["suggest_hnsw"] = _latencies(approx, ids, mutual=False)
    out["hnsw_list_overlap_with_exact"] = round(_overlap(matcher, approx, ids[:50]), 3)

    if args.cache_dir is not None and args.encoder == "use":
        # A second run (or a worker process) with the same cache directory: nothing is
        # re-encoded, vectors are read from SQLite.
        t0 = time.perf_counter()
        Matcher(people, encoder=_encoder(args.encoder, args.cache_dir))
        out["rebuild_from_disk_cache_s"] = round(time.perf_counter() - t0, 1)

    sample = texts[: args.e5_sample]
    e5_rate = _e5_throughput(sample)
    out["e5_sample_texts_per_s"] = round(e5_rate, 1)
    out["e5_extrapolated_encode_s"] = round(len(texts) / e5_rate, 0)
    out["peak_rss_mb"] = round(_peak_rss_mb(), 0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--encoder", choices=["use", "event"], default="use")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--e5-sample", type=int, default=400)
    parser.add_argument("--out", type=Path, default=RESULT)
    parser.add_argument("--cache-dir", type=Path, default=None, help="on-disk embedding cache")
    args = parser.parse_args(argv)
    result = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"matching_scale: n={result['n']} encoder={result['encoder']} "
        f"encode+index={result['encode_and_index_s']}s ({result['texts_per_s']} texts/s) "
        f"suggest median={result['suggest_exact']['median_ms']}ms "
        f"p95={result['suggest_exact']['p95_ms']}ms "
        f"mutual p95={result['suggest_exact_mutual']['p95_ms']}ms "
        f"hnsw p95={result['suggest_hnsw']['p95_ms']}ms "
        f"overlap={result['hnsw_list_overlap_with_exact']} "
        f"e5 {result['e5_sample_texts_per_s']} texts/s "
        f"(50k e5 would take ~{result['e5_extrapolated_encode_s']}s) "
        f"peak RSS={result['peak_rss_mb']}MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
