"""The audit trail: every flushed change becomes hash-chained rows; events are recorded too."""

from __future__ import annotations

import hashlib
import hmac
import json
import weakref
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Dialect, insert, inspect, select
from sqlalchemy.orm import Mapper, Session, UOWTransaction

from msc_desk.models import AuditEntry, Observation, Patient, Visit
from msc_desk.models.audit import audit_key_table
from msc_desk.models.base import Base
from msc_desk.services.actor import Actor
from msc_desk.timekeeping import Clock

GENESIS_HASH = "0" * 64
SECRET_MARKER = "[secret]"
IDENTIFIER_MARKER = "[identifier]"
KEYED_PREFIX = "hmac-sha256:"
_MARKERS = {"secret": SECRET_MARKER, "identifier": IDENTIFIER_MARKER}
_HASHED_FIELDS = (
    "at", "user_id", "username", "role", "device", "action", "table_name",
    "record_id", "patient_id", "field", "old_value", "new_value", "reason",
)  # fmt: skip


class AuditError(Exception):
    """A change that the audit rules refuse: no actor, or an overwrite without a reason."""


class ReasonRequired(AuditError):
    """A saved value was changed (or removed) without a reason for the change."""

    def __init__(self, table: str, field: str) -> None:
        super().__init__(f"{table}.{field}: a reason is required to change a saved value")
        self.table = table
        self.field = field


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


def audit_key(connection: Connection) -> bytes:
    """The random key of the audit's HMACs, made with the schema and kept across rekeys."""
    key = connection.execute(select(audit_key_table.c.key).where(audit_key_table.c.id == 1))
    value = key.scalar()
    if not value:
        raise AuditError("the database holds no audit key: not a database of this version")
    return bytes(value)


def audited_text(info: Mapping[str, Any], value: Any, key: bytes) -> str | None:
    """What the audit copies of a column's `value` (`info`: its metadata): value, marker or HMAC.

    Secret and identifying columns (model column info, see msc_desk.models.audit) never reach
    the audit in clear; a KEYED column's HMAC lets replay compare it without showing it.
    """
    text = serialize(value)
    rule = info.get("audit")
    if text is None or rule is None:
        return text
    if rule == "keyed":
        return KEYED_PREFIX + hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()
    return _MARKERS[rule]


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

    def __call__(self, prev_hash: str, values: tuple[Any, ...]) -> str:
        items = [self._json(prev_hash)] + [self._json(value) for value in values]
        text = "[" + ",".join(items) + "]"
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
        values = tuple(row.get(name) for name in _HASHED_FIELDS)
        current = digest(previous, values)
        bound = list(ordered((*values, previous, current)))
        for at, process in processed:
            bound[at] = process(bound[at])
        chained.append(tuple(bound))
        previous = current
    connection.exec_driver_sql(sql, chained)


def _actor_fields(actor: Actor, clock: Clock) -> dict[str, Any]:
    return {
        "at": clock(),
        "user_id": actor.user_id,
        "username": actor.username,
        "role": actor.role.value,
        "device": actor.device,
    }


def record_event(
    session: Session,
    action: str,
    *,
    patient_id: int | None = None,
    detail: str | None = None,
    reason: str | None = None,
    table_name: str | None = None,
    record_id: str | None = None,
) -> None:
    """Audit a non-data event (login, lock, randomization, signature, export, denial)."""
    actor, clock = _context(session)
    row = _actor_fields(actor, clock) | {
        "action": action,
        "patient_id": patient_id,
        "new_value": detail,
        "reason": reason,
        "table_name": table_name,
        "record_id": record_id,
    }
    append_entries(session.connection(), [row])


def _context(session: Session) -> tuple[Actor, Clock]:
    actor = session.info.get("actor")
    clock = session.info.get("clock")
    if actor is None or clock is None:
        raise AuditError("a change to the database needs an acting user (use unit_of_work)")
    return actor, clock


