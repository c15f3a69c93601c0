"""`center import`: the checks of a batch, in order, then one transaction into the central DB."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from msc_desk.center.batch_checks import (
    BatchRejected,
    CenterKeys,
    EnrolledDevice,
    Prepared,
    prepare_batch,
    reject,
)
from msc_desk.center.batch_writer import BatchWriter
from msc_desk.center.central_db import alerts, batch_files, batches, devices
from msc_desk.exchange import GENESIS_HASH, BatchFiles, Payload, Receipt, make_receipt
from msc_desk.exchange.envelope import utc_stamp
from msc_desk.exchange.payload import AUDIT_FILE, audit_entry_hashes
from msc_desk.timekeeping import Clock, system_clock

__all__ = ["BatchRejected", "CenterKeys", "ImportResult", "import_batch", "import_batches"]


@dataclass(frozen=True)
class ImportResult:
    device_id: str
    sequence: int
    envelope_sha256: str
    already_imported: bool
    rows: int
    receipt: bytes = field(repr=False)


def import_batch(
    engine: Engine,
    path: Path,
    keys: CenterKeys,
    *,
    study: str | None = None,
    clock: Clock = system_clock,
) -> ImportResult:
    """Check one batch folder and import it, or import nothing and say why.

    Args:
        engine: the central database.
        path: the batch folder.
        keys: the identities that may open it and the receipt key.
        study: when given, a batch of another study is refused.
        clock: the time written in the ledger and the receipt.

    Raises:
        BatchRejected: any failed check; fork, gap, tamper and audit rewrite also raise an alert.
    """
    (result,) = import_batches(engine, [path], keys, study=study, clock=clock)
    if isinstance(result, BatchRejected):
        raise result
    return result


def import_batches(
    engine: Engine,
    paths: Sequence[Path],
    keys: CenterKeys,
    *,
    study: str | None = None,
    clock: Clock = system_clock,
) -> list[ImportResult | BatchRejected]:
    """Check each batch folder in turn and import those that pass, in one transaction.

    A batch that fails a check is refused before anything of it is written, and the others go
    on; each later batch sees the ones imported before it (give a device's batches in sequence
    order). Alerts are recorded once the transaction has ended, in their own transaction.

    Returns:
        For each path, in order, its result or why it was refused.

    Raises:
        BatchRejected: code "conflict" when the central database refused a write (the ledger
            changed under the import): then no batch of the call is imported.
    """
    results: list[ImportResult | BatchRejected] = []
    run = _Run(engine, keys, study, clock)
    try:
        with engine.begin() as connection, BatchWriter(connection, len(paths)) as writer:
            run.connection, run.writer = connection, writer
            enrolled = _enrolled(connection)
            audits: dict[str, tuple[bytes, list[str]]] = {}
            for path in paths:
                prepared = prepare_batch(
                    path, enrolled, keys, study=study, copy_rows=writer.streaming, audits=audits
                )
                try:
                    results.append(run.import_one(prepared))
                except BatchRejected as exc:
                    results.append(exc)
    except IntegrityError as exc:
        reject("conflict", f"the ledger changed during the import, nothing imported ({exc})")
    finally:
        run.record_alerts()
    return results


def _enrolled(connection: Connection) -> dict[str, EnrolledDevice]:
    return {
        row.device_id: EnrolledDevice(
            row.device_id,
            row.site,
            row.signing_public_key,
            row.revoked_reason,
            row.revoked_at is not None,
            row.registry_fingerprint,
        )  # fmt: skip
        for row in connection.execute(select(devices))
    }


@dataclass
class _Run:
    """One call of `import_batches`: its transaction, and what it learnt along the way."""

    engine: Engine
    keys: CenterKeys
    study: str | None
    clock: Clock
    connection: Connection | None = None
    writer: BatchWriter | None = None
    alerts: list[dict[str, Any]] = field(default_factory=list)
    audits: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    """The audit log of the last batch this run imported, by device: (batch id, content)."""

    ledgers: dict[str, tuple[int, str]] = field(default_factory=dict)
    """The last batch this run imported, by device: (sequence, envelope hash)."""

    def import_one(self, prepared: Prepared) -> ImportResult:
        """The steps in order: those of `prepared`, the ledger and the audit, then the write."""
        connection = self.connection
        assert connection is not None
        batch = prepared.batch
        refused = prepared.refused
        if refused is not None:
            if prepared.alert is not None and batch is not None:
                self.alert(batch, prepared.alert, refused.message)
            raise refused
        assert batch is not None
        envelope = batch.envelope
        ledger = self.ledger(batch)
        if ledger.receipt is not None:
            return ImportResult(
                envelope.device_id, envelope.sequence, batch.envelope_sha256, True, 0,
                ledger.receipt,
            )  # fmt: skip
        _check_ledger(self, batch, ledger)
        if prepared.open_refused is not None:
            raise prepared.open_refused
        payload = prepared.opened
        assert payload is not None
        _check_audit(self, batch, payload, ledger.previous_audit)
        if prepared.registry_problem is not None:
            self.alert(batch, "registry_pin", prepared.registry_problem)
            reject("registry_pin", prepared.registry_problem)
        _check_e_signatures(self, batch, prepared.signature_problems)
        if prepared.schema_refused is not None:
            raise prepared.schema_refused
        result, batch_id = self.store(batch, payload, prepared.copy_texts)
        self.audits[envelope.device_id] = (batch_id, payload.audit_jsonl)
        self.ledgers[envelope.device_id] = (envelope.sequence, batch.envelope_sha256)
        return result

    def ledger(self, batch: BatchFiles) -> _Ledger:
        """The device's ledger: from this run when it wrote the device's last batch."""
        envelope = batch.envelope
        known = self.ledgers.get(envelope.device_id)
        if known is not None and envelope.sequence > known[0]:
            # Nothing of a higher sequence can be in the ledger: this run wrote the last one.
            return _Ledger(None, None, known[0], known[1], self.audits[envelope.device_id][1])
        assert self.connection is not None and self.writer is not None
        self.writer.flush()  # the read sees every batch this run wrote
        return _read_ledger(self.connection, batch, self.audits.get(envelope.device_id))

    def store(
        self, batch: BatchFiles, payload: Payload, copy_texts: dict[str, str]
    ) -> tuple[ImportResult, int]:
        """Write the batch into the run's transaction; its result and its id in the ledger."""
        assert self.writer is not None
        envelope = batch.envelope
        imported_at = self.clock()
        receipt = make_receipt(
            self.keys.receipt_key,
            Receipt(envelope.study, envelope.device_id, envelope.sequence,
                    batch.envelope_sha256, utc_stamp(imported_at)),
        )  # fmt: skip
        ledger_row = {
            "device_id": envelope.device_id, "sequence": envelope.sequence,
            "envelope_sha256": batch.envelope_sha256,
            "previous_envelope_sha256": envelope.previous_envelope_sha256,
            "study": envelope.study, "site": envelope.site, "created_at": envelope.created_at,
            "imported_at": imported_at, "payload_sha256": envelope.payload_sha256,
            "audit_rows": envelope.audit_rows, "audit_head": envelope.audit_head,
            "envelope": batch.envelope_bytes, "signature": batch.signature, "receipt": receipt,
        }  # fmt: skip
        batch_id, rows = self.writer.write(batch, payload, ledger_row, copy_texts)
        result = ImportResult(
            envelope.device_id, envelope.sequence, batch.envelope_sha256, False, rows, receipt
        )
        return result, batch_id

    def alert(self, batch: BatchFiles, kind: str, detail: str) -> None:
        envelope = batch.envelope
        self.alerts.append({
            "device_id": envelope.device_id, "sequence": envelope.sequence,
            "envelope_sha256": batch.envelope_sha256, "kind": kind, "detail": detail,
            "raised_at": self.clock(),
        })  # fmt: skip

    def record_alerts(self) -> None:
        """Each alert once per batch and kind, in its own transaction: it outlives the reject."""
        if not self.alerts:
            return
        with self.engine.begin() as connection:
            for values in self.alerts:
                known = connection.execute(
                    select(alerts.c.id).where(
                        alerts.c.envelope_sha256 == values["envelope_sha256"],
                        alerts.c.kind == values["kind"],
                    )
                ).first()
                if known is None:
                    connection.execute(insert(alerts).values(**values))


