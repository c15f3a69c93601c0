"""A laptop's real export imported into the center's PostgreSQL, end to end, and its receipt."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyrage
import pytest
from exporting import ExportSetup, laptop_registry_fingerprint, prepare_export
from sqlalchemy import Engine, func, select

from msc_desk.center.central_db import (
    batch_table_rows,
    count_rows,
    enroll_device,
    list_alerts,
    open_central_database,
)
from msc_desk.center.importer import BatchRejected, import_batch
from msc_desk.exchange import read_batch, write_batch
from msc_desk.exchange.batch import BatchHeader
from msc_desk.exchange.canonical import ed25519_fingerprint
from msc_desk.exchange.payload import open_payload
from msc_desk.exchange.tables import restore_cell
from msc_desk.services.export import export_batch, outbox
from msc_desk.services.export_keys import device_public_key_hex, device_signing_key
from msc_desk.services.export_receipts import import_receipt
from msc_desk.services.trial_setup import this_device_uid


@pytest.fixture
def engine(central_url: str) -> Iterator[Engine]:
    engine = open_central_database(central_url)
    yield engine
    engine.dispose()


def _enroll(engine: Engine, setup: ExportSetup) -> None:
    workspace = setup.sign_in()
    device_signing_key(workspace.factory, workspace.actor)
    public = bytes.fromhex(device_public_key_hex(workspace.factory) or "")
    registry = laptop_registry_fingerprint(workspace)
    workspace.close()
    enroll_device(
        engine,
        device_id=_device_uid(setup),
        signing_public_key=public,
        key_id=ed25519_fingerprint(public),
        registry_fingerprint=registry,
        site="01",
        enrolled_at=datetime.now(UTC),
    )


def _device_uid(setup: ExportSetup) -> str:
    workspace = setup.sign_in()
    try:
        return this_device_uid(workspace.factory)
    finally:
        workspace.close()


def test_export_then_import_into_postgresql_then_receipt(tmp_path: Path, engine: Engine) -> None:
    setup = prepare_export(tmp_path / "data", screened=10)
    _enroll(engine, setup)
    out = tmp_path / "usb"
    out.mkdir()
    workspace = setup.sign_in()
    first = export_batch(workspace.factory, workspace.actor, out)
    second = export_batch(workspace.factory, workspace.actor, out)
    keys = setup.center.import_keys()
    imported = import_batch(engine, first.path, keys)
    assert not imported.already_imported and imported.rows == first.rows
    assert import_batch(engine, second.path, keys).sequence == 2
    with engine.connect() as connection:
        tables = set(connection.execute(select(batch_table_rows.c.table_name).distinct()).scalars())
        visits = connection.execute(
            select(func.count()).where(batch_table_rows.c.table_name == "visit")
        ).scalar_one()
    assert {"patient", "screening", "visit", "audit_head_signature"} <= tables
    assert "patient_identification" not in tables and visits > 0
    assert list_alerts(engine) == []
    assert import_receipt(workspace.factory, workspace.actor, imported.receipt).sequence == 1
    assert [entry.sequence for entry in outbox(workspace.factory)] == [2]
    workspace.close()


def test_a_forged_e_signature_is_caught_at_step_9(tmp_path: Path, engine: Engine) -> None:
    setup = prepare_export(tmp_path / "data", screened=6)
    _enroll(engine, setup)
    out = tmp_path / "usb"
    out.mkdir()
    workspace = setup.sign_in()
    honest = export_batch(workspace.factory, workspace.actor, out)
    key = device_signing_key(workspace.factory, workspace.actor)
    workspace.close()
    identity = setup.center.import_keys().identities
    batch = read_batch(honest.path)
    payload = open_payload(pyrage.decrypt(batch.payload, list(identity)), batch.envelope)
    header, rows = payload.table("audit_head_signature")
    assert rows, "the demo's writes carry signed audit heads"
    column = header.index("signature")
    rows[0][column] = base64.b64encode(bytes(64)).decode("ascii")
    tables = {
        name: [
            dict(zip(payload.table(name)[0], row, strict=True)) for row in payload.table(name)[1]
        ]
        for name in payload.table_names()
    }
    tables["audit_head_signature"] = [dict(zip(header, row, strict=True)) for row in rows]
    forged_out = tmp_path / "forged"
    forged_out.mkdir()
    forged = write_batch(
        forged_out,
        header=BatchHeader(
            batch.envelope.study,
            batch.envelope.site,
            batch.envelope.device_id,
            1,
            batch.envelope.previous_envelope_sha256,
            datetime.now(UTC),
        ),  # fmt: skip
        tables={
            name: [{k: _raw(v) for k, v in row.items()} for row in rows]
            for name, rows in tables.items()
        },
        extra_files={
            n: d for n, d in payload.files.items() if "/" not in n and n != "audit_log.jsonl"
        },
        audit_jsonl=payload.audit_jsonl,
        device_signing_key=key,
        recipients=setup.center.recipients,
        columns={name: payload.table(name)[0] for name in payload.table_names()},
    )
    before = count_rows(engine)
    with pytest.raises(BatchRejected) as rejected:
        import_batch(engine, forged, setup.center.import_keys())
    assert rejected.value.code == "e_signature"
    assert "audit head signature" in rejected.value.message
    assert count_rows(engine) == before
    assert [alert["kind"] for alert in list_alerts(engine)] == ["e_signature"]


def _raw(cell: str) -> str | None:
    return restore_cell(cell) if cell else None
