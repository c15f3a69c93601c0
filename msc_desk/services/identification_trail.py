"""The identification trail: every change to the identification log, hash-chained apart."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, Table, insert, inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from msc_desk.models import IdentificationAuditEntry, PatientIdentification
from msc_desk.services.actor import Actor
from msc_desk.services.audit_writer import GENESIS_HASH, serialize
from msc_desk.timekeeping import Clock

_HASHED = (
    "at", "user_id", "username", "role", "device", "action", "record_id", "patient_id",
    "field", "old_value", "new_value", "reason",
)  # fmt: skip


def _table() -> Table:
    table = IdentificationAuditEntry.__table__
    assert isinstance(table, Table)
    return table


def trail_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the row's fields in a fixed JSON form."""
    payload = [prev_hash] + [serialize(row.get(name)) for name in _HASHED]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _changes(obj: PatientIdentification, inserted: bool) -> list[tuple[str, Any, Any]]:
    state = inspect(obj)
    found = []
    for attr in state.mapper.column_attrs:
        if attr.key in ("id",):
            continue
        history = state.attrs[attr.key].history
        if inserted:
            value = getattr(obj, attr.key)
            if value is not None:
                found.append((attr.key, None, value))
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if serialize(old) != serialize(new):
                found.append((attr.key, old, new))
    return found


def _append(connection: Connection, rows: list[dict[str, Any]]) -> None:
    table = _table()
    last = connection.execute(
        select(table.c.entry_hash).order_by(table.c.id.desc()).limit(1)
    ).scalar()
    previous = last or GENESIS_HASH
    for row in rows:
        row["prev_hash"] = previous
        row["entry_hash"] = previous = trail_hash(previous, row)
    connection.execute(insert(table), rows)


def record_identification_flush(session: Session, flush_context: UOWTransaction) -> None:
    """after_flush: one trail row per written identification column (values in clear)."""
    changed = [(obj, True) for obj in session.new if isinstance(obj, PatientIdentification)]
    changed += [(obj, False) for obj in session.dirty if isinstance(obj, PatientIdentification)]
    if not changed:
        return
    actor: Actor | None = session.info.get("actor")
    clock: Clock | None = session.info.get("clock")
    if actor is None or clock is None:
        return  # the audit hook refuses a flush without an actor
    base = {
        "at": clock(),
        "user_id": actor.user_id,
        "username": actor.username,
        "role": actor.role.value,
        "device": actor.device,
    }
    rows = []
    for obj, inserted in changed:
        for field, old, new in _changes(obj, inserted):
            rows.append(
                base
                | {
                    "action": "insert" if inserted else "update",
                    "record_id": str(obj.id),
                    "patient_id": obj.patient_id,
                    "field": field,
                    "old_value": serialize(old),
                    "new_value": serialize(new),
                    "reason": None if inserted else session.info.get("reason"),
                }
            )
    if rows:
        _append(session.connection(), rows)


def verify_identification_trail(session: Session) -> int | None:
    """The id of the first row whose hash or link is wrong, or None when the trail is intact."""
    table = _table()
    previous = GENESIS_HASH
    for row in session.execute(select(table).order_by(table.c.id)).mappings():
        if row["prev_hash"] != previous or trail_hash(previous, dict(row)) != row["entry_hash"]:
            return int(row["id"])
        previous = row["entry_hash"]
    return None