@dataclass(frozen=True)
class _Ledger:
    """What the central database knows of this batch's device, read before any decision."""

    receipt: bytes | None
    same_sequence_hash: str | None
    last_sequence: int
    last_hash: str
    previous_audit: bytes


def _read_ledger(
    connection: Connection, batch: BatchFiles, known: tuple[int, bytes] | None
) -> _Ledger:
    """The ledger of the batch's device; `known` is the audit log of a batch this run wrote."""
    envelope, ledger = batch.envelope, batches.c
    same_sequence = connection.execute(
        select(ledger.envelope_sha256, ledger.receipt).where(
            ledger.device_id == envelope.device_id, ledger.sequence == envelope.sequence
        )
    ).first()
    last = connection.execute(
        select(ledger.id, ledger.sequence, ledger.envelope_sha256)
        .where(ledger.device_id == envelope.device_id)
        .order_by(ledger.sequence.desc())
        .limit(1)
    ).first()
    previous_audit = b""
    if last is not None and known is not None and known[0] == last.id:
        previous_audit = known[1]
    elif last is not None:
        previous_audit = bytes(
            connection.execute(
                select(batch_files.c.content).where(
                    batch_files.c.batch_id == last.id, batch_files.c.name == AUDIT_FILE
                )
            ).scalar_one()
        )
    # The envelope hash covers the device and the sequence number: the same batch is found here.
    receipt, other_hash = None, None
    if same_sequence is not None and same_sequence.envelope_sha256 == batch.envelope_sha256:
        receipt = bytes(same_sequence.receipt)
    elif same_sequence is not None:
        other_hash = same_sequence.envelope_sha256
    return _Ledger(
        receipt=receipt,
        same_sequence_hash=other_hash,
        last_sequence=last.sequence if last else 0,
        last_hash=last.envelope_sha256 if last else GENESIS_HASH,
        previous_audit=previous_audit,
    )