def _record_id(obj: Any) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(str(part) for part in key)


def _patient_id(connection: Connection, obj: Any) -> int | None:
    if isinstance(obj, Patient):
        return obj.id
    if isinstance(obj, Observation):
        loaded = inspect(obj).attrs["visit"].loaded_value  # never lazy-loads in a flush
        if isinstance(loaded, Visit) and loaded.patient_id is not None:
            return loaded.patient_id
        visit = Visit.__table__
        query = select(visit.c.patient_id).where(visit.c.id == obj.visit_id)
        return connection.execute(query).scalar()
    return getattr(obj, "patient_id", None)


def _column_changes(obj: Any, inserted: bool) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for each column the flush wrote."""
    return [(key, old, new) for key, _column, old, new in _changed_columns(obj, inserted)]


def _changed_columns(obj: Any, inserted: bool) -> list[tuple[str, Column[Any], Any, Any]]:
    state = inspect(obj)
    changes = []
    for attr in state.mapper.column_attrs:
        column = attr.columns[0]
        if inserted:
            value = getattr(obj, attr.key)
            if value is not None:
                changes.append((attr.key, column, None, value))
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if serialize(old) != serialize(new):
                changes.append((attr.key, column, old, new))
    return changes


def _audited(obj: Any) -> bool:
    return type(obj).__tablename__ not in UNAUDITED and not isinstance(obj, AuditEntry)


def check_reasons(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    """before_flush: refuse deletions, and overwrites of saved values without a reason."""
    for obj in session.deleted:
        if not _audited(obj):
            continue
        raise AuditError(f"{type(obj).__tablename__}: clinical records are never deleted")
    if session.info.get("reason"):
        return
    for obj in session.dirty:
        if not _audited(obj) or not session.is_modified(obj):
            continue
        for field, old, _new in _column_changes(obj, inserted=False):
            if old is not None or field == "deleted_at":
                raise ReasonRequired(type(obj).__tablename__, field)


def record_flush(session: Session, flush_context: UOWTransaction) -> None:
    """after_flush: one audit row per written column, chained onto the log."""
    changed = [(obj, True) for obj in session.new] + [(obj, False) for obj in session.dirty]
    changed = [(obj, ins) for obj, ins in changed if _audited(obj)]
    if not changed:
        return
    actor, clock = _context(session)
    base = _actor_fields(actor, clock)
    reason = session.info.get("reason")
    connection = session.connection()
    key = session_audit_key(session)
    rows = []
    for obj, inserted in changed:
        changes = _changed_columns(obj, inserted)
        if not changes:
            continue
        common = base | {
            "action": "insert" if inserted else "update",
            "table_name": type(obj).__tablename__,
            "record_id": _record_id(obj),
            "patient_id": _patient_id(connection, obj),
            "reason": None if inserted else reason,
        }
        for field, column, old, new in changes:
            old_text = audited_text(column.info, old, key)
            new_text = audited_text(column.info, new, key)
            rows.append(common | {"field": field, "old_value": old_text, "new_value": new_text})
    append_entries(connection, rows)


def session_audit_key(session: Session) -> bytes:
    """The audit key, read once per session."""
    key = session.info.get("audit_key")
    if key is None:
        key = session.info["audit_key"] = audit_key(session.connection())
    return bytes(key)


TRAILS = frozenset({"audit_log", "identification_audit", "audit_head_signature"})
"""The trails and what signs them: append-only histories, never audited data."""

UNAUDITED = frozenset({"visit_draft"})
"""Scratch state of one user (a form being typed): neither audited nor exported."""


def audited_mappers() -> dict[str, Mapper[Any]]:
    """Every mapped table whose rows the audit trail records, by table name."""
    mappers = {str(mapper.class_.__tablename__): mapper for mapper in Base.registry.mappers}
    return {name: mapper for name, mapper in mappers.items() if name not in TRAILS | UNAUDITED}
