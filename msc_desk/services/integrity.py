"""The integrity check: audit chain, replay against the data, reveal chain, and signature checks."""

# Every check streams: the audit is read in id order, replay merges per table the audit rows
# (ordered by record) with the current rows (ordered the same way), one record at a time, so
# that memory does not grow with the database. Findings carry a stable code and where the
# problem is; the UI words them (in Russian) from the code. Checks other parts add (the key
# registry, head signatures) register themselves in FULL_CHECKS / QUICK_CHECKS.

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import String, Table, cast, delete, insert, select
from sqlalchemy.orm import Mapper, Session

from msc_desk.center.allocation import GENESIS_REVEAL_HASH, reveal_hash
from msc_desk.models import AllocationList, AllocationSlot, AuditEntry, Patient
from msc_desk.models.audit import integrity_mark_table
from msc_desk.models.database import SessionFactory, damaged_pages, page_check_at_open
from msc_desk.services.audit import audited_mappers, audited_text, session_audit_key
from msc_desk.services.audit_writer import GENESIS_HASH, entry_hash
from msc_desk.services.chain_head import head_is_prefix
from msc_desk.services.session import read_session

_BATCH = 1000
_MAX_FINDINGS_PER_CHECK = 200
_DATA_ACTIONS = ("insert", "update")

# Finding codes (stable: the UI and the center key their wording on them).
AUDIT_HASH_MISMATCH = "audit_hash_mismatch"  # a row's fields no longer give its hash
AUDIT_LINK_BROKEN = "audit_link_broken"  # a row does not point to the row before it
AUDIT_ID_GAP = "audit_id_gap"  # rows are missing before this id
AUDIT_MARK_MISMATCH = "audit_mark_mismatch"  # the last verified row changed or disappeared
HEAD_NOT_PREFIX = "head_not_prefix"  # a head written down earlier is not on the chain
REPLAY_MISMATCH = "replay_mismatch"  # a value differs from what the audit says was written
REPLAY_UNAUDITED_ROW = "replay_unaudited_row"  # a row that no audit entry created
REPLAY_MISSING_ROW = "replay_missing_row"  # a row the audit created is gone
SLOT_SKIPPED = "slot_skipped"  # a slot was used while an earlier one stays unused
REVEAL_CHAIN_BROKEN = "reveal_chain_broken"  # a reveal does not recompute or link
DATABASE_PAGES_DAMAGED = "database_pages_damaged"  # SQLite's quick_check of a large file failed


@dataclass(frozen=True)
class Finding:
    """One problem: a stable code, where it is, and the values the message shows."""

    code: str
    table: str | None = None
    record: str | None = None
    field: str | None = None
    audit_id: int | None = None
    slot: int | None = None
    params: Mapping[str, str] = dataclass_field(default_factory=dict)

    def describe(self) -> str:
        """A plain English line (logs and the command line; the UI words it in Russian)."""
        where = ", ".join(
            f"{name} {value}"
            for name, value in (
                ("table", self.table),
                ("record", self.record),
                ("field", self.field),
                ("audit row", self.audit_id),
                ("slot", self.slot),
            )
            if value is not None
        )
        extra = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.code}: {where}" + (f" ({extra})" if extra else "")


Check = Callable[[Session], list[Finding]]
"""A check another part adds: it reads through the session and returns its findings."""

FULL_CHECKS: list[Check] = []
"""Run by `full_check` after the built-in checks (e.g. key registry, head signatures)."""
QUICK_CHECKS: list[Check] = []
"""Run by `quick_check` at sign-in (they must be incremental and cheap)."""


def full_check(
    factory: SessionFactory, recorded_heads: tuple[tuple[int, str], ...] = ()
) -> list[Finding]:
    """Every check, streamed: the audit chain, replay, the reveal chain, FULL_CHECKS, every page.

    Args:
        factory: the open database.
        recorded_heads: chain heads written down earlier (count, hash or its first digits),
            each checked to be a prefix of the chain now.
    """
    with read_session(factory) as session:
        findings, _last = _chain(session, 0, GENESIS_HASH)
        for count, hash_text in recorded_heads:
            if not head_is_prefix(session, count, hash_text):
                params = {"count": str(count), "hash": hash_text}
                findings.append(Finding(HEAD_NOT_PREFIX, table="audit_log", params=params))
        findings += replay_findings(session)
        findings += reveal_findings(session)
        for check in FULL_CHECKS:
            findings += check(session)
        findings += _page_findings(session)
    return findings


