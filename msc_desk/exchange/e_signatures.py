"""Import step 9: every e-signature and signed audit head checked against the key registry."""

# The registry (user_key_registry.json) carries each entry's Ed25519 public key in base64. A
# user's key signs b"msc-desk signature v1\0" + purpose + b"\0" + payload, where for an
# e-signature (purpose "e-signature") the payload is the compact UTF-8 JSON array
# [patient_id, visit_id, signed_by_id, signed_at (UTC ISO-8601), meaning], and for an audit head
# (purpose "audit-head") the ASCII text "count|entry_hash|user_id".

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from msc_desk.exchange.payload import Payload
from msc_desk.exchange.tables import restore_cell

REGISTRY_FILE = "user_key_registry.json"


def signed_message(purpose: str, payload: bytes) -> bytes:
    return b"msc-desk signature v1\x00" + purpose.encode("utf-8") + b"\x00" + payload


def _rows(payload: Payload, table: str) -> list[dict[str, str]]:
    if table not in payload.tables:
        return []
    header, cells = payload.table(table)
    return [{n: restore_cell(c) for n, c in zip(header, row, strict=True)} for row in cells]


def _registry(payload: Payload) -> dict[str, str]:
    data = payload.files.get(REGISTRY_FILE)
    if data is None:
        return {}
    document = json.loads(data)
    return {str(entry["id"]): str(entry["signing_public"]) for entry in document["entries"]}


def _verifies(public_b64: str | None, signature_b64: str, message: bytes) -> bool:
    if not public_b64 or not signature_b64:
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def _number(text: str) -> int | None:
    return int(text) if text else None


def signature_problems(payload: Payload) -> list[str]:
    """Each e-signature or audit head signature that the carried registry does not verify."""
    registry = _registry(payload)
    problems: list[str] = []
    for row in _rows(payload, "signature"):
        if not row.get("key_entry_id") and not row.get("signer_signature"):
            continue  # an e-signature recorded without a signer's key (nothing to check)
        signed_at = row["signed_at"].replace("Z", "+00:00")
        fields: list[Any] = [
            _number(row["patient_id"]), _number(row["visit_id"]), _number(row["signed_by_id"]),
            signed_at, row["meaning"],
        ]  # fmt: skip
        message = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        public = registry.get(row.get("key_entry_id", ""))
        if not _verifies(
            public, row.get("signer_signature", ""), signed_message("e-signature", message)
        ):
            problems.append(f"e-signature {row['id']} does not verify against the key registry")
    for row in _rows(payload, "audit_head_signature"):
        message = f"{row['audit_count']}|{row['entry_hash']}|{row['user_id']}".encode("ascii")
        public = registry.get(row["key_entry_id"])
        if not _verifies(public, row["signature"], signed_message("audit-head", message)):
            problems.append(
                f"the audit head signature {row['id']} does not verify against the key registry"
            )
    return problems
