"""Sealed boxes: data encrypted to an X25519 public key (ephemeral ECDH, HKDF, AES-256-GCM)."""

# Format v1: b"MSB1" | ephemeral public key (32) | nonce (12) | AES-GCM ciphertext+tag. The AES key
# is HKDF-SHA256(ECDH(ephemeral, recipient), salt = ephemeral_pub | recipient_pub, info = "msc-desk
# sealed box v1" | context). The context binds a box to its purpose (a box sealed as one thing
# opens as nothing else). Used for the database key sealed to each user and to the recovery key,
# and for the laptop's randomization key sealed to each randomizing user.

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_MAGIC = b"MSB1"
_PUBLIC_BYTES = 32
_NONCE_BYTES = 12
_INFO = b"msc-desk sealed box v1|"


class SealedBoxError(ValueError):
    """A sealed box does not open with this key or context, or is malformed."""


def raw_public(key: X25519PublicKey) -> bytes:
    """The 32 raw bytes of an X25519 public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes, context: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=_INFO + context.encode("utf-8"),
    ).derive(shared)


def seal_to(recipient: X25519PublicKey, data: bytes, *, context: str) -> bytes:
    """`data` encrypted so that only the holder of `recipient`'s private key can read it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = raw_public(ephemeral.public_key())
    key = _box_key(ephemeral.exchange(recipient), ephemeral_public, raw_public(recipient), context)
    nonce = os.urandom(_NONCE_BYTES)
    return _MAGIC + ephemeral_public + nonce + AESGCM(key).encrypt(nonce, data, None)


def open_sealed(private: X25519PrivateKey, box: bytes, *, context: str) -> bytes:
    """The data of a box sealed to `private`'s public key under the same `context`.

    Raises:
        SealedBoxError: another recipient, another context, an altered or malformed box.
    """
    head = len(_MAGIC) + _PUBLIC_BYTES + _NONCE_BYTES
    if not isinstance(box, bytes) or len(box) < head + 16 or not box.startswith(_MAGIC):
        raise SealedBoxError("malformed sealed box")
    ephemeral_public = box[len(_MAGIC) : len(_MAGIC) + _PUBLIC_BYTES]
    nonce = box[len(_MAGIC) + _PUBLIC_BYTES : head]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = _box_key(shared, ephemeral_public, raw_public(private.public_key()), context)
        return AESGCM(key).decrypt(nonce, box[head:], None)
    except (InvalidTag, ValueError) as exc:
        raise SealedBoxError("the sealed box does not open with this key") from exc
