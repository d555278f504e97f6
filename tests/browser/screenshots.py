"""Screenshots of the main pages on the small demo expo, for the README and the docs.

Run ``python -m tests.browser.screenshots`` (options: ``--out DIR``, ``--keep``). It builds
the small demo expo in a temporary SQLite database, serves it with ``keruen serve`` on a
free port, and saves 1280-px-wide PNGs into ``docs/screenshots/``. Not a test: it writes
files. Takes about two minutes (most of it building the demo).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.browser.conftest import chromium_launch

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"
SLUG = "cae-2027"
PAST_SLUG = "cae-2026"  # keruen.demo.generate.PAST_SLUG (importing it needs Django set up)
DEMO_PASSWORD = "keruen-demo"
ORGANISER = "organiser@demo.keruen.org"
WIDTH = 1280
MAX_HEIGHT = 2200  # long lists are cut: the top of a page is what a reader looks at


@dataclass(frozen=True)
class Shot:
    """One screenshot: file name, path on the demo expo, who looks, in which language."""

    name: str
    path: str
    who: str = "visitor"  # visitor | delegate | head (of a delegation) | organiser
    language: str = "en"
    width: int = WIDTH


SHOTS = (
    Shot("event-home", f"/{SLUG}/"),
    Shot("organisations", f"/{SLUG}/organisations/"),
    Shot("opportunities", f"/{SLUG}/opportunities/"),
    Shot("programme", f"/{SLUG}/programme/"),
    Shot("suggestions", f"/{SLUG}/suggestions/", who="delegate"),
    Shot("agenda", f"/{SLUG}/me/agenda/", who="delegate"),
    # Last year's edition: its dashboard has arrivals, meetings held and agreements.
    Shot("console-dashboard", f"/{PAST_SLUG}/console/", who="organiser"),
    Shot("console-schedule", f"/{SLUG}/console/schedule/", who="organiser"),
    Shot("console-setup", f"/{SLUG}/console/setup/", who="organiser"),
    Shot("console-agreements", f"/{PAST_SLUG}/console/agreements/", who="organiser"),
    Shot("console-exports", f"/{SLUG}/console/exports/", who="organiser"),
    Shot(
        "console-badges-zh",
        f"/{SLUG}/console/badges/?role=government&language=zh-hans",
        who="organiser",
        language="zh-hans",
    ),
    Shot("participants-kk", f"/{SLUG}/console/participants/?country=KZ", "organiser", "kk"),
    Shot(
        "announcement-ru",
        f"/{SLUG}/console/announcements/new/?status=approved&country=KZ",
        "organiser",
        "ru",
    ),
    Shot("check-in-ru", f"/{SLUG}/console/check-in/?q=zheng", "organiser", "ru", width=390),
    # The charts on a phone: as wide as the screen, their labels as large as on a laptop.
    Shot("console-dashboard-phone-ru", f"/{PAST_SLUG}/console/", "organiser", "ru", width=390),
    Shot("delegation-kk", f"/{SLUG}/me/delegation/", who="head", language="kk"),
    Shot("exhibitors-zh", f"/{SLUG}/exhibitors/", language="zh-hans"),
    Shot("meetings-ru", f"/{SLUG}/me/meetings/", who="delegate", language="ru"),
    Shot("event-home-zh", f"/{SLUG}/", language="zh-hans"),
    Shot("organisations-ru", f"/{SLUG}/organisations/", language="ru"),
    Shot("programme-zh", f"/{SLUG}/programme/", language="zh-hans"),
    Shot("suggestions-kk", f"/{SLUG}/suggestions/", who="delegate", language="kk"),
)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def keruen(*args: str, env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    """Run the ``keruen`` command of this virtualenv with ``env``."""
    command = [sys.executable, "-m", "keruen.cli", *args]
    return subprocess.run(command, env=env, check=True, cwd=REPO, **kwargs)


def demo_env(data_dir: Path) -> dict[str, str]:
    """The environment of a Keruen whose database and files live in ``data_dir``."""
    env = dict(os.environ)
    env["KERUEN_DATA_DIR"] = str(data_dir)
    env["DATABASE_URL"] = f"sqlite:///{data_dir / 'keruen.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "keruen.settings"
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def demo_build(env: dict[str, str], *, small: bool = True) -> str:
    """Migrate and build the demo expo; returns the e-mail of the Kazakh demo delegate."""
    keruen("migrate", "-v0", env=env)
    args = ["demo", "--small"] if small else ["demo"]
    output = keruen(*args, env=env, capture_output=True, text=True).stdout
    for line in output.splitlines():
        if "Kazakh delegate" in line:
            return line.split()[0]
    raise RuntimeError(f"no Kazakh demo delegate in the demo output:\n{output}")


# Run in the demo's environment: the Kazakh delegate with the most meetings in the published
# schedule (the agenda page is then full), given the demo password; prints the e-mail.
BUSY_DELEGATE = """
from django.contrib.auth.hashers import make_password
from django.db.models import Count, Q
from keruen.people.models import Participant
busy = (
    Participant.objects.filter(event__slug=SLUG, status="approved", organisation__country="KZ")
    .annotate(n=Count("attendances", filter=Q(attendances__schedule__published_at__isnull=False)))
    .order_by("-n", "pk").select_related("user").first()
)
busy.user.password = make_password(PASSWORD)
busy.user.save(update_fields=["password"])
print(busy.user.email)
"""


def busy_delegate(env: dict[str, str]) -> str:
    """The e-mail of a Kazakh demo delegate with a full agenda (password: the demo one)."""
    code = BUSY_DELEGATE.replace("SLUG", repr(SLUG)).replace("PASSWORD", repr(DEMO_PASSWORD))
    output = keruen("shell", "-c", code, env=env, capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1]


HEAD_OF_DELEGATION = """
from keruen.demo.generate import DEMO_HEAD_COUNTRY
from keruen.people.models import Delegation
delegation = Delegation.objects.filter(
    event__slug=SLUG, country=DEMO_HEAD_COUNTRY, kind="government", head__isnull=False
).select_related("head__user").order_by("pk").first()
print(delegation.head.user.email)
"""


def delegation_head(env: dict[str, str]) -> str:
    """The e-mail of the demo's head of delegation (a demo login: the demo password)."""
    code = HEAD_OF_DELEGATION.replace("SLUG", repr(SLUG))
    output = keruen("shell", "-c", code, env=env, capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1]


