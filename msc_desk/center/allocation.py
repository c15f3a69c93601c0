"""Allocation lists: the center root key, the permuted-block generator and the signed format."""

# Format 2. A list file is one line of canonical JSON (sorted keys, no spaces, ASCII) and a newline:
# {"format": "signed-allocation-list/2", "document": D, "signature": S}.
# D = {format, list_uid, study, device_uid, device_key, stratum, first_slot, slot_count,
# first_study_number, study_number_count, created_at, list_key_sha256, sealed_list_key,
# slots: [{slot, commitment, sealed}]}; S is the center root key's Ed25519 signature over
# canonical_json(D), with the key's SHA-256 fingerprint. Each slot carries commitment =
# sha256("list_uid|slot|arm|nonce") (128-bit random nonce) and sealed = AES-256-GCM under the
# per-list key K of {"arm", "nonce"} padded with spaces to 64 bytes (every sealed slot has the
# same length whatever its arm), bound to "list_uid|slot". K is sealed (msc_desk.security.sealing,
# context "allocation-list-key|<list_uid>") to `device_key`, the laptop's randomization X25519
# public key shown beside its device id; the file never holds K in clear.
#
# Concealment. The site administrator who imports the file cannot open K. The randomization
# private key is sealed only to the users who may randomize (investigators and delegated nurses);
# a reveal opens the user's seal with their own key (unwrapped by their password), then K, then
# one slot. What remains is stated in the threat model: a randomizing user who attacks their own
# laptop with their own password can read the sequence. The audit trail and the reveal chain show
# the center how every slot was used; the center keeps the plan and checks each revealed arm.
#
# Study ids. Each list also gives the device its study-number range (first_study_number, count),
# so study ids are unique across the devices of a site.

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from msc_desk.security.sealing import seal_to
from msc_desk.timekeeping import Clock, system_clock

DOCUMENT_FORMAT = "allocation-list/2"
ENVELOPE_FORMAT = "signed-allocation-list/2"
ARMS = ("control", "msc")
DEFAULT_BLOCK_SIZES = (2, 4)
GENESIS_REVEAL_HASH = "0" * 64
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_SLOTS = 10_000
MAX_SLOT_NUMBER = 1_000_000
"""No list reaches beyond this slot: far above any trial, far below any integer limit."""
MAX_STUDY_NUMBERS = 99_999  # five digits: the most a study id holds (services/study_ids.py)
DEFAULT_STUDY_NUMBERS = 999
_IV_BYTES = 12
_KEY_BYTES = 32
_PADDED_BYTES = 64
SEALED_SLOT_BYTES = _IV_BYTES + _PADDED_BYTES + 16


def list_key_context(list_uid: str) -> str:
    """The sealed-box context of a list key: it opens as nothing else."""
    return f"allocation-list-key|{list_uid}"


class AllocationListError(ValueError):
    """A list that cannot be trusted or used; `code` says why (see the import service)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class SealError(ValueError):
    """A sealed slot does not open with this key, or was not sealed for this slot."""


# --- primitives shared by the center and the laptop -------------------------------------------


def canonical_json(value: Any) -> bytes:
    """The one byte form that is signed and hashed: sorted keys, no spaces, ASCII."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return text.encode("ascii")


def commitment(list_uid: str, slot: int, arm: str, nonce: str) -> str:
    """SHA-256 hex of ``list_uid|slot|arm|nonce``: binds a slot to its arm without showing it."""
    return hashlib.sha256(f"{list_uid}|{slot}|{arm}|{nonce}".encode()).hexdigest()


def seal(key: bytes, list_uid: str, slot: int, arm: str, nonce: str) -> bytes:
    """AES-256-GCM of the slot's arm and nonce under `key`, bound to this list and slot."""
    iv = os.urandom(_IV_BYTES)
    plaintext = canonical_json({"arm": arm, "nonce": nonce})
    if len(plaintext) > _PADDED_BYTES:
        raise ValueError("the arm and nonce do not fit a sealed slot")
    plaintext = plaintext.ljust(_PADDED_BYTES, b" ")
    return iv + AESGCM(key).encrypt(iv, plaintext, _aad(list_uid, slot))


def unseal(key: bytes, list_uid: str, slot: int, sealed: bytes) -> tuple[str, str]:
    """Return (arm, nonce) of a sealed slot.

    Raises:
        SealError: wrong key, altered ciphertext, or a ciphertext sealed for another slot.
    """
    try:
        plaintext = AESGCM(key).decrypt(
            sealed[:_IV_BYTES], sealed[_IV_BYTES:], _aad(list_uid, slot)
        )
        content = json.loads(plaintext)
        arm, nonce = content["arm"], content["nonce"]
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise SealError(f"slot {slot} does not open with this key") from exc
    if arm not in ARMS or not isinstance(nonce, str):
        raise SealError(f"slot {slot} holds no valid arm")
    return arm, nonce


def _aad(list_uid: str, slot: int) -> bytes:
    return f"{list_uid}|{slot}".encode()


