"""Allocation lists a careless or compromised center could sign: any slots, any stratum."""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from typing import Any

from conftest_randomization import CENTER_KEY, DEVICE_UID, STUDY

from msc_desk.center.allocation import (
    DOCUMENT_FORMAT,
    ENVELOPE_FORMAT,
    canonical_json,
    commitment,
    device_public_key,
    list_key_context,
    seal,
    sign_document,
)
from msc_desk.security.sealing import seal_to


def signed_list(first_slot: int, count: int, /, device_key: str, **document: Any) -> bytes:
    """A list signed by the trusted center key, with slots sealed as the generator does.

    Built by hand, so that values the generator itself refuses can reach the laptop.
    """
    list_uid = uuid.uuid4().hex
    key = secrets.token_bytes(32)
    slots = []
    for slot in range(first_slot, first_slot + count):
        arm, nonce = ("control", "msc")[slot % 2], secrets.token_hex(16)
        sealed = base64.b64encode(seal(key, list_uid, slot, arm, nonce)).decode("ascii")
        slots.append(
            {"slot": slot, "commitment": commitment(list_uid, slot, arm, nonce), "sealed": sealed}
        )
    content = {
        "format": DOCUMENT_FORMAT,
        "list_uid": list_uid,
        "study": STUDY,
        "device_uid": DEVICE_UID,
        "device_key": device_key,
        "stratum": None,
        "first_slot": first_slot,
        "slot_count": count,
        "first_study_number": 1,
        "study_number_count": 999,
        "created_at": "2026-03-01T09:00:00+00:00",
        "list_key_sha256": hashlib.sha256(key).hexdigest(),
        "sealed_list_key": base64.b64encode(
            seal_to(device_public_key(device_key), key, context=list_key_context(list_uid))
        ).decode("ascii"),
        "slots": slots,
    } | document
    envelope = {
        "format": ENVELOPE_FORMAT,
        "document": content,
        "signature": sign_document(CENTER_KEY, content),
    }
    return canonical_json(envelope) + b"\n"