def wait_until_up(url: str, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
    """``keruen serve`` on ``port`` in a child process; stopped by the caller."""
    command = [sys.executable, "-m", "keruen.cli", "serve", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_until_up(f"http://127.0.0.1:{port}/{SLUG}/")
    return process


def log_in(context, email: str, password: str = DEMO_PASSWORD) -> None:
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.close()


def set_language(context, base_url: str, language: str) -> None:
    """The language cookie (log-in sets the account's language: override it after)."""
    context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


def take(context, base_url: str, shot: Shot, out: Path) -> Path:
    set_language(context, base_url, shot.language)
    page = context.new_page()
    page.set_viewport_size({"width": shot.width, "height": 900})
    response = page.goto(shot.path)
    if response is None or not response.ok:
        status = response.status if response else "no response"
        raise RuntimeError(f"{shot.path} answered {status}")
    page.wait_for_load_state("networkidle")
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    target = out / f"{shot.name}.png"
    page.screenshot(
        path=str(target),
        full_page=True,
        clip={"x": 0, "y": 0, "width": shot.width, "height": height},
    )
    page.close()
    return target


def screenshots(base_url: str, delegate: str, head: str, out: Path) -> list[Path]:
    """Every shot of ``SHOTS``; one browser session per kind of user."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        contexts = {}
        accounts = (
            ("visitor", None),
            ("delegate", delegate),
            ("head", head),
            ("organiser", ORGANISER),
        )
        for who, email in accounts:
            context = browser.new_context(
                base_url=base_url, viewport={"width": WIDTH, "height": 900}, locale="en-GB"
            )
            if email:
                log_in(context, email)
            contexts[who] = context
        for shot in SHOTS:
            written.append(take(contexts[shot.who], base_url, shot, out))
            print(f"  {written[-1].relative_to(REPO) if out.is_relative_to(REPO) else written[-1]}")
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNGs go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data dir")
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="keruen-shots-"))
    env = demo_env(data_dir)
    server = None
    try:
        print(f"building the small demo expo in {data_dir} …")
        demo_build(env)
        delegate = busy_delegate(env)
        head = delegation_head(env)
        port = free_port()
        server = serve(env, port)
        print(f"serving on port {port}; taking screenshots as a visitor, {delegate}, {ORGANISER}")
        screenshots(f"http://127.0.0.1:{port}", delegate, head, args.out.resolve())
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