# The reveal chain, format 2 (REVEAL_CHAIN_FORMAT), for the center to recompute. Slots are taken
# in slot number order across the laptop's lists, from GENESIS_REVEAL_HASH. Each reveal first
# commits its carbon copy, before the arm is known:
#   carbon = sha256("reveal-chain/2|carbon|" + previous | list_uid | slot | study_id |
#                   eligibility_sha256 | revealed_at)
#   link   = sha256("reveal-chain/2|reveal|" + carbon | arm)          (hex, UTF-8, "|" joins)
# revealed_at is ISO 8601 in UTC with microseconds. eligibility_sha256 is the SHA-256 of the
# canonical JSON (canonical_json) of the eligibility result: the inputs, the decision with its
# criteria codes, and the instants in UTC (msc_desk.services.allocation.eligibility_record).
REVEAL_CHAIN_FORMAT = "reveal-chain/2"


def carbon_copy(
    previous: str,
    list_uid: str,
    slot: int,
    study_id: str,
    eligibility_sha256: str,
    revealed_at: datetime,
) -> str:
    """The first half of a reveal: which patient, on which eligibility result, took the slot."""
    instant = revealed_at.astimezone(UTC).isoformat(timespec="microseconds")
    fields = (previous, list_uid, str(slot), study_id, eligibility_sha256, instant)
    return _sha256_text(f"{REVEAL_CHAIN_FORMAT}|carbon|" + "|".join(fields))


def reveal_hash(
    previous: str,
    list_uid: str,
    slot: int,
    arm: str,
    study_id: str,
    eligibility_sha256: str,
    revealed_at: datetime,
) -> str:
    """One link of the reveal chain: the carbon copy, then the arm it revealed."""
    carbon = carbon_copy(previous, list_uid, slot, study_id, eligibility_sha256, revealed_at)
    return _sha256_text(f"{REVEAL_CHAIN_FORMAT}|reveal|{carbon}|{arm}")


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the center root key ----------------------------------------------------------------------


@dataclass(frozen=True)
class CenterKey:
    """The public half of a center root key, as laptops are given it and as people check it."""

    public_key: bytes
    fingerprint: str

    @property
    def paper_fingerprint(self) -> str:
        return paper_fingerprint(self.fingerprint)


def public_key_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The raw 32-byte public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_fingerprint(public_key: bytes | Ed25519PublicKey) -> str:
    """SHA-256 hex of the raw public key."""
    raw = public_key if isinstance(public_key, bytes) else public_key_bytes(public_key)
    return hashlib.sha256(raw).hexdigest()