def _check_ledger(run: _Run, batch: BatchFiles, ledger: _Ledger) -> None:
    """The next sequence number with a matching previous hash, or a fork or gap alert."""
    envelope = batch.envelope
    name = f"batch {envelope.sequence} of device {envelope.device_id}"
    if ledger.same_sequence_hash is not None:
        detail = (
            f"{name} was imported with envelope {ledger.same_sequence_hash[:16]}…, this one "
            f"differs ({batch.envelope_sha256[:16]}…): two histories (restored from a backup?)"
        )
        run.alert(batch, "fork", detail)
        reject("fork", detail)
    if envelope.sequence > ledger.last_sequence + 1:
        detail = (
            f"{name} is held: batches {ledger.last_sequence + 1}–{envelope.sequence - 1} "
            "have not been imported yet"
        )
        run.alert(batch, "gap", detail)
        reject("gap", detail)
    if envelope.previous_envelope_sha256 != ledger.last_hash:
        detail = (
            f"{name} does not follow batch {ledger.last_sequence} (previous envelope hash "
            "differs): a forked history"
        )
        run.alert(batch, "fork", detail)
        reject("fork", detail)


def _check_audit(run: _Run, batch: BatchFiles, payload: Payload, previous: bytes) -> None:
    """The audit log must extend the previous batch's, entry for entry and byte for byte."""
    whole_lines = previous.endswith(b"\n") or not previous
    if whole_lines and payload.audit_jsonl.startswith(previous):
        return  # the previous log, whole lines byte for byte, then only new entries
    before = audit_entry_hashes(previous)
    now = payload.audit_hashes
    detail = None
    if len(now) < len(before):
        detail = (
            f"the audit log has {len(now)} entries, the previous batch had {len(before)}: "
            "it was truncated"
        )
    else:
        old_lines = previous.split(b"\n")
        new_lines = payload.audit_jsonl.split(b"\n")
        for number, (old, new) in enumerate(zip(before, now, strict=False), start=1):
            if old != new:
                detail = f"audit entry {number} differs from the previous batch's: rewritten"
                break
            if old_lines[number - 1] != new_lines[number - 1]:
                detail = f"audit entry {number} keeps its hash but its content was altered"
                break
    if detail is not None:
        run.alert(batch, "audit_rewritten", detail)
        reject("audit_rewritten", detail)


def _check_e_signatures(run: _Run, batch: BatchFiles, problems: list[str]) -> None:
    """Step 9: every e-signature and signed audit head verifies against the carried registry."""
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        detail = "; ".join(problems[:3]) + more
        run.alert(batch, "e_signature", detail)
        reject("e_signature", detail)
