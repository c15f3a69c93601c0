"""Benchmark: the center's import of 100 batches into PostgreSQL against COPY of the same rows.

Run (a throwaway PostgreSQL cluster for the run):
    pg_virtualenv .venv/bin/python benchmarks/bench_center_import.py
Goal: the import's rows per second ≥ 0.5 × those of COPY of the same distinct rows (the import
also verifies, decrypts, checks and parses every batch).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from msc_desk.center.central_db import enroll_device, open_central_database
from msc_desk.center.importer import CenterKeys, import_batch
from msc_desk.exchange import GENESIS_HASH, BatchHeader, generate_age_identity, write_batch
from msc_desk.exchange.canonical import ed25519_fingerprint, ed25519_public_bytes, sha256_hex

BATCHES = int(os.environ.get("BENCH_BATCHES", "100"))
ROWS_PER_BATCH = 1000
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _write_batches(folder: Path, key: Ed25519PrivateKey, recipients: list[str]) -> list[Path]:
    paths, previous, audit = [], GENESIS_HASH, b""
    for sequence in range(1, BATCHES + 1):
        entry = {"id": sequence, "entry_hash": sha256_hex(str(sequence).encode())}
        audit += json.dumps(entry).encode() + b"\n"
        rows = [
            {"study_id": f"A-{sequence:03d}-{n:04d}", "day": n % 29, "sofa": n % 24,
             "recorded_at": START + timedelta(minutes=n), "note": f"=note {n}"}
            for n in range(ROWS_PER_BATCH)
        ]  # fmt: skip
        path = write_batch(
            folder,
            header=BatchHeader("NCT01849237", "site-01", "dev-a", sequence, previous, START),
            tables={"visits": rows},
            extra_files={},
            audit_jsonl=audit,
            device_signing_key=key,
            recipients=recipients,
        )
        previous = sha256_hex((path / "envelope.json").read_bytes())
        paths.append(path)
    return paths


def main() -> None:
    if "PGHOST" not in os.environ:
        sys.exit("run under pg_virtualenv (see the docstring)")
    base = f"postgresql+psycopg://{os.environ['PGUSER']}:{os.environ.get('PGPASSWORD', '')}@"
    url = f"{base}{os.environ['PGHOST']}:{os.environ['PGPORT']}/{os.environ['PGDATABASE']}"
    operational, key = generate_age_identity(), Ed25519PrivateKey.generate()
    with tempfile.TemporaryDirectory() as folder:
        paths = _write_batches(Path(folder), key, [operational.recipient])
        engine = open_central_database(url)
        enroll_device(engine, device_id="dev-a", signing_public_key=ed25519_public_bytes(key),
                      key_id=ed25519_fingerprint(key), registry_fingerprint="0" * 64,
                      site=None, enrolled_at=START)  # fmt: skip
        keys = CenterKeys([pyrage.x25519.Identity.from_str(operational.secret)], key)
        started = time.perf_counter()
        rows = sum(import_batch(engine, path, keys).rows for path in paths)
        app_rate = rows / (time.perf_counter() - started)
        engine.dispose()
    floor_rate = _copy_rate(rows)
    print(f"COPY floor: {floor_rate:,.0f} rows/s")  # noqa: T201
    print(f"import of {BATCHES} batches ({rows:,} rows): {app_rate:,.0f} rows/s")  # noqa: T201
    print(f"ratio {app_rate / floor_rate:.2f} (goal ≥ 0.5)")  # noqa: T201


def _copy_rate(count: int) -> float:
    """Rows per second of COPY into a table of the same shape as the import's row store."""
    rows = [
        (n // ROWS_PER_BATCH, "visits", n % ROWS_PER_BATCH,
         json.dumps({"study_id": f"A-{n:07d}", "day": str(n % 29), "sofa": str(n % 24),
                     "recorded_at": "2026-11-20T09:00:00Z", "note": f"=note {n}"}))
        for n in range(count)
    ]  # fmt: skip
    with psycopg.connect() as connection:
        # A logged table like the import's (a TEMP table would skip the write-ahead log).
        connection.execute(
            "CREATE TABLE copy_floor (batch_id int, table_name text, row_number int, "
            "row jsonb, PRIMARY KEY (batch_id, table_name, row_number))"
        )
        connection.commit()
        started = time.perf_counter()
        with connection.cursor().copy(
            "COPY copy_floor (batch_id, table_name, row_number, row) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        connection.commit()
        rate = count / (time.perf_counter() - started)
        connection.execute("DROP TABLE copy_floor")
        connection.commit()
        return rate


if __name__ == "__main__":
    main()
