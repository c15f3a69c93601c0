"""Checking what the center signed: a list file before import, and the reveal chain after."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from msc_desk.center.allocation import (
    DOCUMENT_FORMAT,
    ENVELOPE_FORMAT,
    GENESIS_REVEAL_HASH,
    MAX_FILE_BYTES,
    MAX_SLOT_NUMBER,
    MAX_SLOTS,
    MAX_STUDY_NUMBERS,
    SEALED_SLOT_BYTES,
    AllocationListError,
    SealError,
    canonical_json,
    commitment,
    device_public_key,
    key_fingerprint,
    list_key_context,
    plain_text,
    reveal_hash,
    unseal,
)
from msc_desk.security.sealing import SealedBoxError, open_sealed

_HEX64 = re.compile(r"[0-9a-f]{64}")
_DOCUMENT_KEYS = {
    "format", "list_uid", "study", "device_uid", "device_key", "stratum", "first_slot",
    "slot_count", "first_study_number", "study_number_count", "created_at", "list_key_sha256",
    "sealed_list_key", "slots",
}  # fmt: skip
_ENVELOPE_KEYS = {"format", "document", "signature"}
_SIGNATURE_KEYS = {"algorithm", "key_fingerprint", "value"}


@dataclass(frozen=True)
class SealedSlot:
    """A slot as the list carries it: sealed under the list key, which the importer cannot open."""

    slot: int
    commitment: str
    sealed: bytes = field(repr=False)


@dataclass(frozen=True)
class OpenedList:
    """A verified list: its fields, and the signed file kept verbatim."""

    list_uid: str
    study: str
    device_uid: str
    device_key: str
    stratum: str | None
    first_slot: int
    slot_count: int
    first_study_number: int
    study_number_count: int
    created_at: datetime
    signer_fingerprint: str
    sealed_list_key: bytes = field(repr=False)
    signed_document: str = field(repr=False)
    slots: tuple[SealedSlot, ...] = field(repr=False)

    @property
    def last_slot(self) -> int:
        return self.first_slot + self.slot_count - 1


def open_signed_list(
    data: bytes,
    trusted_key: bytes | Ed25519PublicKey,
    *,
    study: str | None = None,
    device_uid: str | None = None,
    device_key: str | None = None,
) -> OpenedList:
    """Verify a list file against the center root key; its slots stay sealed.

    Args:
        data: the file's bytes.
        trusted_key: the center root public key (raw 32 bytes, or the key).
        study: when given, a list for another study is refused.
        device_uid: when given, a list issued for another device is refused.
        device_key: when given, a list sealed to another randomization key is refused.

    Raises:
        AllocationListError: code "malformed" (not a list, or not internally consistent),
            "unsigned" (no signature), "bad_signature" (another key, or any byte altered),
            "wrong_study", "wrong_device" or "wrong_device_key".
    """
    envelope = _load(data)
    signature = envelope.get("signature")
    if envelope.get("format") == DOCUMENT_FORMAT or (
        envelope.get("format") == ENVELOPE_FORMAT and signature is None
    ):
        _fail("unsigned", "the allocation list is not signed")
    if envelope.get("format") != ENVELOPE_FORMAT or set(envelope) != _ENVELOPE_KEYS:
        _fail("malformed", "not an allocation list file")
    document = envelope["document"]
    if not isinstance(signature, dict) or set(signature) != _SIGNATURE_KEYS:
        _fail("malformed", "the signature block is not readable")
    if not isinstance(document, dict) or signature["algorithm"] != "ed25519":
        _fail("malformed", "the document or the signature algorithm is not readable")
    public = _public_key(trusted_key)
    expected = key_fingerprint(public)
    if signature["key_fingerprint"] != expected:
        _fail("bad_signature", "signed by another key than the trusted center key")
    try:
        public.verify(_b64decode(signature["value"]), canonical_json(document))
    except (InvalidSignature, AllocationListError):
        _fail("bad_signature", "the signature does not match: the list was altered")
    if data != canonical_json(envelope) + b"\n":
        _fail("bad_signature", "the file was altered outside its signed part")
    fields = _document_fields(document)
    if study is not None and fields["study"] != study:
        _fail("wrong_study", f"the list is for study {fields['study']}, not {study}")
    if device_uid is not None and fields["device_uid"] != device_uid:
        _fail("wrong_device", "the list was issued for another device")
    if device_key is not None and fields["device_key"] != device_key:
        _fail("wrong_device_key", "the list was sealed to another randomization key")
    slots = tuple(_sealed_slot(entry) for entry in document["slots"])
    return OpenedList(
        **fields,
        signer_fingerprint=expected,
        sealed_list_key=_b64decode(document["sealed_list_key"]),
        signed_document=data.decode("ascii").rstrip("\n"),
        slots=slots,
    )


def open_list_key(private: X25519PrivateKey, list_uid: str, sealed_list_key: bytes) -> bytes:
    """The list key, opened with the laptop's randomization private key.

    Raises:
        AllocationListError: code "wrong_device_key" when it does not open.
    """
    try:
        return open_sealed(private, sealed_list_key, context=list_key_context(list_uid))
    except SealedBoxError:
        _fail("wrong_device_key", "the list key does not open with this randomization key")


def open_slot(list_key: bytes, list_uid: str, slot: int, sealed: bytes, expected: str) -> str:
    """The arm of one sealed slot, checked against its signed commitment.

    Raises:
        AllocationListError: "reveal_failed" (it does not open) or "commitment_mismatch".
    """
    try:
        arm, nonce = unseal(list_key, list_uid, slot, sealed)
    except SealError:
        _fail("reveal_failed", f"slot {slot} does not open with the list key")
    if commitment(list_uid, slot, arm, nonce) != expected:
        _fail("commitment_mismatch", f"slot {slot} does not match its commitment")
    return arm


@dataclass(frozen=True)
class Reveal:
    """A slot as the reveal chain sees it: all but `slot` and `list_uid` None while unused."""

    slot: int
    list_uid: str
    arm: str | None
    study_id: str | None
    eligibility_sha256: str | None
    revealed_at: datetime | None
    reveal_hash: str | None


def first_broken_reveal(slots: Iterable[Reveal]) -> int | None:
    """The first slot (in slot order) where the reveal chain breaks, or None if it is whole.

    Used slots must come before every unused one (no slot skipped), and each used slot's
    `reveal_hash` must link it to the previous one, from `GENESIS_REVEAL_HASH`.
    """
    previous = GENESIS_REVEAL_HASH
    unused_seen = False
    for entry in sorted(slots, key=lambda reveal: reveal.slot):
        if entry.revealed_at is None:
            if (entry.arm, entry.study_id, entry.reveal_hash) != (None, None, None):
                return entry.slot
            unused_seen = True
            continue
        if unused_seen or entry.arm is None or entry.study_id is None:
            return entry.slot
        if entry.eligibility_sha256 is None:
            return entry.slot
        expected = reveal_hash(
            previous,
            entry.list_uid,
            entry.slot,
            entry.arm,
            entry.study_id,
            entry.eligibility_sha256,
            entry.revealed_at,
        )
        if entry.reveal_hash != expected:
            return entry.slot
        previous = expected
    return None


def _load(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_FILE_BYTES:
        _fail("malformed", "the file is too large for an allocation list")
    try:
        value = json.loads(
            data.decode("ascii"), object_pairs_hook=_unique_keys, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, ValueError):
        _fail("malformed", "the file is not an allocation list (unreadable JSON)")
    except RecursionError:
        _fail("malformed", "the file is not an allocation list (nested too deeply)")
    if not isinstance(value, dict):
        _fail("malformed", "not an allocation list file")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number")


def _public_key(trusted_key: bytes | Ed25519PublicKey) -> Ed25519PublicKey:
    if isinstance(trusted_key, Ed25519PublicKey):
        return trusted_key
    return Ed25519PublicKey.from_public_bytes(trusted_key)


def _document_fields(document: dict[str, Any]) -> dict[str, Any]:
    _check(set(document) == _DOCUMENT_KEYS, "unexpected document fields")
    _check(document["format"] == DOCUMENT_FORMAT, "unknown document format")
    for name, limit in (("list_uid", 64), ("study", 40), ("device_uid", 36)):
        _check(plain_text(document[name], limit), f"bad {name}")
    stratum = document["stratum"]
    _check(stratum is None or plain_text(stratum, 40), "stratum")
    first, count = document["first_slot"], document["slot_count"]
    _check(_is_int(first) and first >= 1, "bad first_slot")
    _check(_is_int(count) and 1 <= count <= MAX_SLOTS, "bad slot_count")
    _check(first <= MAX_SLOT_NUMBER - count + 1, f"slots beyond {MAX_SLOT_NUMBER}")
    numbers, span = document["first_study_number"], document["study_number_count"]
    _check(_is_int(numbers) and 1 <= numbers <= MAX_STUDY_NUMBERS, "bad first_study_number")
    _check(_is_int(span) and 1 <= span <= MAX_STUDY_NUMBERS - numbers + 1, "bad study_number_count")
    _check(_is_hex64(document["list_key_sha256"]), "bad list_key_sha256")
    _check(isinstance(document["device_key"], str), "bad device_key")
    try:
        device_public_key(document["device_key"])
    except ValueError:
        _fail("malformed", "the signed document is not consistent: bad device_key")
    slots = document["slots"]
    _check(isinstance(slots, list) and len(slots) == count, "slot count differs")
    for offset, entry in enumerate(slots):
        _check(isinstance(entry, dict) and set(entry) == {"slot", "commitment", "sealed"}, "slot")
        _check(entry["slot"] == first + offset and _is_int(entry["slot"]), "slots out of order")
        _check(_is_hex64(entry["commitment"]) and isinstance(entry["sealed"], str), "slot")
    try:
        created_at = datetime.fromisoformat(document["created_at"])
    except (TypeError, ValueError):
        _fail("malformed", "bad created_at")
    _check(created_at.tzinfo is not None, "created_at without a time zone")
    names = (
        "list_uid", "study", "device_uid", "device_key", "stratum", "first_slot", "slot_count",
        "first_study_number", "study_number_count",
    )  # fmt: skip
    return {name: document[name] for name in names} | {"created_at": created_at}


def _sealed_slot(entry: dict[str, Any]) -> SealedSlot:
    sealed = _b64decode(entry["sealed"])
    _check(len(sealed) == SEALED_SLOT_BYTES, f"slot {entry['slot']} has an unexpected length")
    return SealedSlot(entry["slot"], entry["commitment"], sealed)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hex64(value: object) -> bool:
    return isinstance(value, str) and _HEX64.fullmatch(value) is not None


def _b64decode(value: object) -> bytes:
    if not isinstance(value, str):
        _fail("malformed", "a base64 field is not text")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        _fail("malformed", "a base64 field is not readable")


def _check(condition: bool, what: str) -> None:
    if not condition:
        _fail("malformed", f"the signed document is not consistent: {what}")


def _fail(code: str, message: str) -> NoReturn:
    raise AllocationListError(code, message)
