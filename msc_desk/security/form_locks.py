"""Signed forms are read-only: any flush that would change a locked visit or its data is refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from msc_desk.models import (
    AdverseEvent,
    Infusion,
    Observation,
    Outcome,
    Screening,
    Signature,
    Visit,
)

# Patient-level forms, frozen while a casebook signature is in force.
_CASEBOOK_FORMS = (Infusion, AdverseEvent, Outcome, Screening)
_VOIDING_FIELDS = frozenset({"voided_at", "void_reason"})


class FormLocked(Exception):
    """The record belongs to a signed (locked) form: unlock it, with a reason, first."""

    def __init__(self, table: str, record_id: object, why: str) -> None:
        super().__init__(f"{table} {record_id}: {why}")
        self.table = table
        self.record_id = record_id


def _changes(obj: Any) -> dict[str, tuple[Any, Any]]:
    """The columns this flush would write, as field -> (old, new)."""
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[attr.key] = (old, new)
    return changes


def _visit_locked(connection: Connection, visit_id: int | None) -> bool:
    if visit_id is None:
        return False
    table = Visit.__table__
    return bool(connection.execute(select(table.c.locked).where(table.c.id == visit_id)).scalar())


def casebook_signed(connection: Connection, patient_id: int | None) -> bool:
    """Whether the patient's casebook carries a signature that has not been voided."""
    if patient_id is None:
        return False
    table = Signature.__table__
    query = select(table.c.id).where(
        table.c.patient_id == patient_id,
        table.c.visit_id.is_(None),
        table.c.voided_at.is_(None),
    )
    return connection.execute(query.limit(1)).first() is not None


def _ids(obj: Any, changes: dict[str, tuple[Any, Any]], field: str) -> set[Any]:
    """The current value of a foreign key, and its old value when the flush moves the record."""
    ids = {getattr(obj, field)}
    if field in changes:
        ids.add(changes[field][0])
    return ids


def _observation_visits(obj: Observation, changes: dict[str, tuple[Any, Any]]) -> set[Any]:
    ids = _ids(obj, changes, "visit_id")
    visit = inspect(obj).attrs["visit"].loaded_value  # set by assignment; never lazy-loaded here
    if isinstance(visit, Visit):
        ids.add(visit.id)
    return ids


class _LockReader:
    """Whether a visit is locked, read once per flush (a form's rows share one visit)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._visits: dict[int, bool] = {}

    def visit_locked(self, visit_id: int | None) -> bool:
        if visit_id is None:
            return False
        locked = self._visits.get(visit_id)
        if locked is None:
            locked = self._visits[visit_id] = _visit_locked(self.connection, visit_id)
        return locked


def _check(locks: _LockReader, obj: Any, inserted: bool) -> None:
    changes = {} if inserted else _changes(obj)
    if not inserted and not changes:
        return
    connection = locks.connection
    table = type(obj).__tablename__
    record = getattr(obj, "id", None)
    if isinstance(obj, Observation):
        if any(locks.visit_locked(vid) for vid in _observation_visits(obj, changes)):
            raise FormLocked(table, record, "the visit is signed and locked")
    elif isinstance(obj, Visit):
        if inserted and (obj.locked or casebook_signed(connection, obj.patient_id)):
            raise FormLocked(table, record, "a visit is locked only by signing it")
        unlocking = set(changes) == {"locked"} and not obj.locked
        if not inserted and locks.visit_locked(obj.id) and not unlocking:
            raise FormLocked(table, record, "the visit is signed and locked")
    elif isinstance(obj, _CASEBOOK_FORMS):
        if any(casebook_signed(connection, pid) for pid in _ids(obj, changes, "patient_id")):
            raise FormLocked(table, record, "the casebook is signed")
    elif isinstance(obj, Signature) and not inserted:
        stored = Signature.__table__
        voided = connection.execute(
            select(stored.c.voided_at).where(stored.c.id == obj.id)
        ).scalar()
        if voided is not None or not set(changes) <= _VOIDING_FIELDS:
            raise FormLocked(table, record, "a signature can only be voided, once")


def check_form_locks(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    """before_flush: refuse writes to locked visits, their observations and signed casebooks."""
    pending = [(obj, True) for obj in session.new] + [(obj, False) for obj in session.dirty]
    if not pending:
        return
    locks = _LockReader(session.connection())
    for obj, inserted in pending:
        _check(locks, obj, inserted)


def ensure_editable(session: Session, visit_id: int) -> None:
    """Raise FormLocked if the visit is signed (LookupError if there is no such visit)."""
    locked = session.execute(select(Visit.locked).where(Visit.id == visit_id)).scalar_one_or_none()
    if locked is None:
        raise LookupError(f"visit {visit_id} not found")
    if locked:
        raise FormLocked("visit", visit_id, "the visit is signed and locked")
