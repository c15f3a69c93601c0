"""The audit chain head: a row count and a hash someone can write down, and checking one later."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry
from msc_desk.services.audit import GENESIS_HASH

MIN_HASH_DIGITS = 8
_NOT_HEX = re.compile(r"[^0-9a-f]")


def audit_chain_head(session: Session) -> tuple[int, str]:
    """(number of audit rows, entry_hash of the last one); (0, 64 zeros) for an empty log."""
    count = session.scalar(select(func.count(AuditEntry.id))) or 0
    last = session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
    return count, last or GENESIS_HASH


def format_head(count: int, hash_hex: str, digits: int = 64) -> str:
    """The head as people write it down: "1234 · 9F3A 0C11 ..." (the first `digits` hex digits)."""
    text = hash_hex[:digits].upper()
    groups = " ".join(text[i : i + 4] for i in range(0, len(text), 4))
    return f"{count} · {groups}"


def normalize_hash(text: str) -> str:
    """A written-down hash without spaces, dots or case: only its hex digits, lower case."""
    return _NOT_HEX.sub("", text.lower())


def head_is_prefix(session: Session, count: int, hash_text: str) -> bool:
    """Whether a head written down earlier (count, hash or its first ≥ 8 digits) is on this chain.

    True when the `count`-th audit row (in id order) has a hash beginning with the digits
    given: the history recorded then is still the start of the history now. A rewritten row,
    a recomputed chain or a truncated log gives False.
    """
    digits = normalize_hash(hash_text)
    if count < 0 or not MIN_HASH_DIGITS <= len(digits) <= 64:
        return False
    if count == 0:
        return GENESIS_HASH.startswith(digits)
    at_count = session.scalar(
        select(AuditEntry.entry_hash).order_by(AuditEntry.id).offset(count - 1).limit(1)
    )
    return at_count is not None and at_count.startswith(digits)


def parse_head(text: str) -> tuple[int, str] | None:
    """(count, hash digits) from a head as typed ("1234 · 9F3A 0C11", "1234 9f3a0c11"), or None."""
    match = re.match(r"\s*(\d+)\s*[·:;,.\-]?\s*(.*)$", text)
    if match is None:
        return None
    digits = normalize_hash(match.group(2))
    if len(digits) < MIN_HASH_DIGITS or len(digits) != len(re.sub(r"[\s·]", "", match.group(2))):
        return None
    return int(match.group(1)), digits
