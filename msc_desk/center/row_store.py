"""Data rows of an imported batch into `batch_table_rows`, in the import's own transaction."""

# Each row is stored as a JSON object of its cells' original text ("" when empty): the
# spreadsheet neutralization of the CSV (one leading apostrophe, msc_desk.exchange.tables) is
# removed. On PostgreSQL a table goes to the server as one JSON array, unnested there with
# jsonb_array_elements: one statement per table instead of one per row, near the speed of COPY.

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, text

from msc_desk.center.central_db import batch_table_rows
from msc_desk.exchange import Payload
from msc_desk.exchange.tables import restore_cell

_UNNEST = text(
    f"INSERT INTO {batch_table_rows.name} (batch_id, table_name, row_number, row) "
    "SELECT :batch_id, :table_name, ordinality, value "
    "FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY"
)


def store_table_rows(connection: Connection, batch_id: int, payload: Payload) -> int:
    """Insert every row of every table of `payload`; return how many."""
    total = 0
    for table in payload.table_names():
        header, cells = payload.table(table)
        rows = [
            {name: restore_cell(cell) for name, cell in zip(header, row, strict=True)}
            for row in cells
        ]
        if not rows:
            continue
        if connection.dialect.name == "postgresql":
            document = json.dumps(rows, ensure_ascii=False)
            connection.execute(
                _UNNEST, {"batch_id": batch_id, "table_name": table, "rows": document}
            )
        else:
            connection.execute(insert(batch_table_rows), _records(batch_id, table, rows))
        total += len(rows)
    return total


def _records(batch_id: int, table: str, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [
        {"batch_id": batch_id, "table_name": table, "row_number": number, "row": row}
        for number, row in enumerate(rows, start=1)
    ]
