"""Benchmark: the center's import of 100 batches into PostgreSQL against COPY of the same rows.

Run (a throwaway PostgreSQL cluster for the run):
    pg_virtualenv .venv/bin/python benchmarks/bench_center_import.py
Goal: the import's rows per second ≥ 0.5 × those of COPY of the same distinct rows (the import
also verifies, decrypts, checks and parses every batch). The batches keep to the laptop's schema
(a visit table, the data dictionary, a key registry, ODM) so that they pass every step, and are
imported in one call, as `msc-desk center import BATCH...` does. The import (into an emptied
ledger) and COPY are run BENCH_REPEAT times (3 by default), alternately, and the best rate of
each is compared: on a machine shared with other work a single pair swings with the load.
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
from sqlalchemy import text

from msc_desk.center.central_db import enroll_device, open_central_database
from msc_desk.center.importer import CenterKeys, ImportResult, import_batches
from msc_desk.exchange import GENESIS_HASH, BatchHeader, generate_age_identity, write_batch
from msc_desk.exchange.canonical import (
    canonical_json,
    ed25519_fingerprint,
    ed25519_public_bytes,
    sha256_hex,
)
from msc_desk.exchange.e_signatures import REGISTRY_FILE
from msc_desk.exchange.enrolment import registry_entry_fingerprint
from msc_desk.exchange.schema import (
    DICTIONARY_FILE,
    DICTIONARY_HEADER,
    ODM_FILE,
    dictionary_table_rows,
)
from msc_desk.exchange.tables import cell_text, restore_cell, table_csv

BATCHES = int(os.environ.get("BENCH_BATCHES", "100"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
ROWS_PER_BATCH = 1000
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
REGISTRY_ENTRY = {"id": "1", "username": "admin", "signing_public": ""}
REGISTRY_FORMAT = "user-key-registry/1"
COLUMNS = ["id", "patient_id", "study_day", "status", "performed_at", "sofa_total",
           "missing_reason"]  # fmt: skip


def _rows(sequence: int) -> list[dict[str, object]]:
    """One batch's visit rows, distinct across batches (ids run on from batch to batch)."""
    first = (sequence - 1) * ROWS_PER_BATCH
    return [
        {"id": first + n + 1, "patient_id": (first + n) // 7 + 1, "study_day": n % 29,
         "status": "done", "performed_at": START + timedelta(minutes=n), "sofa_total": n % 24,
         "missing_reason": "" if n % 5 else "other"}
        for n in range(ROWS_PER_BATCH)
    ]  # fmt: skip


def _extra_files() -> dict[str, bytes]:
    """What every batch carries besides its tables: the dictionary, a key registry, ODM."""
    dictionary = table_csv(dictionary_table_rows({"visit": COLUMNS}, {}), DICTIONARY_HEADER)
    return {
        DICTIONARY_FILE: dictionary,
        REGISTRY_FILE: canonical_json(
            {"entries": [REGISTRY_ENTRY], "format": "user-key-registry/1"}
        ),
        ODM_FILE: b"<?xml version='1.0' encoding='utf-8'?>\n<ODM/>\n",
    }


def _write_batches(folder: Path, key: Ed25519PrivateKey, recipients: list[str]) -> list[Path]:
    paths, previous, audit = [], GENESIS_HASH, b""
    for sequence in range(1, BATCHES + 1):
        entry = {"id": sequence, "entry_hash": sha256_hex(str(sequence).encode())}
        audit += json.dumps(entry).encode() + b"\n"
        path = write_batch(
            folder,
            header=BatchHeader("NCT01849237", "site-01", "dev-a", sequence, previous, START),
            tables={"visit": _rows(sequence)},
            columns={"visit": COLUMNS},
            extra_files=_extra_files(),
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
    app_rates, floor_rates = [], []
    with tempfile.TemporaryDirectory() as folder:
        paths = _write_batches(Path(folder), key, [operational.recipient])
        engine = open_central_database(url)
        pinned = registry_entry_fingerprint(REGISTRY_ENTRY)
        enroll_device(engine, device_id="dev-a", signing_public_key=ed25519_public_bytes(key),
                      key_id=ed25519_fingerprint(key), registry_fingerprint=pinned,
                      site=None, enrolled_at=START)  # fmt: skip
        keys = CenterKeys([pyrage.x25519.Identity.from_str(operational.secret)], key)
        for _ in range(REPEAT):  # alternated: load on the machine hits both
            with engine.begin() as connection:  # an empty ledger each time
                connection.execute(text("TRUNCATE batch_table_rows, batch_files, batches"))
            started = time.perf_counter()
            results = import_batches(engine, paths, keys)  # as `center import BATCH...` does
            rows = sum(result.rows for result in results if isinstance(result, ImportResult))
            app_rates.append(rows / (time.perf_counter() - started))
            assert rows == BATCHES * ROWS_PER_BATCH, results
            floor_rates.append(_copy_rate(rows))
        engine.dispose()
    app_rate, floor_rate = max(app_rates), max(floor_rates)
    runs = ", ".join(f"{rate:,.0f}" for rate in floor_rates)
    print(f"COPY floor, best of {REPEAT}: {floor_rate:,.0f} rows/s (runs: {runs})")  # noqa: T201
    runs = ", ".join(f"{rate:,.0f}" for rate in app_rates)
    print(f"import of {BATCHES} batches ({rows:,} rows), best of {REPEAT}: "  # noqa: T201
          f"{app_rate:,.0f} rows/s (runs: {runs})")  # fmt: skip
    print(f"ratio {app_rate / floor_rate:.2f} (goal ≥ 0.5)")  # noqa: T201


def _copy_rate(count: int) -> float:
    """Rows per second of COPY into a table of the same shape as the import's row store."""
    rows = [
        (sequence, "visit", number,
         json.dumps({name: restore_cell(cell_text(row[name])) for name in COLUMNS}))
        for sequence in range(1, count // ROWS_PER_BATCH + 1)
        for number, row in enumerate(_rows(sequence), start=1)
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