def paper_fingerprint(fingerprint: str) -> str:
    """The fingerprint in 16 groups of 4 upper-case hex digits, for reading aloud or on paper."""
    digits = fingerprint.upper()
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def generate_center_key(private_key_path: Path, *, passphrase: bytes | None = None) -> CenterKey:
    """Create a center root key: a PKCS#8 PEM file readable by its owner only.

    Raises:
        FileExistsError: the file exists (a root key is never overwritten).
    """
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    descriptor = os.open(private_key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    raw = public_key_bytes(key)
    return CenterKey(public_key=raw, fingerprint=key_fingerprint(raw))


def load_center_key(
    private_key_path: Path, *, passphrase: bytes | None = None
) -> Ed25519PrivateKey:
    """Read a center root key written by `generate_center_key`.

    Raises:
        ValueError: not an Ed25519 private key, a passphrase missing, or a wrong one.
        OSError: the file cannot be read.
    """
    try:
        key = serialization.load_pem_private_key(private_key_path.read_bytes(), passphrase)
    except TypeError as exc:  # a passphrase-protected key opened without one, or the reverse
        why = "is protected by a passphrase" if passphrase is None else "has no passphrase"
        raise ValueError(f"{private_key_path.name}: the key {why}") from exc
    except (UnsupportedAlgorithm, ValueError) as exc:
        guess = "" if passphrase is None else "a wrong passphrase, or "
        raise ValueError(
            f"{private_key_path.name}: {guess}not a center private key (PEM, Ed25519)"
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{private_key_path.name}: not an Ed25519 private key")
    return key


# --- the generator ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedSlot:
    """The center's secret record of one slot (never sent in clear)."""

    slot: int
    arm: str
    block: int
    block_size: int
    nonce: str = field(repr=False)


@dataclass(frozen=True)
class GeneratedList:
    list_uid: str
    signed_file: bytes = field(repr=False)
    plan: tuple[PlannedSlot, ...] = field(repr=False)


def permuted_blocks(
    count: int, block_sizes: Sequence[int] = DEFAULT_BLOCK_SIZES
) -> list[tuple[int, int, str]]:
    """(block index, block size, arm) for `count` slots: 1:1 within each block, sizes at random.

    A block size is drawn (with `secrets`) among the sizes that still fit, so an even count ends
    on a complete block; an odd count ends with a truncated block of the smallest size.
    """
    if not block_sizes or any(size < 2 or size % 2 for size in block_sizes):
        raise ValueError("block sizes must be even and at least 2")
    rng = secrets.SystemRandom()
    result: list[tuple[int, int, str]] = []
    block = 0
    while len(result) < count:
        remaining = count - len(result)
        fitting = [size for size in block_sizes if size <= remaining]
        size = secrets.choice(fitting) if fitting else min(block_sizes)
        arms = list(ARMS) * (size // 2)
        rng.shuffle(arms)
        result.extend((block, size, arm) for arm in arms[:remaining])
        block += 1
    return result


def generate_allocation_list(
    signing_key: Ed25519PrivateKey,
    *,
    study: str,
    device_uid: str,
    device_key: str,
    first_slot: int,
    slot_count: int,
    first_study_number: int = 1,
    study_number_count: int = DEFAULT_STUDY_NUMBERS,
    stratum: str | None = None,
    block_sizes: Sequence[int] = DEFAULT_BLOCK_SIZES,
    clock: Clock = system_clock,
) -> GeneratedList:
    """A signed list of slots ``first_slot .. first_slot + slot_count - 1`` for one device.

    `device_key` is the laptop's randomization public key (base64 of 32 bytes), to which the
    list key is sealed. Give each device its own, non-overlapping slot range and study-number
    range; the laptop refuses an overlap.
    """
    check_slot_range(first_slot, slot_count)
    if not 1 <= first_study_number <= MAX_STUDY_NUMBERS or not (
        1 <= study_number_count <= MAX_STUDY_NUMBERS - first_study_number + 1
    ):
        raise ValueError(f"study numbers must lie within 1–{MAX_STUDY_NUMBERS}")
    recipient = device_public_key(device_key)
    if not plain_text(study, 40) or not plain_text(device_uid, 36):
        raise ValueError("study (≤ 40 characters) and device_uid (≤ 36) are required")
    if stratum is not None and not plain_text(stratum, 40):
        raise ValueError("stratum: 1–40 printable characters, or none")
    list_uid = uuid.uuid4().hex
    list_key = AESGCM.generate_key(bit_length=256)
    plan = tuple(
        PlannedSlot(first_slot + i, arm, block, size, secrets.token_hex(16))
        for i, (block, size, arm) in enumerate(permuted_blocks(slot_count, block_sizes))
    )
    slots = [
        {
            "slot": planned.slot,
            "commitment": commitment(list_uid, planned.slot, planned.arm, planned.nonce),
            "sealed": _b64encode(
                seal(list_key, list_uid, planned.slot, planned.arm, planned.nonce)
            ),
        }
        for planned in plan
    ]
    document = {
        "format": DOCUMENT_FORMAT,
        "list_uid": list_uid,
        "study": study,
        "device_uid": device_uid,
        "device_key": device_key,
        "stratum": stratum,
        "first_slot": first_slot,
        "slot_count": slot_count,
        "first_study_number": first_study_number,
        "study_number_count": study_number_count,
        "created_at": clock().astimezone(UTC).isoformat(),
        "list_key_sha256": hashlib.sha256(list_key).hexdigest(),
        "sealed_list_key": _b64encode(
            seal_to(recipient, list_key, context=list_key_context(list_uid))
        ),
        "slots": slots,
    }
    envelope = {
        "format": ENVELOPE_FORMAT,
        "document": document,
        "signature": sign_document(signing_key, document),
    }
    return GeneratedList(list_uid, canonical_json(envelope) + b"\n", plan)


def check_slot_range(first_slot: object, slot_count: object) -> None:
    """Refuse a slot range that is not whole numbers within 1 .. MAX_SLOT_NUMBER.

    Raises:
        ValueError: with the bounds, in one line.
    """
    whole = all(isinstance(n, int) and not isinstance(n, bool) for n in (first_slot, slot_count))
    if not whole:
        raise ValueError("first slot and slot count must be whole numbers")
    assert isinstance(first_slot, int) and isinstance(slot_count, int)  # noqa: S101
    if not 1 <= slot_count <= MAX_SLOTS:
        raise ValueError(f"the slot count must be 1–{MAX_SLOTS}")
    if not 1 <= first_slot <= MAX_SLOT_NUMBER - slot_count + 1:
        raise ValueError(f"slots must lie within 1–{MAX_SLOT_NUMBER}")


def plain_text(value: object, limit: int) -> bool:
    """Whether `value` is 1..limit printable characters (no control, format or lone surrogate)."""
    return isinstance(value, str) and 0 < len(value) <= limit and value.isprintable()


def device_public_key(device_key: str) -> X25519PublicKey:
    """The laptop's randomization public key from its base64 text.

    Raises:
        ValueError: not base64 of a 32-byte X25519 public key.
    """
    try:
        raw = base64.b64decode(device_key.strip(), validate=True)
    except (ValueError, TypeError) as exc:
        raise ValueError("the device key is not base64") from exc
    if len(raw) != 32:
        raise ValueError("the device key is not a 32-byte X25519 public key")
    return X25519PublicKey.from_public_bytes(raw)


def sign_document(signing_key: Ed25519PrivateKey, document: dict[str, Any]) -> dict[str, str]:
    """The signature object of a document: algorithm, key fingerprint, base64 Ed25519 value."""
    return {
        "algorithm": "ed25519",
        "key_fingerprint": key_fingerprint(signing_key.public_key()),
        "value": _b64encode(signing_key.sign(canonical_json(document))),
    }


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
