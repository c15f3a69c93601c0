"""The audit chain's writer: the canonical text of values, entry hashes, batched chained inserts."""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, insert, select

from msc_desk.models import AuditEntry

GENESIS_HASH = "0" * 64
_HASHED_FIELDS = (
    "at", "user_id", "username", "role", "device", "action", "table_name",
    "record_id", "patient_id", "field", "old_value", "new_value", "reason",
)  # fmt: skip
_SHARED = _HASHED_FIELDS.index("field")
"""The leading hashed fields, which the rows of one record share."""
_PLAIN = frozenset({str, int, type(None)})


class AuditError(Exception):
    """A change that the audit rules refuse: no actor, or an overwrite without a reason."""


def serialize(value: Any) -> str | None:
    """The canonical text of a column value, as stored in the audit log."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime) and value.utcoffset() is not None:
        # Instants are stored in UTC: audit (and hash) the value the database will give back.
        return value.astimezone(UTC).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Decimal | int | str):
        return str(value)
    raise TypeError(f"cannot audit a value of type {type(value).__name__}")


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and this row's audited fields, in a fixed JSON form."""
    payload = [prev_hash] + [serialize(row.get(name)) for name in _HASHED_FIELDS]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _ChainHasher:
    """entry_hash over a batch of rows, byte for byte the same, at a fraction of the cost.

    json.dumps of a list of strings and nulls is "[" + the items joined by "," + "]", each string
    encoded by encode_basestring (ensure_ascii=False). The instants and ids a batch repeats are
    encoded once: only for int and datetime do equal values (same fold) serialize alike.
    """

    def __init__(self) -> None:
        self._encoded: dict[tuple[Any, ...], str] = {}
        self._heads: dict[tuple[Any, ...], str] = {}

    def _json(self, value: Any) -> str:
        kind = type(value)
        if kind is str:
            return encode_basestring(value)
        if value is None:
            return "null"
        if kind is not int and kind is not datetime:
            return self._encode(value)
        key = (kind, value, value.fold) if kind is datetime else (kind, value)
        text = self._encoded.get(key)
        if text is None:
            text = self._encoded[key] = self._encode(value)
        return text

    @staticmethod
    def _encode(value: Any) -> str:
        canonical = serialize(value)
        return "null" if canonical is None else encode_basestring(canonical)

    def _shared(self, head: tuple[Any, ...]) -> str:
        """The fields a batch's rows share (who, when, which record), encoded once per record.

        Only heads of an instant and texts, ids and nulls are memoised: for those, equal heads
        (with the instant's fold) encode alike; a bool or a Decimal equal to an int would not.
        """
        moment = head[0]
        if type(moment) is not datetime or not all(type(v) in _PLAIN for v in head[1:]):
            return ",".join(map(self._json, head))
        key = (head, moment.fold)
        text = self._heads.get(key)
        if text is None:
            text = self._heads[key] = ",".join(map(self._json, head))
        return text

    def __call__(self, prev_hash: str, values: tuple[Any, ...]) -> str:
        own = ",".join(map(self._json, values[_SHARED:]))
        text = f"[{encode_basestring(prev_hash)},{self._shared(values[:_SHARED])},{own}]"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


_INSERT_COLUMNS = (*_HASHED_FIELDS, "prev_hash", "entry_hash")
_Processor = Callable[[Any], Any] | None
_INSERTS: weakref.WeakKeyDictionary[Dialect, tuple[str, tuple[tuple[int, _Processor], ...]]] = (
    weakref.WeakKeyDictionary()
)


def _insert_statement(connection: Connection) -> tuple[str, tuple[tuple[int, _Processor], ...]]:
    """The driver's INSERT of an audit row, and per parameter its value's index and processor.

    The processors are the column types' own (what the ORM applies to the same values).
    """
    dialect = connection.dialect
    cached = _INSERTS.get(dialect)
    if cached is None:
        table = AuditEntry.__table__
        compiled = insert(AuditEntry).compile(dialect=dialect, column_keys=list(_INSERT_COLUMNS))
        order = compiled.positiontup
        if order is None or sorted(order) != sorted(_INSERT_COLUMNS):
            raise AuditError("audit insert: the driver must take positional parameters")
        parameters = tuple(
            (
                _INSERT_COLUMNS.index(name),
                table.c[name].type.dialect_impl(dialect).bind_processor(dialect),
            )
            for name in order
        )
        cached = _INSERTS[dialect] = (str(compiled), parameters)
    return cached


def _last_hash(connection: Connection) -> str:
    table = AuditEntry.__table__
    last = connection.execute(
        select(table.c.entry_hash).order_by(table.c.id.desc()).limit(1)
    ).scalar()
    return last or GENESIS_HASH


def append_entries(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Chain and insert audit rows on the connection of the current transaction.

    One executemany of every row, with the column types' own bind processing.
    """
    if not rows:
        return
    sql, parameters = _insert_statement(connection)
    previous = _last_hash(connection)
    digest = _ChainHasher()
    ordered = itemgetter(*(index for index, _process in parameters))
    processed = [(at, process) for at, (_index, process) in enumerate(parameters) if process]
    chained = []
    for row in rows:
        values = tuple(map(row.get, _HASHED_FIELDS))
        current = digest(previous, values)
        bound = list(ordered((*values, previous, current)))
        for at, process in processed:
            bound[at] = process(bound[at])
        chained.append(tuple(bound))
        previous = current
    connection.exec_driver_sql(sql, chained)
