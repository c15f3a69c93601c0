"""age X25519 identities and recipients: identity files as age-keygen writes them, fingerprints."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage

from msc_desk.exchange.canonical import sha256_hex

_SECRET_PREFIX = "AGE-SECRET-KEY-"
_RECIPIENT_PREFIX = "age1"


@dataclass(frozen=True)
class AgeKeyPair:
    """An age identity (secret) and its recipient (the public key, `age1...`)."""

    secret: str
    recipient: str

    @property
    def fingerprint(self) -> str:
        return recipient_fingerprint(self.recipient)


def generate_age_identity() -> AgeKeyPair:
    """A fresh X25519 identity."""
    identity = pyrage.x25519.Identity.generate()
    return AgeKeyPair(secret=str(identity), recipient=str(identity.to_public()))


def recipient_fingerprint(recipient: str) -> str:
    """SHA-256 hex of the recipient string (`age1...`, ASCII): what an envelope lists."""
    return sha256_hex(recipient.encode("ascii"))


def parse_recipient(text: str) -> pyrage.x25519.Recipient:
    """An age X25519 recipient.

    Raises:
        ValueError: not an `age1...` X25519 recipient.
    """
    if not text.startswith(_RECIPIENT_PREFIX):
        raise ValueError("not an age X25519 recipient (age1...)")
    try:
        return pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError as exc:
        raise ValueError("not a valid age X25519 recipient") from exc


def identity_file_text(pair: AgeKeyPair, created_at: datetime) -> str:
    """The text of an identity file as `age-keygen` writes it: two comment lines, the secret."""
    stamp = created_at.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f"# created: {stamp}\n# public key: {pair.recipient}\n{pair.secret}\n"


def write_identity_file(path: Path, pair: AgeKeyPair, created_at: datetime) -> None:
    """Create an identity file readable by its owner only (never overwritten).

    Raises:
        FileExistsError: the file exists.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii", newline="\n") as handle:
        handle.write(identity_file_text(pair, created_at))
        handle.flush()
        os.fsync(handle.fileno())


def read_identity_file(path: Path) -> pyrage.x25519.Identity:
    """The identity of an age identity file (comment lines and blank lines skipped).

    Raises:
        ValueError: no identity, more than one, or not a valid X25519 identity.
    """
    lines = [
        line.strip()
        for line in path.read_text(encoding="ascii").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(lines) != 1 or not lines[0].startswith(_SECRET_PREFIX):
        raise ValueError(f"{path.name}: not an age identity file (one AGE-SECRET-KEY- line)")
    try:
        return pyrage.x25519.Identity.from_str(lines[0])
    except pyrage.IdentityError as exc:
        raise ValueError(f"{path.name}: not a valid age X25519 identity") from exc
