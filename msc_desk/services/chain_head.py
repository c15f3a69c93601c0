"""The audit chain head: a row count and a hash someone can write down, and checking one later."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry
from msc_desk.services.audit_writer import GENESIS_HASH

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


class HeadOnChain(StrEnum):
    """How a head printed or written down earlier relates to the audit chain now."""

    PREFIX = "prefix"
    """The chain now begins with it: nothing recorded up to it was changed or removed."""
    DIFFERENT = "different"
    """The chain now holds that many entries, but not with that hash: history was rewritten."""
    BEYOND = "beyond"
    """It counts more entries than the chain now holds: an older copy, or a truncated log."""


@dataclass(frozen=True)
class HeadCheck:
    """A printed head (count, hash digits) checked against the chain now (`current_count`)."""

    count: int
    digits: str
    current_count: int
    result: HeadOnChain


_PRINTED_LABEL = re.compile(r"журнал\s+аудита\s*:", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"\s*стр\.\s*\d+\s+из\s+\d+.*$", re.IGNORECASE | re.DOTALL)


def printed_head_text(text: str) -> str:
    """The head out of what was typed or pasted from a printed page.

    A whole footer line pasted from a PDF ("Напечатано: … Журнал аудита: 4821 · 9F3A … стр. 2 из 9")
    gives what follows «Журнал аудита:» up to the page number; anything else is kept as it is.
    """
    found = _PRINTED_LABEL.search(text)
    if found is not None:
        text = text[found.end() :]
    return _PAGE_NUMBER.sub("", text)


def check_printed_head(session: Session, text: str) -> HeadCheck | None:
    """Whether the head printed on a page (or written down) is a prefix of the chain now.

    `text` is the head as typed ("4821 · 9F3A 07C2 D41B E8E0", at least 8 hash digits) or the
    page's footer line pasted whole. None when no head can be read from it.
    """
    parsed = parse_head(printed_head_text(text))
    if parsed is None:
        return None
    count, digits = parsed
    current, _last = audit_chain_head(session)
    if count > current:
        result = HeadOnChain.BEYOND
    elif head_is_prefix(session, count, digits):
        result = HeadOnChain.PREFIX
    else:
        result = HeadOnChain.DIFFERENT
    return HeadCheck(count, digits, current, result)
