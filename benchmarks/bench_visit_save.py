"""Benchmark: saving a complete day-7 visit form against sqlcipher3 writing the same rows.

Run: .venv/bin/python benchmarks/bench_visit_save.py
The app's figure is `save_visit` whole: permission, reading every field through the catalogue,
SOFA, findings, the visit and its observations, one audit row per written column, the signed
chain head, in one encrypted transaction. The floor is sqlcipher3 itself (the module the app
uses) on the same file, with the same key and pragmas, inserting copies of the very rows that
save wrote (visit, observations, audit rows, head signature) in one transaction: each audit row
hashed onto the chain (SHA-256 of its canonical JSON) and the head signed with the user's key.
Goal: median < 20 ms and ≤ 3× the floor. BENCH_RUNS sets the runs, BENCH_DIR where the
workspace is made (the disk decides what a commit's fsync costs).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from seeding import Staff, new_workspace  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from visit_trial import RANDOMIZED_AT, typical_entries  # noqa: E402

from msc_desk.models import (  # noqa: E402
    AllocationList,
    AllocationSlot,
    Arm,
    AuditEntry,
    Patient,
    PatientStatus,
    Role,
)
from msc_desk.models.database import DATABASE_FILENAME, _open_connection, engine_key  # noqa: E402
from msc_desk.security.identity import UserKeys  # noqa: E402
from msc_desk.services.session import unit_of_work  # noqa: E402
from msc_desk.services.visit_forms import save_visit  # noqa: E402
from msc_desk.services.workspace import sign_in  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "40"))
NOW = RANDOMIZED_AT + timedelta(days=7, hours=4)


def _patients(ws: Any, count: int) -> list[int]:
    with unit_of_work(ws.factory, ws.actor, clock=lambda: NOW) as session:
        allocation = AllocationList(
            list_uid="bench", study="NCT01849237", device_uid="bench", first_slot=1,
            slot_count=count, signer_fingerprint="0" * 64, signed_document="{}",
            imported_at=RANDOMIZED_AT - timedelta(days=30), sealed_list_key=b"k",
            first_study_number=1, study_number_count=count,
        )  # fmt: skip
        session.add(allocation)
        session.flush()
        ids = []
        for number in range(count):
            patient = Patient(
                study_id=f"B-{number:04d}", site_id=1, status=PatientStatus.RANDOMIZED,
                created_at=RANDOMIZED_AT,
            )  # fmt: skip
            session.add(patient)
            session.flush()
            session.add(
                AllocationSlot(
                    list_id=allocation.id, slot_number=number + 1, sealed_arm=b"s",
                    commitment="0" * 64, arm=Arm.MSC, patient_id=patient.id,
                    revealed_at=RANDOMIZED_AT,
                )
            )  # fmt: skip
            ids.append(patient.id)
    return ids


def _columns(connection: Any, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def _rows(connection: Any, table: str, where: str, *args: object) -> list[dict[str, Any]]:
    names = _columns(connection, table)
    cursor = connection.execute(f"SELECT * FROM {table} WHERE {where}", args)
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _insert(connection: Any, table: str, rows: list[dict[str, Any]]) -> int:
    names = list(rows[0])
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"
    values = [tuple(row[name] for name in names) for row in rows]
    if len(values) == 1:
        return int(connection.execute(sql, values[0]).lastrowid)
    connection.executemany(sql, values)
    return 0


_HASHED = (
    "at", "user_id", "username", "role", "device", "action", "table_name",
    "record_id", "patient_id", "field", "old_value", "new_value", "reason",
)  # fmt: skip


_HEAD_MESSAGE = b"msc-desk signature v1\x00audit-head\x00"


def _chain_hash(previous: str, row: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the row's fields in canonical JSON, as the app hashes."""
    payload = [previous] + [None if row[name] is None else str(row[name]) for name in _HASHED]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _floor_once(
    connection: Any, written: dict[str, list[dict[str, Any]]], patient: int, keys: UserKeys
) -> tuple[float, float]:
    """Copies of one save's rows with new ids, inserted in one transaction.

    Each audit row is hashed onto the chain and the head signed with the user's key.
    """
    started, cpu = time.perf_counter(), time.process_time()
    connection.execute("BEGIN IMMEDIATE")
    visit = dict(written["visit"][0], id=None, patient_id=patient)
    visit_id = _insert(connection, "visit", [visit])
    observations = [dict(row, id=None, visit_id=visit_id) for row in written["observation"]]
    _insert(connection, "observation", observations)
    last = connection.execute("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1")
    last_id, previous = last.fetchone()
    audit = []
    for offset, row in enumerate(written["audit_log"], start=1):
        entry = _chain_hash(previous, row)
        audit.append(dict(row, id=last_id + offset, prev_hash=previous, entry_hash=entry))
        previous = entry
    _insert(connection, "audit_log", audit)
    count = written["audit_head_signature"][0]["audit_count"] + len(audit)
    payload = f"{count}|{previous}|{written['audit_head_signature'][0]['user_id']}"
    signature = dict(
        written["audit_head_signature"][0],
        id=None,
        audit_id=audit[-1]["id"],
        audit_count=count,
        entry_hash=previous,
        signature=base64.b64encode(keys.sign(_HEAD_MESSAGE + payload.encode())).decode("ascii"),
    )
    _insert(connection, "audit_head_signature", [signature])
    connection.execute("COMMIT")
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        data_dir = Path(tmp) / "ws"
        nurse = Staff("petrova", "Петрова Ольга", Role.NURSE, "nurse-password-1")
        new_workspace(data_dir, lambda: NOW, [nurse]).workspace.close()
        ws = sign_in(data_dir, "petrova", "nurse-password-1", clock=lambda: NOW)
        patients = _patients(ws, 2 * (RUNS + 2))
        entries = typical_entries(7, NOW)
        performed = RANDOMIZED_AT + timedelta(days=7, hours=2)
        key = engine_key(ws.engine)
        assert key is not None
        raw = _open_connection(data_dir / DATABASE_FILENAME, key)
        keys = ws.actor.keys
        assert keys is not None
        app_times, floor_times, app_cpu, floor_cpu = [], [], [], []
        for run in range(RUNS + 2):  # the first two warm the caches and are dropped
            with ws.factory() as session:
                before = session.scalar(select(func.max(AuditEntry.id))) or 0
            started, cpu = time.perf_counter(), time.process_time()
            saved = save_visit(
                ws.factory, ws.actor, patients[2 * run], 7, entries,
                performed_at=performed, complete=True, clock=lambda: NOW,
            )  # fmt: skip
            app, app_cpu_once = time.perf_counter() - started, time.process_time() - cpu
            written = {
                "visit": _rows(raw, "visit", "id = ?", saved.visit_id),
                "observation": _rows(raw, "observation", "visit_id = ?", saved.visit_id),
                "audit_log": _rows(raw, "audit_log", "id > ?", before),
                "audit_head_signature": _rows(raw, "audit_head_signature", "audit_id > ?", before),
            }
            floor, floor_cpu_once = _floor_once(raw, written, patients[2 * run + 1], keys)
            if run >= 2:
                app_times.append(app)
                floor_times.append(floor)
                app_cpu.append(app_cpu_once)
                floor_cpu.append(floor_cpu_once)
        raw.close()
        ws.close()
    rows = sum(len(value) for value in written.values())
    app_ms = statistics.median(app_times) * 1000
    floor_ms = statistics.median(floor_times) * 1000
    counts = f"{len(written['observation'])} observations, {len(written['audit_log'])} audit rows"
    print(f"complete day-7 visit: {counts}, {rows} rows in all; {RUNS} runs")  # noqa: T201
    print(f"app save_visit median: {app_ms:.2f} ms (goal < 20 ms)")  # noqa: T201
    print(f"sqlcipher3 floor median: {floor_ms:.2f} ms")  # noqa: T201
    print(f"ratio: {app_ms / floor_ms:.2f}x (goal <= 3x)")  # noqa: T201
    # CPU time of this process: the work itself, apart from waiting for the disk (fsync).
    app_cpu_ms = statistics.median(app_cpu) * 1000
    floor_cpu_ms = statistics.median(floor_cpu) * 1000
    print(f"cpu: app {app_cpu_ms:.2f} ms, floor {floor_cpu_ms:.2f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
