"""Helpers for export batches in tests: device keys, center keys, audit chains, sample batches."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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
    ) -> Path:
        previous_hash = json.loads(self.audit[-1])["entry_hash"] if self.audit else GENESIS_HASH
        self.audit += audit_lines(new_audit, start=len(self.audit), previous=previous_hash)
        self.sequence += 1
        out_dir.mkdir(parents=True, exist_ok=True)
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
            tables=tables if tables is not None else sample_tables(self.device_id),
            extra_files={"dictionary.csv": b"name,label\r\nstudy_id,Study id\r\n"},
            audit_jsonl=b"".join(self.audit),
            device_signing_key=self.key,
            recipients=center.recipients,
        )
        self.previous = sha256_hex((path / "envelope.json").read_bytes())
        return path


def sample_tables(device_id: str) -> dict[str, list[dict[str, Any]]]:
    return {
        "patients": [
            {"study_id": f"{device_id}-001", "age": 54, "comment": '=HYPERLINK("x")'},
            {"study_id": f"{device_id}-002", "age": 61, "comment": "стабилен"},
        ],
        "visits": [
            {"study_id": f"{device_id}-001", "day": 0, "recorded_at": START, "sofa": 11},
        ],
    }
