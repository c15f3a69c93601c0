"""Import step 10: every table CSV of a payload against the schema its data dictionary declares."""

# The laptop writes the data dictionary from the field catalogue and its table definitions: a
# "table" row per exported column, with the column's type and, for a coded column, its codes.
# The center reads the expected schema from that dictionary and holds it to the catalogue: every
# table must be a catalogue table, and a column the catalogue describes must carry the
# catalogue's type and codes (a column derived at export, such as a raw observation or a
# re-scored SOFA point, takes the type the dictionary gives it). Then each CSV must have exactly
# the declared header, and every cell must read as its type. Values are checked a column at a
# time (C-level matching); the exact place of the first bad cell is found only on failure.

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter

from msc_desk.catalogue import Choice, Field, FieldType, table
from msc_desk.exchange.e_signatures import REGISTRY_FILE
from msc_desk.exchange.payload import AUDIT_FILE, TABLE_FOLDER, Payload
from msc_desk.exchange.tables import FORMULA_STARTS, read_table_csv

DICTIONARY_FILE = "data_dictionary.csv"
ODM_FILE = "study.odm.xml"
REQUIRED_FILES = frozenset({AUDIT_FILE, DICTIONARY_FILE, REGISTRY_FILE, ODM_FILE})
"""Every payload carries these besides manifest.json and one CSV per dictionary table."""

DICTIONARY_HEADER = (
    "source", "form_or_table", "section", "name", "label_ru", "label_en", "type", "unit_ru",
    "unit_en", "codes", "alternative_units", "plausible", "possible", "required", "visits",
)  # fmt: skip
_CODE_SEPARATOR = " | "


class SchemaError(ValueError):
    """A payload whose files, headers or values differ from its schema; the message says where."""


@dataclass(frozen=True)
class ColumnSchema:
    name: str
    kind: FieldType
    codes: frozenset[str] = frozenset()


def codes_text(choices: Iterable[Choice]) -> str:
    """The dictionary's `codes` cell: ``code=English label`` joined by `` | ``."""
    return _CODE_SEPARATOR.join(f"{choice.code}={choice.en}" for choice in choices)


def _codes(text: str) -> frozenset[str]:
    if not text:
        return frozenset()
    return frozenset(part.split("=", 1)[0] for part in text.split(_CODE_SEPARATOR))


def expected_schema(dictionary_csv: bytes) -> dict[str, list[ColumnSchema]]:
    """The columns of each table, in order, as the data dictionary declares them.

    Raises:
        SchemaError: an unreadable dictionary, a table the catalogue does not know, an unknown
            type, or a column whose type or codes differ from the catalogue's.
    """
    try:
        header, rows = read_table_csv(dictionary_csv)
    except ValueError as exc:
        raise SchemaError(f"{DICTIONARY_FILE}: {exc}") from exc
    if tuple(header) != DICTIONARY_HEADER:
        raise SchemaError(f"{DICTIONARY_FILE}: its header differs from the dictionary format")
    position = {name: index for index, name in enumerate(header)}
    schema: dict[str, list[ColumnSchema]] = {}
    for number, row in enumerate(rows, start=1):
        if row[position["source"]] != "table":
            continue
        table_name, column, kind_text, codes = (
            row[position["form_or_table"]], row[position["name"]], row[position["type"]],
            row[position["codes"]],
        )  # fmt: skip
        where = f"{DICTIONARY_FILE}, row {number} ({table_name}.{column})"
        described = table(table_name)
        if described is None:
            raise SchemaError(f"{where}: {table_name} is not a table of the field catalogue")
        try:
            kind = FieldType(kind_text)
        except ValueError:
            raise SchemaError(f"{where}: unknown type {kind_text!r}") from None
        item = described.column(column)
        if item is not None and (kind, codes) != (item.type, codes_text(item.choices)):
            raise SchemaError(f"{where}: its type or codes differ from the field catalogue")
        columns = schema.setdefault(table_name, [])
        if any(known.name == column for known in columns):
            raise SchemaError(f"{where}: the column is declared twice")
        columns.append(ColumnSchema(column, kind, _codes(codes)))
    return schema


@lru_cache(maxsize=8)
def _expected_schema(dictionary_csv: bytes) -> dict[str, list[ColumnSchema]]:
    """`expected_schema`, read once for a dictionary that batches repeat byte for byte.

    The caller must not change what it returns.
    """
    return expected_schema(dictionary_csv)


def check_schema(payload: Payload) -> None:
    """Files, headers and every value of `payload` against the schema of its data dictionary.

    Row counts are held to the manifest when the payload is opened (`open_payload`).

    Raises:
        SchemaError: the first difference, named exactly (file, row, column, value).
    """
    dictionary = payload.files.get(DICTIONARY_FILE)
    if dictionary is None:
        raise SchemaError(f"the payload has no {DICTIONARY_FILE}")
    schema = _expected_schema(dictionary)
    expected = set(REQUIRED_FILES) | {f"{TABLE_FOLDER}{name}.csv" for name in schema}
    present = set(payload.files)
    if present != expected:
        missing, unknown = sorted(expected - present), sorted(present - expected)
        raise SchemaError(
            "the payload's files differ from its schema: "
            + "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(unknown)}" if unknown else "",
                )
                if part
            )
        )
    for name, columns in schema.items():
        header, rows = payload.table(name)
        _check_table(name, columns, header, payload.columns(name) if rows else [])


