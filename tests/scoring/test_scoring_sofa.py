"""SOFA-1 bands, boundaries in both unit systems, missing data and invalid input."""

from decimal import Decimal
from typing import Any

import pytest

from msc_desk.scoring import InvalidInput, sofa
from msc_desk.scoring.sofa import compute_sofa

# ---------------------------------------------------------------- respiration


@pytest.mark.parametrize(
    ("pao2", "fio2", "ventilated", "points"),
    [
        (400, 1.0, None, 0),
        (400, 1.0, False, 0),
        (400, 1.0, True, 0),
        (399.6, 1.0, None, 1),  # never round PF before comparing
        (399.6, 1.0, True, 1),
        (300, 1.0, None, 1),
        (299.9, 1.0, None, 2),
        (299.9, 1.0, True, 2),
        (200, 1.0, None, 2),
        (200, 1.0, False, 2),
        (200, 1.0, True, 2),
        (199.9, 1.0, True, 3),
        (199.9, 1.0, False, 2),
        (199.9, 1.0, None, None),
        (100, 1.0, True, 3),
        (100, 1.0, False, 2),
        (99.9, 1.0, True, 4),
        (99.9, 1.0, False, 2),
        (99.9, 1.0, None, None),
        (40, 0.21, True, 3),  # 190.476…
        (20, 0.21, True, 4),  # 95.238…
        # float traps: in doubles each quotient falls just below the band edge
        (84, 0.28, None, 1),
        (84, 0.28, True, 1),
        (56, 0.28, True, 2),
        (56, 0.28, False, 2),
        (56, 0.28, None, 2),
        (112, 0.28, None, 0),
        (28, 0.28, True, 3),  # exactly 100
    ],
)
def test_respiration_mmhg_and_fraction(
    pao2: float, fio2: float, ventilated: bool | None, points: int | None
) -> None:
    result = compute_sofa(pao2_mmhg=pao2, fio2_fraction=fio2, on_ventilation=ventilated)
    assert result.respiration == points


@pytest.mark.parametrize(
    ("pao2", "percent", "ventilated", "points", "pf"),
    [
        (84, 28, None, 1, Decimal(300)),
        (56, 28, True, 2, Decimal(200)),
        (112, 28, None, 0, Decimal(400)),
        (84, 28.0, None, 1, Decimal(300)),
        (399.6, 100, None, 1, Decimal("399.6")),
        (60, 21, True, 2, Decimal(60) * 100 / Decimal(21)),
    ],
)
def test_respiration_fio2_percent(
    pao2: float, percent: float, ventilated: bool | None, points: int, pf: Decimal
) -> None:
    result = compute_sofa(pao2_mmhg=pao2, fio2_percent=percent, on_ventilation=ventilated)
    assert result.respiration == points
    assert result.pf_ratio_mmhg == pf


@pytest.mark.parametrize(
    ("kpa", "fio2", "ventilated", "points", "pf"),
    [
        (53.32, 1.0, None, 1, Decimal("399.9330584")),  # 0 by the printed kPa column
        (53.33, 1.0, None, 0, Decimal("400.0080646")),
        (40, 1.0, None, 1, Decimal("300.0248")),
        (39.99, 1.0, None, 2, Decimal("299.9497938")),
        (26.7, 1.0, True, 2, Decimal("200.266554")),
        (26.66, 1.0, True, 3, Decimal("199.9665292")),
        (13.34, 1.0, True, 3, Decimal("100.0582708")),
        (13.33, 1.0, True, 4, Decimal("99.9832646")),
        (21, 0.5, False, 1, Decimal("315.02604")),
    ],
)
def test_respiration_kpa(
    kpa: float, fio2: float, ventilated: bool | None, points: int, pf: Decimal
) -> None:
    result = compute_sofa(pao2_kpa=kpa, fio2_fraction=fio2, on_ventilation=ventilated)
    assert result.respiration == points
    assert result.pf_ratio_mmhg == pf


def test_pf_ratio_is_exact_and_not_rounded() -> None:
    result = compute_sofa(pao2_mmhg=84, fio2_fraction=0.28)
    assert result.pf_ratio_mmhg == Decimal(300)
    assert isinstance(result.pf_ratio_mmhg, Decimal)
    unending = compute_sofa(pao2_mmhg=100, fio2_fraction=0.3).pf_ratio_mmhg
    assert unending == Decimal(100) / Decimal("0.3")
    assert str(unending) == "333.3333333333333333333333333"


