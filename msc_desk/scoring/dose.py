"""MSC dose: viable cells per kg of actual body weight, and the volume to draw up."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from msc_desk.scoring import _numbers as num
from msc_desk.scoring._numbers import InvalidInput, NumberLike

MIN_DOSE_MILLION_CELLS_PER_KG = Fraction("1.0")
MAX_DOSE_MILLION_CELLS_PER_KG = Fraction("2.0")

# Error codes (the public contract).
WEIGHT_INVALID = "weight_invalid"
DOSE_OUT_OF_RANGE = "dose_out_of_range"
CONCENTRATION_INVALID = "concentration_invalid"
VIABILITY_INVALID = "viability_invalid"


@dataclass(frozen=True)
class DoseResult:
    """The dose arithmetic; a field is None when an input it depends on has an error.

    Attributes:
        valid: True when `errors` is empty.
        errors: every error code.
        total_viable_cells: weight × target dose × 10⁶.
        viable_concentration_cells_per_ml: total concentration × viability / 100.
        volume_ml_exact: total viable cells / viable concentration (one 28-digit division).
        volume_ml: the exact volume rounded half-up to 0.1 mL: what is drawn up.
        total_cells_infused: `volume_ml` × the total (not viable) concentration.
    """

    valid: bool
    errors: tuple[str, ...]
    total_viable_cells: Decimal | None
    viable_concentration_cells_per_ml: Decimal | None
    volume_ml_exact: Decimal | None
    volume_ml: Decimal | None
    total_cells_infused: Decimal | None


def _checked(
    value: object, code: str, errors: list[str], accept: Callable[[Fraction], bool]
) -> Fraction | None:
    try:
        parsed = num.number(code, value)
    except InvalidInput:
        parsed = None
    if parsed is None or not accept(parsed):
        errors.append(code)
        return None
    return parsed


def _round_half_up_tenth(value: Fraction) -> Decimal:
    tenths = math.floor(value * 10 + Fraction(1, 2))
    return Decimal(f"{tenths}e-1")


def compute_dose(
    *,
    weight_kg: NumberLike | None = None,
    target_dose_million_cells_per_kg: NumberLike | None = None,
    product_concentration_cells_per_ml: NumberLike | None = None,
    viability_percent: NumberLike | None = None,
) -> DoseResult:
    """Compute the MSC dose; never raises for a bad value, which gives its error code instead.

    Weight > 0 kg (actual body weight); target dose 1.0–2.0 ×10⁶ viable cells/kg inclusive;
    concentration > 0 total cells/mL (release certificate); viability 0 < v ≤ 100 %.
    """
    errors: list[str] = []
    weight = _checked(weight_kg, WEIGHT_INVALID, errors, lambda w: w > 0)
    target = _checked(
        target_dose_million_cells_per_kg,
        DOSE_OUT_OF_RANGE,
        errors,
        lambda d: MIN_DOSE_MILLION_CELLS_PER_KG <= d <= MAX_DOSE_MILLION_CELLS_PER_KG,
    )
    concentration = _checked(
        product_concentration_cells_per_ml, CONCENTRATION_INVALID, errors, lambda c: c > 0
    )
    viability = _checked(viability_percent, VIABILITY_INVALID, errors, lambda v: 0 < v <= 100)

    viable_cells = None if weight is None or target is None else weight * target * 10**6
    viable_concentration = (
        None if concentration is None or viability is None else concentration * viability / 100
    )
    volume = (
        None
        if viable_cells is None or viable_concentration is None
        else viable_cells / viable_concentration
    )
    drawn_up = None if volume is None else _round_half_up_tenth(volume)
    return DoseResult(
        valid=not errors,
        errors=tuple(errors),
        total_viable_cells=_decimal(viable_cells),
        viable_concentration_cells_per_ml=_decimal(viable_concentration),
        volume_ml_exact=_decimal(volume),
        volume_ml=drawn_up,
        total_cells_infused=(
            None
            if drawn_up is None or concentration is None
            else num.to_decimal(Fraction(drawn_up) * concentration)
        ),
    )


def _decimal(value: Fraction | None) -> Decimal | None:
    return None if value is None else num.to_decimal(value)
