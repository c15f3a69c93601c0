"""Progress of a report being built: a plain callable told each step, and how to cancel.

A report is read (one step), then laid out section by section (one step each), then its pages
are numbered and stamped (one step). The callable hears `(done, total, what)` with `what` in
Russian; `done / total` only grows and ends at 1. To cancel, the callable raises
`ReportCancelled`: the build stops there and returns nothing, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
"""Told (steps done, steps in all, the step under way in Russian); may raise ReportCancelled."""

READING = "Чтение данных"
NUMBERING = "Нумерация страниц"
DONE = "Готово"


class ReportCancelled(Exception):
    """The reader cancelled the report before it was finished; no PDF was produced."""


def no_progress(done: int, total: int, step: str) -> None:
    """The progress of a report nobody watches (the command line, tests)."""


class LayoutSteps:
    """Counts the sections of a story as they are laid out, after the reading step.

    Steps: 1 (the reading, done) + one per section + 1 (numbering the pages).
    """

    def __init__(self, progress: Progress, sections: int) -> None:
        self._progress = progress
        self.total = sections + 2
        self._done = 1

    def section(self, title: str) -> None:
        """A section starts being laid out: the steps before it are done."""
        self._progress(self._done, self.total, title)
        self._done = min(self._done + 1, self.total - 1)

    def numbering(self) -> None:
        self._progress(self.total - 1, self.total, NUMBERING)

    def finished(self) -> None:
        self._progress(self.total, self.total, DONE)
