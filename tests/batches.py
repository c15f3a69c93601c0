"""Helpers for export batches in tests: device keys, center keys, audit chains, sample batches."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from msc_desk.center.importer import CenterKeys
from msc_desk.exchange import (
    GENESIS_HASH,
    AgeKeyPair,
    BatchHeader,
    generate_age_identity,
    sha256_hex,
    write_batch,
)
from msc_desk.exchange import payload as payload_module
from msc_desk.exchange.canonical import canonical_json
from msc_desk.exchange.e_signatures import REGISTRY_FILE
from msc_desk.exchange.enrolment import registry_entry_fingerprint
from msc_desk.exchange.schema import (
    DICTIONARY_FILE,
    DICTIONARY_HEADER,
    ODM_FILE,
    dictionary_table_rows,
)
from msc_desk.exchange.tables import table_columns, table_csv

STUDY = "NCT01849237"
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def audit_lines(count: int, *, start: int = 0, previous: str = GENESIS_HASH) -> list[bytes]:
    """`count` chained audit lines (byte-exact JSON Lines, as the laptop exports them)."""
    lines = []
    for number in range(start + 1, start + count + 1):
        body = {"id": number, "action": "update", "new_value": f"=value {number}"}
        digest = hashlib.sha256((previous + json.dumps(body, sort_keys=True)).encode()).hexdigest()
        lines.append(json.dumps(body | {"entry_hash": digest}, ensure_ascii=False).encode() + b"\n")
        previous = digest
    return lines


@dataclass
class Center:
    operational: AgeKeyPair = field(default_factory=generate_age_identity)
    recovery: AgeKeyPair = field(default_factory=generate_age_identity)
    receipt_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def recipients(self) -> list[str]:
        return [self.operational.recipient, self.recovery.recipient]

    def import_keys(self) -> CenterKeys:
        identity = pyrage.x25519.Identity.from_str(self.operational.secret)
        return CenterKeys(identities=[identity], receipt_key=self.receipt_key)


@dataclass(frozen=True)
class Recipients:
    """Only the center's public keys, as a laptop holds them (from a key bundle)."""

    recipients: list[str]


@dataclass
class Device:
    """A laptop that exports: its id, key and the outbox state (sequence, previous hash)."""

    device_id: str
    site: str = "site-01"
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    sequence: int = 0
    previous: str = GENESIS_HASH
    audit: list[bytes] = field(default_factory=list)

    def export(
        self,
        out_dir: Path,
        center: Center | Recipients,
        *,
        new_audit: int = 2,
        tables: dict[str, list[dict[str, Any]]] | None = None,
        columns: dict[str, list[str]] | None = None,
        dictionary_columns: dict[str, list[str]] | None = None,
        extra_files: dict[str, bytes] | None = None,
    ) -> Path:
        """Write the next batch of this laptop.

        `columns` orders the CSV columns (by default, as first seen in the rows);
        `dictionary_columns` declares other columns in the data dictionary than those written;
        `extra_files` replaces the dictionary, registry and ODM files the batch carries.
        """
        previous_hash = json.loads(self.audit[-1])["entry_hash"] if self.audit else GENESIS_HASH
        self.audit += audit_lines(new_audit, start=len(self.audit), previous=previous_hash)
        self.sequence += 1
        out_dir.mkdir(parents=True, exist_ok=True)
        tables = tables if tables is not None else sample_tables(self.device_id)
        columns = columns or {name: table_columns(rows) for name, rows in tables.items()}
        path = write_batch(
            out_dir,
            header=BatchHeader(
                study=STUDY,
                site=self.site,
                device_id=self.device_id,
                sequence=self.sequence,
                previous_envelope_sha256=self.previous,
                created_at=START + timedelta(hours=self.sequence),
            ),
            tables=tables,
            extra_files=(
                extra_files
                if extra_files is not None
                else batch_files(dictionary_columns or columns)
            ),
            audit_jsonl=b"".join(self.audit),
            device_signing_key=self.key,
            recipients=center.recipients,
            columns=columns,
        )
        self.previous = sha256_hex((path / "envelope.json").read_bytes())
        return path


REGISTRY_ENTRY = {"id": "1", "username": "admin", "signing_public": ""}
REGISTRY_FINGERPRINT = registry_entry_fingerprint(REGISTRY_ENTRY)
"""What the center pins when it enrolls a test device: its registry's first entry."""


def batch_files(columns: dict[str, list[str]]) -> dict[str, bytes]:
    """The files every batch carries besides its tables: dictionary, key registry, ODM."""
    dictionary = table_csv(dictionary_table_rows(columns, {}), DICTIONARY_HEADER)
    registry = canonical_json({"entries": [REGISTRY_ENTRY], "format": "user-key-registry/1"})
    odm = b"<?xml version='1.0' encoding='utf-8'?>\n<ODM/>\n"
    return {DICTIONARY_FILE: dictionary, REGISTRY_FILE: registry, ODM_FILE: odm}


def sample_tables(device_id: str) -> dict[str, list[dict[str, Any]]]:
    """Tables of the laptop's schema: two patients, a visit, two queries with free text."""
    return {
        "patient": [
            {"id": 1, "study_id": f"{device_id}-001", "status": "randomized", "is_demo": False},
            {"id": 2, "study_id": f"{device_id}-002", "status": "screening", "is_demo": False},
        ],
        "visit": [
            {"id": 1, "patient_id": 1, "study_day": 0, "performed_at": START, "sofa_total": 11},
        ],
        "data_query": [
            {"id": 1, "patient_id": 1, "text": '=HYPERLINK("x")'},
            {"id": 2, "patient_id": 2, "text": "стабилен"},
        ],
    }


@contextmanager
def edited_csv(edit: Callable[[bytes], bytes]) -> Iterator[None]:
    """While open, every table CSV a batch writes is changed by `edit` before it is hashed,
    zipped, encrypted and signed: a validly signed batch built from modified CSVs."""
    real = payload_module.table_csv

    def write(rows: Any, columns: Any = None) -> bytes:
        return edit(real(rows, columns))

    with patch.object(payload_module, "table_csv", write):
        yield
