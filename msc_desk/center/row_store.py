"""Data rows of an imported batch into `batch_table_rows`, in the import's own transaction."""

# Each row is stored as a JSON object of its cells' original text ("" when empty): the
# spreadsheet neutralization of the CSV (one leading apostrophe, msc_desk.exchange.tables) is
# removed. On PostgreSQL the rows go to the server with COPY (msc_desk.center.batch_writer), in
# the import's transaction. Their JSON is built a column at a time, never a row at a time: a
# column with nothing to escape is used as it is, otherwise json.dumps of the whole column gives
# each cell's JSON string (a JSON string never holds an unescaped quote, nor a NUL or a newline,
# so the column splits back into its cells exactly); one line template filled by %-formatting for
# all rows lays out every COPY line. SQLite (a quick look) inserts row by row.

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert

from msc_desk.center.central_db import batch_table_rows
from msc_desk.exchange import Payload
from msc_desk.exchange.tables import restore_cell

_JSON_ESCAPED = re.compile('[\\x00-\\x1f"\\\\]')  # what a JSON string must escape (NUL among them)
COPY_ROWS = "COPY batch_table_rows (batch_id, table_name, row_number, row) FROM STDIN"


BATCH_ID_MARK = "\x01"
"""May stand for the batch's id in a COPY text made before the ledger gives the batch its id."""


def store_table_rows(
    connection: Connection,
    batch_id: int,
    payload: Payload,
    copy_texts: Mapping[str, str] | None = None,
) -> int:
    """Insert every row of every table of `payload`; return how many.

    `copy_texts` may hold the COPY text of tables (`copy_text` with `BATCH_ID_MARK`), made ahead.
    """
    postgresql = connection.dialect.name == "postgresql"
    total = 0
    for table in payload.table_names():
        header, cells = payload.table(table)
        if not cells:
            continue
        if postgresql:
            ahead = (copy_texts or {}).get(table)
            text = (
                ahead.replace(BATCH_ID_MARK, str(batch_id))
                if ahead is not None
                else copy_text(batch_id, table, header, cells)
            )
            driver = connection.connection.driver_connection
            with driver.cursor() as cursor, cursor.copy(COPY_ROWS) as copy:  # type: ignore[union-attr]
                copy.write(text)
        else:
            connection.execute(insert(batch_table_rows), _records(batch_id, table, header, cells))
        total += len(cells)
    return total


def copy_text(
    batch_id: int | str,
    table: str,
    header: Sequence[str],
    cells: list[list[str]],
    columns: Sequence[Sequence[str]] | None = None,
) -> str:
    """The COPY text lines of a table's rows: batch, table, row number, the row as JSON.

    `columns` may give the cells a column at a time (`Payload.columns`), worked out already.
    """
    count = len(cells)
    if not count:
        return ""
    if columns is None:
        columns = list(zip(*cells, strict=True))
    # One line template, filled by %-formatting for every row at once (map runs in C).
    fields = ",".join(_escaped(json.dumps(name, ensure_ascii=False)) + ':"%s"' for name in header)
    template = _escaped(f"{batch_id}\t{table}\t") + "%d\t{" + fields + "}\n"
    encoded = [_json_strings(column) for column in columns]
    text = "".join(map(template.__mod__, zip(range(1, count + 1), *encoded, strict=True)))
    # COPY's text format escapes a backslash; JSON holds no tab, newline or carriage return.
    return text.replace("\\", "\\\\")


def _escaped(text: str) -> str:
    return text.replace("%", "%%")


def _json_strings(column: Sequence[str]) -> Sequence[str]:
    """Each cell's original text as the inside of a JSON string."""
    values = _restored(column)
    if _JSON_ESCAPED.search("".join(values)) is None:
        return values
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))[2:-2].split('","')


def _restored(column: Sequence[str]) -> Sequence[str]:
    if "\x00'" not in "\x00" + "\x00".join(column):
        return column
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
