"""Benchmark: export of 1,000 demo-like patients against pandas.to_csv + ZIP + the age CLI.

Run:
    .venv/bin/python benchmarks/bench_export.py
The demo trial (36 patients, built through the services) is cloned row by row in the database
up to BENCH_PATIENTS patients (1,000 by default), identifiers included. That database is built
once per schema and kept in the benchmark's cache folder (BENCH_CACHE, by default
~/.cache/msc-desk-benchmarks/export-<patients>-<schema>) with the center's recipient; each run
copies it.
The floor reads the same tables (the audit log among them) with pandas, writes them with to_csv,
zips them and encrypts the ZIP with the `age` CLI; the app's figure is `export_batch` whole:
reading, the identifier check, ODM, dictionary, signing, encryption and the read-back.
Both are run BENCH_REPEAT times (3 by default), alternately, each on a fresh copy of the
database, and the best time of each is compared: on a machine shared with other work a single
pair of runs swings with the load.
Goal: the app ≤ 2 × the floor.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Table, func, insert, select

from msc_desk.exchange import generate_age_identity, make_key_bundle
from msc_desk.models import Base
from msc_desk.protocol import STUDY
from msc_desk.security.keyslots import KdfParams, set_new_slot_kdf
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.export import export_batch
from msc_desk.services.export_collect import exported_columns, exported_tables
from msc_desk.services.export_keys import import_center_bundle
from msc_desk.services.session import read_session
from msc_desk.services.trial_setup import trust_center_key
from msc_desk.services.workspace import sign_in

PATIENTS = int(os.environ.get("BENCH_PATIENTS", "1000"))
# The cached database is tied to the schema it was built with: another schema builds anew.
SCHEMA = hashlib.sha256(
    "\n".join(
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
    ).encode()
).hexdigest()[:12]
CACHE = (
    Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "msc-desk-benchmarks"))
    / f"export-{PATIENTS}-{SCHEMA}"
)
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
DEMO_PATIENTS = 36
# Tables cloned per patient, parents first; each maps its foreign keys to the cloned parents.
CLONED = ("patient", "patient_identification", "screening", "visit", "observation", "infusion",
          "adverse_event", "outcome")  # fmt: skip
PARENTS = {"patient_id": "patient", "visit_id": "visit"}


def _clone(connection: Connection, copies: int) -> None:
    tables: dict[str, Table] = {name: Base.metadata.tables[name] for name in CLONED}
    offsets = {
        name: int(connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        for name, table in tables.items()
    }
    originals = {
        name: [dict(row._mapping) for row in connection.execute(select(table))]
        for name, table in tables.items()
    }
    for copy in range(1, copies + 1):
        for name, table in tables.items():
            rows: list[dict[str, Any]] = []
            for row in originals[name]:
                clone = dict(row)
                clone["id"] = row["id"] + offsets[name] * copy
                for column, parent in PARENTS.items():
                    if column in clone and clone[column] is not None:
                        clone[column] = row[column] + offsets[parent] * copy
                if name == "patient":
                    clone["study_id"] = f"{copy:03d}{row['study_id']}"[:20]
                if name == "patient_identification":
                    clone["full_name"] = f"{row['full_name']} {copy}"
                    if row.get("medical_record_number"):
                        clone["medical_record_number"] = f"{row['medical_record_number']}-{copy}"
                rows.append(clone)
            if rows:
                connection.execute(insert(table), rows)


def _floor(factory: Any, recipient: str, folder: Path) -> float:
    started = time.perf_counter()
    buffer = io.BytesIO()
    with (
        read_session(factory) as session,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        connection = session.connection()
        audit = Base.metadata.tables["audit_log"]
        for table in [*exported_tables(), audit]:
            frame = pd.read_sql_query(select(*exported_columns(table)), connection)
            archive.writestr(f"{table.name}.csv", frame.to_csv(index=False))
    zipped = folder / "floor.zip"
    zipped.write_bytes(buffer.getvalue())
    subprocess.run(["age", "-r", recipient, "-o", str(folder / "floor.zip.age"), str(zipped)],
                   check=True)  # fmt: skip
    return time.perf_counter() - started


def _build(cache: Path) -> None:
    """The cloned demo trial whose laptop trusts a test center; the center keys beside it."""
    building = cache.with_name(cache.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    data = building / "data"
    create_demo_trial(data, screened=DEMO_PATIENTS)
    root, operational, recovery = (
        Ed25519PrivateKey.generate(),
        generate_age_identity(),
        generate_age_identity(),
    )
    admin = sign_in(data, "admin", "demo-admin")
    trust_center_key(admin.factory, admin.actor, root.public_key().public_bytes_raw())
    bundle = make_key_bundle(
        root, study=STUDY, operational=operational.recipient, recovery=recovery.recipient,
        receipt_public_key=Ed25519PrivateKey.generate().public_key().public_bytes_raw(),
        created_at=datetime.now(UTC),
    )  # fmt: skip
    import_center_bundle(admin.factory, admin.actor, bundle)
    copies = max(0, -(-PATIENTS // DEMO_PATIENTS) - 1)
    with admin.factory.begin() as session:
        _clone(session.connection(), copies)
    admin.close()
    (building / "center.json").write_text(json.dumps({"recipient": operational.recipient}))
    shutil.rmtree(cache, ignore_errors=True)
    building.rename(cache)


def main() -> int:
    set_new_slot_kdf(KdfParams(time_cost=1, memory_kib=8, parallelism=1))
    if not (CACHE / "center.json").is_file():
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        print(f"building the {PATIENTS}-patient database once, in {CACHE}")  # noqa: T201
        _build(CACHE)
    recipient = json.loads((CACHE / "center.json").read_text())["recipient"]
    floors, apps = [], []
    for _ in range(REPEAT):  # alternated, each on a fresh copy: load on the machine hits both
        floor, app, result, patients = _run_once(recipient)
        floors.append(floor)
        apps.append(app)
    floor, app = min(floors), min(apps)
    print(f"patients: {patients}, rows exported: {result.rows}, audit entries: {result.audit_rows}")  # noqa: T201
    print(f"floor (pandas.to_csv + zip + age CLI), best of {REPEAT}: {floor:.2f} s "  # noqa: T201
          f"(runs: {', '.join(f'{value:.2f}' for value in floors)})")  # fmt: skip
    print(f"app (export_batch, ODM, signing, read-back), best of {REPEAT}: {app:.2f} s "  # noqa: T201
          f"(runs: {', '.join(f'{value:.2f}' for value in apps)})")  # fmt: skip
    print(f"ratio: {app / floor:.2f} (goal ≤ 2)")  # noqa: T201
    return 0


def _run_once(recipient: str) -> tuple[float, float, Any, int]:
    """One floor and one export, on a fresh copy of the cached database."""
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        data = base / "data"
        shutil.copytree(CACHE / "data", data)
        workspace = sign_in(data, "ivanova", "demo-doctor")
        with read_session(workspace.factory) as session:
            patients = session.scalar(
                select(func.count()).select_from(Base.metadata.tables["patient"])
            )
        floor = _floor(workspace.factory, recipient, base)
        out = base / "out"
        out.mkdir()
        started = time.perf_counter()
        result = export_batch(workspace.factory, workspace.actor, out)
        app = time.perf_counter() - started
        workspace.close()
    return floor, app, result, int(patients or 0)


if __name__ == "__main__":
    sys.exit(main())
