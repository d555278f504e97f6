"""``keruen demo``: build the demo expo (idempotent) and print the demo logins."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from keruen.demo.config import SMALL, DemoSize
from keruen.demo.generate import PAST_SLUG, PAST_START, demo_build


class Command(BaseCommand):
    help = "Build the demo China–Eurasia-Expo-like event (does nothing if it exists)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2027, help="Same seed, same expo.")
        parser.add_argument("--small", action="store_true", help="A small expo, for trials.")
        parser.add_argument("--no-schedule", action="store_true", help="Skip the scheduler.")
        parser.add_argument(
            "--no-embeddings", action="store_true", help="Skip encoding texts for matchmaking."
        )
        parser.add_argument("--time-limit", type=float, default=20.0, help="Scheduler seconds.")
        parser.add_argument(
            "--no-past",
            action="store_true",
            help="Skip the past edition (held in June 2026, with its results).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        size: DemoSize = SMALL if options["small"] else DemoSize()
        past = None
        if not options["no_past"] and options["no_schedule"]:
            self.stdout.write("  no past edition: its results need a published schedule")
        elif not options["no_past"]:
            self.stdout.write("The past edition (June 2026), with its results:")
            past = demo_build(
                seed=options["seed"] - 1,
                size=dataclasses.replace(size, start_date=PAST_START),
                embeddings=not options["no_embeddings"],
                time_limit=options["time_limit"],
                progress=lambda line: self.stdout.write(f"  {line}"),
                slug=PAST_SLUG,
                held=True,
            )
            self.stdout.write("The coming edition:")
        result = demo_build(
            seed=options["seed"],
            size=size,
            schedule=not options["no_schedule"],
            embeddings=not options["no_embeddings"],
            time_limit=options["time_limit"],
            progress=lambda line: self.stdout.write(f"  {line}"),
        )
        event = result.event
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built the demo expo '{event}' in {time.monotonic() - started:.0f} s."
                )
            )
        else:
            self.stdout.write(f"The demo expo '{event}' exists already; nothing changed.")
        if result.schedule_note:
            self.stdout.write(f"  {result.schedule_note}")
        self.stdout.write("\nLog in at http://127.0.0.1:8000/accounts/login/ with:")
        for login in result.logins:
            self.stdout.write(f"  {login.email:<45} {login.password:<14} {login.description}")
        self.stdout.write(f"\nThe expo: http://127.0.0.1:8000/{event.slug}/")
        if past is not None:
            self.stdout.write(
                f"Last year's edition, with its results: http://127.0.0.1:8000/{past.event.slug}/"
            )
