"""Data rows of an imported batch into `batch_table_rows`, in the import's own transaction."""

# Each row is stored as a JSON object of its cells' original text ("" when empty): the
# spreadsheet neutralization of the CSV (one leading apostrophe, msc_desk.exchange.tables) is
# removed. On PostgreSQL the rows go to the server with COPY, in the import's transaction. Their
# JSON is built a column at a time, never a row at a time: json.dumps of a whole column of text
# gives each cell's JSON string (a JSON string never holds an unescaped quote, nor a NUL or a
# newline, so the column splits back into its cells exactly), and one join lays out every COPY
# line. SQLite (a quick look) inserts row by row.

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, insert

from msc_desk.center.central_db import batch_table_rows
from msc_desk.exchange import Payload
from msc_desk.exchange.tables import restore_cell

_COPY = "COPY batch_table_rows (batch_id, table_name, row_number, row) FROM STDIN"


def store_table_rows(connection: Connection, batch_id: int, payload: Payload) -> int:
    """Insert every row of every table of `payload`; return how many."""
    postgresql = connection.dialect.name == "postgresql"
    total = 0
    for table in payload.table_names():
        header, cells = payload.table(table)
        if not cells:
            continue
        if postgresql:
            driver = connection.connection.driver_connection
            with driver.cursor() as cursor, cursor.copy(_COPY) as copy:  # type: ignore[union-attr]
                copy.write(copy_text(batch_id, table, header, cells))
        else:
            connection.execute(insert(batch_table_rows), _records(batch_id, table, header, cells))
        total += len(cells)
    return total


def copy_text(batch_id: int, table: str, header: Sequence[str], cells: list[list[str]]) -> str:
    """The COPY text lines of a table's rows: batch, table, row number, the row as JSON."""
    count = len(cells)
    prefix = f"{batch_id}\t{table}\t"
    numbers = (prefix + ("\t{\x00" + prefix).join(map(str, range(1, count + 1))) + "\t{").split(
        "\x00"
    )
    pieces: list[list[str]] = [numbers]
    last = len(header) - 1
    for index, (name, column) in enumerate(zip(header, zip(*cells, strict=True), strict=True)):
        values = _restored(column)
        encoded = json.dumps(values, ensure_ascii=False, separators=(",", ":"))[2:-2]
        key = json.dumps(name, ensure_ascii=False) + ':"'
        end = '"}\n' if index == last else '",'
        pieces.append((key + (end + "\x00" + key).join(encoded.split('","')) + end).split("\x00"))
    # COPY's text format escapes a backslash; JSON holds no tab, newline or carriage return.
    return "".join(chain.from_iterable(zip(*pieces, strict=True))).replace("\\", "\\\\")


def _restored(column: Sequence[str]) -> list[str]:
    if "\x00'" not in "\x00" + "\x00".join(column):
        return list(column)
    return [restore_cell(cell) for cell in column]


def _records(
    batch_id: int, table: str, header: list[str], cells: list[list[str]]
) -> list[dict[str, Any]]:
    return [
        {
            "batch_id": batch_id,
            "table_name": table,
            "row_number": number,
            "row": {name: restore_cell(cell) for name, cell in zip(header, row, strict=True)},
        }
        for number, row in enumerate(cells, start=1)
    ]
