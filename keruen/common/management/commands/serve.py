"""``keruen serve [ADDR:PORT]``: serve Keruen (the development server, for the demo).

It serves like the product, debug off: whoever follows a dead link or meets an error sees
the site's own page (``templates/404.html``, ``500.html``…), never Django's traceback with
the settings in it; the traceback goes to the console. ``--debug`` (or ``DEBUG=true`` in the
environment) brings Django's debug pages back, for working on Keruen itself.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Keruen on http://127.0.0.1:8000 (or the address given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--reload", action="store_true", help="Restart when the code changes.")
        parser.add_argument(
            "--debug",
            action="store_true",
            help="Show Django's debug pages (tracebacks, settings) on errors, for developing "
            "Keruen; never where others can reach the server. DEBUG=true does the same.",
        )

    def handle(self, *args: Any, addrport: str, reload: bool, debug: bool, **options: Any) -> None:
        import os

        from django.conf import settings

        from keruen.matchmaking.encoding import warm_up_in_background
        from keruen.meetings.worker import worker_thread_start
        from keruen.settings import env_bool

        # keruen.settings leaves DEBUG on for the other commands of a fresh clone; serving,
        # only an explicit request keeps it. Set before runserver builds its handler and
        # template engines, the way Django's test runner switches it.
        settings.DEBUG = debug or env_bool("DEBUG", False)
        # Background jobs run in this process (the demo needs no separate worker); with
        # --reload only the serving child process starts one.
        if not reload or os.environ.get("RUN_MAIN") == "true":
            worker_thread_start()
            warm_up_in_background()
        self.stdout.write(f"Keruen is at http://{addrport}/  (Ctrl+C stops it)")
        if settings.DEBUG:
            self.stdout.write("Debug pages are on: tracebacks and settings show on errors.")
        call_command(
            "runserver",
            addrport,
            use_reloader=reload,
            use_threading=True,
            # Without DEBUG, staticfiles' runserver serves the CSS and icons only when told
            # to ("--insecure"): this server is for the demo, and the demo has no other.
            insecure_serving=not settings.DEBUG,
        )
