"""Reading the audit trail: chain verification, filtered views, CSV export, and replay."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Mapper, Session

from msc_desk.models import AuditEntry
from msc_desk.models.database import SessionFactory
from msc_desk.security.files import atomic_write_bytes
from msc_desk.services.actor import Actor
from msc_desk.services.audit import audited_mappers, audited_text, record_event, session_audit_key
from msc_desk.services.audit_masking import mask_rows
from msc_desk.services.audit_writer import GENESIS_HASH, entry_hash
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

State = dict[str, dict[str, dict[str, str | None]]]
"""table -> record id -> field -> value as the audit log writes it."""

_DATA_ACTIONS = ("insert", "update")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class AuditRow:
    """One audit entry, as shown in the audit viewer and exported."""

    id: int
    at: datetime
    username: str | None
    role: str | None
    device: str | None
    action: str
    table_name: str | None
    record_id: str | None
    patient_id: int | None
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    entry_hash: str


def _audit_table() -> Table:
    table = AuditEntry.__table__
    assert isinstance(table, Table)
    return table


def verify_chain(session: Session) -> int | None:
    """Recompute every hash and link; return the id of the first broken row, or None if intact.

    A row is broken when its fields no longer give its hash, or when it does not point to the
    row before it (a row was changed, inserted or removed). Truncating the end of the log is
    only visible against a chain head kept elsewhere (export batches carry it).
    """
    table = _audit_table()
    previous = GENESIS_HASH
    rows = session.execute(select(table).order_by(table.c.id).execution_options(yield_per=500))
    for row in rows.mappings():
        if row["prev_hash"] != previous or entry_hash(previous, dict(row)) != row["entry_hash"]:
            return int(row["id"])
        previous = row["entry_hash"]
    return None


@dataclass(frozen=True)
class ChainHead:
    """The audit chain's head: how many entries, and the last one's hash (genesis when empty)."""

    count: int
    entry_hash: str

    def grouped(self) -> str:
        """The hash in groups of 4 characters, to be written down by hand."""
        return " ".join(self.entry_hash[i : i + 4] for i in range(0, len(self.entry_hash), 4))


def audit_chain_head(session: Session) -> ChainHead:
    """The count of audit rows and the last row's entry_hash."""
    table = _audit_table()
    count = session.scalar(select(func.count()).select_from(table)) or 0
    last = session.scalar(select(table.c.entry_hash).order_by(table.c.id.desc()).limit(1))
    return ChainHead(int(count), last or GENESIS_HASH)


def audit_entries(
    session: Session,
    patient_id: int | None = None,
    table: str | None = None,
    record_id: str | None = None,
    username: str | None = None,
    field: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditRow]:
    """Audit rows matching every filter given, oldest first (`since` <= at < `until`).

    The caller checks Action.VIEW_AUDIT first.
    """
    audit = _audit_table()
    query = select(audit).order_by(audit.c.id)
    filters: list[tuple[str, Any]] = [
        ("patient_id", patient_id),
        ("table_name", table),
        ("record_id", record_id),
        ("username", username),
        ("field", field),
    ]
    for column, value in filters:
        if value is not None:
            query = query.where(audit.c[column] == value)
    if since is not None:
        query = query.where(audit.c.at >= since)
    if until is not None:
        query = query.where(audit.c.at < until)
    names = [item.name for item in fields(AuditRow)]
    return [
        AuditRow(**{name: row[name] for name in names}) for row in session.execute(query).mappings()
    ]


def read_audit(
    factory: SessionFactory,
    actor: Actor,
    clock: Clock = system_clock,
    **filters: Any,
) -> tuple[list[AuditRow], ChainHead]:
    """The rows matching `filters` (as `audit_entries` takes them) as `actor` may read them.

    Returns the rows and the chain head. Identifier values are hidden from everyone; a reader
    without VIEW_ALLOCATION sees no arm.

    Raises:
        PermissionDenied: the actor may not read the audit trail (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_AUDIT, clock)
    with read_session(factory) as session:
        rows = audit_entries(session, **filters)
        head = audit_chain_head(session)
    return mask_rows(rows, actor), head


def neutralize(cell: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (CWE-1236).

    Plain numbers such as "-5" or "+3.2" are left alone.
    """
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralize(str(value))


def export_audit_csv(rows: list[AuditRow], path: Path) -> None:
    """Write rows as UTF-8 CSV (RFC 4180, CRLF, ISO-8601 UTC), atomically, formulas neutralized.

    Identifier values are replaced by a marker, whatever the rows hold.
    """
    rows = mask_rows(rows, None)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([item.name for item in fields(AuditRow)])
    for row in rows:
        writer.writerow([_cell(value) for value in astuple(row)])
    atomic_write_bytes(Path(path), buffer.getvalue().encode("utf-8"), mode=0o600)


def export_audit(
    factory: SessionFactory,
    actor: Actor,
    rows: list[AuditRow],
    path: Path,
    clock: Clock = system_clock,
) -> None:
    """Write `rows` to a CSV file, and audit that a copy of the log left the application.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
        OSError: the file cannot be written (nothing is audited then).
    """
    authorize(factory, actor, Action.VIEW_AUDIT, clock)
    export_audit_csv(mask_rows(rows, actor), path)
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, "audit_export", detail=f"{len(rows)} → {Path(path).name}")


def _blank_record(mapper: Mapper[Any] | None) -> dict[str, str | None]:
    if mapper is None:
        return {}
    return {attr.key: None for attr in mapper.column_attrs}


def replay(session: Session) -> State:
    """The data as the audit log's inserts and updates rebuild it, in current_state's shape."""
    mappers = audited_mappers()
    audit = _audit_table()
    query = (
        select(audit.c.table_name, audit.c.record_id, audit.c.field, audit.c.new_value)
        .where(audit.c.action.in_(_DATA_ACTIONS))
        .order_by(audit.c.id)
    )
    state: State = {}
    for table, record, field, value in session.execute(query):
        records = state.setdefault(table, {})
        if record not in records:
            records[record] = _blank_record(mappers.get(table))
        records[record][field] = value
    return state


def current_state(session: Session) -> State:
    """Every row of every audited table (all but audit_log), each column as the audit copies it."""
    key = session_audit_key(session)
    state: State = {}
    for name, mapper in sorted(audited_mappers().items()):
        table = mapper.local_table
        keys = [(attr.key, attr.columns[0]) for attr in mapper.column_attrs]
        primary = list(mapper.primary_key)
        records: dict[str, dict[str, str | None]] = {}
        for row in session.execute(select(table)):
            record = "/".join(str(row._mapping[column]) for column in primary)
            records[record] = {
                name: audited_text(column.info, row._mapping[column], key) for name, column in keys
            }
        if records:
            state[name] = records
    return state
