"""Property-based SOFA checks: no valid input raises, and each organ is monotone in its value."""

import math
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from msc_desk.scoring.sofa import SofaResult, compute_sofa

FAST = settings(max_examples=50, deadline=None, database=None)
BROAD = settings(max_examples=100, deadline=None, database=None)


def numbers(low: float, high: float, *, low_open: bool = False) -> st.SearchStrategy[Any]:
    """A valid number in every accepted form: int, float, Decimal or numeric text."""
    decimals = st.decimals(
        min_value=Decimal(str(low)),
        max_value=Decimal(str(high)),
        allow_nan=False,
        allow_infinity=False,
        places=3,
    )
    if low_open:
        decimals = decimals.filter(lambda d: d > Decimal(str(low)))
    return st.one_of(
        decimals,
        decimals.map(str),
        decimals.map(float).filter(lambda f: low < f if low_open else low <= f),
        st.integers(math.floor(low) + 1 if low_open else math.ceil(low), math.floor(high)),
    )


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


flags = st.sampled_from([None, True, False])
doses = optional(st.one_of(st.just(0), numbers(0, 60)))


@st.composite
def valid_inputs(draw: st.DrawFn) -> dict[str, Any]:
    values: dict[str, Any] = {}

    def one_of_units(options: dict[str, st.SearchStrategy[Any]]) -> None:
        key = draw(st.sampled_from(sorted(options)))
        values[key] = draw(optional(options[key]))

    one_of_units(
        {"pao2_mmhg": numbers(0, 700, low_open=True), "pao2_kpa": numbers(0, 90, low_open=True)}
    )
    one_of_units({"fio2_fraction": numbers(0.21, 1), "fio2_percent": numbers(21, 100)})
    one_of_units(
        {
            "bilirubin_umol_per_l": numbers(0, 900, low_open=True),
            "bilirubin_mg_per_dl": numbers(0, 50, low_open=True),
        }
    )
    one_of_units(
        {
            "creatinine_umol_per_l": numbers(0, 1500, low_open=True),
            "creatinine_mg_per_dl": numbers(0, 20, low_open=True),
        }
    )
    values["on_ventilation"] = draw(flags)
    values["platelets_10e9_per_l"] = draw(optional(numbers(0, 1000)))
    values["map_mmhg"] = draw(optional(numbers(0, 200)))
    for agent in ("dopamine", "dobutamine", "epinephrine", "norepinephrine"):
        values[f"{agent}_mcg_kg_min"] = draw(doses)
    values["vasopressin_u_min"] = draw(optional(numbers(0, 0.1)))
    values["gcs"] = draw(optional(st.integers(3, 15)))
    values["sedated"] = draw(flags)
    values["gcs_presedation"] = draw(optional(st.integers(3, 15).map(float)))
    values["urine_output_ml_per_day"] = draw(optional(numbers(0, 5000)))
    values["rrt"] = draw(flags)
    values["rrt_scores_4"] = draw(flags)
    return values


ORGANS = ("respiration", "coagulation", "liver", "cardiovascular", "cns", "renal")


@BROAD
@given(valid_inputs())
def test_no_valid_input_raises_and_the_result_is_consistent(values: dict[str, Any]) -> None:
    result = compute_sofa(**values)
    assert isinstance(result, SofaResult)
    points = [getattr(result, organ) for organ in ORGANS]
    for point in points:
        assert point is None or (isinstance(point, int) and 0 <= point <= 4)
    known = [p for p in points if p is not None]
    assert result.total_missing_as_normal == sum(known)
    assert result.total == (sum(known) if len(known) == 6 else None)
    assert result.pf_ratio_mmhg is None or isinstance(result.pf_ratio_mmhg, Decimal)


def pair(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Decimal, Decimal]]:
    """Two values, lower first."""
    return st.tuples(strategy, strategy).map(lambda ab: (min(ab), max(ab)))


def decimals(low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low), max_value=Decimal(high), allow_nan=False, allow_infinity=False
    )


def score(organ: str, **values: Any) -> int | None:
    value: int | None = getattr(compute_sofa(**values), organ)
    return value


@FAST
@given(pair(decimals("0", "1000")))
def test_lower_platelets_never_lower_coagulation(lo_hi: tuple[Decimal, Decimal]) -> None:
    lo, hi = lo_hi
    assert score("coagulation", platelets_10e9_per_l=lo) >= score(  # type: ignore[operator]
        "coagulation", platelets_10e9_per_l=hi
    )


@FAST
@given(
    st.sampled_from(["bilirubin_umol_per_l", "bilirubin_mg_per_dl"]), pair(decimals("0.01", "900"))
)
def test_higher_bilirubin_never_lowers_liver(key: str, lo_hi: tuple[Decimal, Decimal]) -> None:
    lo, hi = lo_hi
    assert score("liver", **{key: lo}) <= score("liver", **{key: hi})  # type: ignore[operator]


