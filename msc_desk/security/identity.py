"""A user's own key pairs: X25519 to receive sealed keys, Ed25519 to sign what they do."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

_RAW = serialization.Encoding.Raw
_RAW_PUBLIC = serialization.PublicFormat.Raw


def encode_public(key: X25519PublicKey | Ed25519PublicKey) -> str:
    """Base64 of a public key's 32 raw bytes (the form kept in the registry and exports)."""
    return base64.b64encode(key.public_bytes(_RAW, _RAW_PUBLIC)).decode("ascii")


def fingerprint(public_b64: str) -> str:
    """SHA-256 hex of a public key's raw bytes: what is compared on paper or in the registry."""
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()


def decode_encryption_public(public_b64: str) -> X25519PublicKey:
    """The X25519 public key of its base64 form (raises ValueError if malformed)."""
    return X25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))


def verify_signature(public_b64: str, signature: bytes, message: bytes) -> bool:
    """Whether `signature` is `public_b64`'s Ed25519 signature of `message` (False if malformed)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True, repr=False, eq=False)
class UserKeys:
    """The private halves a signed-in user unwrapped with their password; never stored in clear."""

    encryption: X25519PrivateKey
    signing: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> UserKeys:
        return cls(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())

    @property
    def encryption_public(self) -> str:
        return encode_public(self.encryption.public_key())

    @property
    def signing_public(self) -> str:
        return encode_public(self.signing.public_key())

    def private_bytes(self) -> bytes:
        """Both private keys, 32 raw bytes each: only ever wrapped into a key slot."""
        private = serialization.PrivateFormat.Raw
        none = serialization.NoEncryption()
        return self.encryption.private_bytes(_RAW, private, none) + self.signing.private_bytes(
            _RAW, private, none
        )

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> UserKeys:
        if len(raw) != 64:
            raise ValueError("user keys are 64 bytes")
        return cls(
            X25519PrivateKey.from_private_bytes(raw[:32]),
            Ed25519PrivateKey.from_private_bytes(raw[32:]),
        )

    def sign(self, message: bytes) -> bytes:
        return self.signing.sign(message)

    def __repr__(self) -> str:
        return "UserKeys(<hidden>)"
