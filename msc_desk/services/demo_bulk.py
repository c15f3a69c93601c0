"""Bulk writes for large demo trials: plain inserts and updates, audited as the flush hook audits.

The ORM path audits each flushed object with a few queries of its own, which makes a demo of
thousands of patients take an hour. Here the rows are prepared in memory and written with
executemany; their audit rows are made by services/audit.py as a flush makes them (one row per
written column, actor, reason, patient) and chained with `append_entries`, in the same
transaction.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, inspect, select, update

from msc_desk.models import Base
from msc_desk.services.actor import Actor
from msc_desk.services.audit import audit_key, changed_record_rows, new_record_rows
from msc_desk.services.audit_writer import append_entries, serialize
from msc_desk.timekeeping import Clock

Model = type[Base]


class BulkWriter:
    """Collects inserts and updates for one transaction, then writes them with their audit."""

    def __init__(self, connection: Connection, actor: Actor, clock: Clock, reason: str) -> None:
        self._connection, self._reason = connection, reason
        self._key = audit_key(connection)
        self._base = {
            "at": clock(),
            "user_id": actor.user_id,
            "username": actor.username,
            "role": actor.role.value,
            "device": actor.device,
        }
        self._next_id: dict[str, int] = {}
        self._inserts: dict[Model, list[dict[str, Any]]] = defaultdict(list)
        self._updates: list[tuple[Model, int, dict[str, Any]]] = []
        self._audit: list[dict[str, Any]] = []

    def insert(self, model: Model, values: dict[str, Any], *, patient_id: int | None) -> int:
        """Queue a new row of `model` (its id is assigned here); return the id."""
        table = _table(model)
        if table.name not in self._next_id:
            highest = self._connection.execute(select(func.max(table.c.id))).scalar()
            self._next_id[table.name] = (highest or 0) + 1
        row_id = self._next_id[table.name]
        self._next_id[table.name] += 1
        row = {key: values.get(key) for key in _keys(model)} | {"id": row_id}
        self._inserts[model].append(row)
        common = self._common("insert", model.__tablename__, row_id, patient_id, reason=None)
        self._audit.extend(new_record_rows(common, model, row, self._key))
        return row_id

    def update(
        self,
        model: Model,
        row_id: int,
        old: dict[str, Any],
        new: dict[str, Any],
        *,
        patient_id: int | None,
    ) -> None:
        """Queue an update of the columns in `new` (`old` holds their current values)."""
        changed = {
            key: value for key, value in new.items() if serialize(old[key]) != serialize(value)
        }
        if not changed:
            return
        self._updates.append((model, row_id, changed))
        common = self._common("update", model.__tablename__, row_id, patient_id, self._reason)
        self._audit.extend(changed_record_rows(common, model, old, changed, self._key))

    def write(self) -> None:
        """Execute everything queued, then chain the audit rows onto the log."""
        for model, rows in self._inserts.items():
            self._connection.execute(insert(_table(model)), rows)
        grouped: dict[tuple[Model, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for model, row_id, changed in self._updates:
            grouped[(model, tuple(sorted(changed)))].append({"row_id": row_id, **changed})
        for (model, keys), rows in grouped.items():
            table = _table(model)
            statement = (
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({key: bindparam(key) for key in keys})
            )
            self._connection.execute(statement, rows)
        append_entries(self._connection, self._audit)
        self._inserts.clear()
        self._updates.clear()
        self._audit = []

    def _common(
        self, action: str, table: str, row_id: int, patient_id: int | None, reason: str | None
    ) -> dict[str, Any]:
        return self._base | {
            "action": action,
            "table_name": table,
            "record_id": str(row_id),
            "patient_id": patient_id,
            "reason": reason,
        }


_KEYS: dict[Model, tuple[str, ...]] = {}


def _keys(model: Model) -> tuple[str, ...]:
    if model not in _KEYS:
        _KEYS[model] = tuple(attr.key for attr in inspect(model).column_attrs)
    return _KEYS[model]


def _table(model: Model) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
