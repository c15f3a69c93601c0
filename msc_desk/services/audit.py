"""The audit trail: every flushed change becomes hash-chained rows; events are recorded too."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Column, Connection, Table, insert, inspect, select
from sqlalchemy.orm import Mapper, Session, UOWTransaction

from msc_desk.models import AuditEntry, Observation, Patient, Visit
from msc_desk.models.audit import audit_key_table
from msc_desk.models.base import Base
from msc_desk.services.actor import Actor
from msc_desk.services.audit_writer import AuditError, append_entries, serialize
from msc_desk.timekeeping import Clock

SECRET_MARKER = "[secret]"
IDENTIFIER_MARKER = "[identifier]"
KEYED_PREFIX = "hmac-sha256:"
_MARKERS = {"secret": SECRET_MARKER, "identifier": IDENTIFIER_MARKER}


class ReasonRequired(AuditError):
    """A saved value was changed (or removed) without a reason for the change."""

    def __init__(self, table: str, field: str) -> None:
        super().__init__(f"{table}.{field}: a reason is required to change a saved value")
        self.table = table
        self.field = field


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
        rows.extend(_field_rows(common, changes, key))
    append_entries(connection, rows)


def _field_rows(
    common: dict[str, Any], changes: list[tuple[str, Column[Any], Any, Any]], key: bytes
) -> list[dict[str, Any]]:
    """One audit row per written column: what the column held and holds, as the audit copies it."""
    return [
        common
        | {
            "field": field,
            "old_value": audited_text(column.info, old, key),
            "new_value": audited_text(column.info, new, key),
        }
        for field, column, old, new in changes
    ]


_COLUMNS: dict[type[Base], tuple[tuple[str, Column[Any]], ...]] = {}


def audited_columns(model: type[Base]) -> tuple[tuple[str, Column[Any]], ...]:
    """A model's columns as the flush audits them: attribute name and column, mapper order."""
    columns = _COLUMNS.get(model)
    if columns is None:
        table = model.__table__
        assert isinstance(table, Table)
        attrs = inspect(model).column_attrs
        columns = _COLUMNS[model] = tuple((a.key, table.c[a.columns[0].key]) for a in attrs)
    return columns


def new_record_rows(
    common: dict[str, Any], model: type[Base], record: dict[str, Any], key: bytes
) -> list[dict[str, Any]]:
    """The audit rows of a new record (`common`: who, when, which record), as a flush has them."""
    changes = [
        (name, column, None, record[name])
        for name, column in audited_columns(model)
        if record.get(name) is not None
    ]
    return _field_rows(common, changes, key)


def changed_record_rows(
    common: dict[str, Any],
    model: type[Base],
    old: dict[str, Any],
    new: dict[str, Any],
    key: bytes,
) -> list[dict[str, Any]]:
    """The audit rows of an update of the columns in `new` (`old` holds what they held)."""
    changes = [
        (name, column, old[name], new[name])
        for name, column in audited_columns(model)
        if name in new
    ]
    return _field_rows(common, changes, key)


def insert_audited(
    session: Session, model: type[Base], records: list[dict[str, Any]], patient_id: int | None
) -> None:
    """Insert new rows of `model` (ids given) in one statement, audited as a flush audits them.

    For the many rows of one form the ORM's unit of work costs more than the rows themselves;
    this writes the same rows and the same chained audit rows (one per non-empty column) without
    it. A column left out is empty: refused for a column with a default, which only a flush applies.
    """
    if not records:
        return
    if model.__tablename__ in UNAUDITED | TRAILS:
        raise AuditError(f"{model.__tablename__}: not an audited table")
    actor, clock = _context(session)
    columns = audited_columns(model)
    given = set().union(*(record.keys() for record in records))
    unknown = given - {name for name, _column in columns}
    defaulted = [
        name
        for name, column in columns
        if name not in given and (column.default is not None or column.server_default is not None)
    ]
    if unknown or defaulted or any(record.get("id") is None for record in records):
        raise AuditError(f"{model.__tablename__}: every row needs its id and only its own columns")
    connection = session.connection()
    whole = [{name: record.get(name) for name, _column in columns} for record in records]
    table = model.__table__
    assert isinstance(table, Table)
    connection.execute(insert(table), whole)
    common = _actor_fields(actor, clock) | {
        "action": "insert", "table_name": model.__tablename__, "patient_id": patient_id,
        "reason": None,
    }  # fmt: skip
    key = session_audit_key(session)
    rows = []
    for record in whole:
        rows.extend(new_record_rows(common | {"record_id": str(record["id"])}, model, record, key))
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
