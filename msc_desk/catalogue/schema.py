"""The shape of a catalogue entry: a field, its unit, choices, ranges, and the forms it sits in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

VISIT_DAYS: tuple[int, ...] = (0, 2, 3, 7, 14, 21, 28)
"""Study days of the protocol visits (day 0 = baseline = randomization)."""

ALL_VISITS = frozenset(VISIT_DAYS)
BASELINE_ONLY = frozenset({0})
NO_VISIT: frozenset[int] = frozenset()


class FieldType(StrEnum):
    DECIMAL = "decimal"
    INTEGER = "integer"
    CHOICE = "choice"
    BOOLEAN = "boolean"
    TEXT = "text"
    DATE = "date"
    INSTANT = "instant"
    REFERENCE = "reference"
    """A record's own id or a link to another record: technical, shown as is."""
    SECRET = "secret"
    """Sealed or signed material: never shown, whatever the value."""


NUMERIC_TYPES = frozenset({FieldType.DECIMAL, FieldType.INTEGER})


@dataclass(frozen=True)
class Unit:
    """A unit as Russian laboratories print it, and its English form."""

    ru: str
    en: str


DIMENSIONLESS = Unit("", "")
"""Declared explicitly: a numeric field without a unit (INR, a count of sessions)."""


@dataclass(frozen=True)
class Range:
    """An inclusive range of values."""

    low: Decimal
    high: Decimal

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"range {self.low}–{self.high} is empty")

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high

    def covers(self, other: Range) -> bool:
        return self.low <= other.low and other.high <= self.high


def span(low: str, high: str) -> Range:
    return Range(Decimal(low), Decimal(high))


@dataclass(frozen=True)
class Choice:
    """One coded answer: the code is stored and exported, the labels are shown."""

    code: str
    ru: str
    en: str


Converter = Callable[..., Decimal]
"""Keyword-only: `value=` the number as entered, plus the `inputs` the conversion names."""


@dataclass(frozen=True)
class AlternativeUnit:
    """A unit a value may be entered in; `convert` turns it into the field's unit exactly.

    `rule_ru`/`rule_en` say the conversion in words for the data dictionary (e.g. "× 17,1").
    `inputs` names what the conversion reads besides the value (a weight, a syringe's content).
    """

    code: str
    unit: Unit
    rule_ru: str
    rule_en: str
    convert: Converter = field(compare=False)
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    """A field is required only when another field of the form holds `equals`."""

    field: str
    equals: object


@dataclass(frozen=True)
class Field:
    """One variable: what REDCap's data dictionary or an XLSForm row says of it, typed.

    Args:
        name: the code stored, exported and audited (``creatinine``).
        label_ru, label_en: the label on forms, in the audit viewer and the data dictionary.
        type: what the value is; `unit` is set for every numeric field.
        unit: the unit the value is stored in (DIMENSIONLESS when there is none).
        alternatives: other units it may be entered in, converted on entry.
        choices: the coded answers of a CHOICE field.
        plausible: outside it, a soft warning (saved after a confirmation).
        possible: outside it, a hard stop.
        required: whether an empty value needs a missing-data reason.
        required_if: required only when this condition holds (and `required` is True).
        visits: study days whose visit carries it (empty: not a visit field).
        computed: derived from other fields, never typed.
        max_length: the longest text accepted.
    """

    name: str
    label_ru: str
    label_en: str
    type: FieldType
    unit: Unit | None = None
    alternatives: tuple[AlternativeUnit, ...] = ()
    choices: tuple[Choice, ...] = ()
    plausible: Range | None = None
    possible: Range | None = None
    required: bool = True
    required_if: Condition | None = None
    visits: frozenset[int] = NO_VISIT
    computed: bool = False
    max_length: int | None = None

    def label(self, language: str) -> str:
        return self.label_ru if language == "ru" else self.label_en

    def unit_text(self, language: str) -> str:
        if self.unit is None:
            return ""
        return self.unit.ru if language == "ru" else self.unit.en

    def choice(self, code: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.code == code), None)

    def alternative(self, code: str) -> AlternativeUnit | None:
        return next((alt for alt in self.alternatives if alt.code == code), None)

    def is_required(self, values: Mapping[str, object]) -> bool:
        """Whether the field is required given the other values of its form."""
        if not self.required or self.computed:
            return False
        return self.required_if is None or values.get(self.required_if.field) == (
            self.required_if.equals
        )


@dataclass(frozen=True)
class Section:
    """A titled group of fields on a form (an organ system, the sepsis bundle)."""

    code: str
    title_ru: str
    title_en: str
    fields: tuple[Field, ...]

    def title(self, language: str) -> str:
        return self.title_ru if language == "ru" else self.title_en


@dataclass(frozen=True)
class Form:
    """A form as laid out: its sections in order. Forms are drawn from this, not by hand."""

    code: str
    title_ru: str
    title_en: str
    sections: tuple[Section, ...]

    def title(self, language: str) -> str:
        return self.title_ru if language == "ru" else self.title_en

    def fields(self) -> tuple[Field, ...]:
        return tuple(item for section in self.sections for item in section.fields)


@dataclass(frozen=True)
class Table:
    """A database table as the audit viewer names it, with a field per column."""

    name: str
    title_ru: str
    title_en: str
    columns: tuple[Field, ...]

    def title(self, language: str) -> str:
        return self.title_ru if language == "ru" else self.title_en

    def column(self, name: str) -> Field | None:
        return next((item for item in self.columns if item.name == name), None)
