"""Reads that run on the thread pool and hand their result back to the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._ticket, self._work, self._relay = ticket, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the window, which shows it; never lost
            self._relay.failed.emit(self._ticket, f"{type(exc).__name__}: {exc}")
        else:
            self._relay.done.emit(self._ticket, result)


class BackgroundRead(QObject):
    """Runs one read at a time off the GUI thread; only the latest request's result arrives.

    Signals:
        started(): a read began (show progress).
        finished(object): the latest read's result, on the GUI thread.
        failed(str): the latest read raised; the text names the error.
    """

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._ticket = 0
        self.busy = False

    def run(self, work: Callable[[], object]) -> None:
        """Start `work` on the pool; an earlier read still running is superseded."""
        self._ticket += 1
        self.busy = True
        self.started.emit()
        # The relay belongs to the job, not to this object: a window closed while its read
        # runs is deleted at once, and the finished job then signals into nothing.
        relay = _Relay()
        relay.done.connect(self._on_done)
        relay.failed.connect(self._on_failed)
        self._pool.start(_Job(self._ticket, work, relay))

    def cancel(self) -> None:
        """Drop the result of the read running now, if any (its data must not be shown)."""
        self._ticket += 1
        self.busy = False

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (for tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def wait_shown(self, msecs: int = 30_000) -> bool:
        """Block until the latest read's result has been handed over (tests, benchmarks)."""
        if not self.wait(msecs):
            return False
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        return not self.busy

    def _on_done(self, ticket: int, result: object) -> None:
        if ticket == self._ticket:
            self.busy = False
            self.finished.emit(result)

    def _on_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.busy = False
            self.failed.emit(message)
