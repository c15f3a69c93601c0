"""A laptop's enrolment file: device id, signing key, first key-registry entry, self-signed."""

# The laptop writes it (`msc-desk export --device-key`) and shows the key's fingerprint for the
# investigator to write down or print; the center enrolls the device from the file
# (`msc-desk center enroll-device --from FILE --fingerprint "...")`) only when the fingerprint
# read on paper matches. The file is signed by the key it carries, which proves that whoever
# made it held the private key; the paper fingerprint proves that the key is the laptop's.
# The registry fingerprint is the SHA-256 of the canonical JSON of the first entry of the
# laptop's user key registry, as every batch carries it (user_key_registry.json).

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from msc_desk.exchange.canonical import (
    b64decode,
    b64encode,
    canonical_json,
    ed25519_fingerprint,
    ed25519_public_bytes,
    is_sha256_hex,
    sha256_hex,
    strict_json_object,
)

ENROLMENT_FORMAT = "msc-desk-device-enrolment/1"
MAX_ENROLMENT_BYTES = 16 * 1024
_DOCUMENT_FIELDS = frozenset({
    "format", "study", "site", "device_id", "signing_public_key", "registry_fingerprint",
    "created_at",
})  # fmt: skip


class EnrolmentError(ValueError):
    """An enrolment file that is not readable, not signed by its key, or not the laptop's."""


@dataclass(frozen=True)
class Enrolment:
    study: str
    site: str
    device_id: str
    signing_public_key: bytes
    registry_fingerprint: str
    created_at: str

    @property
    def key_fingerprint(self) -> str:
        return ed25519_fingerprint(self.signing_public_key)


def registry_entry_fingerprint(entry: Mapping[str, Any]) -> str:
    """SHA-256 of one key-registry entry's canonical JSON (as user_key_registry.json holds it)."""
    return sha256_hex(canonical_json(dict(entry)))


def first_registry_fingerprint(registry_json: bytes) -> str:
    """The fingerprint of the first entry (lowest id) of a user key registry file.

    Raises:
        EnrolmentError: not a registry, or an empty one.
    """
    try:
        entries = json.loads(registry_json)["entries"]
        first = min(entries, key=lambda entry: int(entry["id"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise EnrolmentError("the key registry has no entries") from exc
    return registry_entry_fingerprint(first)


def make_enrolment(key: Ed25519PrivateKey, enrolment: Enrolment) -> bytes:
    """The enrolment file: the document and its signature by `key`, canonical JSON.

    Raises:
        ValueError: `key` is not the key the document carries.
    """
    if ed25519_public_bytes(key) != enrolment.signing_public_key:
        raise ValueError("the enrolment must be signed by the key it carries")
    document = _document(enrolment)
    signature = key.sign(canonical_json(document))
    return canonical_json({"document": document, "signature": b64encode(signature)}) + b"\n"


def read_enrolment(data: bytes, paper_fingerprint: str) -> Enrolment:
    """Check an enrolment file against the key fingerprint read on paper, and return it.

    `paper_fingerprint` may be written in any case, with spaces or dashes between groups.

    Raises:
        EnrolmentError: unreadable, not signed by its own key, or a key whose fingerprint
            differs from the one read on paper.
    """
    try:
        wrapper = strict_json_object(data, limit=MAX_ENROLMENT_BYTES, what="the enrolment file")
        document, signature = wrapper["document"], b64decode(wrapper["signature"])
        if set(wrapper) != {"document", "signature"} or not isinstance(document, dict):
            raise ValueError("unexpected fields")
        enrolment = _enrolment(document)
    except (ValueError, KeyError, TypeError) as exc:
        raise EnrolmentError(f"not a device enrolment file ({exc})") from exc
    try:
        public = Ed25519PublicKey.from_public_bytes(enrolment.signing_public_key)
        public.verify(signature, canonical_json(document))
    except (InvalidSignature, ValueError) as exc:
        raise EnrolmentError("the enrolment file is not signed by the key it carries") from exc
    typed = "".join(ch for ch in paper_fingerprint.lower() if ch not in " -\t")
    if typed != enrolment.key_fingerprint:
        raise EnrolmentError(
            "the key fingerprint read on paper differs from the file's: do not enroll this "
            "file; export the device key again on the laptop"
        )
    return enrolment


def _document(enrolment: Enrolment) -> dict[str, Any]:
    return {
        "format": ENROLMENT_FORMAT,
        "study": enrolment.study,
        "site": enrolment.site,
        "device_id": enrolment.device_id,
        "signing_public_key": enrolment.signing_public_key.hex(),
        "registry_fingerprint": enrolment.registry_fingerprint,
        "created_at": enrolment.created_at,
    }


def _enrolment(document: dict[str, Any]) -> Enrolment:
    if set(document) != _DOCUMENT_FIELDS or document["format"] != ENROLMENT_FORMAT:
        raise ValueError("unknown format")
    texts = [document[name] for name in ("study", "site", "device_id", "created_at")]
    if not all(isinstance(text, str) and 0 < len(text) <= 64 for text in texts):
        raise ValueError("a field is not a short text")
    public = bytes.fromhex(str(document["signing_public_key"]))
    if len(public) != 32 or not is_sha256_hex(document["registry_fingerprint"]):
        raise ValueError("a key or fingerprint is malformed")
    return Enrolment(
        study=document["study"],
        site=document["site"],
        device_id=document["device_id"],
        signing_public_key=public,
        registry_fingerprint=document["registry_fingerprint"],
        created_at=document["created_at"],
    )
