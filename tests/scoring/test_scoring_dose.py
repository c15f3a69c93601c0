"""MSC dose: bounds, error codes, exact arithmetic and half-up volume rounding."""

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_desk.scoring import dose
from msc_desk.scoring.dose import DoseResult, compute_dose

VALID: dict[str, Any] = {
    "weight_kg": 70,
    "target_dose_million_cells_per_kg": 1.0,
    "product_concentration_cells_per_ml": 2_000_000,
    "viability_percent": 95,
}


def calc(**overrides: Any) -> DoseResult:
    return compute_dose(**{**VALID, **overrides})


def test_a_valid_dose() -> None:
    result = calc()
    assert result == DoseResult(
        valid=True,
        errors=(),
        total_viable_cells=Decimal(70_000_000),
        viable_concentration_cells_per_ml=Decimal(1_900_000),
        volume_ml_exact=Decimal(70_000_000) / Decimal(1_900_000),
        volume_ml=Decimal("36.8"),
        total_cells_infused=Decimal("73600000"),
    )
    assert str(result.volume_ml_exact) == "36.84210526315789473684210526"


@pytest.mark.parametrize(
    ("target", "valid"),
    [
        (0.99, False),
        (1.0, True),
        (1, True),
        ("1.0", True),
        (Decimal("1.00"), True),
        (1.5, True),
        (2.0, True),
        (Decimal("2"), True),
        (2.01, False),
        (0, False),
        (-1, False),
        (None, False),
    ],
)
def test_dose_bounds_are_inclusive(target: Any, valid: bool) -> None:
    result = calc(target_dose_million_cells_per_kg=target)
    assert result.valid is valid
    assert result.errors == (() if valid else ("dose_out_of_range",))


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("weight_kg", 0, "weight_invalid"),
        ("weight_kg", -70, "weight_invalid"),
        ("weight_kg", None, "weight_invalid"),
        ("weight_kg", "seventy", "weight_invalid"),
        ("weight_kg", True, "weight_invalid"),
        ("weight_kg", float("nan"), "weight_invalid"),
        ("weight_kg", float("inf"), "weight_invalid"),
        ("target_dose_million_cells_per_kg", "x", "dose_out_of_range"),
        ("target_dose_million_cells_per_kg", float("nan"), "dose_out_of_range"),
        ("product_concentration_cells_per_ml", 0, "concentration_invalid"),
        ("product_concentration_cells_per_ml", -1, "concentration_invalid"),
        ("product_concentration_cells_per_ml", None, "concentration_invalid"),
        ("product_concentration_cells_per_ml", [], "concentration_invalid"),
        ("viability_percent", 0, "viability_invalid"),
        ("viability_percent", -5, "viability_invalid"),
        ("viability_percent", 100.1, "viability_invalid"),
        ("viability_percent", None, "viability_invalid"),
        ("viability_percent", False, "viability_invalid"),
    ],
)
def test_each_error_code(field: str, value: Any, code: str) -> None:
    result = calc(**{field: value})
    assert result.valid is False
    assert result.errors == (code,)


@pytest.mark.parametrize("viability", [0.1, 1, 50, 99.99, 100, "100"])
def test_viability_range(viability: Any) -> None:
    assert calc(viability_percent=viability).valid is True


def test_every_error_at_once_and_no_exception() -> None:
    result = compute_dose()
    assert result.valid is False
    assert set(result.errors) == {
        dose.WEIGHT_INVALID,
        dose.DOSE_OUT_OF_RANGE,
        dose.CONCENTRATION_INVALID,
        dose.VIABILITY_INVALID,
    }
    assert set(result.errors) == {
        "weight_invalid",
        "dose_out_of_range",
        "concentration_invalid",
        "viability_invalid",
    }
    assert result.total_viable_cells is None
    assert result.viable_concentration_cells_per_ml is None
    assert result.volume_ml_exact is None
    assert result.volume_ml is None
    assert result.total_cells_infused is None


def test_fields_that_do_not_depend_on_a_bad_input_are_still_computed() -> None:
    bad_weight = calc(weight_kg=0)
    assert bad_weight.total_viable_cells is None
    assert bad_weight.viable_concentration_cells_per_ml == Decimal(1_900_000)
    assert bad_weight.volume_ml_exact is None
    assert bad_weight.volume_ml is None
    assert bad_weight.total_cells_infused is None

    bad_viability = calc(viability_percent=0)
    assert bad_viability.total_viable_cells == Decimal(70_000_000)
    assert bad_viability.viable_concentration_cells_per_ml is None
    assert bad_viability.volume_ml is None
    assert bad_viability.total_cells_infused is None


@pytest.mark.parametrize(
    ("weight", "exact", "rounded"),
    [
        # 1.0 x 10^6 viable cells per kg at 10^6 viable cells/mL: volume (mL) = weight (kg)
        (12.25, Decimal("12.25"), Decimal("12.3")),
        (40.05, Decimal("40.05"), Decimal("40.1")),  # round(40.05, 1) in floats gives 40.0
        (12.35, Decimal("12.35"), Decimal("12.4")),
        (12.45, Decimal("12.45"), Decimal("12.5")),  # half-even would give 12.4
        (12.24, Decimal("12.24"), Decimal("12.2")),
        (12.2499, Decimal("12.2499"), Decimal("12.2")),
        (70, Decimal(70), Decimal("70.0")),
        (0.04, Decimal("0.04"), Decimal("0.0")),
        (0.05, Decimal("0.05"), Decimal("0.1")),
    ],
)
def test_volume_rounds_half_up_to_a_tenth(weight: float, exact: Decimal, rounded: Decimal) -> None:
    result = compute_dose(
        weight_kg=weight,
        target_dose_million_cells_per_kg=1.0,
        product_concentration_cells_per_ml=1_000_000,
        viability_percent=100,
    )
    assert result.volume_ml_exact == exact
    assert result.volume_ml == rounded
    assert str(result.volume_ml) == str(rounded)
    assert result.total_cells_infused == rounded * 1_000_000


def test_dose_counts_viable_cells_and_infused_counts_total_cells() -> None:
    result = compute_dose(
        weight_kg=80,
        target_dose_million_cells_per_kg=2.0,
        product_concentration_cells_per_ml=5e6,
        viability_percent=80,
    )
    assert result.total_viable_cells == Decimal(160_000_000)
    assert result.viable_concentration_cells_per_ml == Decimal(4_000_000)
    assert result.volume_ml_exact == Decimal(40)
    assert result.volume_ml == Decimal("40.0")
    assert result.total_cells_infused == Decimal(200_000_000)


def test_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        compute_dose(weight=70)  # type: ignore[call-arg]


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=8),
    st.just(object()),
)


@settings(max_examples=80, deadline=None, database=None)
@given(anything, anything, anything, anything)
def test_compute_dose_never_raises(w: Any, d: Any, c: Any, v: Any) -> None:
    result = compute_dose(
        weight_kg=w,
        target_dose_million_cells_per_kg=d,
        product_concentration_cells_per_ml=c,
        viability_percent=v,
    )
    assert result.valid is (result.errors == ())
    assert (result.volume_ml is None) is (result.volume_ml_exact is None)
    if result.valid:
        assert result.volume_ml is not None
        assert result.volume_ml_exact is not None
        assert abs(result.volume_ml - result.volume_ml_exact) <= Decimal("0.05")
