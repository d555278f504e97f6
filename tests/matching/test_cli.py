import json
import subprocess
import sys
from pathlib import Path

import pytest

from keruen.matching.cli import main

ITEMS = [
    {"id": "t-1", "sector": "energy", "hs": ["8541"],
     "offer": {"en": "We manufacture monocrystalline solar modules with IEC 61215 certificates.",
               "ru": "Производим монокристаллические солнечные модули с сертификатами IEC 61215."},
     "request": {"en": "A solar park developer needs certified photovoltaic panels.",
                 "ru": "Девелопер солнечной электростанции ищет сертифицированные панели."}},
    {"id": "t-2", "sector": "agriculture", "hs": ["1001"],
     "offer": {"en": "Kazakh exporter of milling wheat, 12.5% protein, shipped by rail.",
               "ru": "Экспортёр мукомольной пшеницы из Казахстана, протеин 12,5%."},
     "request": {"en": "A Chinese flour mill wants to buy high-protein wheat.",
                 "ru": "Китайская мельница хочет купить высокобелковую пшеницу."}},
    {"id": "t-3", "sector": "logistics", "hs": [],
     "offer": {"en": "Refrigerated trucks between Almaty and Urumqi, weekly departures.",
               "ru": "Рефрижераторные перевозки Алматы — Урумчи, еженедельные отправки."},
     "request": {"en": "We need cold-chain transport for fruit to Xinjiang.",
                 "ru": "Нужна перевозка фруктов с соблюдением холодовой цепи в Синьцзян."}},
]  # fmt: skip


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return _write(tmp_path / "tiny.jsonl", [json.dumps(i, ensure_ascii=False) for i in ITEMS])


def test_full_ranker_on_a_tiny_file(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tiny), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["items"] == 3
    assert set(report["pairs"]) == {"en->en", "en->ru", "ru->en", "ru->ru"}
    assert report["overall"]["top1"] == 1.0  # three unrelated sectors: must all be right
    assert set(report["sectors"]) == {"energy", "agriculture", "logistics"}


def test_text_output_and_baseline_method(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tiny), "--method", "tfidf"]) == 0
    out = capsys.readouterr().out
    assert "method: tfidf" in out
    assert "overall: top1=" in out


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_json_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "bad.jsonl", [json.dumps(ITEMS[0]), "{not json", json.dumps(ITEMS[1])])
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:2:" in err
    assert "invalid JSON" in err


def test_missing_language_names_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = json.loads(json.dumps(ITEMS[1]))
    del broken["offer"]["ru"]
    path = _write(tmp_path / "lang.jsonl", [json.dumps(ITEMS[0]), json.dumps(broken)])
    assert main([str(path)]) == 2
    assert "lang.jsonl:2: field 'offer.ru' is missing or empty" in capsys.readouterr().err


def test_python_dash_m_entry_point(tiny: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "keruen.matching", str(tiny), "--method", "tfidf", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["method"] == "tfidf"
