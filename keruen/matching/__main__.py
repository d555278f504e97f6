"""``python -m keruen.matching FILE.jsonl``: the same as ``keruen match-eval``."""

import sys

from keruen.matching.cli import main

sys.exit(main())