@pytest.mark.parametrize(
    "values",
    [
        {"pao2_mmhg": 80},
        {"pao2_kpa": 10},
        {"fio2_fraction": 0.5},
        {"fio2_percent": 50, "on_ventilation": True},
        {},
    ],
)
def test_respiration_needs_both_pao2_and_fio2(values: dict[str, Any]) -> None:
    result = compute_sofa(**values)
    assert result.respiration is None
    assert result.pf_ratio_mmhg is None


def test_pf_ratio_reported_when_ventilation_unknown() -> None:
    result = compute_sofa(pao2_mmhg=60, fio2_fraction=0.6)
    assert result.respiration is None
    assert result.pf_ratio_mmhg == Decimal(100)


# ---------------------------------------------------------------- coagulation


@pytest.mark.parametrize(
    ("platelets", "points"),
    [
        (None, None),
        (400, 0),
        (150, 0),
        (149.9, 1),
        (149, 1),
        (100, 1),
        (99.9, 2),
        (99, 2),
        (50, 2),
        (49.9, 3),
        (49, 3),
        (20, 3),
        (19.9, 4),
        (19, 4),
        (0, 4),
        ("150", 0),
        (Decimal("149.99"), 1),
    ],
)
def test_coagulation(platelets: Any, points: int | None) -> None:
    assert compute_sofa(platelets_10e9_per_l=platelets).coagulation == points


# ---------------------------------------------------------------- liver


@pytest.mark.parametrize(
    ("umol", "points"),
    [
        (1, 0),
        (19.9, 0),
        (20, 1),
        (32.9, 1),
        (33, 2),
        (101.9, 2),
        (102, 3),
        (204, 3),
        (204.1, 4),
        (204.2, 4),
        (205, 4),
        (600, 4),
    ],
)
def test_liver_umol_per_l_on_the_published_si_column(umol: float, points: int) -> None:
    assert compute_sofa(bilirubin_umol_per_l=umol).liver == points


@pytest.mark.parametrize(
    ("mg", "points"),
    [
        (0.3, 0),
        (1.19, 0),
        (1.2, 1),
        (1.99, 1),
        (2.0, 2),
        (5.99, 2),
        (6.0, 3),
        (11.99, 3),
        (12.0, 4),
        (12.01, 4),
        (30, 4),
    ],
)
def test_liver_mg_per_dl(mg: float, points: int) -> None:
    assert compute_sofa(bilirubin_mg_per_dl=mg).liver == points


def test_liver_missing() -> None:
    assert compute_sofa().liver is None


# ---------------------------------------------------------------- cardiovascular


@pytest.mark.parametrize(
    ("values", "points"),
    [
        ({"map_mmhg": 90}, 0),
        ({"map_mmhg": 70}, 0),
        ({"map_mmhg": 69.9}, 1),
        ({"map_mmhg": 0}, 1),
        ({}, None),
        ({"map_mmhg": None}, None),
        ({"map_mmhg": 80, "dopamine_mcg_kg_min": 5.0}, 2),
        ({"map_mmhg": 80, "dopamine_mcg_kg_min": 5}, 2),
        ({"map_mmhg": 80, "dopamine_mcg_kg_min": 5.01}, 3),
        ({"map_mmhg": 80, "dopamine_mcg_kg_min": 15}, 3),
        ({"map_mmhg": 80, "dopamine_mcg_kg_min": 15.01}, 4),
        ({"map_mmhg": 80, "dopamine_mcg_kg_min": 0.5}, 2),
        ({"map_mmhg": 80, "dobutamine_mcg_kg_min": 0.01}, 2),
        ({"map_mmhg": 80, "dobutamine_mcg_kg_min": 20}, 2),
        ({"map_mmhg": 80, "epinephrine_mcg_kg_min": 0.01}, 3),
        ({"map_mmhg": 80, "epinephrine_mcg_kg_min": 0.1}, 3),
        ({"map_mmhg": 80, "epinephrine_mcg_kg_min": 0.11}, 4),
        ({"map_mmhg": 80, "norepinephrine_mcg_kg_min": 0.01}, 3),
        ({"map_mmhg": 80, "norepinephrine_mcg_kg_min": 0.1}, 3),
        ({"map_mmhg": 80, "norepinephrine_mcg_kg_min": 0.11}, 4),
        ({"map_mmhg": 60, "dopamine_mcg_kg_min": 3, "norepinephrine_mcg_kg_min": 0.05}, 3),
        ({"map_mmhg": 60, "dobutamine_mcg_kg_min": 5, "epinephrine_mcg_kg_min": 0.2}, 4),
        # explicit 0 means not given (MIMIC scores a 0 rate as 3)
        ({"map_mmhg": 80, "norepinephrine_mcg_kg_min": 0}, 0),
        ({"map_mmhg": 65, "norepinephrine_mcg_kg_min": 0.0}, 1),
        (
            {
                "map_mmhg": 75,
                "dopamine_mcg_kg_min": 0,
                "dobutamine_mcg_kg_min": 0,
                "epinephrine_mcg_kg_min": "0",
                "norepinephrine_mcg_kg_min": Decimal("0.00"),
            },
            0,
        ),
        ({"norepinephrine_mcg_kg_min": 0}, None),
        # MAP missing: the agents decide when any is given
        ({"norepinephrine_mcg_kg_min": 0.3}, 4),
        ({"norepinephrine_mcg_kg_min": 0.05}, 3),
        ({"dopamine_mcg_kg_min": 5}, 2),
        ({"dobutamine_mcg_kg_min": 2.5}, 2),
        ({"vasopressin_u_min": 0.03}, None),
        ({"map_mmhg": 60, "vasopressin_u_min": 0.03}, 1),
    ],
)
def test_cardiovascular(values: dict[str, Any], points: int | None) -> None:
    assert compute_sofa(**values).cardiovascular == points


