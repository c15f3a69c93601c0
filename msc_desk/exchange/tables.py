"""Table CSVs for spreadsheets: UTF-8, RFC 4180, ISO-8601 UTC, formula-like text neutralized."""

# CWE-1236: a text cell that starts with = + - @ tab or CR is run as a formula by spreadsheets.
# Such a cell is written with a leading apostrophe. A text cell that already starts with an
# apostrophe gets one more, so `restore_cell` gives back the exact text. Only text values are
# neutralized (a negative number stays a number); the audit JSON Lines never are.

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"


_NEUTRALIZED_STARTS = (*FORMULA_STARTS, _ESCAPE)


def neutralize_cell(text: str) -> str:
    """The text as written to a table CSV: an apostrophe before formula-like text."""
    if text.startswith(_NEUTRALIZED_STARTS):
        return _ESCAPE + text
    return text


def restore_cell(cell: str) -> str:
    """The original text of a neutralized CSV cell."""
    return cell[1:] if cell.startswith(_ESCAPE) else cell


def cell_text(value: Any) -> str:
    """The CSV text of one value.

    Raises:
        ValueError: a date-time without a time zone.
        TypeError: a value of a type that has no CSV form (bytes, containers...).
    """
    kind = value.__class__
    if kind is str:  # the common cases first: a table is mostly text and whole numbers
        return neutralize_cell(value)
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralize_cell(value)
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a date-time without a time zone cannot be exported as UTC")
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"no CSV form for a value of type {type(value).__name__}")


def table_columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The columns of `rows` in first-seen order."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def table_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    """One table as RFC 4180 CSV bytes (UTF-8, CRLF, header first).

    Raises:
        ValueError: a row with a column outside `columns`, or a duplicate column name.
    """
    header = list(columns) if columns is not None else table_columns(rows)
    if len(set(header)) != len(header):
        raise ValueError("duplicate column name")
    known = set(header)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(header)
    width = len(header)
    for number, row in enumerate(rows, start=1):
        if len(row) > width or not known.issuperset(row):
            extra = sorted(set(row) - known)
            raise ValueError(f"row {number} has columns outside the header: {extra}")
        writer.writerow(map(cell_text, map(row.get, header)))
    return buffer.getvalue().encode("utf-8")


def read_table_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a table CSV, cells as written (see `restore_cell`).

    Raises:
        ValueError: not UTF-8, not parseable, or a row whose width differs from the header.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8") from exc
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise ValueError(f"not readable as CSV ({exc})") from exc
    if not records:
        return [], []
    header, rows = records[0], records[1:]
    if len(set(header)) != len(header) or any(not name for name in header):
        raise ValueError("the header has an empty or repeated column name")
    width = len(header)
    if rows and set(map(len, rows)) != {width}:
        number, row = next((n, row) for n, row in enumerate(rows, start=1) if len(row) != width)
        raise ValueError(f"row {number} has {len(row)} cells, the header {width}")
    return header, rows
