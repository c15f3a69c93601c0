"""Checking one entered value against its field: hard stop, soft warning, or fine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from msc_desk.catalogue.schema import NUMERIC_TYPES, Field, FieldType, Range, Unit
from msc_desk.scoring.units import InvalidInput

Value = Decimal | int | bool | str | date | datetime


class Verdict(StrEnum):
    OK = "ok"
    EMPTY = "empty"
    SOFT_WARNING = "soft_warning"
    """Outside the plausible range: saved after the user confirms it."""
    HARD_STOP = "hard_stop"
    """Impossible or malformed: never saved."""


@dataclass(frozen=True)
class Check:
    """The outcome for one field; `code` says why (for the UI to put in words), `value` is parsed.

    Codes: ok, empty; soft: below_plausible, above_plausible; hard: not_a_number,
    not_a_whole_number, below_possible, above_possible, unknown_choice, not_yes_no,
    too_long, not_a_date, not_an_instant, computed.
    """

    field: str
    verdict: Verdict
    code: str
    value: Value | None = None
    bound: Range | None = None

    @property
    def saveable(self) -> bool:
        return self.verdict is not Verdict.HARD_STOP


def _hard(item: Field, code: str, bound: Range | None = None) -> Check:
    return Check(item.name, Verdict.HARD_STOP, code, None, bound)


def parse_decimal(raw: object) -> Decimal | None:
    """A number as typed (decimal comma or point, spaces as thousands), or None if it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if not text or "_" in text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _check_number(item: Field, raw: object) -> Check:
    number = parse_decimal(raw)
    if number is None:
        return _hard(item, "not_a_number")
    value: Decimal | int = number
    if item.type is FieldType.INTEGER:
        if number != number.to_integral_value():
            return _hard(item, "not_a_whole_number")
        value = int(number)
    if item.possible is not None and not item.possible.contains(number):
        code = "below_possible" if number < item.possible.low else "above_possible"
        return _hard(item, code, item.possible)
    if item.plausible is not None and not item.plausible.contains(number):
        code = "below_plausible" if number < item.plausible.low else "above_plausible"
        return Check(item.name, Verdict.SOFT_WARNING, code, value, item.plausible)
    return Check(item.name, Verdict.OK, "ok", value)


_YES = {"true", "yes", "да", "1"}
_NO = {"false", "no", "нет", "0"}


def _check_boolean(item: Field, raw: object) -> Check:
    if isinstance(raw, bool):
        return Check(item.name, Verdict.OK, "ok", raw)
    text = str(raw).strip().lower()
    if text in _YES | _NO:
        return Check(item.name, Verdict.OK, "ok", text in _YES)
    return _hard(item, "not_yes_no")


def _check_text(item: Field, raw: object) -> Check:
    text = str(raw)
    if item.max_length is not None and len(text) > item.max_length:
        return _hard(item, "too_long")
    return Check(item.name, Verdict.OK, "ok", text)


def _check_date(item: Field, raw: object) -> Check:
    if item.type is FieldType.INSTANT:
        if isinstance(raw, datetime) and raw.utcoffset() is not None:
            return Check(item.name, Verdict.OK, "ok", raw)
        return _hard(item, "not_an_instant")
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return Check(item.name, Verdict.OK, "ok", raw)
    return _hard(item, "not_a_date")


def check_value(item: Field, raw: object) -> Check:
    """Check `raw` (as typed, or already parsed) against `item`'s type, choices and ranges."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Check(item.name, Verdict.EMPTY, "empty")
    if item.computed:
        return _hard(item, "computed")
    if item.type in NUMERIC_TYPES:
        return _check_number(item, raw)
    if item.type is FieldType.CHOICE:
        code = str(raw).strip()
        if item.choice(code) is None:
            return _hard(item, "unknown_choice")
        return Check(item.name, Verdict.OK, "ok", code)
    if item.type is FieldType.BOOLEAN:
        return _check_boolean(item, raw)
    if item.type in (FieldType.DATE, FieldType.INSTANT):
        return _check_date(item, raw)
    return _check_text(item, raw)


class ConversionRefused(ValueError):
    """A value in an alternative unit could not be converted; `field` names the catalogue field."""

    def __init__(self, field: str, argument: str, message: str) -> None:
        super().__init__(f"{field}: {argument} {message}")
        self.field = field
        self.argument = argument
        self.message = message


@dataclass(frozen=True)
class Converted:
    """A value in the field's unit, with what was entered kept beside it."""

    field: str
    value: Decimal
    unit: Unit
    entered_value: Decimal
    entered_unit: Unit
    entered_with: Mapping[str, Decimal] = dataclass_field(default_factory=dict)


def convert(item: Field, unit_code: str, raw: object, **inputs: object) -> Converted:
    """Convert `raw`, entered in the alternative unit `unit_code`, into `item`'s unit, exactly.

    Raises:
        ConversionRefused: no such alternative, a missing input, or a value the rule refuses.
    """
    alternative = item.alternative(unit_code)
    if alternative is None or item.unit is None:
        raise ConversionRefused(item.name, "unit", f"{unit_code!r} is not an alternative unit")
    entered = parse_decimal(raw)
    if entered is None:
        raise ConversionRefused(item.name, "value", "is not a number")
    extra: dict[str, Decimal] = {}
    for name in alternative.inputs:
        number = parse_decimal(inputs.get(name))
        if number is None:
            raise ConversionRefused(item.name, name, "is required")
        extra[name] = number
    try:
        value = alternative.convert(value=entered, **extra)
    except InvalidInput as exc:
        raise ConversionRefused(item.name, exc.field, exc.message) from exc
    return Converted(item.name, value, item.unit, entered, alternative.unit, extra)
