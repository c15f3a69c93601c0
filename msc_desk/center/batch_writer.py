"""Writing the batches that passed every check into the import's one transaction."""

# On PostgreSQL the data rows of every batch of a call go into one COPY that stays open while
# the next batches are checked: the server stores one batch's rows while Python checks the
# next. A batch's id is taken from the ledger's sequence when its rows are written (ids are
# reserved for every batch of the call; those of batches refused later stay unused), and its
# ledger row and files wait in memory until the COPY ends; the COPY ends (and everything
# waiting is inserted) before any read of the ledger and when the call ends, so each read sees
# every batch written before it. Nothing is written of a batch before it has passed every check,
# and all of it stays in the one transaction: a failure rolls every batch of the call back.
# SQLite (a quick look) writes each batch at once, row by row.

from __future__ import annotations

from contextlib import ExitStack
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, func, insert, select

from msc_desk.center.central_db import batch_files, batches
from msc_desk.center.row_store import BATCH_ID_MARK, COPY_ROWS, copy_text, store_table_rows
from msc_desk.exchange import BatchFiles, Payload, sha256_hex
from msc_desk.exchange.payload import MANIFEST

_FILE_COLUMNS = ("batch_id", "name", "sha256", "rows", "content")
_FILE_TYPES = ["int4", "varchar", "varchar", "int4", "bytea"]
_COPY_FILES = f"COPY batch_files ({', '.join(_FILE_COLUMNS)}) FROM STDIN (FORMAT BINARY)"


class BatchWriter:
    """The writes of one import call; use as a context manager inside its transaction."""

    def __init__(self, connection: Connection, batch_count: int) -> None:
        """`batch_count`: at most how many batches the call may write (ids are reserved ahead)."""
        self.connection = connection
        self.streaming = connection.dialect.name == "postgresql"
        self._batch_count = batch_count
        self._ids: list[int] = []
        self._copy: Any = None
        self._stack = ExitStack()
        self._ledger_rows: list[dict[str, Any]] = []
        self._file_rows: list[tuple[Any, ...]] = []

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:  # end the COPY with the error; the transaction is rolled back
            self._stack.__exit__(kind, error, traceback)
            return
        self.flush()

    def write(
        self,
        batch: BatchFiles,
        payload: Payload,
        ledger_row: dict[str, Any],
        copy_texts: dict[str, str],
    ) -> tuple[int, int]:
        """Write one checked batch: its ledger row, its files and its data rows.

        `ledger_row` holds the values of its row in `batches`, but the id; `copy_texts` the
        COPY text of its tables made ahead (see `copy_text`). Returns the batch's id and how
        many data rows it holds.
        """
        if not self.streaming:
            return self._write_now(batch, payload, ledger_row)
        batch_id = self._next_id()
        self._ledger_rows.append(ledger_row | {"id": batch_id})
        self._file_rows += [
            tuple(row[name] for name in _FILE_COLUMNS) for row in _file_rows(batch_id, payload)
        ]
        rows, mark = 0, str(batch_id)
        for table in payload.table_names():
            header, cells = payload.table(table)
            if not cells:
                continue
            ahead = copy_texts.get(table)
            text = (
                ahead.replace(BATCH_ID_MARK, mark)
                if ahead is not None
                else copy_text(batch_id, table, header, cells, payload.columns(table))
            )
            self._open_copy().write(text)
            rows += len(cells)
        return batch_id, rows

    def flush(self) -> None:
        """End the COPY and insert what waits: the database then holds every written batch."""
        self._stack.close()
        self._copy = None
        if self._ledger_rows:
            self.connection.execute(insert(batches), self._ledger_rows)
            self._ledger_rows = []
        if self._file_rows:
            # Binary COPY: the files' bytes go as they are, not as hex text.
            driver = self.connection.connection.driver_connection
            with (
                driver.cursor() as cursor,  # type: ignore[union-attr]
                cursor.copy(_COPY_FILES) as copy,
            ):
                copy.set_types(_FILE_TYPES)
                for row in self._file_rows:
                    copy.write_row(row)
            self._file_rows = []

    def _next_id(self) -> int:
        if not self._ids:
            self.flush()  # no statement may run while a COPY is open
            sequence = func.pg_get_serial_sequence(batches.name, batches.c.id.name)
            query = select(func.nextval(sequence)).select_from(
                func.generate_series(1, max(self._batch_count, 1))
            )
            self._ids = sorted(self.connection.execute(query).scalars(), reverse=True)
        self._batch_count -= 1
        return self._ids.pop()

    def _open_copy(self) -> Any:
        if self._copy is None:
            driver = self.connection.connection.driver_connection
            cursor = self._stack.enter_context(driver.cursor())  # type: ignore[union-attr]
            self._copy = self._stack.enter_context(cursor.copy(COPY_ROWS))
        return self._copy

    def _write_now(
        self, batch: BatchFiles, payload: Payload, ledger_row: dict[str, Any]
    ) -> tuple[int, int]:
        inserted = self.connection.execute(
            insert(batches).returning(batches.c.id).values(**ledger_row)
        )
        batch_id = int(inserted.scalar_one())
        self.connection.execute(insert(batch_files), _file_rows(batch_id, payload))
        return batch_id, store_table_rows(self.connection, batch_id, payload)


def _file_rows(batch_id: int, payload: Payload) -> list[dict[str, Any]]:
    """Every file of the payload, byte for byte, with its hash and row count; the manifest too."""
    listed = payload.manifest["files"]
    rows = [
        {"batch_id": batch_id, "name": name, "sha256": listed[name]["sha256"],
         "rows": listed[name]["rows"], "content": data}
        for name, data in sorted(payload.files.items())
    ]  # fmt: skip
    manifest = payload.manifest_bytes
    rows.append({"batch_id": batch_id, "name": MANIFEST, "sha256": sha256_hex(manifest),
                 "rows": None, "content": manifest})  # fmt: skip
    return rows
