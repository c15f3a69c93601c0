"""Canonical JSON and hashes: the one byte form the laptop and the center sign, hash and compare."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GENESIS_HASH = "0" * 64
_HEX64 = re.compile(r"[0-9a-f]{64}")


def canonical_json(value: Any) -> bytes:
    """The one byte form that is signed and hashed: sorted keys, no spaces, ASCII."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return text.encode("ascii")


def sha256_hex(data: bytes) -> str:
    """SHA-256 of `data`, lower-case hex."""
    return hashlib.sha256(data).hexdigest()


def is_sha256_hex(value: object) -> bool:
    """True for 64 lower-case hex digits."""
    return isinstance(value, str) and _HEX64.fullmatch(value) is not None


def ed25519_public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The raw 32-byte public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def ed25519_fingerprint(key: bytes | Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """SHA-256 hex of the raw public key (the same fingerprint the allocation lists use)."""
    raw = key if isinstance(key, bytes) else ed25519_public_bytes(key)
    return sha256_hex(raw)


def paper_fingerprint(fingerprint: str) -> str:
    """A fingerprint in groups of 4 upper-case hex digits, for reading aloud or on paper."""
    digits = fingerprint.upper()
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(value: object) -> bytes:
    """Strict base64 decoding.

    Raises:
        ValueError: not text, or not valid base64.
    """
    if not isinstance(value, str):
        raise ValueError("a base64 field is not text")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise ValueError("a base64 field is not readable") from exc


def strict_json_object(data: bytes, *, limit: int, what: str) -> dict[str, Any]:
    """Parse a UTF-8 JSON object of at most `limit` bytes, refusing duplicate keys.

    Raises:
        ValueError: too large, not UTF-8, not JSON, a duplicate key, or not an object.
    """
    if len(data) > limit:
        raise ValueError(f"{what} is larger than {limit} bytes")
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{what} is not readable JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not a JSON object")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result