@FAST
@given(
    st.sampled_from(["creatinine_umol_per_l", "creatinine_mg_per_dl"]),
    pair(decimals("0.01", "1500")),
    st.one_of(st.none(), decimals("0", "3000")),
    st.sampled_from([None, True, False]),
)
def test_higher_creatinine_never_lowers_renal(
    key: str, lo_hi: tuple[Decimal, Decimal], urine: Decimal | None, rrt: bool | None
) -> None:
    lo, hi = lo_hi
    common = {"urine_output_ml_per_day": urine, "rrt": rrt, "rrt_scores_4": True}
    assert score("renal", **{key: lo}, **common) <= score(  # type: ignore[operator]
        "renal", **{key: hi}, **common
    )


@FAST
@given(
    pair(decimals("0", "3000")),
    st.sampled_from([None, "creatinine_umol_per_l", "creatinine_mg_per_dl"]),
    decimals("0.1", "15"),
)
def test_less_urine_never_lowers_renal(
    lo_hi: tuple[Decimal, Decimal], key: str | None, creatinine: Decimal
) -> None:
    lo, hi = lo_hi
    common = {} if key is None else {key: creatinine}
    less = score("renal", urine_output_ml_per_day=lo, **common)
    more = score("renal", urine_output_ml_per_day=hi, **common)
    if more is not None:
        assert less is not None
        assert less >= more
    else:
        assert key is None


AGENTS = (
    "dopamine_mcg_kg_min",
    "dobutamine_mcg_kg_min",
    "epinephrine_mcg_kg_min",
    "norepinephrine_mcg_kg_min",
)


@FAST
@given(
    st.sampled_from(AGENTS),
    pair(decimals("0", "50")),
    st.one_of(st.none(), decimals("0", "150")),
    st.fixed_dictionaries({agent: st.one_of(st.none(), decimals("0", "1")) for agent in AGENTS}),
)
def test_a_higher_dose_never_lowers_cardiovascular(
    agent: str,
    lo_hi: tuple[Decimal, Decimal],
    map_mmhg: Decimal | None,
    others: dict[str, Decimal | None],
) -> None:
    lo, hi = lo_hi
    base = {**others, "map_mmhg": map_mmhg}
    low = score("cardiovascular", **{**base, agent: lo})
    high = score("cardiovascular", **{**base, agent: hi})
    if low is not None:
        assert high is not None
        assert low <= high


@FAST
@given(
    pair(decimals("0", "150")), st.sampled_from(AGENTS), st.one_of(st.none(), decimals("0", "1"))
)
def test_a_lower_map_never_lowers_cardiovascular(
    lo_hi: tuple[Decimal, Decimal], agent: str, dose: Decimal | None
) -> None:
    lo, hi = lo_hi
    low_map = score("cardiovascular", map_mmhg=lo, **{agent: dose})
    high_map = score("cardiovascular", map_mmhg=hi, **{agent: dose})
    assert low_map >= high_map  # type: ignore[operator]


@FAST
@given(pair(st.integers(3, 15).map(Decimal)), st.sampled_from([None, False, True]))
def test_a_lower_gcs_never_lowers_cns(lo_hi: tuple[Decimal, Decimal], sedated: bool | None) -> None:
    lo, hi = lo_hi
    if sedated:
        low, high = (score("cns", sedated=True, gcs_presedation=v) for v in (lo, hi))
    else:
        low, high = (score("cns", sedated=sedated, gcs=v) for v in (lo, hi))
    assert low >= high  # type: ignore[operator]


@FAST
@given(
    pair(decimals("1", "700")),
    st.sampled_from(["pao2_mmhg", "pao2_kpa"]),
    decimals("0.21", "1"),
    st.sampled_from([True, False, None]),
)
def test_a_lower_pao2_never_lowers_respiration(
    lo_hi: tuple[Decimal, Decimal], key: str, fio2: Decimal, ventilated: bool | None
) -> None:
    lo, hi = lo_hi
    common = {"fio2_fraction": fio2, "on_ventilation": ventilated}
    low = score("respiration", **{key: lo}, **common)
    high = score("respiration", **{key: hi}, **common)
    if low is not None and high is not None:
        assert low >= high
    if ventilated is not None:
        assert low is not None
        assert high is not None


@FAST
@given(
    decimals("1", "700"),
    pair(st.integers(21, 100).map(Decimal)),
    st.sampled_from([True, False]),
)
def test_a_higher_fio2_never_lowers_respiration(
    pao2: Decimal, lo_hi: tuple[Decimal, Decimal], ventilated: bool
) -> None:
    lo, hi = lo_hi
    common = {"pao2_mmhg": pao2, "on_ventilation": ventilated}
    assert score("respiration", fio2_percent=lo, **common) <= score(  # type: ignore[operator]
        "respiration", fio2_percent=hi, **common
    )