@pytest.mark.parametrize(
    ("vasopressin", "flags"),
    [
        (None, ()),
        (0, ()),
        (0.0, ()),
        (0.03, ("vasopressin_not_scored",)),
        ("0.04", (sofa.VASOPRESSIN_NOT_SCORED,)),
    ],
)
def test_vasopressin_is_flagged_not_scored(vasopressin: Any, flags: tuple[str, ...]) -> None:
    result = compute_sofa(
        map_mmhg=60, norepinephrine_mcg_kg_min=0.05, vasopressin_u_min=vasopressin
    )
    assert result.flags == flags
    assert result.cardiovascular == 3


# ---------------------------------------------------------------- CNS


@pytest.mark.parametrize(
    ("gcs", "points"),
    [
        (15, 0),
        (14, 1),
        (13, 1),
        (12, 2),
        (10, 2),
        (9, 3),
        (6, 3),
        (5, 4),
        (3, 4),
        (12.0, 2),
        ("12", 2),
        (Decimal("12.00"), 2),
        (None, None),
    ],
)
def test_cns(gcs: Any, points: int | None) -> None:
    assert compute_sofa(gcs=gcs).cns == points
    assert compute_sofa(gcs=gcs, sedated=False).cns == points
    assert compute_sofa(gcs=gcs, sedated=None).cns == points


@pytest.mark.parametrize(
    ("values", "points"),
    [
        ({"sedated": True, "gcs": 3, "gcs_presedation": 15}, 0),
        ({"sedated": True, "gcs": 3, "gcs_presedation": 9}, 3),
        ({"sedated": True, "gcs": 15, "gcs_presedation": 5}, 4),
        ({"sedated": True, "gcs": 3}, 0),
        ({"sedated": True}, 0),
        ({"sedated": False, "gcs": 7, "gcs_presedation": 15}, 3),
        ({"sedated": None, "gcs": 7, "gcs_presedation": 15}, 3),
        ({"sedated": False, "gcs_presedation": 15}, None),
    ],
)
def test_cns_sedation(values: dict[str, Any], points: int | None) -> None:
    assert compute_sofa(**values).cns == points


# ---------------------------------------------------------------- renal


@pytest.mark.parametrize(
    ("umol", "points"),
    [
        (50, 0),
        (109, 0),
        (109.9, 0),
        (110, 1),
        (170, 1),
        (170.9, 1),
        (171, 2),
        (299, 2),
        (299.9, 2),
        (300, 3),
        (440, 3),
        (440.1, 4),
        (800, 4),
    ],
)
def test_renal_umol_per_l_on_the_published_si_column(umol: float, points: int) -> None:
    assert compute_sofa(creatinine_umol_per_l=umol).renal == points


@pytest.mark.parametrize(
    ("mg", "points"),
    [
        (0.5, 0),
        (1.19, 0),
        (1.2, 1),
        (1.99, 1),
        (2.0, 2),
        (3.49, 2),
        (3.5, 3),
        (4.99, 3),
        (5.0, 4),
        (5.01, 4),
    ],
)
def test_renal_mg_per_dl(mg: float, points: int) -> None:
    assert compute_sofa(creatinine_mg_per_dl=mg).renal == points


