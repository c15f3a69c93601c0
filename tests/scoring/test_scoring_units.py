"""Unit conversions: exact values, one division, and the argument named in errors."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from msc_desk.scoring import InvalidInput, sofa, units


@pytest.mark.parametrize(
    ("drug_mg", "syringe_ml", "rate", "weight", "expected"),
    [
        (8, 40, 6, 80, Decimal("0.25")),
        (4, 50, 10, 70, Decimal(40_000) / Decimal(210_000)),  # one division, not four
        (16, 50, 15, 100, Decimal("0.8")),
        (4, 50, 0, 70, Decimal(0)),
        (4.0, "50", Decimal("7.5"), 62.5, Decimal("0.16")),
        (4, 50, 10.0, 70.0, Decimal("0.1904761904761904761904761905")),
    ],
)
def test_vasoactive_from_pump(
    drug_mg: Any, syringe_ml: Any, rate: Any, weight: Any, expected: Decimal
) -> None:
    result = units.vasoactive_mcg_kg_min_from_pump(
        drug_mg=drug_mg, syringe_ml=syringe_ml, rate_ml_per_h=rate, weight_kg=weight
    )
    assert result == expected
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("drug_mg", 0),
        ("drug_mg", -4),
        ("drug_mg", None),
        ("syringe_ml", 0),
        ("syringe_ml", None),
        ("rate_ml_per_h", -1),
        ("rate_ml_per_h", None),
        ("rate_ml_per_h", True),
        ("weight_kg", 0),
        ("weight_kg", -70),
        ("weight_kg", None),
        ("weight_kg", "heavy"),
    ],
)
def test_vasoactive_from_pump_invalid(field: str, value: Any) -> None:
    arguments: dict[str, Any] = {
        "drug_mg": 4,
        "syringe_ml": 50,
        "rate_ml_per_h": 10,
        "weight_kg": 70,
        field: value,
    }
    with pytest.raises(InvalidInput) as caught:
        units.vasoactive_mcg_kg_min_from_pump(**arguments)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("mcg_per_min", "weight", "expected"),
    [
        (20, 80, Decimal("0.25")),
        (0, 80, Decimal(0)),
        (10, 70, Decimal(1) / Decimal(7)),
        (7.5, 75, Decimal("0.1")),
    ],
)
def test_vasoactive_from_mcg_min(mcg_per_min: Any, weight: Any, expected: Decimal) -> None:
    result = units.vasoactive_mcg_kg_min_from_mcg_min(mcg_per_min=mcg_per_min, weight_kg=weight)
    assert result == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [("mcg_per_min", -1), ("mcg_per_min", None), ("weight_kg", 0), ("weight_kg", None)],
)
def test_vasoactive_from_mcg_min_invalid(field: str, value: Any) -> None:
    arguments: dict[str, Any] = {"mcg_per_min": 20, "weight_kg": 80, field: value}
    with pytest.raises(InvalidInput) as caught:
        units.vasoactive_mcg_kg_min_from_mcg_min(**arguments)
    assert caught.value.field == field


def test_pump_result_feeds_compute_sofa() -> None:
    dose = units.vasoactive_mcg_kg_min_from_pump(
        drug_mg=units.norepinephrine_base_mg_from_tartrate_mg(tartrate_mg=16),
        syringe_ml=50,
        rate_ml_per_h=15,
        weight_kg=80,
    )
    assert dose == Decimal("0.5")
    assert sofa.compute_sofa(norepinephrine_mcg_kg_min=dose).cardiovascular == 4


Conversion = Callable[..., Decimal]


@pytest.mark.parametrize(
    ("function", "argument", "value", "expected"),
    [
        (units.bilirubin_umol_per_l_from_mg_per_dl, "mg_per_dl", 1.2, Decimal("20.52")),
        (units.bilirubin_umol_per_l_from_mg_per_dl, "mg_per_dl", 12, Decimal("205.2")),
        (units.bilirubin_mg_per_dl_from_umol_per_l, "umol_per_l", 20.52, Decimal("1.2")),
        (
            units.bilirubin_mg_per_dl_from_umol_per_l,
            "umol_per_l",
            20,
            Decimal(20) / Decimal("17.1"),
        ),
        (units.creatinine_umol_per_l_from_mg_per_dl, "mg_per_dl", 1.2, Decimal("106.08")),
        (units.creatinine_umol_per_l_from_mg_per_dl, "mg_per_dl", 5, Decimal("442")),
        (units.creatinine_mg_per_dl_from_umol_per_l, "umol_per_l", 442, Decimal(5)),
        (
            units.creatinine_mg_per_dl_from_umol_per_l,
            "umol_per_l",
            110,
            Decimal(110) / Decimal("88.4"),
        ),
        (units.pao2_mmhg_from_kpa, "kpa", 53.32, Decimal("399.9330584")),
        (units.pao2_mmhg_from_kpa, "kpa", 13.3, Decimal("99.758246")),
        (units.lactate_mg_per_dl_from_mmol_per_l, "mmol_per_l", 2, Decimal("18.02")),
        (units.lactate_mmol_per_l_from_mg_per_dl, "mg_per_dl", 18.02, Decimal(2)),
        (units.lactate_mmol_per_l_from_mg_per_dl, "mg_per_dl", 18, Decimal(18) / Decimal("9.01")),
        (units.fio2_fraction_from_percent, "percent", 28, Decimal("0.28")),
        (units.fio2_fraction_from_percent, "percent", 21, Decimal("0.21")),
        (units.fio2_fraction_from_percent, "percent", 100, Decimal(1)),
        (units.norepinephrine_base_mg_from_tartrate_mg, "tartrate_mg", 4, Decimal(2)),
        (units.norepinephrine_base_mg_from_tartrate_mg, "tartrate_mg", 1, Decimal("0.5")),
    ],
)
def test_conversions_are_exact(
    function: Conversion, argument: str, value: float, expected: Decimal
) -> None:
    result = function(**{argument: value})
    assert result == expected
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("function", "argument"),
    [
        (units.bilirubin_umol_per_l_from_mg_per_dl, "mg_per_dl"),
        (units.bilirubin_mg_per_dl_from_umol_per_l, "umol_per_l"),
        (units.creatinine_umol_per_l_from_mg_per_dl, "mg_per_dl"),
        (units.creatinine_mg_per_dl_from_umol_per_l, "umol_per_l"),
        (units.pao2_mmhg_from_kpa, "kpa"),
        (units.lactate_mg_per_dl_from_mmol_per_l, "mmol_per_l"),
        (units.lactate_mmol_per_l_from_mg_per_dl, "mg_per_dl"),
        (units.fio2_fraction_from_percent, "percent"),
        (units.norepinephrine_base_mg_from_tartrate_mg, "tartrate_mg"),
    ],
)
@pytest.mark.parametrize("bad", [0, -1, None, "x", True, float("nan")])
def test_conversions_name_the_argument(function: Conversion, argument: str, bad: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        function(**{argument: bad})
    assert caught.value.field == argument


@pytest.mark.parametrize("percent", [0.4, 20.9, 100.1])
def test_fio2_percent_outside_21_to_100(percent: float) -> None:
    with pytest.raises(InvalidInput) as caught:
        units.fio2_fraction_from_percent(percent=percent)
    assert caught.value.field == "percent"
