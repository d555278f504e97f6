"""``keruen serve [ADDR:PORT]``: serve Keruen (the development server, for the demo)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Keruen on http://127.0.0.1:8000 (or the address given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--reload", action="store_true", help="Restart when the code changes.")

    def handle(self, *args: Any, addrport: str, reload: bool, **options: Any) -> None:
        import os

        from keruen.matchmaking.encoding import warm_up_in_background
        from keruen.meetings.worker import worker_thread_start

        # Background jobs run in this process (the demo needs no separate worker); with
        # --reload only the serving child process starts one.
        if not reload or os.environ.get("RUN_MAIN") == "true":
            worker_thread_start()
            warm_up_in_background()
        self.stdout.write(f"Keruen is at http://{addrport}/  (Ctrl+C stops it)")
        call_command("runserver", addrport, use_reloader=reload, use_threading=True)
