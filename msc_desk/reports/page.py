"""The page every report is printed on: A4, office-printer margins, and a stamp on every page.

The stamp names the document (a study id or the report's title), says "стр. x из y", the print
time in Moscow, and the audit chain head at print time, so a paper copy can be checked later
against the database (the chain head is a prefix of the chain, or the record changed since).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from msc_desk.reports.fonts import BOLD, FAMILY, register_fonts
from msc_desk.reports.progress import LayoutSteps, Progress, no_progress
from msc_desk.timekeeping import to_moscow

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 20 * mm
"""Wider on the left: room for a hole punch or a binder."""
RIGHT_MARGIN = 15 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
SHORT_HASH_LENGTH = 16
_STAMP_SIZE = 7.5
_STAMP_GREY = colors.Color(0.25, 0.25, 0.25)
_RUNNING_TITLE = "_msc_running_title"


@dataclass(frozen=True)
class ChainHead:
    """The audit chain head at print time: how many entries, and the last entry's hash."""

    count: int
    entry_hash: str

    def short(self) -> str:
        """The count and the hash's first digits as the integrity check takes them back.

        "4821 · 9F3A 07C2 D41B E8E0": the form the audit viewer shows, to be typed in later.
        """
        start = self.entry_hash[:SHORT_HASH_LENGTH].upper()
        groups = " ".join(start[i : i + 4] for i in range(0, len(start), 4))
        return f"{self.count} · {groups}"


@dataclass(frozen=True)
class PageStamp:
    """What every page of one document carries.

    Args:
        heading: the study id (a casebook) or the report's title.
        printed_at: the print time, timezone-aware (printed in Moscow time).
        chain_head: the audit chain head read when the data was read; None for a document
            that holds no recorded data (blank forms).
        write_in: a label with a line to fill in by hand on every page (blank forms:
            the patient's study id).
        clock_label: the words after the print time that say it is Moscow time.
    """

    heading: str
    printed_at: datetime
    chain_head: ChainHead | None
    write_in: str | None = None
    clock_label: str = "МСК"
    """How the print time names Moscow time (a blinded summary avoids «МСК», an arm's name)."""

    def __post_init__(self) -> None:
        if self.printed_at.utcoffset() is None:
            raise ValueError("printed_at must be timezone-aware")


def moscow_time(instant: datetime) -> str:
    """dd.MM.yyyy HH:mm on the Moscow wall clock."""
    return to_moscow(instant).strftime("%d.%m.%Y %H:%M")


def print_time(instant: datetime) -> str:
    """dd.MM.yyyy HH:mm МСК."""
    return f"{moscow_time(instant)} МСК"


def chain_head_text(head: ChainHead) -> str:
    return f"Журнал аудита: {head.short()}"


class RunningTitle(Flowable):
    """Takes no room: from the page it lands on, the page header names this part of the document.

    Laying it out is also a progress step: the section it opens is under way.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0
        self.steps: LayoutSteps | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        setattr(self.canv, _RUNNING_TITLE, self.text)
        if self.steps is not None:
            self.steps.section(self.text)


def _running_titles(story: Sequence[Flowable]) -> Iterator[RunningTitle]:
    """The running titles of a story, also those kept together with what follows them."""
    for flowable in story:
        if isinstance(flowable, RunningTitle):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from _running_titles(getattr(flowable, "_content", ()))


def _stamped_canvas(stamp: PageStamp, steps: LayoutSteps) -> type[Canvas]:
    """A canvas that holds the pages back until the end, so each can say how many there are."""

    class StampedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's, not in the stubs

        def save(self) -> None:
            steps.numbering()
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.pop(_RUNNING_TITLE, None)  # a later page's title must not leak back
                self.__dict__.update(state)
                _draw_stamp(self, stamp, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return StampedCanvas


def _fitted(canvas: Canvas, text: str, room: float) -> str:
    """`text` in the current font within `room` points: whole words, then «…» if cut."""
    if canvas.stringWidth(text) <= room:
        return text
    words = text.split(" ")
    while len(words) > 1 and canvas.stringWidth(" ".join(words) + "…") > room:
        words.pop()
    return " ".join(words).rstrip(" ·,:") + "…"


def _draw_stamp(canvas: Canvas, stamp: PageStamp, number: int, total: int) -> None:
    canvas.saveState()
    canvas.setFillColor(_STAMP_GREY)
    canvas.setStrokeColor(colors.grey)
    canvas.setLineWidth(0.4)
    top = PAGE_HEIGHT - TOP_MARGIN + 5 * mm
    running = getattr(canvas, _RUNNING_TITLE, None)
    heading = stamp.heading if not running else f"{stamp.heading} · {running}"
    room = FRAME_WIDTH
    if stamp.write_in:
        write_in = f"{stamp.write_in}: ____________________"
        canvas.setFont(FAMILY, _STAMP_SIZE + 0.5)
        canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, top + 1.5 * mm, write_in)
        room -= canvas.stringWidth(write_in) + 4 * mm
    canvas.setFont(BOLD, _STAMP_SIZE + 0.5)
    canvas.drawString(LEFT_MARGIN, top + 1.5 * mm, _fitted(canvas, heading, room))
    canvas.line(LEFT_MARGIN, top, PAGE_WIDTH - RIGHT_MARGIN, top)
    bottom = BOTTOM_MARGIN - 6 * mm
    canvas.line(LEFT_MARGIN, bottom + 3.5 * mm, PAGE_WIDTH - RIGHT_MARGIN, bottom + 3.5 * mm)
    canvas.setFont(FAMILY, _STAMP_SIZE)
    left = f"Напечатано: {moscow_time(stamp.printed_at)} {stamp.clock_label}"
    if stamp.chain_head is not None:
        left = f"{left}    {chain_head_text(stamp.chain_head)}"
    canvas.drawString(LEFT_MARGIN, bottom, left)
    canvas.setFont(BOLD, _STAMP_SIZE)
    canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, bottom, f"стр. {number} из {total}")
    canvas.restoreState()


def render_pdf(
    story: Sequence[Flowable],
    stamp: PageStamp,
    *,
    title: str,
    subject: str = "",
    progress: Progress = no_progress,
) -> bytes:
    """Lay `story` out on stamped A4 pages; the PDF's bytes (real, searchable text).

    `progress` hears each section (each `RunningTitle`) as it is laid out, then the numbering
    of the pages, then the end; the step before them, the reading, counts as done.

    Raises:
        ReportCancelled: `progress` raised it; the layout stopped there.
        reportlab.platypus.doctemplate.LayoutError: a flowable taller than a page (a table row
            that cannot be split); never silently cut.
    """
    register_fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="MSC Desk",
        creator="MSC Desk",
        subject=subject,
        initialFontName=FAMILY,
    )
    frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body", showBoundary=0)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    marks = list(_running_titles(story))
    steps = LayoutSteps(progress, len(marks))
    for mark in marks:
        mark.steps = steps
    document.build(list(story), canvasmaker=_stamped_canvas(stamp, steps))
    steps.finished()
    return buffer.getvalue()
