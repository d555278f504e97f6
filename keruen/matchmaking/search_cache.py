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
    """Per-process LRU of per-event data, an entry valid while its rows' fingerprint holds.

    One build per key at a time: requests arriving while an entry is being rebuilt wait for
    it instead of each reading the whole catalogue again.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[object, ...], tuple[str, T]] = OrderedDict()
        self._building: dict[tuple[object, ...], threading.Lock] = {}

    def get(self, key: tuple[object, ...], fingerprint: str, build: Callable[[], T]) -> T:
        return self.update(key, fingerprint, lambda _previous: build())

    def update(
        self, key: tuple[object, ...], fingerprint: str, rebuild: Callable[[T | None], T]
    ) -> T:
        """The entry for ``key``; when its fingerprint changed, ``rebuild(previous value)``
        (None if there is none), so that it can reuse what did not change."""
        with self._lock:
            if (value := self._fresh(key, fingerprint)) is not None:
                return value
            building = self._building.setdefault(key, threading.Lock())
        with building:  # outside the main lock: a rebuild reads the database
            with self._lock:
                if (value := self._fresh(key, fingerprint)) is not None:
                    return value
                cached = self._entries.get(key)
            value = rebuild(cached[1] if cached is not None else None)
            with self._lock:
                self._entries[key] = (fingerprint, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self._size:
                    evicted, _ = self._entries.popitem(last=False)
                    self._building.pop(evicted, None)
        return value

    def _fresh(self, key: tuple[object, ...], fingerprint: str) -> T | None:
        cached = self._entries.get(key)
        if cached is not None and cached[0] == fingerprint:
            self._entries.move_to_end(key)
            return cached[1]
        return None

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
