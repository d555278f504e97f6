"""A per-process cache of per-event search data, valid while the rows it was built from hold."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Final, Generic, TypeVar

# Events whose data each cache keeps: the current edition, the last one, a few more.
CACHE_EVENTS: Final = 8

T = TypeVar("T")


class StampedCache(Generic[T]):
    """Per-process LRU of per-event data, an entry valid while its rows' fingerprint holds."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[object, ...], tuple[str, T]] = OrderedDict()

    def get(self, key: tuple[object, ...], fingerprint: str, build: Callable[[], T]) -> T:
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None and cached[0] == fingerprint:
                self._entries.move_to_end(key)
                return cached[1]
        value = build()  # outside the lock: it reads the database
        with self._lock:
            self._entries[key] = (fingerprint, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
