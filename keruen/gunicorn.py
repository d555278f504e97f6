"""gunicorn settings for Keruen: ``gunicorn -c python:keruen.gunicorn keruen.wsgi``.

Each worker loads the embedding model in the background as soon as it starts, so the first
search or suggestions page it serves does not wait 2-3 s for the model. Done after the fork,
in the worker: a model loaded in the master (``--preload``) would be loaded under a lock that
a forked worker could inherit held.
"""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    from keruen.matchmaking.encoding import warm_up_in_background

    warm_up_in_background()
