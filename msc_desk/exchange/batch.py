"""A batch folder: written crash-safely (temp name, fsync, rename, read back); read, verified."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from msc_desk.exchange.age_keys import parse_recipient, recipient_fingerprint
from msc_desk.exchange.canonical import GENESIS_HASH, ed25519_fingerprint, sha256_hex
from msc_desk.exchange.envelope import (
    ENVELOPE_FORMAT,
    MAX_ENVELOPE_BYTES,
    Envelope,
    parse_envelope,
    utc_stamp,
)
from msc_desk.exchange.payload import AuditHead, audit_head, build_payload

ENVELOPE_FILE = "envelope.json"
SIGNATURE_FILE = "envelope.sig"
PAYLOAD_FILE = "payload.age"
BATCH_FILES = (ENVELOPE_FILE, SIGNATURE_FILE, PAYLOAD_FILE)
SIGNATURE_BYTES = 64
MAX_PAYLOAD_BYTES = 4 * 1024 * 1024 * 1024


class BatchFileError(ValueError):
    """A batch folder that is incomplete, altered or not signed by the expected key."""


@dataclass(frozen=True)
class BatchHeader:
    """What the laptop decides about a batch; the rest is computed from the content."""

    study: str
    site: str
    device_id: str
    sequence: int
    previous_envelope_sha256: str
    created_at: datetime


@dataclass(frozen=True)
class BatchFiles:
    """The three files of a batch as read from disk; `envelope` is parsed, nothing verified."""

    envelope_bytes: bytes = field(repr=False)
    envelope: Envelope
    signature: bytes = field(repr=False)
    payload: bytes = field(repr=False)

    @property
    def envelope_sha256(self) -> str:
        return sha256_hex(self.envelope_bytes)


def batch_folder_name(study: str, device_id: str, sequence: int) -> str:
    return f"{study}-{device_id}-{sequence:06d}"


def write_batch(
    out_dir: Path,
    *,
    header: BatchHeader,
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    extra_files: Mapping[str, bytes],
    audit_jsonl: bytes,
    device_signing_key: Ed25519PrivateKey,
    recipients: Sequence[str],
    columns: Mapping[str, Sequence[str]] | None = None,
    audit_hashes: Sequence[str] | None = None,
) -> Path:
    """Write one batch folder under `out_dir` and return its path once read back and verified.

    The folder is written under a hidden temporary name, every file and the folder are fsynced,
    then it is renamed to its final name: a crash leaves no folder under the final name.

    Args:
        out_dir: the folder that receives the batch folder (e.g. a USB stick).
        header: study, site, device, sequence number and previous envelope hash (kept by the
            laptop's outbox), creation time.
        tables: rows per table; each becomes tables/<name>.csv.
        extra_files: other files (dictionary, ODM, key registry), stored byte for byte.
        audit_jsonl: the audit log, byte-exact JSON Lines with an `entry_hash` on each line.
        device_signing_key: the device's Ed25519 key; it signs the envelope.
        recipients: age recipients (`age1...`) of the center: operational and recovery.
        columns: optional column order per table (needed for a table with no rows).
        audit_hashes: the `entry_hash` of each audit line when the caller holds them (else
            they are read from `audit_jsonl`).

    Raises:
        FileExistsError: a batch of this name exists.
        ValueError: a malformed input (names, recipients, audit lines, values).
        BatchFileError: the read-back does not verify (the folder is removed).
    """
    if not recipients:
        raise ValueError("at least one center recipient is required")
    final = out_dir / batch_folder_name(header.study, header.device_id, header.sequence)
    if final.exists():
        raise FileExistsError(f"{final} exists; a batch is never overwritten")
    for leftover in out_dir.glob(f".{final.name}.*.partial"):
        shutil.rmtree(leftover, ignore_errors=True)  # an earlier attempt that was cut off
    parsed_recipients = [parse_recipient(text) for text in recipients]
    if audit_hashes is not None and audit_jsonl.count(b"\n") == len(audit_hashes):
        head = AuditHead(len(audit_hashes), audit_hashes[-1] if audit_hashes else GENESIS_HASH)
    else:
        head = audit_head(audit_jsonl)
    shared: dict[str, Any] = {
        "format": ENVELOPE_FORMAT,
        "study": header.study,
        "site": header.site,
        "device_id": header.device_id,
        "key_id": ed25519_fingerprint(device_signing_key),
        "sequence": header.sequence,
        "previous_envelope_sha256": header.previous_envelope_sha256,
        "created_at": utc_stamp(header.created_at),
        "recipients": [recipient_fingerprint(text) for text in recipients],
        "audit_rows": head.rows,
        "audit_head": head.head,
    }
    zip_bytes = build_payload(shared, tables, extra_files, audit_jsonl, columns, head.rows)
    encrypted = pyrage.encrypt(zip_bytes, parsed_recipients)
    envelope = Envelope(
        **(shared | {"recipients": tuple(shared["recipients"])}),
        payload_sha256=sha256_hex(encrypted),
        payload_bytes=len(encrypted),
    )
    envelope_bytes = envelope.to_bytes()
    parse_envelope(envelope_bytes)  # the writer never emits what the center would refuse
    signature = device_signing_key.sign(envelope_bytes)
    temp = out_dir / f".{final.name}.{secrets.token_hex(6)}.partial"
    try:
        temp.mkdir(mode=0o700)
        for name, data in (
            (PAYLOAD_FILE, encrypted),
            (SIGNATURE_FILE, signature),
            (ENVELOPE_FILE, envelope_bytes),
        ):
            _write_synced(temp / name, data)
        _fsync_dir(temp)
        os.rename(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _fsync_dir(out_dir)
    try:
        read_back = read_batch(final)
        verify_batch(read_back, device_signing_key.public_key())
        if read_back.envelope_bytes != envelope_bytes:
            raise BatchFileError("the envelope read back differs from the one written")
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)
        raise
    return final


def read_batch(path: Path, *, envelope_limit: int = MAX_ENVELOPE_BYTES) -> BatchFiles:
    """Read a batch folder; the envelope is parsed with a size limit before anything else.

    Raises:
        BatchFileError: a missing or oversized file.
        EnvelopeError: an envelope that does not parse.
    """
    if not path.is_dir():
        raise BatchFileError(f"{path} is not a batch folder")
    missing = [name for name in BATCH_FILES if not (path / name).is_file()]
    if missing:
        raise BatchFileError(f"the batch has no {', '.join(missing)}")
    envelope_bytes = _read_limited(path / ENVELOPE_FILE, envelope_limit)
    envelope = parse_envelope(envelope_bytes, limit=envelope_limit)
    signature = _read_limited(path / SIGNATURE_FILE, SIGNATURE_BYTES)
    payload = _read_limited(path / PAYLOAD_FILE, MAX_PAYLOAD_BYTES)
    return BatchFiles(envelope_bytes, envelope, signature, payload)


def verify_signature(batch: BatchFiles, device_public_key: Ed25519PublicKey) -> None:
    """Check envelope.sig against the device key.

    Raises:
        BatchFileError: another key id, a signature of another length, or one that fails.
    """
    if batch.envelope.key_id != ed25519_fingerprint(device_public_key):
        raise BatchFileError("the envelope names another signing key than the device's")
    if len(batch.signature) != SIGNATURE_BYTES:
        raise BatchFileError("envelope.sig is not a 64-byte Ed25519 signature")
    try:
        device_public_key.verify(batch.signature, batch.envelope_bytes)
    except InvalidSignature as exc:
        raise BatchFileError("the envelope signature does not verify: altered or forged") from exc


def verify_payload_hash(batch: BatchFiles) -> None:
    """Check payload.age against the envelope's size and SHA-256.

    Raises:
        BatchFileError: the payload was truncated, extended or altered.
    """
    if len(batch.payload) != batch.envelope.payload_bytes:
        raise BatchFileError(
            f"payload.age has {len(batch.payload)} bytes, the envelope says "
            f"{batch.envelope.payload_bytes} (truncated or extended)"
        )
    if sha256_hex(batch.payload) != batch.envelope.payload_sha256:
        raise BatchFileError("payload.age does not match its SHA-256 in the envelope (altered)")


def verify_batch(batch: BatchFiles, device_public_key: Ed25519PublicKey) -> None:
    """Signature, then payload size and hash (what the laptop can check without decrypting)."""
    verify_signature(batch, device_public_key)
    verify_payload_hash(batch)


def _read_limited(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise BatchFileError(f"{path.name} is larger than {limit} bytes")
    return data


def _write_synced(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(directory: Path) -> None:
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; NTFS journals the rename itself
        return
    with contextlib.suppress(OSError):
        os.fsync(descriptor)
    os.close(descriptor)