@pytest.mark.parametrize(
    ("creatinine", "urine", "points"),
    [
        (50, 2000, 0),
        (50, 500, 0),
        (50, 499, 3),
        (50, 200, 3),
        (50, 199, 4),
        (50, 0, 4),
        (50, None, 0),
        (320, 500, 3),
        (320, 199, 4),
        (500, 1000, 4),
        (None, 199, 4),
        (None, 0, 4),
        (None, 200, None),
        (None, 499, None),
        (None, 500, None),
        (None, None, None),
    ],
)
def test_renal_urine_output(creatinine: int | None, urine: int | None, points: int | None) -> None:
    result = compute_sofa(creatinine_umol_per_l=creatinine, urine_output_ml_per_day=urine)
    assert result.renal == points


@pytest.mark.parametrize(
    ("values", "points"),
    [
        ({"rrt": True, "rrt_scores_4": True}, 4),
        ({"rrt": True, "rrt_scores_4": True, "creatinine_umol_per_l": 80}, 4),
        ({"rrt": True, "rrt_scores_4": True, "urine_output_ml_per_day": 1500}, 4),
        ({"rrt": True, "rrt_scores_4": False, "creatinine_umol_per_l": 80}, 0),
        ({"rrt": True, "rrt_scores_4": None, "creatinine_umol_per_l": 80}, 0),
        ({"rrt": True, "creatinine_umol_per_l": 200}, 2),
        ({"rrt": True}, None),
        ({"rrt": False, "rrt_scores_4": True, "creatinine_umol_per_l": 80}, 0),
        ({"rrt": None, "rrt_scores_4": True, "creatinine_umol_per_l": 80}, 0),
        ({"rrt": None, "rrt_scores_4": True}, None),
    ],
)
def test_renal_rrt_switch(values: dict[str, Any], points: int | None) -> None:
    assert compute_sofa(**values).renal == points


# ---------------------------------------------------------------- totals

FULL: dict[str, Any] = {
    "pao2_mmhg": 84,
    "fio2_fraction": 0.28,  # 300 -> 1
    "platelets_10e9_per_l": 49,  # 3
    "bilirubin_umol_per_l": 33,  # 2
    "map_mmhg": 60,
    "norepinephrine_mcg_kg_min": 0.3,  # 4
    "gcs": 13,  # 1
    "creatinine_umol_per_l": 171,  # 2
}


def test_total_of_six_known_organs() -> None:
    result = compute_sofa(**FULL)
    assert (
        result.respiration,
        result.coagulation,
        result.liver,
        result.cardiovascular,
        result.cns,
        result.renal,
    ) == (1, 3, 2, 4, 1, 2)
    assert result.total == 13
    assert result.total_missing_as_normal == 13
    assert result.flags == ()


@pytest.mark.parametrize(
    ("missing", "partial"),
    [
        ("gcs", 12),
        ("platelets_10e9_per_l", 10),
        ("fio2_fraction", 12),
        ("creatinine_umol_per_l", 11),
    ],
)
def test_total_is_none_when_an_organ_is_missing(missing: str, partial: int) -> None:
    values = {key: value for key, value in FULL.items() if key != missing}
    result = compute_sofa(**values)
    assert result.total is None
    assert result.total_missing_as_normal == partial


def test_nothing_measured() -> None:
    result = compute_sofa()
    assert result == sofa.SofaResult(
        respiration=None,
        coagulation=None,
        liver=None,
        cardiovascular=None,
        cns=None,
        renal=None,
        total=None,
        total_missing_as_normal=0,
        pf_ratio_mmhg=None,
        flags=(),
    )


def test_result_is_frozen() -> None:
    result = compute_sofa(**FULL)
    with pytest.raises(AttributeError):
        result.total = 0  # type: ignore[misc]