def _check_table(
    name: str,
    columns: Sequence[ColumnSchema],
    header: Sequence[str],
    cells: Sequence[Sequence[str]],
) -> None:
    """`cells` are the table's values a column at a time (none when it has no rows)."""
    wanted = [column.name for column in columns]
    if list(header) != wanted:
        missing = [column for column in wanted if column not in header]
        unknown = [column for column in header if column not in wanted]
        detail = (
            f"missing {', '.join(missing) or '-'}, unknown {', '.join(unknown) or '-'}"
            if missing or unknown
            else "the columns are in another order"
        )
        raise SchemaError(f"{name}.csv: its header differs from the data dictionary ({detail})")
    for column, values in zip(columns, cells, strict=False):
        bad = _first_bad(column, values)
        if bad is not None:
            index, problem = bad
            raise SchemaError(
                f"{name}.csv, row {index + 1}, column {column.name}: {values[index]!r} {problem}"
            )


# A column is checked in one pass of a pattern over its cells joined by a newline, when no cell
# holds a newline itself (the count of separators tells); otherwise cell by cell.
_SEPARATOR = "\n"


def _joined(cell: str) -> re.Pattern[str]:
    return re.compile(f"{cell}(?:{_SEPARATOR}{cell})*")


_INTEGER_CELL = r"(?:-?[0-9]+)?"
_NUMBER_CELL = r"(?:-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)?"
_DATE_CELL = r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?"
_INSTANT_CELL = (
    r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?Z)?"
)
_INTEGER, _INTEGERS = re.compile(_INTEGER_CELL), _joined(_INTEGER_CELL)
_NUMBER, _NUMBERS = re.compile(_NUMBER_CELL), _joined(_NUMBER_CELL)
_DATE, _DATES = re.compile(_DATE_CELL), _joined(_DATE_CELL)
_INSTANT, _INSTANTS = re.compile(_INSTANT_CELL), _joined(_INSTANT_CELL)
_DAY = itemgetter(slice(0, 10))  # the date a date or an instant starts with
_FORMULA_CLASS = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
_FORMULA = re.compile(_FORMULA_CLASS)
_FORMULA_STARTED = re.compile(f"(?:^|{_SEPARATOR}){_FORMULA_CLASS}")
_BOOLEANS = frozenset({"", "true", "false"})


def _first_bad(column: ColumnSchema, values: Sequence[str]) -> tuple[int, str] | None:
    kind = column.kind
    if kind in (FieldType.INTEGER, FieldType.REFERENCE):
        return _first_mismatch(values, _INTEGER, _INTEGERS, "is not an integer")
    if kind == FieldType.DECIMAL:
        return _first_mismatch(values, _NUMBER, _NUMBERS, "is not a number")
    if kind == FieldType.BOOLEAN:
        return _first_outside(values, _BOOLEANS, "is not true or false")
    if kind == FieldType.CHOICE:
        codes = column.codes | {""}
        return _first_outside(
            values, codes, f"is not one of the codes {', '.join(sorted(column.codes))}"
        )
    if kind == FieldType.DATE:
        return _first_mismatch(values, _DATE, _DATES, "is not an ISO-8601 date", dated=True)
    if kind == FieldType.INSTANT:
        problem = "is not an ISO-8601 UTC instant"
        return _first_mismatch(values, _INSTANT, _INSTANTS, problem, dated=True)
    # Text: a cell that starts like a formula must have been neutralized (CWE-1236).
    joined = _join(values)
    if joined is not None and _FORMULA_STARTED.search(joined) is None:
        return None
    if any(map(_FORMULA.match, values)):
        index = next(i for i, value in enumerate(values) if _FORMULA.match(value))
        return index, "starts like a spreadsheet formula but is not neutralized"
    return None


def _join(values: Sequence[str]) -> str | None:
    """The cells joined by the separator, or None when a cell holds the separator itself."""
    joined = _SEPARATOR.join(values)
    return joined if joined.count(_SEPARATOR) == len(values) - 1 else None


def _real_date(text: str) -> bool:
    """Whether the date that `text` starts with exists (the pattern has checked the form)."""
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def _first_mismatch(
    values: Sequence[str],
    pattern: re.Pattern[str],
    column_pattern: re.Pattern[str],
    problem: str,
    *,
    dated: bool = False,
) -> tuple[int, str] | None:
    joined = _join(values)
    # The form of every cell at once; then each distinct date must also exist.
    if (
        joined is not None
        and column_pattern.fullmatch(joined)
        and (not dated or all(map(_real_date, set(map(_DAY, values)) - {""})))
    ):
        return None
    for index, value in enumerate(values):
        if not pattern.fullmatch(value) or (value and dated and not _real_date(value)):
            return index, problem
    return None


def _first_outside(
    values: Sequence[str], allowed: frozenset[str], problem: str
) -> tuple[int, str] | None:
    if allowed.issuperset(values):
        return None
    index = next(i for i, value in enumerate(values) if value not in allowed)
    return index, problem


def dictionary_table_rows(
    columns: Mapping[str, Sequence[str]], derived: Mapping[tuple[str, str], Field]
) -> list[dict[str, str]]:
    """The dictionary's "table" rows: each exported column, typed by the catalogue.

    Args:
        columns: the exported columns of each table, in CSV order.
        derived: the catalogue field of each column its table does not describe (a value
            computed or gathered at export).

    Raises:
        ValueError: a table outside the catalogue, or a column with no field.
    """
    rows: list[dict[str, str]] = []
    for name, names in columns.items():
        described = table(name)
        if described is None:
            raise ValueError(f"{name} is not a table of the field catalogue")
        for column in names:
            item = described.column(column) or derived.get((name, column))
            if item is None:
                raise ValueError(f"{name}.{column} has no field in the catalogue or the export")
            rows.append({
                "source": "table", "form_or_table": name, "name": column,
                "label_ru": item.label("ru"), "label_en": item.label("en"),
                "type": item.type.value, "codes": codes_text(item.choices),
            })  # fmt: skip
    return rows
