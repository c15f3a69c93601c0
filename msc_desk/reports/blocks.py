"""The building blocks of every report: paragraph styles, escaped text, and tables that split."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, LongTable, Paragraph, TableStyle

from msc_desk.reports.fonts import BOLD, FAMILY, ITALIC, register_fonts
from msc_desk.reports.page import FRAME_HEIGHT

HEADER_FILL = colors.Color(0.88, 0.88, 0.88)
"""Light enough to print on a mono laser printer without hiding the text."""
ZEBRA_FILL = colors.Color(0.96, 0.96, 0.96)
GRID = colors.Color(0.45, 0.45, 0.45)
DASH = "—"
HEADING_ROOM = 30 * mm
TALL_ROW = FRAME_HEIGHT * 0.6
"""A row taller than this may split between pages (see `data_table`)."""
_LONG_CELL_TEXT = 100
"""Characters below which no cell, even in the narrowest column, comes near `TALL_ROW`."""
_CELL_PADDING = 6


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_note: ParagraphStyle
    cell_indented: ParagraphStyle


def styles() -> Styles:
    """The report styles, in DejaVu Sans (registered on first use)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FAMILY, fontSize=9.5, leading=12.5, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=FAMILY, fontSize=8.5, leading=10.5)
    return Styles(
        title=ParagraphStyle(
            "title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=6, keepWithNext=True
        ),
        heading=ParagraphStyle(
            "heading",
            fontName=BOLD,
            fontSize=11.5,
            leading=14.5,
            spaceBefore=8,
            spaceAfter=4,
        ),
        body=body,
        note=ParagraphStyle("note", parent=body, fontName=ITALIC, fontSize=8.5, leading=11),
        cell=cell,
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD),
        cell_note=ParagraphStyle(
            "cell_note", parent=cell, fontName=ITALIC, fontSize=7.5, leading=9.5
        ),
        cell_indented=ParagraphStyle("cell_indented", parent=cell, leftIndent=4 * mm),
    )


def text(value: str) -> str:
    """Plain text as paragraph markup: <, > and & escaped, line breaks kept."""
    return escape(value).replace("\n", "<br/>")


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup from data)."""
    return Paragraph(text(value), style)


def heading(value: str) -> list[Flowable]:
    """A section heading, moved to the next page when too little room is left under it.

    (Not keepWithNext: that would push a long table whole onto the next page.)
    """
    return [CondPageBreak(HEADING_ROOM), para(value, styles().heading)]


def number(value: Decimal | int) -> str:
    """A number as Russian forms write it: decimal comma, no exponent."""
    return format(value, "f").replace(".", ",") if isinstance(value, Decimal) else str(value)


Cell: TypeAlias = str | Flowable


def _has_tall_row(rows: Sequence[Sequence[Cell]], widths: Sequence[float]) -> bool:
    """Whether a row's text would fill most of a page (a long description, a long answer)."""
    for row in rows:
        for cell, width in zip(row, widths, strict=False):
            if isinstance(cell, Paragraph) and len(cell.text) >= _LONG_CELL_TEXT:
                _width, height = cell.wrap(width - _CELL_PADDING, FRAME_HEIGHT * 10)
                if height > TALL_ROW:
                    return True
    return False


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    zebra: bool = True,
) -> LongTable:
    """A table whose header row repeats on every page it runs onto; no text is ever lost.

    Text cells are escaped and wrap within their column. A row moves whole to the next page,
    unless the table holds a row taller than `TALL_ROW`: then rows split between pages
    (the rest of the row continues under the repeated header), as a row taller than a page
    could not be printed at all.
    """
    look = styles()
    data: list[list[Cell]] = [[para(item, look.cell_head) for item in header]]
    data += [
        [para(cell, look.cell) if isinstance(cell, str) else cell for cell in row] for row in rows
    ]
    table = LongTable(
        data,
        colWidths=list(widths),
        repeatRows=1,
        splitByRow=1,
        splitInRow=int(_has_tall_row(data[1:], widths)),
        hAlign="LEFT",
    )
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]))
    table.setStyle(TableStyle(commands))
    return table