def quick_check(factory: SessionFactory) -> list[Finding]:
    """The sign-in pass: the chain from the last verified row, then QUICK_CHECKS.

    The position and hash of the last verified row are stored; they move forward only when
    nothing was found.
    """
    with read_session(factory) as session:
        mark = session.execute(select(integrity_mark_table)).mappings().first()
        start_id = 0 if mark is None else int(mark["verified_audit_id"])
        start_hash = GENESIS_HASH if mark is None else str(mark["verified_hash"])
        findings: list[Finding] = []
        if start_id and not _row_recomputes(session, start_id, start_hash):
            findings.append(Finding(AUDIT_MARK_MISMATCH, "audit_log", audit_id=start_id))
        if not findings:
            chain, last = _chain(session, start_id, start_hash)
            findings += chain
        for check in QUICK_CHECKS:
            findings += check(session)
        findings += _large_file_pages(session)
    if not findings and last[0] > start_id:
        _store_mark(factory, *last)
    return findings


def _large_file_pages(session: Session) -> list[Finding]:
    """Every page of a file too large to check before it opened (see PAGE_CHECK_AT_OPEN_LIMIT)."""
    main = session.connection().exec_driver_sql("PRAGMA database_list").first()
    if main is None or not main[2] or page_check_at_open(Path(main[2])):
        return []
    return _page_findings(session)


def _page_findings(session: Session) -> list[Finding]:
    damage = damaged_pages(session.connection())
    if damage is None:
        return []
    return [Finding(DATABASE_PAGES_DAMAGED, params={"detail": damage[:200]})]


def _row_recomputes(session: Session, audit_id: int, expected: str) -> bool:
    table = AuditEntry.__table__
    assert isinstance(table, Table)
    row = session.execute(select(table).where(table.c.id == audit_id)).mappings().first()
    if row is None or row["entry_hash"] != expected:
        return False
    return entry_hash(row["prev_hash"], dict(row)) == expected


def _store_mark(factory: SessionFactory, audit_id: int, hash_hex: str) -> None:
    # Not audited: a cache of how far the chain was verified, rebuilt by any full pass.
    with factory.begin() as session:
        session.execute(delete(integrity_mark_table))
        session.execute(
            insert(integrity_mark_table).values(
                id=1, verified_audit_id=audit_id, verified_hash=hash_hex
            )
        )


def _chain(session: Session, after_id: int, previous: str) -> tuple[list[Finding], tuple[int, str]]:
    table = AuditEntry.__table__
    assert isinstance(table, Table)
    findings: list[Finding] = []
    expected_id = after_id + 1
    last = (after_id, previous)
    query = select(table).where(table.c.id > after_id).order_by(table.c.id)
    for row in session.execute(query.execution_options(yield_per=_BATCH)).mappings():
        audit_id = int(row["id"])
        if audit_id != expected_id:
            params = {"expected": str(expected_id)}
            findings.append(Finding(AUDIT_ID_GAP, "audit_log", audit_id=audit_id, params=params))
        if row["prev_hash"] != previous:
            findings.append(Finding(AUDIT_LINK_BROKEN, "audit_log", audit_id=audit_id))
        if entry_hash(row["prev_hash"], dict(row)) != row["entry_hash"]:
            findings.append(Finding(AUDIT_HASH_MISMATCH, "audit_log", audit_id=audit_id))
        previous = row["entry_hash"]
        expected_id = audit_id + 1
        last = (audit_id, previous)
        if len(findings) >= _MAX_FINDINGS_PER_CHECK:
            break
    return findings, last


# --- replay -----------------------------------------------------------------------------------


