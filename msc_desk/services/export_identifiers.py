"""Pseudonymized at the source: free text is checked for patients' names and record numbers."""

# The needles are the identification log's actual names (each surname and the full name) and
# record numbers; the patterns are Russian phone numbers and record-number notations. Names and
# record numbers are looked for in every exported text cell and audit line (as whole words);
# the patterns only in free text (Text columns, long strings, text observations), since codes,
# hashes and signatures are long digit runs by nature. Staff accounts are not patients.

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class _Needle:
    pattern: re.Pattern[str]
    what: str


def identifier_needles(session: Session) -> list[_Needle]:
    """One whole-word pattern for the names and surnames, one for the record numbers, of the log."""
    words: dict[str, str] = {}
    rows = session.execute(
        select(
            PatientIdentification.full_name,
            PatientIdentification.consent_representative_name,
            PatientIdentification.medical_record_number,
        )
    )
    for full_name, representative, record_number in rows:
        for name in (full_name, representative):
            if name and name.strip():
                words[name.strip().casefold()] = "name"
                surname = name.split()[0]
                if len(surname) >= 3:
                    words[surname.casefold()] = "name"
        if record_number and len(record_number.strip()) >= 3:
            words[record_number.strip().casefold()] = "record_number"
    needles = []
    for kind in ("name", "record_number"):
        chosen = sorted(
            (word for word, what in words.items() if what == kind), key=len, reverse=True
        )
        if chosen:
            alternatives = "|".join(re.escape(word) for word in chosen)
            needles.append(
                _Needle(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), kind)
            )
    return needles


def _free_text_columns() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table in exported_tables():
        for column in exported_columns(table):
            kind = column.type
            long_string = isinstance(kind, String) and (kind.length or 0) >= _FREE_TEXT_LENGTH
            if isinstance(kind, Text) or long_string:
                found.setdefault(table.name, set()).add(column.name)
    return found


def _hits(text: str, needles: list[_Needle], free_text: bool) -> Iterable[str]:
    for needle in needles:
        if needle.pattern.search(text):
            yield needle.what
            return
    if free_text and _PHONE.search(text):
        yield "phone"
    elif free_text and _RECORD.search(text):
        yield "record_number_pattern"


def find_identifiers(snapshot: Snapshot, needles: list[_Needle]) -> list[Finding]:
    """Every place in the snapshot that names a patient or looks like a phone or record number."""
    free_text = _free_text_columns()
    findings: list[Finding] = []
    for table, rows in snapshot.tables.items():
        if table in STAFF_TABLES:
            continue
        free = free_text.get(table, set())
        for row in rows:
            for name, value in row.items():
                if not isinstance(value, str) or not value:
                    continue
                is_free = name in free or name.startswith("obs_")
                for what in _hits(value, needles, is_free):
                    findings.append(Finding(table, str(row.get("id", "")), name, what))
    for line in snapshot.audit_jsonl.splitlines():
        entry = json.loads(line)
        if entry.get("table_name") in STAFF_TABLES:
            continue
        for name in ("old_value", "new_value", "reason"):
            value = entry.get(name)
            if isinstance(value, str) and value:
                for what in _hits(value, needles, True):
                    findings.append(Finding("audit_log", str(entry["id"]), name, what))
    return findings
