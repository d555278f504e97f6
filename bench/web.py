"""Latency and throughput of the main pages under 50 concurrent users.

Builds the demo expo once into a data directory (``keruen demo``; ``--small`` for the small
one), serves it with gunicorn (threaded workers, ``DEBUG=0``) and drives it from this
machine with ``--users`` concurrent clients, each one a keep-alive HTTP connection with its
own cookie jar, as a browser keeps the CSRF cookie it is given. For each page:
``--requests`` requests (or ``--time-cap`` seconds, whichever comes first), then p50/p95
latency and throughput, and each as a ratio to the trivial view measured the same way.

The trivial view is the log-in page (``GET /accounts/login/``): a Django view that renders
a small template through the same middleware (sessions, CSRF, locale, audit) and reads no
table; it adds nothing to the product. The private pages (suggestions, agenda) are requested
by delegates of the demo, each client logged in as a different delegate (a session created
for them in the database, the same cookie a log-in sets).

    python bench/web.py [--small] [--data-dir DIR] [--users 50] [--requests 2000]

Writes ``bench/results/web.json`` and prints one summary line. Needs gunicorn (bench-only).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "web.json"
SLUG = "cae-2027"
GOAL_RATIO = 3.0

# (name, path, private): private pages are requested with a delegate's session cookie.
BASELINE = ("trivial: login page", "/accounts/login/", False)
PAGES = (
    ("catalogue: organisations", f"/{SLUG}/organisations/", False),
    ("catalogue: offers and requests", f"/{SLUG}/opportunities/", False),
    ("suggestions", f"/{SLUG}/suggestions/", True),
    ("agenda", f"/{SLUG}/me/agenda/", True),
)

# Run with ``keruen shell -c`` in the demo's environment: a session for each of N approved
# business delegates whose organisation has published offers or requests (so they have
# suggestions), as ``login()`` stores it; one key per line.
SESSIONS_CODE = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from keruen.people.models import Participant
people = (
    Participant.objects.filter(
        event__slug=SLUG, status="approved", role="business",
        organisation__opportunities__status="published",
    )
    .distinct().select_related("user").order_by("pk")[:COUNT]
)
for person in people:
    store = SessionStore()
    store[SESSION_KEY] = str(person.user.pk)
    store[BACKEND_SESSION_KEY] = "keruen.people.auth.EmailBackend"
    store[HASH_SESSION_KEY] = person.user.get_session_auth_hash()
    store["_language"] = "en"
    store.create()
    print("SESSION", store.session_key)
"""


@dataclass
class PageResult:
    name: str
    path: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    throughput_rps: float
    p50_ratio: float | None = None
    p95_ratio: float | None = None
    throughput_ratio: float | None = None  # trivial throughput / page throughput


def demo_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        KERUEN_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'keruen.sqlite3'}",
        DJANGO_SETTINGS_MODULE="keruen.settings",
        DEBUG="0",
    )
    return env


def keruen(*args: str, env: dict[str, str], capture: bool = False) -> str:
    command = ["nice", sys.executable, "-m", "keruen.cli", *args]
    done = subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=capture, text=True)
    return done.stdout or ""


def build(env: dict[str, str], *, small: bool) -> None:
    """Migrate and build the demo expo (does nothing if the data dir has it already)."""
    keruen("migrate", "-v0", env=env)
    keruen("demo", *(["--small"] if small else []), env=env)


def sessions(env: dict[str, str], count: int) -> list[str]:
    code = SESSIONS_CODE.replace("SLUG", repr(SLUG)).replace("COUNT", str(count))
    output = keruen("shell", "-c", code, env=env, capture=True)
    keys = [line.split()[1] for line in output.splitlines() if line.startswith("SESSION ")]
    if not keys:
        raise SystemExit("no approved delegate in the demo expo")
    return keys


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn with threaded workers; returns once it answers."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    command = [
        "nice", gunicorn, "keruen.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--worker-class", "gthread",
        "--workers", str(workers),
        "--threads", str(threads),
        "--keep-alive", "30",
        "--backlog", "256",
        "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", BASELINE[1])
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def keep_cookies(jar: dict[str, str], set_cookies: list[str]) -> None:
    """Store ``Set-Cookie`` values as a browser would (an expired one is dropped)."""
    for header in set_cookies:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.strip().partition("=")
        if "max-age=0" in attributes.lower().replace(" ", "") or not value:
            jar.pop(name, None)
        else:
            jar[name] = value


