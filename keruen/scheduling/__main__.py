"""``python -m keruen.scheduling``: the ``keruen schedule`` command."""

from keruen.scheduling.cli import main

raise SystemExit(main())
