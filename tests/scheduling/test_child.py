"""The child process that runs the search beside RC2."""

from __future__ import annotations

import os
import sys
import time
from multiprocessing.connection import Connection

from keruen.scheduling.child import ChildSearch, SpareChild


def report_where(conn: Connection, word: str) -> None:
    conn.send((word, os.getpid(), "ortools" in sys.modules, "pytest" in sys.modules))


def wait_forever(conn: Connection) -> None:
    conn.send("started")
    while True:
        time.sleep(60)  # stdin is at its end once the target is read: nothing to wait on there


def test_the_child_runs_the_target_without_importing_the_parents_main() -> None:
    import ortools  # noqa: F401  (the parent has it, as the solver's caller always does)

    child = ChildSearch(report_where, ("hello",))
    word, pid, ortools_imported, pytest_imported = child.conn.recv()
    assert (word, ortools_imported, pytest_imported) == ("hello", False, False)
    assert pid != os.getpid()
    child.kill()
    assert not child.alive()


def test_a_killed_child_is_gone_and_its_pipe_closed() -> None:
    child = ChildSearch(wait_forever, ())
    assert child.conn.recv() == "started"
    assert child.alive()
    child.kill()
    assert not child.alive()
    assert child.conn.closed


def tick(conn: Connection) -> None:
    while True:
        conn.send("tick")
        time.sleep(0.02)


def test_a_paused_child_takes_no_turn_until_resumed() -> None:
    child = ChildSearch(tick, ())
    assert child.conn.recv() == "tick"
    child.pause()
    time.sleep(0.2)  # let a tick sent just before the pause arrive
    while child.conn.poll(0):
        child.conn.recv()
    assert not child.conn.poll(0.3)
    child.resume()
    assert child.conn.poll(2.0)
    child.kill()
    assert not child.alive()


def report_imports(conn: Connection) -> None:
    conn.send((os.getpid(), "keruen.scheduling.pb" in sys.modules))


def test_a_spare_process_is_taken_by_the_first_search_with_its_imports_done() -> None:
    spare = SpareChild(("keruen.scheduling.pb",))
    first = ChildSearch(report_imports, (), spare=spare)
    second = ChildSearch(report_imports, (), spare=spare)  # the spare is gone: a new one
    first_pid, first_warm = first.conn.recv()
    second_pid, second_warm = second.conn.recv()
    assert (first_warm, second_warm) == (True, False)
    assert first_pid != second_pid
    spare.close()  # nothing left to close
    first.kill()
    second.kill()


def test_an_unused_spare_is_killed_on_close() -> None:
    spare = SpareChild(("keruen.scheduling.pb",))
    process = spare._process
    assert process is not None
    spare.close()
    assert not process.alive()
    assert process.conn.closed
    assert spare.take() is None