def load(
    port: int, path: str, cookies: list[str | None], *, total: int, users: int, cap: float
) -> tuple[list[float], int, float]:
    """``users`` clients request ``path`` until ``total`` requests or ``cap`` seconds."""
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    errors = 0
    stop_at = time.monotonic() + cap

    def client(cookie: str | None) -> None:
        nonlocal issued, errors
        # Each client is a browser: it keeps the cookies it is given (the CSRF cookie).
        jar = {"sessionid": cookie, "django_language": "en"} if cookie else {}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if issued >= total or time.monotonic() >= stop_at:
                    return
                issued += 1
            started = time.perf_counter()
            try:
                headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                keep_cookies(jar, response.headers.get_all("Set-Cookie") or [])
                ok = response.status == 200
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1

    threads = [
        threading.Thread(target=client, args=(cookies[i % len(cookies)],)) for i in range(users)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


def measure(port, page, keys, args) -> PageResult:
    name, path, private = page
    cookies: list[str | None] = list(keys) if private else [None]
    # A short warm-up: imports, template loading and the first queries of each worker.
    load(port, path, cookies, total=min(100, args.requests), users=args.users, cap=30)
    latencies, errors, seconds = load(
        port, path, cookies, total=args.requests, users=args.users, cap=args.time_cap
    )
    if not latencies:
        raise SystemExit(f"{name}: every request failed")
    result = PageResult(
        name=name,
        path=path,
        requests=len(latencies),
        errors=errors,
        seconds=round(seconds, 2),
        p50_ms=round(1000 * statistics.median(latencies), 1),
        p95_ms=round(1000 * percentile(latencies, 0.95), 1),
        throughput_rps=round(len(latencies) / seconds, 1),
    )
    print(
        f"  {name:<32} p50 {result.p50_ms:8.1f} ms  p95 {result.p95_ms:8.1f} ms  "
        f"{result.throughput_rps:7.1f} req/s  ({result.requests} ok, {errors} errors)",
        flush=True,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="the small demo expo")
    parser.add_argument("--data-dir", type=Path, help="reuse (or build into) this data dir")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="per page")
    parser.add_argument("--time-cap", type=float, default=90.0, help="seconds per page")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8, help="per gunicorn worker")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    temporary = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="keruen-web-")) if temporary else args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    env = demo_env(data_dir)
    server = None
    try:
        print(f"demo expo in {data_dir} ({'small' if args.small else 'full size'}) …", flush=True)
        build(env, small=args.small)
        keys = sessions(env, args.users)
        port = free_port()
        server = serve(env, port, args.workers, args.threads)
        print(
            f"gunicorn gthread {args.workers}x{args.threads} on :{port}; {args.users} users, "
            f"{args.requests} requests per page (cap {args.time_cap:.0f} s)",
            flush=True,
        )
        baseline = measure(port, BASELINE, keys, args)
        results = [measure(port, page, keys, args) for page in PAGES]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)

    for result in results:
        result.p50_ratio = round(result.p50_ms / baseline.p50_ms, 2)
        result.p95_ratio = round(result.p95_ms / baseline.p95_ms, 2)
        result.throughput_ratio = round(baseline.throughput_rps / result.throughput_rps, 2)
    worst = max(max(r.p50_ratio, r.p95_ratio, r.throughput_ratio) for r in results)
    report = {
        "benchmark": "web pages under concurrent load",
        "expo": "small demo" if args.small else "full demo (460 organisations, 780 delegates)",
        "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads, DEBUG=0",
        "database": "SQLite",
        "users": args.users,
        "requests_per_page": args.requests,
        "time_cap_s": args.time_cap,
        "baseline": asdict(baseline),
        "pages": [asdict(r) for r in results],
        "goal_ratio": GOAL_RATIO,
        "worst_ratio": worst,
        "goal_met": worst <= GOAL_RATIO,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "note": "load generator on the same machine (shared, niced); ratios = page / trivial",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    summary = ", ".join(
        f"{r.name} p50 {r.p50_ratio}x p95 {r.p95_ratio}x thr {r.throughput_ratio}x" for r in results
    )
    print(
        f"web: trivial p50 {baseline.p50_ms} ms / {baseline.throughput_rps} req/s; {summary}; "
        f"worst {worst}x (goal <= {GOAL_RATIO}x: {'met' if worst <= GOAL_RATIO else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
