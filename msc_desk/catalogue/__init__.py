"""One catalogue of fields: labels, units, ranges and choices that forms, audit and exports read.

Pure data and rules: no Qt, no database. Public API:

- `FORMS` (visit, baseline, infusion vitals, infusion, adverse event, outcome) → `Form.sections` →
  `Section.fields`; `MISSING_DATA_REASONS` for an empty required field;
- `field(name)` and `FIELDS` (every form field by name);
- `TABLES`, `table(name)`, `column(table, name)` for the records (the audit viewer's labels);
- `value_label(item, stored, language)` for a stored value in words;
- `check_value(item, raw)` and `convert(item, unit_code, raw, **inputs)`;
- `dictionary_rows(FORMS, language)` for the data dictionary and the exports' metadata.
"""

from __future__ import annotations

from msc_desk.catalogue.baseline_forms import BASELINE_FORM, INFUSION_VITALS_FORM
from msc_desk.catalogue.dictionary import DictionaryRow, dictionary_rows
from msc_desk.catalogue.event_forms import (
    ADVERSE_EVENT_FORM,
    MISSING_DATA_REASONS,
    OUTCOME_FORM,
)
from msc_desk.catalogue.infusion_form import INFUSION_FORM
from msc_desk.catalogue.records import TABLES
from msc_desk.catalogue.schema import (
    ALL_VISITS,
    DIMENSIONLESS,
    NUMERIC_TYPES,
    VISIT_DAYS,
    AlternativeUnit,
    Choice,
    Condition,
    Field,
    FieldType,
    Form,
    Range,
    Section,
    Table,
    Unit,
)
from msc_desk.catalogue.validation import (
    Check,
    ConversionRefused,
    Converted,
    Verdict,
    check_value,
    convert,
    parse_decimal,
    tightened,
)
from msc_desk.catalogue.visit_forms import VISIT_FORM

FORMS: tuple[Form, ...] = (
    VISIT_FORM,
    BASELINE_FORM,
    INFUSION_VITALS_FORM,
    INFUSION_FORM,
    ADVERSE_EVENT_FORM,
    OUTCOME_FORM,
)

FIELDS: dict[str, Field] = {item.name: item for form in FORMS for item in form.fields()}
"""Every form field by name (a field on two forms is the same object)."""

_TABLES = {item.name: item for item in TABLES}

YES_NO = {"ru": ("Да", "Нет"), "en": ("Yes", "No")}


def field(name: str) -> Field:
    """The form field `name`.

    Raises:
        KeyError: no such field.
    """
    return FIELDS[name]


def table(name: str) -> Table | None:
    return _TABLES.get(name)


def column(table_name: str, name: str) -> Field | None:
    """The field describing `table_name.name`, or None for a column the catalogue lacks."""
    found = _TABLES.get(table_name)
    return None if found is None else found.column(name)


def value_label(item: Field, stored: str | None, language: str) -> str | None:
    """A stored (audited, exported) value in words: a choice's label, yes/no; else unchanged."""
    if stored is None:
        return None
    if item.type is FieldType.CHOICE:
        choice = item.choice(stored)
        if choice is not None:
            return choice.ru if language == "ru" else choice.en
    if item.type is FieldType.BOOLEAN and stored in ("true", "false"):
        yes, no = YES_NO.get(language, YES_NO["en"])
        return yes if stored == "true" else no
    return stored


__all__ = [
    "ALL_VISITS",
    "DIMENSIONLESS",
    "FIELDS",
    "FORMS",
    "MISSING_DATA_REASONS",
    "NUMERIC_TYPES",
    "TABLES",
    "VISIT_DAYS",
    "AlternativeUnit",
    "Check",
    "Choice",
    "Condition",
    "DictionaryRow",
    "ConversionRefused",
    "Converted",
    "Field",
    "FieldType",
    "Form",
    "Range",
    "Section",
    "Table",
    "Unit",
    "Verdict",
    "check_value",
    "column",
    "convert",
    "dictionary_rows",
    "field",
    "parse_decimal",
    "table",
    "tightened",
    "value_label",
]
