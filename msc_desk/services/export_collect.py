"""What a batch carries, read in one snapshot: tables, audit lines, key registry, dictionary."""

# Generic over the laptop's schema: every table of the models is exported except the trails and
# any table that holds a direct identifier (info={"audit": "identifier"}); in the others, secret,
# keyed and identifying columns are dropped. Values are exported as stored (instants in UTC).

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, LargeBinary, Table, select
from sqlalchemy.orm import Session

from msc_desk.catalogue import FIELDS, FORMS, NUMERIC_TYPES, Field, FieldType, dictionary_rows
from msc_desk.exchange.audit_chain import AUDIT_HASHED_FIELDS, audit_line
from msc_desk.exchange.schema import DICTIONARY_HEADER, dictionary_table_rows
from msc_desk.exchange.tables import table_csv
from msc_desk.models import AuditEntry, Base, Observation, UserKeyEntry
from msc_desk.services.audit_writer import serialize
from msc_desk.services.export_sofa import PREFIX as SOFA_PREFIX
from msc_desk.services.export_sofa import SOFA_COLUMNS, sofa_columns

# Drafts are a user's unsaved work: never audited, never exported.
NOT_EXPORTED_TABLES = frozenset({"audit_log", "identification_audit", "audit_key", "visit_draft"})
DROPPED_RULES = frozenset({"secret", "keyed", "identifier"})


@dataclass
class Snapshot:
    """The laptop's state at one instant, already stripped of what never leaves."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    audit_jsonl: bytes = b""
    audit_entries: list[dict[str, Any]] = field(default_factory=list)
    """The audit log's entries as exported (each line of `audit_jsonl`, parsed)."""
    registry_json: bytes = b""

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def exported_tables() -> list[Table]:
    """The tables a batch carries, parents before children."""
    return [
        table
        for table in Base.metadata.sorted_tables
        if table.name not in NOT_EXPORTED_TABLES
        and not any(column.info.get("audit") == "identifier" for column in table.columns)
    ]


def exported_columns(table: Table) -> list[Column[Any]]:
    return [column for column in table.columns if column.info.get("audit") not in DROPPED_RULES]


