from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from keruen.scheduling.cli import main
from keruen.scheduling.io import instance_to_dict, write_instance
from tests.scheduling.catalogue import catalogue

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "b2b"


@pytest.fixture
def instance_file(tmp_path: Path) -> Path:
    path = tmp_path / "inst.json"
    write_instance(catalogue()["duplicate-pair"].instance, path)
    return path


def test_json_instance_to_out_file(
    instance_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sol.json"
    code = main([str(instance_file), "--time-limit", "10", "--workers", "1", "--out", str(out)])
    assert code == 0
    sol = json.loads(out.read_text())
    assert sol["status"] == "OPTIMAL"
    assert sol["objective"]["breaks"] == 2
    assert len(sol["assignments"]) == 2
    assert "status OPTIMAL" in capsys.readouterr().err


def test_dzn_to_stdout_with_fairness(capsys: pytest.CaptureFixture[str]) -> None:
    code = main([str(BENCH / "tic-12.original.dzn"), "--time-limit", "20", "--fairness", "3"])
    assert code == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["objective"]["breaks"] == 0
    assert "breaks 0" in captured.err


def test_keep_previous_solution(
    instance_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.json"
    assert main([str(instance_file), "--workers", "1", "--out", str(first)]) == 0
    second = tmp_path / "second.json"
    assert main([str(instance_file), "--keep", str(first), "--out", str(second)]) == 0
    slots = lambda p: {a["meeting"]: a["slot"] for a in json.loads(p.read_text())["assignments"]}  # noqa: E731
    assert slots(first) == slots(second)


def test_malformed_instance_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = instance_to_dict(catalogue()["one-meeting"].instance)
    data["meetings"][0]["participants"][1] = "ghost"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    assert main([str(bad)]) == 2
    assert "meetings[0].participants[1]: unknown participant 'ghost'" in capsys.readouterr().err


def test_not_json_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    assert main([str(bad)]) == 2
    assert main([str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err
    assert "cannot read" in err


def test_python_dash_m(instance_file: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "keruen.scheduling", str(instance_file), "--time-limit", "10"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["format"] == "keruen-b2b-solution/1"


def test_an_infeasible_instance_says_why_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "over.json"
    write_instance(catalogue()["infeasible-overbooked"].instance, path)
    assert main([str(path), "--workers", "1"]) == 1
    assert (
        "status INFEASIBLE (participant 'a' has 3 meetings but at most 2 fit in its free slots)"
        in capsys.readouterr().err
    )
