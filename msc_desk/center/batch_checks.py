"""The checks of one batch that need no central database: envelope, signature, payload, schema."""

# `prepare_batch` runs the steps of the import that depend only on the batch, the enrolled
# device and the center's keys, and keeps the outcome of each instead of stopping: the import
# reads those outcomes in the order of the steps, around the ledger and audit checks it makes
# itself, so a batch is always refused for the first step it fails. Nothing is decrypted or
# unpacked unless the envelope's signature by an enrolled, unrevoked device and the payload hash
# verify.

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from msc_desk.center.row_store import BATCH_ID_MARK, copy_text
from msc_desk.exchange import (
    BatchFileError,
    BatchFiles,
    EnvelopeError,
    Payload,
    PayloadError,
    open_payload,
    read_batch,
    recipient_fingerprint,
)
from msc_desk.exchange.batch import verify_payload_hash, verify_signature
from msc_desk.exchange.e_signatures import REGISTRY_FILE, signature_problems
from msc_desk.exchange.enrolment import EnrolmentError, first_registry_fingerprint
from msc_desk.exchange.schema import SchemaError, check_schema

T = TypeVar("T")


class BatchRejected(Exception):
    """A batch not imported; `code` names the failed check, the message says exactly why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CenterKeys:
    """What the import needs: the age identities that may open a batch, the receipt key."""

    identities: Sequence[pyrage.x25519.Identity]
    receipt_key: Ed25519PrivateKey


@dataclass(frozen=True)
class EnrolledDevice:
    device_id: str
    site: str | None
    signing_public_key: str
    revoked_reason: str | None
    revoked: bool
    registry_fingerprint: str


@dataclass
class Prepared:
    """One batch as far as it could be checked without the ledger.

    `refused` is set when a step before the ledger failed (`alert` names the alert it raises);
    otherwise `opened` or `open_refused` says how steps 6–7 went, then `registry_problem` and
    `signature_problems` (step 9), `schema_refused` (step 10) and the rows as COPY text, by table.
    """

    path: Path
    batch: BatchFiles | None = None
    refused: BatchRejected | None = None
    alert: str | None = None
    opened: Payload | None = None
    open_refused: BatchRejected | None = None
    registry_problem: str | None = None
    signature_problems: list[str] = field(default_factory=list)
    schema_refused: BatchRejected | None = None
    copy_texts: dict[str, str] = field(default_factory=dict)


def prepare_batch(
    path: Path,
    enrolled: Mapping[str, EnrolledDevice],
    keys: CenterKeys,
    *,
    study: str | None,
    copy_rows: bool,
    audits: dict[str, tuple[bytes, list[str]]] | None = None,
) -> Prepared:
    """Run the database-free steps of the import on one batch folder; never raises a refusal.

    `audits` keeps, by device, the audit log last read and its entry hashes: a later batch of
    the device, whose log extends it, has only its new lines read.
    """
    prepared = Prepared(path)
    try:
        prepared.batch = _step(
            "malformed", lambda: read_batch(path), (BatchFileError, EnvelopeError)
        )
        _before_ledger(prepared.batch, enrolled, study)
    except _Tampered as exc:
        prepared.refused, prepared.alert = exc.rejection, "tamper"
        return prepared
    except BatchRejected as exc:
        prepared.refused = exc
        return prepared
    device_id = prepared.batch.envelope.device_id
    known = audits.get(device_id) if audits is not None else None
    try:
        prepared.opened = _open(prepared.batch, keys, known)
    except BatchRejected as exc:
        prepared.open_refused = exc
        return prepared
    payload = prepared.opened
    if audits is not None:
        audits[device_id] = (payload.audit_jsonl, payload.audit_hashes)
    device = enrolled[prepared.batch.envelope.device_id]
    prepared.registry_problem = _registry_problem(payload, device)
    prepared.signature_problems = signature_problems(payload)
    try:
        _step("schema", lambda: check_schema(payload), (SchemaError,))
    except BatchRejected as exc:
        prepared.schema_refused = exc
        return prepared
    if copy_rows:
        for table in payload.table_names():
            header, cells = payload.table(table)
            if cells:
                prepared.copy_texts[table] = copy_text(
                    BATCH_ID_MARK, table, header, cells, payload.columns(table)
                )
    return prepared


class _Tampered(Exception):
    def __init__(self, rejection: BatchRejected) -> None:
        super().__init__(str(rejection))
        self.rejection = rejection


def _before_ledger(
    batch: BatchFiles, enrolled: Mapping[str, EnrolledDevice], study: str | None
) -> None:
    """Steps 2–4 (the envelope was parsed): the device, the signature, the payload hash."""
    envelope = batch.envelope
    device = enrolled.get(envelope.device_id)
    if device is None:
        reject("unknown_device", f"device {envelope.device_id} is not enrolled")
    if device.revoked:
        reject(
            "revoked_device", f"device {envelope.device_id} was revoked: {device.revoked_reason}"
        )
    public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(device.signing_public_key))
    try:
        verify_signature(batch, public_key)
    except BatchFileError as exc:
        raise _Tampered(BatchRejected("bad_signature", str(exc))) from exc
    if study is not None and envelope.study != study:
        reject("wrong_study", f"the batch is for study {envelope.study}, not {study}")
    if device.site is not None and envelope.site != device.site:
        reject("wrong_site", f"device {device.device_id} is enrolled at site {device.site}, "
               f"the batch says {envelope.site}")  # fmt: skip
    _step("bad_payload", lambda: verify_payload_hash(batch), (BatchFileError,))


def _registry_problem(payload: Payload, device: EnrolledDevice) -> str | None:
    """The key registry must start with the entry pinned when the device was enrolled."""
    try:
        first = first_registry_fingerprint(payload.files.get(REGISTRY_FILE, b""))
    except EnrolmentError:
        first = None
    if first == device.registry_fingerprint:
        return None
    return (
        f"the key registry of device {device.device_id} does not start with the entry pinned "
        "at its enrolment: its users' keys cannot be trusted"
    )


def _open(
    batch: BatchFiles, keys: CenterKeys, known_audit: tuple[bytes, list[str]] | None
) -> Payload:
    """Steps 6–7: decrypt, then the manifest against the envelope and the file hashes."""
    ours = {recipient_fingerprint(str(identity.to_public())) for identity in keys.identities}
    if not ours & set(batch.envelope.recipients):
        reject(
            "wrong_key",
            "the batch is encrypted to other center keys (recipient fingerprints "
            f"{', '.join(item[:16] + '…' for item in batch.envelope.recipients)}), not to the "
            f"given identity ({', '.join(item[:16] + '…' for item in sorted(ours))})",
        )
    try:
        zip_bytes = pyrage.decrypt(batch.payload, list(keys.identities))
    except pyrage.DecryptError as exc:
        reject("wrong_key", f"payload.age does not decrypt with the given identity ({exc})")
    payload: Payload = _step(
        "manifest", lambda: open_payload(zip_bytes, batch.envelope, known_audit), (PayloadError,)
    )
    head = payload.audit_head()
    if (head.rows, head.head) != (batch.envelope.audit_rows, batch.envelope.audit_head):
        reject("manifest", "the audit log's head differs from the one in the envelope")
    return payload


def _step(code: str, action: Callable[[], Any], errors: tuple[type[Exception], ...]) -> Any:
    try:
        return action()
    except errors as exc:
        reject(code, str(exc))


def reject(code: str, message: str) -> NoReturn:
    raise BatchRejected(code, message)
