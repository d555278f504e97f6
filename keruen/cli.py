"""The ``keruen`` command: everyday commands for organisers and operators.

``keruen schedule`` and ``keruen match-eval`` run the pure cores without starting Django;
every other command is a Django management command (``keruen migrate``, ``keruen demo``…).
"""

from __future__ import annotations

import os
import sys

PURE_COMMANDS = {
    "schedule": (
        "keruen.scheduling.cli",
        "solve a meeting-scheduling instance (keruen-b2b/1 or .dzn)",
    ),
    "match-eval": ("keruen.matching.cli", "evaluate cross-lingual matchmaking on a JSONL file"),
}
DJANGO_COMMANDS = {
    "demo": "build the demo expo (idempotent) and print the demo logins",
    "serve": "serve Keruen on http://127.0.0.1:8000 (--debug: Django's debug pages)",
    "import": "import organisations, participants or opportunities from CSV or XLSX",
    "migrate": "create or update the database tables",
    "createsuperuser": "create an organiser account with every permission",
    "check": "check the installation (add --deploy for production settings)",
}

HELP = """usage: keruen COMMAND [ARGS...]

Keruen: trade expos, cross-lingual matchmaking and B2B meeting scheduling.

commands:
{commands}

Every Django management command is available too (keruen help lists them).
Run 'keruen COMMAND --help' for the options of a command.
"""


def _help_text() -> str:
    rows = [(name, text) for name, (_, text) in PURE_COMMANDS.items()]
    rows += list(DJANGO_COMMANDS.items())
    width = max(len(name) for name, _ in rows) + 2
    return HELP.format(commands="\n".join(f"  {name:<{width}}{text}" for name, text in rows))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(_help_text())
        return 0
    if args[0] in PURE_COMMANDS:
        import importlib

        module = importlib.import_module(PURE_COMMANDS[args[0]][0])
        return int(module.main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keruen.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["keruen", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
