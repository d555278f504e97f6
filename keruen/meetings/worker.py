"""An in-process task worker for the demo: ``keruen serve`` runs the database queue itself.

Production runs ``keruen db_worker`` processes beside the web servers; the demo must work
with one command, so the server starts this daemon thread, which runs django-tasks-db's own
worker loop (without its signal handlers, which only the main thread may install).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def uses_database_queue() -> bool:
    """Whether the default task backend is the database queue (else nothing to work off)."""
    backend = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    return backend in (DATABASE_BACKEND, "django_tasks_db.backend.DatabaseBackend")


def worker_thread_start(*, interval: float = 1.0) -> threading.Thread | None:
    """Start a daemon thread working off the task queue; None when tasks run elsewhere."""
    if not uses_database_queue():
        return None
    from django_tasks.utils import get_random_id
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"serve-{get_random_id()}"[:64],
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="keruen-task-worker", daemon=True)
    thread.start()
    logger.info("Task worker thread started.")
    return thread