def replay_findings(session: Session) -> list[Finding]:
    """Compare, record by record, the data the audit rebuilds with the data now in each table.

    Secret, keyed and identifying columns compare in their audited form (marker or HMAC).
    """
    key = session_audit_key(session)
    findings: list[Finding] = []
    for name, mapper in sorted(audited_mappers().items()):
        findings += _replay_table(session, name, mapper, key)
        if len(findings) >= _MAX_FINDINGS_PER_CHECK:
            break
    return findings


def _replay_table(session: Session, name: str, mapper: Mapper[Any], key: bytes) -> list[Finding]:
    columns = [(attr.key, attr.columns[0]) for attr in mapper.column_attrs]
    primary = list(mapper.primary_key)
    record_key: Any = cast(primary[0], String)
    for column in primary[1:]:
        record_key = record_key + "/" + cast(column, String)
    current = session.execute(
        select(record_key.label("_record"), *(column for _, column in columns))
        .order_by(record_key)
        .execution_options(yield_per=_BATCH)
    )
    current_rows = (
        (
            str(row[0]),
            {k: audited_text(c.info, row[i + 1], key) for i, (k, c) in enumerate(columns)},
        )
        for row in current
    )
    audit = session.execute(
        select(AuditEntry.record_id, AuditEntry.field, AuditEntry.new_value)
        .where(AuditEntry.table_name == name, AuditEntry.action.in_(_DATA_ACTIONS))
        .order_by(AuditEntry.record_id, AuditEntry.id)
        .execution_options(yield_per=_BATCH)
    )
    blank: dict[str, str | None] = {k: None for k, _ in columns}
    replayed = (
        (str(record), blank | {str(f): v for _r, f, v in rows})
        for record, rows in groupby(audit, key=lambda row: row[0])
    )
    return list(_merge(name, current_rows, replayed))


def _merge(
    table: str,
    current: Iterator[tuple[str, dict[str, str | None]]],
    replayed: Iterator[tuple[str, dict[str, str | None]]],
) -> Iterator[Finding]:
    now = next(current, None)
    then = next(replayed, None)
    while now is not None or then is not None:
        if then is None or (now is not None and now[0] < then[0]):
            assert now is not None
            yield Finding(REPLAY_UNAUDITED_ROW, table, now[0])
            now = next(current, None)
        elif now is None or then[0] < now[0]:
            yield Finding(REPLAY_MISSING_ROW, table, then[0])
            then = next(replayed, None)
        else:
            for name, value in now[1].items():
                if then[1].get(name) != value:
                    yield Finding(REPLAY_MISMATCH, table, now[0], field=name)
            now, then = next(current, None), next(replayed, None)


# --- reveal chain -----------------------------------------------------------------------------


def reveal_findings(session: Session) -> list[Finding]:
    """A slot used while an earlier one is unused, and reveals that do not recompute or link."""
    rows = session.execute(
        select(AllocationSlot, AllocationList.list_uid, Patient.study_id)
        .join(AllocationList, AllocationSlot.list_id == AllocationList.id)
        .outerjoin(Patient, AllocationSlot.patient_id == Patient.id)
        .order_by(AllocationSlot.slot_number)
        .execution_options(yield_per=_BATCH)
    )
    findings: list[Finding] = []
    previous = GENESIS_REVEAL_HASH
    unused_before: int | None = None
    for slot, list_uid, study_id in rows:
        number = slot.slot_number
        if slot.revealed_at is None:
            if (slot.arm, slot.patient_id, slot.reveal_hash) != (None, None, None):
                findings.append(Finding(REVEAL_CHAIN_BROKEN, "allocation_slot", slot=number))
            elif unused_before is None:
                unused_before = number
            continue
        if unused_before is not None:
            params = {"unused": str(unused_before)}
            findings.append(Finding(SLOT_SKIPPED, "allocation_slot", slot=number, params=params))
        arm, carbon = slot.arm, slot.eligibility_sha256
        expected = None
        if arm is not None and study_id is not None and carbon is not None:
            expected = reveal_hash(
                previous, list_uid, number, arm, study_id, carbon, slot.revealed_at
            )
        if expected is None or slot.reveal_hash != expected:
            findings.append(Finding(REVEAL_CHAIN_BROKEN, "allocation_slot", slot=number))
        previous = slot.reveal_hash or previous
    return findings
