"""Export for the coordinating center: one signed, encrypted batch, and the outbox it joins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from msc_desk.exchange import GENESIS_HASH, BatchHeader, read_batch, write_batch
from msc_desk.exchange.e_signatures import REGISTRY_FILE
from msc_desk.exchange.schema import DICTIONARY_FILE, ODM_FILE
from msc_desk.models import Device, ExportedBatch, Site
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.export_collect import dictionary_csv, take_snapshot
from msc_desk.services.export_identifiers import (
    IdentifiersFound,
    find_identifiers,
    identifier_needles,
)
from msc_desk.services.export_keys import current_center_bundle, device_signing_key
from msc_desk.services.export_odm import build_odm
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

Progress = Callable[[int, str], None]
"""Percent done (0–100) and the step's code: keys, reading, checking, odm, writing, done."""


class ExportCancelled(Exception):
    """The person cancelled the export before the batch was written; nothing was written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    envelope_sha256: str
    rows: int
    audit_rows: int


@dataclass(frozen=True)
class OutboxEntry:
    sequence: int
    folder_name: str
    created_at: datetime
    envelope_sha256: str
    acknowledged_at: datetime | None


def _never() -> bool:
    return False


def _quiet(_percent: int, _step: str) -> None:
    return None


def export_batch(
    factory: SessionFactory,
    actor: Actor,
    out_dir: Path,
    clock: Clock = system_clock,
    *,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> ExportResult:
    """Write the next batch of this laptop into `out_dir`, read it back, and add it to the outbox.

    Raises:
        PermissionDenied: the role may not export.
        ExportKeyError: no trusted center key or no center key bundle.
        IdentifiersFound: free text names a patient or holds a phone or record number;
            `findings` lists each place (table, record, field).
        ExportCancelled: `cancelled()` returned True before the batch was written.
        FileExistsError, BatchFileError, OSError: the folder could not be written or verified.
    """
    authorize(factory, actor, Action.EXPORT, clock)
    progress(2, "keys")
    bundle = current_center_bundle(factory)
    signing_key = device_signing_key(factory, actor, clock)
    _check(cancelled)
    progress(10, "reading")
    with read_session(factory) as session:
        snapshot = take_snapshot(session)
        needles = identifier_needles(session)
        site_code = session.scalar(select(Site.code).order_by(Site.id)) or ""
        device_uid = session.scalar(select(Device.device_uid).order_by(Device.id)) or ""
        last = session.scalars(
            select(ExportedBatch).order_by(ExportedBatch.sequence.desc()).limit(1)
        ).first()
        sequence = (last.sequence if last else 0) + 1
        previous = last.envelope_sha256 if last else GENESIS_HASH
    _check(cancelled)
    progress(40, "checking")
    findings = find_identifiers(snapshot, needles)
    if findings:
        raise IdentifiersFound(findings)
    _check(cancelled)
    progress(55, "odm")
    created_at = clock()
    header = BatchHeader(STUDY, site_code, device_uid, sequence, previous, created_at)
    odm = build_odm(snapshot, created_at=created_at, file_oid=f"{STUDY}.{device_uid}.{sequence}")
    extra = {
        DICTIONARY_FILE: dictionary_csv(snapshot),
        REGISTRY_FILE: snapshot.registry_json,
        ODM_FILE: odm,
    }
    _check(cancelled)
    progress(70, "writing")
    path = write_batch(
        out_dir,
        header=header,
        tables=snapshot.tables,
        extra_files=extra,
        audit_jsonl=snapshot.audit_jsonl,
        device_signing_key=signing_key,
        recipients=bundle.recipient_strings(),
        columns=snapshot.columns,
        audit_hashes=[entry["entry_hash"] for entry in snapshot.audit_entries],
    )
    envelope_sha256 = read_batch(path).envelope_sha256
    audit_rows = snapshot.audit_jsonl.count(b"\n")
    with unit_of_work(factory, actor, clock=clock) as session:
        session.add(
            ExportedBatch(
                sequence=sequence,
                envelope_sha256=envelope_sha256,
                previous_envelope_sha256=previous,
                folder_name=path.name,
                audit_rows=audit_rows,
                created_at=created_at,
                created_by_id=actor.user_id,
            )
        )
        record_event(session, "batch_exported", detail=f"{path.name} {envelope_sha256}")
    progress(100, "done")
    return ExportResult(path, sequence, envelope_sha256, snapshot.row_count, audit_rows)


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise ExportCancelled()


def outbox(factory: SessionFactory, *, pending_only: bool = True) -> list[OutboxEntry]:
    """The batches written on this laptop; by default those the center has not acknowledged."""
    query = select(ExportedBatch).order_by(ExportedBatch.sequence)
    if pending_only:
        query = query.where(ExportedBatch.acknowledged_at.is_(None))
    with read_session(factory) as session:
        return [
            OutboxEntry(b.sequence, b.folder_name, b.created_at, b.envelope_sha256,
                        b.acknowledged_at)
            for b in session.scalars(query)
        ]  # fmt: skip
