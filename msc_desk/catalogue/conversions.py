"""Alternative units: the clinical ones from `msc_desk.scoring.units`, plain factors here."""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction

from msc_desk.catalogue.schema import AlternativeUnit, Converter, Unit
from msc_desk.scoring import units
from msc_desk.scoring.units import InvalidInput

# Enough digits that multiplying any entered value by a factor of the catalogue is exact.
_EXACT = Context(prec=60)

MG_PER_DL = Unit("мг/дл", "mg/dL")
KPA = Unit("кПа", "kPa")
PERCENT = Unit("%", "%")
PER_UL = Unit("/мкл", "/µL")
THOUSANDS_PER_UL = Unit("×10³/мкл", "×10³/µL")
G_PER_DL = Unit("г/дл", "g/dL")
UG_PER_L = Unit("мкг/л", "µg/L")
MCG_PER_MIN = Unit("мкг/мин", "µg/min")
PUMP_ML_PER_H = Unit("мл/ч (шприцевой насос)", "mL/h (syringe pump)")


def _factor(numerator: str, denominator: str = "1") -> Converter:
    factor = Fraction(numerator) / Fraction(denominator)

    def convert(*, value: Decimal) -> Decimal:
        if not value.is_finite():
            raise InvalidInput("value", "must be a finite number")
        exact = Fraction(value) * factor
        result = _EXACT.divide(Decimal(exact.numerator), Decimal(exact.denominator))
        return result.normalize(_EXACT) if result else Decimal(0)

    return convert


def _bilirubin(*, value: Decimal) -> Decimal:
    return units.bilirubin_umol_per_l_from_mg_per_dl(mg_per_dl=value)


def _creatinine(*, value: Decimal) -> Decimal:
    return units.creatinine_umol_per_l_from_mg_per_dl(mg_per_dl=value)


def _pao2(*, value: Decimal) -> Decimal:
    return units.pao2_mmhg_from_kpa(kpa=value)


def _lactate(*, value: Decimal) -> Decimal:
    return units.lactate_mmol_per_l_from_mg_per_dl(mg_per_dl=value)


def _fio2(*, value: Decimal) -> Decimal:
    return units.fio2_fraction_from_percent(percent=value)


def _dose_from_mcg_min(*, value: Decimal, weight_kg: Decimal) -> Decimal:
    return units.vasoactive_mcg_kg_min_from_mcg_min(mcg_per_min=value, weight_kg=weight_kg)


def _dose_from_pump(
    *, value: Decimal, drug_mg: Decimal, syringe_ml: Decimal, weight_kg: Decimal
) -> Decimal:
    return units.vasoactive_mcg_kg_min_from_pump(
        drug_mg=drug_mg, syringe_ml=syringe_ml, rate_ml_per_h=value, weight_kg=weight_kg
    )


def times(code: str, unit: Unit, factor: str, shown: str) -> AlternativeUnit:
    """Value × factor; `shown` is the factor as the dictionary prints it (Russian comma)."""
    return AlternativeUnit(code, unit, f"× {shown}", f"× {factor}", _factor(factor))


def divided(code: str, unit: Unit, divisor: str, shown: str) -> AlternativeUnit:
    return AlternativeUnit(code, unit, f"÷ {shown}", f"÷ {divisor}", _factor("1", divisor))


BILIRUBIN_MG_DL = AlternativeUnit("mg_dl", MG_PER_DL, "× 17,1", "× 17.1", _bilirubin)
CREATININE_MG_DL = AlternativeUnit("mg_dl", MG_PER_DL, "× 88,4", "× 88.4", _creatinine)
PAO2_KPA = AlternativeUnit("kpa", KPA, "× 7,50062", "× 7.50062", _pao2)
LACTATE_MG_DL = AlternativeUnit("mg_dl", MG_PER_DL, "÷ 9,01", "÷ 9.01", _lactate)
FIO2_PERCENT = AlternativeUnit("percent", PERCENT, "÷ 100", "÷ 100", _fio2)
DOSE_MCG_MIN = AlternativeUnit(
    "mcg_min",
    MCG_PER_MIN,
    "÷ масса тела (кг)",
    "÷ body weight (kg)",
    _dose_from_mcg_min,
    ("weight_kg",),
)
DOSE_PUMP = AlternativeUnit(
    "pump",
    PUMP_ML_PER_H,
    "скорость × содержимое шприца (мг/мл) × 1000 ÷ 60 ÷ масса тела",
    "rate × syringe content (mg/mL) × 1000 ÷ 60 ÷ body weight",
    _dose_from_pump,
    ("drug_mg", "syringe_ml", "weight_kg"),
)
VASOACTIVE_ALTERNATIVES = (DOSE_MCG_MIN, DOSE_PUMP)
