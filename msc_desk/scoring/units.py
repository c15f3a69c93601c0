"""Unit conversions for the bedside forms, exact `Decimal` with no rounding.

Every function takes keywords only and raises `InvalidInput` naming the argument for a
value ≤ 0 (a rate may be 0), for `None` and for anything that is not a number. Vasoactive
doses are of the base: a form whose label states norepinephrine tartrate (bitartrate
monohydrate) converts its mg with `norepinephrine_base_mg_from_tartrate_mg` first and records
that it did.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from msc_desk.scoring import _numbers as num
from msc_desk.scoring._numbers import InvalidInput, NumberLike

BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL = Fraction("17.1")
CREATININE_UMOL_PER_L_PER_MG_PER_DL = Fraction("88.4")
MMHG_PER_KPA = Fraction("7.50062")
LACTATE_MG_PER_DL_PER_MMOL_PER_L = Fraction("9.01")
NOREPINEPHRINE_TARTRATE_MG_PER_BASE_MG = Fraction(2)


_positive = num.required_positive


def _rate(field: str, value: object) -> Fraction:
    parsed = num.non_negative(field, value)
    if parsed is None:
        raise InvalidInput(field, "is required")
    return parsed


def vasoactive_mcg_kg_min_from_pump(
    *,
    drug_mg: NumberLike,
    syringe_ml: NumberLike,
    rate_ml_per_h: NumberLike,
    weight_kg: NumberLike,
) -> Decimal:
    """µg/kg/min from a pump: drug_mg × 1000 / syringe_ml × rate_ml_per_h / 60 / weight_kg."""
    mg = _positive("drug_mg", drug_mg)
    ml = _positive("syringe_ml", syringe_ml)
    rate = _rate("rate_ml_per_h", rate_ml_per_h)
    kg = _positive("weight_kg", weight_kg)
    return num.to_decimal(mg * 1000 * rate / (ml * 60 * kg))


def vasoactive_mcg_kg_min_from_mcg_min(
    *, mcg_per_min: NumberLike, weight_kg: NumberLike
) -> Decimal:
    """µg/kg/min from µg/min and body weight."""
    rate = _rate("mcg_per_min", mcg_per_min)
    kg = _positive("weight_kg", weight_kg)
    return num.to_decimal(rate / kg)


def norepinephrine_base_mg_from_tartrate_mg(*, tartrate_mg: NumberLike) -> Decimal:
    """Norepinephrine base from bitartrate monohydrate: 2 mg tartrate = 1 mg base."""
    return num.to_decimal(
        _positive("tartrate_mg", tartrate_mg) / NOREPINEPHRINE_TARTRATE_MG_PER_BASE_MG
    )


def bilirubin_umol_per_l_from_mg_per_dl(*, mg_per_dl: NumberLike) -> Decimal:
    return num.to_decimal(_positive("mg_per_dl", mg_per_dl) * BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL)


def bilirubin_mg_per_dl_from_umol_per_l(*, umol_per_l: NumberLike) -> Decimal:
    return num.to_decimal(_positive("umol_per_l", umol_per_l) / BILIRUBIN_UMOL_PER_L_PER_MG_PER_DL)


def creatinine_umol_per_l_from_mg_per_dl(*, mg_per_dl: NumberLike) -> Decimal:
    return num.to_decimal(_positive("mg_per_dl", mg_per_dl) * CREATININE_UMOL_PER_L_PER_MG_PER_DL)


def creatinine_mg_per_dl_from_umol_per_l(*, umol_per_l: NumberLike) -> Decimal:
    return num.to_decimal(_positive("umol_per_l", umol_per_l) / CREATININE_UMOL_PER_L_PER_MG_PER_DL)


def pao2_mmhg_from_kpa(*, kpa: NumberLike) -> Decimal:
    return num.to_decimal(_positive("kpa", kpa) * MMHG_PER_KPA)


def lactate_mg_per_dl_from_mmol_per_l(*, mmol_per_l: NumberLike) -> Decimal:
    return num.to_decimal(_positive("mmol_per_l", mmol_per_l) * LACTATE_MG_PER_DL_PER_MMOL_PER_L)


def lactate_mmol_per_l_from_mg_per_dl(*, mg_per_dl: NumberLike) -> Decimal:
    return num.to_decimal(_positive("mg_per_dl", mg_per_dl) / LACTATE_MG_PER_DL_PER_MMOL_PER_L)


def fio2_fraction_from_percent(*, percent: NumberLike) -> Decimal:
    """FiO2 fraction from percent; the percent must be 21–100, as `compute_sofa` requires."""
    parsed = num.in_range("percent", percent, Fraction(21), Fraction(100))
    if parsed is None:
        raise InvalidInput("percent", "is required")
    return num.to_decimal(parsed / 100)
