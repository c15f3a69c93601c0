"""Running a check off the GUI thread: a QRunnable that hands its result back by a signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class BackgroundTask(QRunnable):
    """Calls `work()` in the pool; `relay.done(result)` or `relay.failed(text)` in the GUI."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it (and its relay) until the signal arrives
        self._work = work
        self.relay = _Relay()

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported in the window; the check must never pass silently
            self.relay.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.relay.done.emit(result)

    def start(self, pool: QThreadPool | None = None) -> None:
        # Kept alive until its result is back in the GUI thread, even if its owner is gone.
        _RUNNING.add(self)
        self.relay.done.connect(self._forget)
        self.relay.failed.connect(self._forget)
        (pool or QThreadPool.globalInstance()).start(self)

    def _forget(self, _result: object) -> None:
        _RUNNING.discard(self)


_RUNNING: set[BackgroundTask] = set()