# ---------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    ("values", "field"),
    [
        # one source per measurement, even when the values agree or one is unreadable
        ({"pao2_mmhg": 75.0062, "pao2_kpa": 10}, "pao2"),
        ({"pao2_mmhg": "bad", "pao2_kpa": 10}, "pao2"),
        ({"fio2_fraction": 0.5, "fio2_percent": 50}, "fio2"),
        ({"fio2_fraction": 1.5, "fio2_percent": 50}, "fio2"),
        ({"bilirubin_umol_per_l": 17.1, "bilirubin_mg_per_dl": 1}, "bilirubin"),
        ({"bilirubin_umol_per_l": -1, "bilirubin_mg_per_dl": -1}, "bilirubin"),
        ({"creatinine_umol_per_l": 88.4, "creatinine_mg_per_dl": 1}, "creatinine"),
        ({"creatinine_umol_per_l": 88.4, "creatinine_mg_per_dl": 1, "gcs": 16}, "creatinine"),
        # single values
        ({"fio2_fraction": 1.5}, "fio2_fraction"),
        ({"fio2_fraction": 1.01}, "fio2_fraction"),
        ({"fio2_fraction": 0.2}, "fio2_fraction"),
        ({"fio2_fraction": 0.209}, "fio2_fraction"),
        ({"fio2_fraction": 21}, "fio2_fraction"),
        ({"fio2_percent": 0.4}, "fio2_percent"),
        ({"fio2_percent": 20.9}, "fio2_percent"),
        ({"fio2_percent": 100.1}, "fio2_percent"),
        ({"pao2_mmhg": 0}, "pao2_mmhg"),
        ({"pao2_mmhg": -80}, "pao2_mmhg"),
        ({"pao2_kpa": 0}, "pao2_kpa"),
        ({"pao2_kpa": -1}, "pao2_kpa"),
        ({"platelets_10e9_per_l": -1}, "platelets_10e9_per_l"),
        ({"platelets_10e9_per_l": -0.1}, "platelets_10e9_per_l"),
        ({"bilirubin_umol_per_l": 0}, "bilirubin_umol_per_l"),
        ({"bilirubin_mg_per_dl": 0}, "bilirubin_mg_per_dl"),
        ({"bilirubin_mg_per_dl": -0.5}, "bilirubin_mg_per_dl"),
        ({"map_mmhg": -1}, "map_mmhg"),
        ({"dopamine_mcg_kg_min": -0.01}, "dopamine_mcg_kg_min"),
        ({"dobutamine_mcg_kg_min": -5}, "dobutamine_mcg_kg_min"),
        ({"epinephrine_mcg_kg_min": -0.1}, "epinephrine_mcg_kg_min"),
        ({"norepinephrine_mcg_kg_min": -0.1}, "norepinephrine_mcg_kg_min"),
        ({"vasopressin_u_min": -0.03}, "vasopressin_u_min"),
        ({"gcs": 16}, "gcs"),
        ({"gcs": 2}, "gcs"),
        ({"gcs": 0}, "gcs"),
        ({"gcs": 12.5}, "gcs"),
        ({"gcs": "12.5"}, "gcs"),
        ({"gcs": Decimal("14.1")}, "gcs"),
        ({"gcs_presedation": 16}, "gcs_presedation"),
        ({"gcs_presedation": 7.5}, "gcs_presedation"),
        ({"creatinine_umol_per_l": 0}, "creatinine_umol_per_l"),
        ({"creatinine_mg_per_dl": -1}, "creatinine_mg_per_dl"),
        ({"urine_output_ml_per_day": -1}, "urine_output_ml_per_day"),
        # every value given is validated, even one the rules then ignore
        ({"sedated": True, "gcs": 16, "gcs_presedation": 10}, "gcs"),
        ({"sedated": False, "gcs": 15, "gcs_presedation": 2}, "gcs_presedation"),
        (
            {"map_mmhg": 80, "norepinephrine_mcg_kg_min": 0.5, "dobutamine_mcg_kg_min": -1},
            ("dobutamine_mcg_kg_min"),
        ),
        ({"pao2_mmhg": 450, "fio2_fraction": 1, "on_ventilation": "no"}, "on_ventilation"),
        (
            {"rrt": True, "rrt_scores_4": True, "creatinine_umol_per_l": -1},
            ("creatinine_umol_per_l"),
        ),
        ({"pao2_mmhg": 80, "fio2_percent": 5}, "fio2_percent"),
        # boolean keywords take True, False or None only
        ({"on_ventilation": 1}, "on_ventilation"),
        ({"sedated": "yes"}, "sedated"),
        ({"rrt": 0}, "rrt"),
        ({"rrt_scores_4": "True"}, "rrt_scores_4"),
    ],
)
def test_invalid_input_names_the_field(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        compute_sofa(**values)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "bad",
    [
        True,
        False,
        float("nan"),
        float("inf"),
        float("-inf"),
        "abc",
        "",
        "nan",
        "Infinity",
        "1,5",
        "1_000",
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        [],
        object(),
        1j,
    ],
)
def test_non_numbers_are_invalid(bad: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        compute_sofa(platelets_10e9_per_l=bad)
    assert caught.value.field == "platelets_10e9_per_l"


@pytest.mark.parametrize("good", [149, 149.0, "149", " 149 ", Decimal("149"), "1.49e2"])
def test_numbers_in_every_accepted_form(good: Any) -> None:
    assert compute_sofa(platelets_10e9_per_l=good).coagulation == 1


def test_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        compute_sofa(platelets=100)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        compute_sofa(fio2=0.5)  # type: ignore[call-arg]


def test_positional_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        compute_sofa(80)  # type: ignore[call-arg]