def _cell(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def take_snapshot(session: Session) -> Snapshot:
    """Read everything a batch carries inside the session's one transaction."""
    snapshot = Snapshot()
    for table in exported_tables():
        columns = exported_columns(table)
        names = [column.name for column in columns]
        order = [column for column in table.primary_key.columns]
        # Core, not the ORM: these are plain rows, and the ORM's row loading costs a third more.
        result = session.connection().execute(select(*columns).order_by(*order))
        if any(isinstance(column.type, LargeBinary) for column in columns):
            rows = [{name: _cell(value) for name, value in zip(names, row, strict=True)}
                    for row in result]  # fmt: skip
        else:
            rows = [dict(zip(names, row, strict=True)) for row in result]
        snapshot.tables[table.name] = rows
        snapshot.columns[table.name] = names
    if "visit" in snapshot.tables:
        snapshot.columns["visit"], snapshot.tables["visit"] = _with_observations_and_sofa(
            session,
            snapshot.columns["visit"],
            snapshot.tables["visit"],
            snapshot.tables.get("observation"),
        )
    snapshot.audit_entries = audit_entries(session)
    snapshot.audit_jsonl = b"".join(map(audit_line, snapshot.audit_entries))
    snapshot.registry_json = registry_json(session)
    return snapshot


_AS_TEXT = frozenset({str, type(None)})  # what serialize() gives back as it is


def audit_entries(session: Session) -> list[dict[str, Any]]:
    """The audit log's entries, each field as audited text (the id a number): one JSON line each."""
    table: Table = AuditEntry.__table__  # type: ignore[assignment]
    names = ("id", *AUDIT_HASHED_FIELDS, "prev_hash", "entry_hash")
    query = select(*(table.c[name] for name in names)).order_by(table.c.id)
    entries = []
    for row in session.connection().execute(query):
        body: dict[str, Any] = {
            name: value
            if value.__class__ in _AS_TEXT
            else str(value)
            if value.__class__ is int
            else serialize(value)
            for name, value in zip(names, row, strict=True)
        }
        body["id"] = row[0]
        entries.append(body)
    return entries


def registry_json(session: Session) -> bytes:
    """The user key registry file a batch carries: every entry, in id order."""
    table: Table = UserKeyEntry.__table__  # type: ignore[assignment]
    entries = [
        {name: serialize(value) for name, value in row._mapping.items()}
        for row in session.execute(select(table).order_by(table.c.id))
    ]
    document = {"format": "user-key-registry/1", "entries": entries}
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8") + b"\n"


_OBSERVATION_READ = ("visit_id", "code", "value", "value_text", "unit")


def _with_observations_and_sofa(
    session: Session,
    names: list[str],
    rows: list[dict[str, Any]],
    observations: list[dict[str, Any]] | None,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Each visit row with its raw values and units (obs_<code>, obs_<code>_unit) and SOFA.

    `observations` are the observation table's rows as the snapshot read them (in id order),
    read again here only when the snapshot does not hold the columns needed.
    """
    by_visit: dict[int, dict[str, tuple[Any, Any, str | None]]] = {}
    codes: dict[str, None] = {}
    for visit_id, code, value, value_text, unit in _current_observations(session, observations):
        by_visit.setdefault(visit_id, {})[code] = (value, value_text, unit)
        codes[code] = None
    extra: list[str] = []
    for code in sorted(codes):
        extra += [f"obs_{code}", f"obs_{code}_unit"]
    named = [(code, f"obs_{code}", f"obs_{code}_unit", _is_timed(code)) for code in codes]
    nothing: tuple[Any, Any, str | None] = (None, None, None)
    for row in rows:
        values = by_visit.get(row["id"], {})
        for code, name, unit_name, timed in named:
            value, value_text, unit = values.get(code, nothing)
            if value is None:
                value = _typed(code, value_text) if timed else value_text
            row[name] = value
            row[unit_name] = unit
        row.update(sofa_columns(values))
    return names + extra + list(SOFA_COLUMNS), rows


def _current_observations(
    session: Session, observations: list[dict[str, Any]] | None
) -> Iterable[tuple[Any, ...]]:
    """(visit_id, code, value, value_text, unit) of each observation not deleted, in id order."""
    if observations is not None and (
        not observations or set(_OBSERVATION_READ) | {"deleted_at"} <= observations[0].keys()
    ):
        read = itemgetter(*_OBSERVATION_READ)
        return [read(row) for row in observations if row["deleted_at"] is None]
    query = select(*(Observation.__table__.c[name] for name in _OBSERVATION_READ)).where(
        Observation.deleted_at.is_(None)
    )
    return session.connection().execute(query.order_by(Observation.id)).tuples()


def _is_timed(code: str) -> bool:
    known = FIELDS.get(code)
    return known is not None and known.type in (FieldType.INSTANT, FieldType.DATE)


def _typed(code: str, text: str | None) -> Any:
    """An instant or date kept as text, as the instant or date (the CSV writes them in UTC)."""
    known = FIELDS.get(code)
    if text is None or known is None or known.type not in (FieldType.INSTANT, FieldType.DATE):
        return text
    try:
        if known.type == FieldType.DATE:
            return date.fromisoformat(text)
        instant = datetime.fromisoformat(text)
    except ValueError:
        return text
    return instant if instant.tzinfo is not None else text


def dictionary_csv(snapshot: Snapshot) -> bytes:
    """The data dictionary: every form field, then every exported column, ru and en labels.

    Text cells of the table CSVs that start like a spreadsheet formula (= + - @) carry a leading
    apostrophe, and one that starts with an apostrophe carries a second: remove one to restore.
    """
    russian = {(row.form, row.name): row for row in dictionary_rows(FORMS, "ru")}
    rows: list[dict[str, Any]] = []
    for english in dictionary_rows(FORMS, "en"):
        ru = russian[(english.form, english.name)]
        rows.append({
            "source": "form", "form_or_table": english.form, "section": english.section,
            "name": english.name, "label_ru": ru.label, "label_en": english.label,
            "type": english.type, "unit_ru": ru.unit, "unit_en": english.unit,
            "codes": english.choices, "alternative_units": english.alternatives,
            "plausible": english.plausible, "possible": english.possible,
            "required": english.required, "visits": english.visits,
        })  # fmt: skip
    rows += dictionary_table_rows(snapshot.columns, _derived_fields(snapshot.columns))
    rows.append({
        "source": "note", "name": "formula_neutralization",
        "label_en": "Table CSV text starting with = + - @ tab CR or ' has one leading ' added; "
                    "the audit JSON Lines are byte-exact and never neutralized",
        "label_ru": "Текст в CSV, начинающийся с = + - @ табуляции, CR или ', получает ведущий "
                    "апостроф; журнал аудита (JSON Lines) передаётся без изменений",
    })  # fmt: skip
    return table_csv(rows, DICTIONARY_HEADER)


def _derived_fields(columns: dict[str, list[str]]) -> dict[tuple[str, str], Field]:
    """The fields of the visit columns gathered at export: raw observations, re-scored SOFA."""
    derived: dict[tuple[str, str], Field] = {}
    for column in columns.get("visit", []):
        if column in SOFA_COLUMNS:
            kind = FieldType.TEXT if column.endswith("_note") else FieldType.INTEGER
            name = column.removeprefix(SOFA_PREFIX)
            item = Field(column, f"{name}, пересчитано при экспорте",
                         f"{name}, re-scored at export", kind, required=False)  # fmt: skip
        elif column.endswith("_unit"):
            code = column.removeprefix("obs_").removesuffix("_unit")
            item = Field(column, f"Единица измерения: {code}", f"Unit of {code}", FieldType.TEXT,
                         required=False)  # fmt: skip
        else:
            code = column.removeprefix("obs_")
            known = FIELDS.get(code)
            if known is None:
                item = Field(column, f"Наблюдение: {code}", f"Observation: {code}",
                             FieldType.TEXT, required=False)  # fmt: skip
            elif known.type in NUMERIC_TYPES:  # stored as a decimal whatever the field's type
                item = replace(known, name=column, type=FieldType.DECIMAL)
            else:
                item = replace(known, name=column)
        derived[("visit", column)] = item
    return derived
