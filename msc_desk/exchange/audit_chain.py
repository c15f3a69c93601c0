"""The laptop's audit chain as exported: one JSON line per entry, every entry_hash recomputable."""

# entry_hash = SHA-256 of the UTF-8 JSON array [prev_hash, field 1, ..., field 13] (fields in
# AUDIT_HASHED_FIELDS order, compact separators, non-ASCII kept), each field the audited text or
# null. The first entry's prev_hash is 64 zeros. The same rule as msc_desk.services.audit_writer.

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from msc_desk.exchange.canonical import GENESIS_HASH

AUDIT_HASHED_FIELDS = (
    "at", "user_id", "username", "role", "device", "action", "table_name",
    "record_id", "patient_id", "field", "old_value", "new_value", "reason",
)  # fmt: skip
AUDIT_LINE_FIELDS = ("id", *AUDIT_HASHED_FIELDS, "prev_hash", "entry_hash")


_SORTED_LINE_FIELDS = tuple(sorted(AUDIT_LINE_FIELDS))
_ENCODE_LINE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def audit_line(entry: Mapping[str, Any]) -> bytes:
    """One entry as a JSON line (sorted keys, UTF-8), ending in a newline."""
    body = dict(zip(_SORTED_LINE_FIELDS, map(entry.get, _SORTED_LINE_FIELDS), strict=True))
    return _ENCODE_LINE(body).encode("utf-8") + b"\n"


def recompute_entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    payload = [prev_hash] + [entry.get(name) for name in AUDIT_HASHED_FIELDS]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_problems(audit_jsonl: bytes, *, limit: int = 20) -> list[str]:
    """What breaks the chain: a line that is not an entry, a wrong link or a wrong hash."""
    problems: list[str] = []
    previous = GENESIS_HASH
    lines = audit_jsonl.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            problems.append(f"audit line {number} is not JSON")
            break
        if not isinstance(entry, dict):
            problems.append(f"audit line {number} is not an entry")
            break
        if entry.get("prev_hash") != previous:
            problems.append(f"audit entry {number} does not link to the entry before it")
        if recompute_entry_hash(previous, entry) != entry.get("entry_hash"):
            problems.append(f"audit entry {number}: its entry_hash does not match its content")
        previous = str(entry.get("entry_hash"))
        if len(problems) >= limit:
            break
    return problems
