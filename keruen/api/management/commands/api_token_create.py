"""Make an API token for a user and print its key once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from keruen.api.services import api_token_create
from keruen.common.audit import audit_context
from keruen.common.errors import KeruenError
from keruen.people.models import User


class Command(BaseCommand):
    help = "Create an API token for a user; the key is printed once and never stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the account's e-mail address")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument("--days", type=int, default=None, help="expires after N days")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"].strip().lower()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {options['email']}.")
        expires_at = None
        if options["days"] is not None:
            if options["days"] < 1:
                raise CommandError("--days must be at least 1.")
            expires_at = timezone.now() + dt.timedelta(days=options["days"])
        try:
            with audit_context(None, source="cli"):
                token, key = api_token_create(
                    user=user, name=options["name"], expires_at=expires_at
                )
        except KeruenError as error:
            raise CommandError(error.message) from error
        self.stderr.write(f"Token {token.name!r} for {user.email} (shown once, keep it safe):")
        self.stdout.write(key)
