"""The clear-text envelope of a batch: what is signed, and its strict parser."""

# envelope.json is canonical JSON and a newline; envelope.sig holds the 64 raw bytes of the
# device's Ed25519 signature over the exact bytes of envelope.json. Anyone can check it with
# `openssl pkeyutl -verify -pubin -inkey device.pem -rawin -in envelope.json -sigfile envelope.sig`.

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from msc_desk.exchange.canonical import (
    GENESIS_HASH,
    canonical_json,
    is_sha256_hex,
    strict_json_object,
)

ENVELOPE_FORMAT = "msc-desk-batch/1"
MAX_ENVELOPE_BYTES = 64 * 1024
MAX_NAME = 64

# The fields the manifest inside the payload repeats (all but what describes the payload).
SHARED_FIELDS = (
    "format",
    "study",
    "site",
    "device_id",
    "key_id",
    "sequence",
    "previous_envelope_sha256",
    "created_at",
    "recipients",
    "audit_rows",
    "audit_head",
)
_PAYLOAD_FIELDS = ("payload_sha256", "payload_bytes")


class EnvelopeError(ValueError):
    """An envelope that is not well formed; the message says which field."""


@dataclass(frozen=True)
class Envelope:
    """The clear-text description of one batch."""

    study: str
    site: str
    device_id: str
    key_id: str
    sequence: int
    previous_envelope_sha256: str
    created_at: str
    recipients: tuple[str, ...]
    audit_rows: int
    audit_head: str
    payload_sha256: str
    payload_bytes: int
    format: str = ENVELOPE_FORMAT

    def as_dict(self) -> dict[str, Any]:
        fields = {name: getattr(self, name) for name in _FIELD_NAMES}
        fields["recipients"] = list(self.recipients)
        return fields

    def shared_fields(self) -> dict[str, Any]:
        """The fields the manifest must repeat, as JSON values."""
        fields = self.as_dict()
        return {name: fields[name] for name in SHARED_FIELDS}

    def to_bytes(self) -> bytes:
        return canonical_json(self.as_dict()) + b"\n"


_FIELD_NAMES = tuple(field.name for field in fields(Envelope))


def utc_stamp(moment: datetime) -> str:
    """ISO-8601 UTC with a Z, as the envelope and the CSVs write times."""
    if moment.tzinfo is None:
        raise ValueError("a time without a time zone")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_envelope(data: bytes, *, limit: int = MAX_ENVELOPE_BYTES) -> Envelope:
    """Parse and check envelope.json; its bytes must be exactly the canonical form.

    Raises:
        EnvelopeError: too large, unreadable, a missing, extra or malformed field.
    """
    try:
        value = strict_json_object(data, limit=limit, what="envelope.json")
    except ValueError as exc:
        raise EnvelopeError(str(exc)) from exc
    expected = set(SHARED_FIELDS) | set(_PAYLOAD_FIELDS)
    if set(value) != expected:
        missing, extra = sorted(expected - set(value)), sorted(set(value) - expected)
        raise EnvelopeError(f"envelope.json fields differ: missing {missing}, unexpected {extra}")
    if value["format"] != ENVELOPE_FORMAT:
        raise EnvelopeError(f"unknown envelope format {value['format']!r}")
    check_shared_fields(value, EnvelopeError)
    for name in ("payload_sha256",):
        _require(is_sha256_hex(value[name]), name, EnvelopeError)
    _require(_is_count(value["payload_bytes"]), "payload_bytes", EnvelopeError)
    envelope = Envelope(**(value | {"recipients": tuple(value["recipients"])}))
    if envelope.to_bytes() != data:
        raise EnvelopeError("envelope.json is not in canonical form (altered or padded)")
    return envelope


def check_shared_fields(value: dict[str, Any], error: type[ValueError]) -> None:
    """Check the fields shared by the envelope and the manifest, raising `error`."""
    for name in ("study", "site", "device_id"):
        field = value[name]
        _require(isinstance(field, str) and 0 < len(field) <= MAX_NAME, name, error)
    _require(is_sha256_hex(value["key_id"]), "key_id", error)
    sequence = value["sequence"]
    _require(_is_count(sequence) and sequence >= 1, "sequence", error)
    previous = value["previous_envelope_sha256"]
    _require(is_sha256_hex(previous), "previous_envelope_sha256", error)
    _require((sequence == 1) == (previous == GENESIS_HASH), "previous_envelope_sha256", error)
    _require(_is_utc_stamp(value["created_at"]), "created_at", error)
    recipients = value["recipients"]
    _require(
        isinstance(recipients, list)
        and 0 < len(recipients) <= 8
        and all(is_sha256_hex(item) for item in recipients)
        and len(set(recipients)) == len(recipients),
        "recipients",
        error,
    )
    _require(_is_count(value["audit_rows"]), "audit_rows", error)
    _require(is_sha256_hex(value["audit_head"]), "audit_head", error)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_utc_stamp(value: object) -> bool:
    if not isinstance(value, str) or not value.endswith("Z"):
        return False
    try:
        return datetime.fromisoformat(value).utcoffset() is not None
    except ValueError:
        return False


def _require(condition: bool, name: str, error: type[ValueError]) -> None:
    if not condition:
        raise error(f"field {name} is missing or malformed")
