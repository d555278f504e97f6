"""A search run in a fresh Python process that imports only what it runs.

multiprocessing's "spawn" start method re-imports the parent's main module in the child
before running anything: the benchmark script, the ``keruen`` CLI or a task worker, with
OR-Tools and Django, about 0.4 s on this machine where the search itself may need 1.5 s
(forum-13crafc with Exact). "fork" is no option in a threaded process. So the child is a
plain ``python -c`` that unpickles the function and its arguments from its stdin and talks
back over an inherited pipe, as a ``multiprocessing`` Connection.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection

_CHILD_CODE = "from keruen.scheduling.child import child_main; child_main()"
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class ChildProcess:
    """A started child, waiting on its stdin for the search to run. ``warm`` names modules it
    imports before that, so that Python's start and the imports (about 0.1 s) can overlap
    with the caller's own work (``SpareChild``)."""

    def __init__(self, warm: tuple[str, ...] = ()) -> None:
        reader, writer = Pipe(duplex=False)
        fd = writer.fileno()
        try:
            # Its own session: a Ctrl-C at the terminal reaches the parent, which stops it.
            self.popen = subprocess.Popen(
                [sys.executable, "-c", _CHILD_CODE, str(fd), str(os.getpid()), *warm],
                stdin=subprocess.PIPE,
                pass_fds=(fd,),
                start_new_session=True,
            )
        except OSError:
            reader.close()  # no process (resource limits): leave no descriptor behind
            raise
        finally:
            writer.close()  # the child holds its own copy: EOF here once it is gone
        self.conn: Connection = reader

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.popen.kill()
        self.popen.wait()
        if self.popen.stdin is not None:
            self.popen.stdin.close()  # a spare that never got its search still holds it
        self.conn.close()


class SpareChild:
    """One child process started ahead of need: the first search to start takes it
    (``take``), and ``close`` kills it if none did.

    The kernel ends a child when the *thread* that started it ends (``_die_with_parent``):
    start the spare from a thread that outlives the searches, as ``solve`` does from its own.
    """

    def __init__(self, warm: tuple[str, ...]) -> None:
        self._lock = threading.Lock()
        self._process: ChildProcess | None = ChildProcess(warm)

    def take(self) -> ChildProcess | None:
        with self._lock:
            process, self._process = self._process, None
        if process is not None and not process.alive():
            process.kill()  # closes its pipe
            return None
        return process

    def close(self) -> None:
        process = self.take()
        if process is not None:
            process.kill()


class ChildSearch:
    """``target(conn, *args)`` running in a child process; its messages arrive on ``conn``.
    ``spare``'s process is used if it has one left, else a new one starts."""

    def __init__(
        self,
        target: Callable[..., None],
        args: tuple[object, ...],
        *,
        spare: SpareChild | None = None,
    ) -> None:
        process = spare.take() if spare is not None else None
        self._process = process if process is not None else ChildProcess()
        self._popen = self._process.popen
        self.conn: Connection = self._process.conn
        assert self._popen.stdin is not None
        # A child that died at start breaks the pipe; ``conn`` then reports EOF.
        with contextlib.suppress(BrokenPipeError), self._popen.stdin as stdin:
            pickle.dump((target, args), stdin)

    def alive(self) -> bool:
        return self._popen.poll() is None

    def pause(self) -> None:
        """Stop the child's clock (SIGSTOP): it keeps its state and takes no CPU."""
        self._signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._signal(signal.SIGCONT)

    def _signal(self, signum: int) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._popen.pid, signum)

    def kill(self) -> None:
        """Stop the child at once: its solvers cannot be interrupted in-process, and it holds
        nothing worth a clean exit."""
        self._process.kill()


def child_main() -> None:
    """Entry point of the child: run the pickled target with the inherited pipe."""
    _die_with_parent()
    if os.getppid() != int(sys.argv[2]):
        return  # the parent died before the kernel was told to end the child with it
    # The child builds one model and searches it: clause lists and constraints, no reference
    # cycles worth the collector's passes (a third of an encoding's time, ``maxsat``).
    gc.disable()
    for module in sys.argv[3:]:
        importlib.import_module(module)  # ahead of the search (``ChildProcess``'s ``warm``)
    target, args = pickle.load(sys.stdin.buffer)
    conn = Connection(int(sys.argv[1]), readable=False)
    try:
        target(conn, *args)
    except BrokenPipeError:
        pass  # the parent stopped listening: nothing left to tell
    finally:
        conn.close()


def _die_with_parent() -> None:
    """On Linux, the kernel kills the child if the parent dies without killing it (a crash,
    SIGKILL): an uninterruptible SAT call would otherwise run on for minutes.

    The signal fires when the *thread* that started the child ends: ``LadderWatch``'s watching
    thread, which lives until the child has answered or been killed, or for the spare process
    (``SpareChild``) the thread that runs ``solve``, which outlives its searches.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
