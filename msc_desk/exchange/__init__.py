"""The batch format shared by the laptop and the center: envelope, payload, signed documents."""

from msc_desk.exchange.age_keys import (
    AgeKeyPair,
    generate_age_identity,
    read_identity_file,
    recipient_fingerprint,
    write_identity_file,
)
from msc_desk.exchange.batch import (
    BatchFileError,
    BatchFiles,
    BatchHeader,
    batch_folder_name,
    read_batch,
    verify_batch,
    write_batch,
)
from msc_desk.exchange.canonical import GENESIS_HASH, canonical_json, sha256_hex
from msc_desk.exchange.envelope import Envelope, EnvelopeError, parse_envelope, utc_stamp
from msc_desk.exchange.payload import Payload, PayloadError, audit_head, open_payload
from msc_desk.exchange.signed import (
    CenterRecipient,
    KeyBundle,
    Receipt,
    SignedDocumentError,
    make_key_bundle,
    make_receipt,
    verify_key_bundle,
    verify_receipt,
)
from msc_desk.exchange.tables import neutralize_cell, restore_cell

__all__ = [
    "GENESIS_HASH",
    "AgeKeyPair",
    "BatchFileError",
    "BatchFiles",
    "BatchHeader",
    "CenterRecipient",
    "Envelope",
    "EnvelopeError",
    "KeyBundle",
    "Payload",
    "PayloadError",
    "Receipt",
    "SignedDocumentError",
    "audit_head",
    "batch_folder_name",
    "canonical_json",
    "generate_age_identity",
    "make_key_bundle",
    "make_receipt",
    "neutralize_cell",
    "open_payload",
    "parse_envelope",
    "read_batch",
    "read_identity_file",
    "recipient_fingerprint",
    "restore_cell",
    "sha256_hex",
    "utc_stamp",
    "verify_batch",
    "verify_key_bundle",
    "verify_receipt",
    "write_batch",
    "write_identity_file",
]
