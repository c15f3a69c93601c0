"""Pseudonymized at the source: free text is checked for patients' names and record numbers."""

# The needles are the identification log's actual names (each surname and the full name) and
# record numbers; the patterns are Russian phone numbers and record-number notations. Names and
# record numbers are looked for in every exported text cell and audit line (as whole words);
# the patterns only in free text (Text columns, long strings, text observations), since codes,
# hashes and signatures are long digit runs by nature. Staff accounts are not patients.

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Session

from msc_desk.models import PatientIdentification
from msc_desk.services.export_collect import Snapshot, exported_columns, exported_tables

STAFF_TABLES = frozenset({"user_account", "user_key_registry"})
_PHONE = re.compile(r"(?<!\w)(?:\+7|8)[\s\-()]*\d{3}[\s\-()]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\w)")
_RECORD = re.compile(
    r"№\s*\d{3,}|(?<!\w)(?:истори[яи] болезни|и/б|медкарт[аы]|карт[аы])\s*№?\s*\d{3,}",
    re.IGNORECASE,
)
_FREE_TEXT_LENGTH = 200


@dataclass(frozen=True)
class Finding:
    """One place to fix before export: table, record id, field, and what was found there."""

    table: str
    record: str
    field: str
    what: str  # "name", "record_number", "phone", "record_number_pattern"

    def describe(self) -> str:
        return f"{self.table} record {self.record}, {self.field}: {self.what.replace('_', ' ')}"


class IdentifiersFound(Exception):
    """Free text holds something that identifies a patient; the export is refused."""

    def __init__(self, findings: list[Finding]) -> None:
        places = "; ".join(finding.describe() for finding in findings[:5])
        more = f" and {len(findings) - 5} more" if len(findings) > 5 else ""
        super().__init__(f"identifying text in {places}{more}")
        self.findings = findings


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Needles:
    """What identifies a patient, ready to look for in a cell.

    Single words (surnames, plain record numbers) are found by word, and phrases (a full
    name whose surname is too short, a record number with punctuation)
    found as whole words by a pattern once their text is seen in the cell.
    """

    words: dict[str, str]
    phrases: dict[str, list[tuple[re.Pattern[str], str]]]  # by the phrase's first word

    def find(self, text: str) -> str | None:
        folded = text.casefold()
        for word in _WORD.findall(folded):
            what = self.words.get(word)
            if what is not None:
                return what
            for pattern, kind in self.phrases.get(word, ()):
                if pattern.search(folded):
                    return kind
        return None


def identifier_needles(session: Session) -> Needles:
    """The names, surnames and record numbers of the identification log, ready to look for."""
    found: dict[str, str] = {}
    rows = session.execute(
        select(
            PatientIdentification.full_name,
            PatientIdentification.consent_representative_name,
            PatientIdentification.medical_record_number,
        )
    )
    for full_name, representative, record_number in rows:
        for name in (full_name, representative):
            if not name or not name.strip():
                continue
            surname = name.split()[0]
            if len(surname) >= 3:
                found[surname.casefold()] = "name"  # a whole-word surname covers the full name
            else:
                found[name.strip().casefold()] = "name"
        if record_number and len(record_number.strip()) >= 3:
            found[record_number.strip().casefold()] = "record_number"
    words = {text: what for text, what in found.items() if _WORD.fullmatch(text)}
    phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for text, what in found.items():
        first = _WORD.findall(text)
        if text not in words and first:
            pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
            phrases.setdefault(first[0], []).append((pattern, what))
    return Needles(words, phrases)


def _free_text_columns() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table in exported_tables():
        for column in exported_columns(table):
            kind = column.type
            long_string = isinstance(kind, String) and (kind.length or 0) >= _FREE_TEXT_LENGTH
            if isinstance(kind, Text) or long_string:
                found.setdefault(table.name, set()).add(column.name)
    return found


def _hits(text: str, needles: Needles, free_text: bool) -> Iterable[str]:
    what = needles.find(text)
    if what is not None:
        yield what
        return
    if free_text and _PHONE.search(text):
        yield "phone"
    elif free_text and _RECORD.search(text):
        yield "record_number_pattern"


def find_identifiers(snapshot: Snapshot, needles: Needles) -> list[Finding]:
    """Every place in the snapshot that names a patient or looks like a phone or record number."""
    free_text = _free_text_columns()
    findings: list[Finding] = []
    seen: dict[tuple[str, bool], list[str]] = {}  # most cells repeat a code or a common word

    def hits(text: str, free: bool) -> list[str]:
        known = seen.get((text, free))
        if known is None:
            known = seen[(text, free)] = list(_hits(text, needles, free))
        return known

    def any_hit(values: Iterable[object]) -> bool:
        """Whether any text among `values` could be a finding (each looked at as free text)."""
        return any(hits(value, True) for value in values if isinstance(value, str) and value)

    # Each distinct text of a table is looked at once (a hit in a coded column is also a hit as
    # free text); only a table where something hits is walked cell by cell, to say where.
    for table, rows in snapshot.tables.items():
        if table in STAFF_TABLES or not any_hit(_distinct(map(dict.values, rows))):
            continue
        free = free_text.get(table, set())
        for row in rows:
            for name, value in row.items():
                if not isinstance(value, str) or not value:
                    continue
                is_free = name in free or name.startswith("obs_")
                for what in hits(value, is_free):
                    findings.append(Finding(table, str(row.get("id", "")), name, what))
    audited = itemgetter(*_AUDITED_TEXT)
    if not any_hit(_distinct(map(audited, snapshot.audit_entries))):
        return findings
    for entry in snapshot.audit_entries:
        if entry.get("table_name") in STAFF_TABLES:
            continue
        for name in _AUDITED_TEXT:
            value = entry.get(name)
            if isinstance(value, str) and value:
                for what in hits(value, True):
                    findings.append(Finding("audit_log", str(entry["id"]), name, what))
    return findings


_AUDITED_TEXT = ("old_value", "new_value", "reason")


def _distinct(rows: Iterable[Iterable[object]]) -> set[object]:
    return set(chain.from_iterable(rows))
