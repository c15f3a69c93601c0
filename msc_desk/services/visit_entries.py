"""Reading a visit form's entries through the catalogue: checks, unit conversions, reasons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from msc_desk.catalogue import (
    BASELINE_FORM,
    MISSING_DATA_REASONS,
    VISIT_FORM,
    ConversionRefused,
    Field,
    Form,
    Section,
    Verdict,
    check_value,
    convert,
    parse_decimal,
)
from msc_desk.catalogue.validation import Value
from msc_desk.models import MissingReason
from msc_desk.scoring import units
from msc_desk.scoring.units import InvalidInput
from msc_desk.services.input_rules import free_text

REASON_TEXT_LIMIT = 200
PF_RATIO = "pf_ratio"
TARTRATE_DRUG = "norepinephrine"
"""The one drug whose syringe may be made up from the tartrate salt (2 mg = 1 mg base)."""

_REASON_CODES = {choice.code for choice in MISSING_DATA_REASONS}
_STORED_REASON = {"patient_died": MissingReason.DIED}
_FORM_REASON = {MissingReason.DIED: "patient_died"}


@dataclass(frozen=True)
class Entry:
    """One field as the user left it.

    Args:
        raw: the value as typed (text) or already parsed; None or blank for empty.
        unit: the code of an alternative unit it was typed in (None: the field's own unit).
        inputs: what that conversion reads besides the value (weight_kg, drug_mg, syringe_ml).
        tartrate: a norepinephrine syringe whose mg are of the tartrate salt (halved to base).
        missing_reason: why an empty value is missing (a MISSING_DATA_REASONS code).
        missing_text: the words for the reason "other".
        confirmed: the user confirmed a value outside the plausible range.
    """

    raw: object = None
    unit: str | None = None
    inputs: Mapping[str, object] = field(default_factory=dict)
    tartrate: bool = False
    missing_reason: str | None = None
    missing_text: str | None = None
    confirmed: bool = False

    @property
    def empty(self) -> bool:
        return self.raw is None or (isinstance(self.raw, str) and not self.raw.strip())


@dataclass(frozen=True)
class Problem:
    """A field that stops the save (`hard`) or needs a confirmation; `code` says why."""

    field: str
    code: str
    hard: bool
    low: Decimal | None = None
    high: Decimal | None = None
    argument: str | None = None


@dataclass(frozen=True)
class StoredValue:
    """What one observation row holds, in the field's unit, with what was entered."""

    value: Decimal | None = None
    text: str | None = None
    unit: str | None = None
    entered_value: Decimal | None = None
    entered_unit: str | None = None
    entered_detail: str | None = None
    missing_reason: MissingReason | None = None
    missing_text: str | None = None
    confirmed: bool = False

    def columns(self) -> dict[str, object]:
        """The observation row's columns that hold this value."""
        return {
            "value": self.value,
            "value_text": self.text,
            "unit": self.unit,
            "entered_value": self.entered_value,
            "entered_unit": self.entered_unit,
            "entered_detail": self.entered_detail,
            "missing_reason": self.missing_reason,
            "missing_reason_text": self.missing_text,
            "out_of_range_confirmed": True if self.confirmed else None,
        }


@dataclass(frozen=True)
class FormReading:
    """A form read through the catalogue: values in the fields' units and what is wrong."""

    values: dict[str, Value]
    stored: dict[str, StoredValue]
    refusals: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    """Outside the plausible range and not yet confirmed."""
    missing: tuple[str, ...]
    """Required, empty, and without a missing-data reason."""

    @property
    def saveable(self) -> bool:
        return not self.refusals and not self.warnings

    @property
    def complete(self) -> bool:
        return self.saveable and not self.missing


def form_for_day(study_day: int) -> Form:
    """The catalogue's form of a visit: the baseline form on day 0, else the visit form."""
    return BASELINE_FORM if study_day == 0 else VISIT_FORM


def sections_for_day(study_day: int) -> tuple[Section, ...]:
    """The form's sections holding only the fields this visit carries (empty ones dropped)."""
    result = []
    for section in form_for_day(study_day).sections:
        fields = tuple(item for item in section.fields if study_day in item.visits)
        if fields:
            result.append(Section(section.code, section.title_ru, section.title_en, fields))
    return tuple(result)


def fields_for_day(study_day: int) -> tuple[Field, ...]:
    return tuple(item for section in sections_for_day(study_day) for item in section.fields)


def _unit_en(item: Field) -> str | None:
    return item.unit.en if item.unit is not None and item.unit.en else None


def _as_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _convert(item: Field, entry: Entry) -> tuple[Decimal, str, str | None]:
    """(value in the field's unit, the entered unit, the conversion's inputs in words)."""
    inputs = dict(entry.inputs)
    detail = []
    if entry.tartrate:
        if item.name != TARTRATE_DRUG or "drug_mg" not in inputs:
            raise ConversionRefused(item.name, "tartrate", "applies to a norepinephrine syringe")
        try:
            tartrate_mg = parse_decimal(inputs["drug_mg"])
            if tartrate_mg is None:
                raise InvalidInput("drug_mg", "is not a number")
            base = units.norepinephrine_base_mg_from_tartrate_mg(tartrate_mg=tartrate_mg)
        except InvalidInput as exc:
            raise ConversionRefused(item.name, "drug_mg", exc.message) from exc
        detail.append(f"tartrate_mg={inputs['drug_mg']}")
        inputs["drug_mg"] = base
    converted = convert(item, str(entry.unit), entry.raw, **inputs)
    detail += [f"{name}={value}" for name, value in converted.entered_with.items()]
    return converted.value, converted.entered_unit.en, ";".join(detail) or None


def _reason(item: Field, entry: Entry) -> tuple[StoredValue | None, Problem | None]:
    if entry.missing_reason is None:
        return None, None
    if entry.missing_reason not in _REASON_CODES:
        return None, Problem(item.name, "unknown_reason", True)
    try:
        text = free_text(item.name, entry.missing_text, REASON_TEXT_LIMIT)
    except ValueError:
        return None, Problem(item.name, "reason_text_refused", True)
    if entry.missing_reason == "other" and text is None:
        return None, Problem(item.name, "reason_text_required", True)
    stored = _STORED_REASON.get(entry.missing_reason) or MissingReason(entry.missing_reason)
    return StoredValue(missing_reason=stored, missing_text=text), None


def reason_code(stored: MissingReason | str | None) -> str | None:
    """The form's missing-data code of a stored reason (a plain string when read back)."""
    if stored is None:
        return None
    reason = MissingReason(stored)
    return _FORM_REASON.get(reason, reason.value)


def _read_one(
    item: Field, entry: Entry, now: datetime | None
) -> tuple[Value | None, StoredValue | None, Problem | None]:
    if entry.empty:
        stored, problem = _reason(item, entry)
        return None, stored, problem
    if item.computed:
        return None, None, Problem(item.name, "computed", True)
    entered: tuple[Decimal | None, str | None, str | None] | None = None
    raw = entry.raw
    if entry.unit is not None and item.unit is not None and entry.unit != "":
        try:
            value, entered_unit, detail = _convert(item, entry)
        except ConversionRefused as exc:
            return None, None, Problem(item.name, "conversion_refused", True, argument=exc.argument)
        entered = (parse_decimal(entry.raw), entered_unit, detail)
        raw = value
    check = check_value(item, raw, now)
    if check.verdict is Verdict.HARD_STOP:
        bound = check.bound
        low, high = (bound.low, bound.high) if bound is not None else (None, None)
        return None, None, Problem(item.name, check.code, True, low, high)
    assert check.value is not None
    warning = None
    if check.verdict is Verdict.SOFT_WARNING and not entry.confirmed:
        bound = check.bound
        assert bound is not None
        warning = Problem(item.name, check.code, False, bound.low, bound.high)
    number = check.value if isinstance(check.value, Decimal | int) and item.unit else None
    stored = StoredValue(
        value=None if number is None else Decimal(number),
        text=None if number is not None else _as_text(check.value),
        unit=_unit_en(item),
        entered_value=entered[0] if entered else None,
        entered_unit=entered[1] if entered else None,
        entered_detail=entered[2] if entered else None,
        confirmed=check.verdict is Verdict.SOFT_WARNING,
    )
    return check.value, stored, warning


def pf_ratio(values: Mapping[str, Value]) -> Decimal | None:
    """PaO₂/FiO₂ in mmHg from the converted values, or None when either is missing."""
    pao2, fio2 = values.get("pao2"), values.get("fio2")
    if not isinstance(pao2, Decimal | int) or not isinstance(fio2, Decimal | int) or not fio2:
        return None
    return (Decimal(pao2) / Decimal(fio2)).quantize(Decimal("0.1"))


def read_form(
    study_day: int, entries: Mapping[str, Entry], now: datetime | None = None
) -> FormReading:
    """Read every field of the visit on `study_day` from `entries` (absent: empty).

    An entry for a field the visit does not carry is refused ("not_on_form").
    """
    fields = fields_for_day(study_day)
    known = {item.name for item in fields}
    refusals = [Problem(name, "not_on_form", True) for name in entries if name not in known]
    warnings: list[Problem] = []
    values: dict[str, Value] = {}
    stored: dict[str, StoredValue] = {}
    for item in fields:
        value, row, problem = _read_one(item, entries.get(item.name, Entry()), now)
        if value is not None:
            values[item.name] = value
        if row is not None:
            stored[item.name] = row
        if problem is not None:
            (refusals if problem.hard else warnings).append(problem)
    ratio = pf_ratio(values)
    if ratio is not None and PF_RATIO in known:
        values[PF_RATIO] = ratio
        stored[PF_RATIO] = StoredValue(value=ratio, unit="mmHg")
    missing = tuple(
        item.name
        for item in fields
        if item.name not in stored and item.is_required(values) and not _has_problem(item, refusals)
    )
    return FormReading(values, stored, tuple(refusals), tuple(warnings), missing)


def _has_problem(item: Field, problems: list[Problem]) -> bool:
    return any(problem.field == item.name for problem in problems)
