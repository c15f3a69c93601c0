"""Signed documents (key bundles, import receipts): canonical JSON signed with Ed25519."""

# A file is canonical_json({"format": F, "document": D, "signature": S}) and a newline, where S is
# {"algorithm": "ed25519", "key_fingerprint": SHA-256 hex of the raw public key, "value": base64
# of the signature over canonical_json(D)} (the layout of the signed allocation lists).

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from msc_desk.exchange.age_keys import parse_recipient, recipient_fingerprint
from msc_desk.exchange.canonical import (
    b64decode,
    b64encode,
    canonical_json,
    ed25519_fingerprint,
    is_sha256_hex,
    strict_json_object,
)
from msc_desk.exchange.envelope import utc_stamp

BUNDLE_FORMAT = "signed-key-bundle/1"
RECEIPT_FORMAT = "signed-import-receipt/1"
MAX_SIGNED_BYTES = 64 * 1024
RECIPIENT_ROLES = ("operational", "recovery")


class SignedDocumentError(ValueError):
    """A signed file that is malformed, unsigned, or signed by another key or altered."""


def sign_document(signing_key: Ed25519PrivateKey, file_format: str, document: Any) -> bytes:
    """The bytes of a signed file holding `document`."""
    signature = {
        "algorithm": "ed25519",
        "key_fingerprint": ed25519_fingerprint(signing_key),
        "value": b64encode(signing_key.sign(canonical_json(document))),
    }
    content = {"format": file_format, "document": document, "signature": signature}
    return canonical_json(content) + b"\n"


def open_signed_document(
    data: bytes, public_key: bytes | Ed25519PublicKey, file_format: str
) -> dict[str, Any]:
    """The document of a signed file, once its signature by `public_key` is checked.

    Raises:
        SignedDocumentError: malformed, another format, another key, altered bytes.
    """
    try:
        content = strict_json_object(data, limit=MAX_SIGNED_BYTES, what="the signed file")
    except ValueError as exc:
        raise SignedDocumentError(str(exc)) from exc
    if content.get("format") != file_format or set(content) != {
        "format",
        "document",
        "signature",
    }:
        raise SignedDocumentError(f"not a {file_format} file")
    signature, document = content["signature"], content["document"]
    if not isinstance(signature, dict) or set(signature) != {
        "algorithm",
        "key_fingerprint",
        "value",
    }:
        raise SignedDocumentError("the signature block is not readable")
    if not isinstance(document, dict) or signature["algorithm"] != "ed25519":
        raise SignedDocumentError("the document or the signature algorithm is not readable")
    public = (
        public_key
        if isinstance(public_key, Ed25519PublicKey)
        else Ed25519PublicKey.from_public_bytes(public_key)
    )
    if signature["key_fingerprint"] != ed25519_fingerprint(public):
        raise SignedDocumentError("signed by another key than the trusted center key")
    try:
        public.verify(b64decode(signature["value"]), canonical_json(document))
    except (InvalidSignature, ValueError) as exc:
        raise SignedDocumentError("the signature does not match: the file was altered") from exc
    if data != canonical_json(content) + b"\n":
        raise SignedDocumentError("the file was altered outside its signed part")
    return document


@dataclass(frozen=True)
class CenterRecipient:
    role: str
    recipient: str
    fingerprint: str


@dataclass(frozen=True)
class KeyBundle:
    """What a laptop takes from a verified key bundle."""

    study: str
    created_at: str
    recipients: tuple[CenterRecipient, ...]
    receipt_public_key: bytes

    def recipient_strings(self) -> list[str]:
        return [entry.recipient for entry in self.recipients]


def make_key_bundle(
    root_key: Ed25519PrivateKey,
    *,
    study: str,
    operational: str,
    recovery: str,
    receipt_public_key: bytes,
    created_at: datetime,
) -> bytes:
    """A key bundle for the laptops, signed by the center root key."""
    entries = []
    for role, text in zip(RECIPIENT_ROLES, (operational, recovery), strict=True):
        parse_recipient(text)
        fingerprint = recipient_fingerprint(text)
        entries.append({"role": role, "recipient": text, "fingerprint": fingerprint})
    document = {
        "format": "key-bundle/1",
        "study": study,
        "created_at": utc_stamp(created_at),
        "recipients": entries,
        "receipt_public_key": receipt_public_key.hex(),
    }
    return sign_document(root_key, BUNDLE_FORMAT, document)


def verify_key_bundle(data: bytes, root_public: bytes | Ed25519PublicKey) -> KeyBundle:
    """The center recipients and receipt key of a bundle signed by the center root key.

    Raises:
        SignedDocumentError: unsigned, altered, signed by another key, or malformed.
    """
    document = open_signed_document(data, root_public, BUNDLE_FORMAT)
    expected = {"format", "study", "created_at", "recipients", "receipt_public_key"}
    if set(document) != expected or document["format"] != "key-bundle/1":
        raise SignedDocumentError("the key bundle's document is not in the expected form")
    entries = document["recipients"]
    if not isinstance(entries, list) or [
        entry.get("role") if isinstance(entry, dict) else None for entry in entries
    ] != list(RECIPIENT_ROLES):
        raise SignedDocumentError("the key bundle must list the operational and recovery keys")
    recipients = []
    for entry in entries:
        text = entry.get("recipient")
        try:
            parse_recipient(text)
        except (ValueError, TypeError) as exc:
            raise SignedDocumentError(f"the {entry['role']} key is not an age key") from exc
        if entry.get("fingerprint") != recipient_fingerprint(text):
            raise SignedDocumentError(f"the {entry['role']} key's fingerprint does not match")
        recipients.append(CenterRecipient(entry["role"], text, entry["fingerprint"]))
    try:
        receipt_key = bytes.fromhex(document["receipt_public_key"])
        Ed25519PublicKey.from_public_bytes(receipt_key)
    except (TypeError, ValueError) as exc:
        raise SignedDocumentError("the receipt key is not an Ed25519 public key") from exc
    return KeyBundle(document["study"], document["created_at"], tuple(recipients), receipt_key)


@dataclass(frozen=True)
class Receipt:
    """The center's acknowledgement of one imported batch."""

    study: str
    device_id: str
    sequence: int
    envelope_sha256: str
    imported_at: str


def make_receipt(signing_key: Ed25519PrivateKey, receipt: Receipt) -> bytes:
    """A receipt file signed by the center's receipt key."""
    document = {
        "format": "import-receipt/1",
        "study": receipt.study,
        "device_id": receipt.device_id,
        "sequence": receipt.sequence,
        "envelope_sha256": receipt.envelope_sha256,
        "imported_at": receipt.imported_at,
    }
    return sign_document(signing_key, RECEIPT_FORMAT, document)


def verify_receipt(data: bytes, receipt_public: bytes | Ed25519PublicKey) -> Receipt:
    """The receipt in a file signed by the center's receipt key.

    Raises:
        SignedDocumentError: unsigned, altered, signed by another key, or malformed.
    """
    document = open_signed_document(data, receipt_public, RECEIPT_FORMAT)
    fields = {"format", "study", "device_id", "sequence", "envelope_sha256", "imported_at"}
    if set(document) != fields or document.pop("format") != "import-receipt/1":
        raise SignedDocumentError("the receipt's document is not in the expected form")
    if not is_sha256_hex(document["envelope_sha256"]) or not isinstance(document["sequence"], int):
        raise SignedDocumentError("the receipt's document is not in the expected form")
    return Receipt(**document)
