"""The cores stay pure, the schema matches the models, production settings are safe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.conftest import REPO


@pytest.mark.parametrize("core", ["keruen.scheduling", "keruen.matching"])
def test_core_imports_no_django(core: str) -> None:
    code = (
        f"import sys, {core}, importlib, pkgutil\n"
        f"for m in pkgutil.walk_packages({core}.__path__, '{core}.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "web = sorted(n for n in sys.modules if n.startswith('keruen.') and n.split('.')[1] in "
        "{'common','people','events','marketplace','meetings','agreements','analytics','demo'})\n"
        "assert not bad and not web, (bad[:5], web[:5])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]


def test_no_missing_migrations(db) -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_deploy_check(tmp_path) -> None:
    # The browser tests may have set DJANGO_ALLOW_ASYNC_UNSAFE in this worker; a
    # deployment never has it.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="keruen.settings_production",
        SECRET_KEY="x" * 20 + "y" * 20 + "z" * 20 + "0123456789",
        ALLOWED_HOSTS="expo.example.org",
        DEBUG="false",
        KERUEN_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-m", "keruen", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_missing_secret(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="keruen.settings_production",
        ALLOWED_HOSTS="expo.example.org",
        KERUEN_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "keruen", "check"], capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_cli_help_lists_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "keruen", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0
    for command in ("demo", "serve", "import", "schedule", "match-eval"):
        assert f"  {command} " in result.stdout


def test_migrations_apply_from_empty_on_a_fresh_database(tmp_path) -> None:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="keruen.settings",
        KERUEN_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-m", "keruen", "migrate", "--noinput"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Applying meetings.0001_initial... OK" in result.stdout
