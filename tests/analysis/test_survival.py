"""28-day mortality, Kaplan–Meier, log-rank and Fisher's test against hand-computed values."""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest

from msc_desk.analysis.survival import (
    SurvivalRecord,
    analyse_survival,
)

R = SurvivalRecord

# Ten patients. Arm A: death on day 2; lost (censored) on day 5; alive at 28 (three, one of
# them followed to day 35, censored administratively at 28). Arm B: deaths on days 1, 3, 3
# (tied deaths) and 5 (a death in B tied with A's censoring on day 5), one alive at 28.
EXAMPLE = [
    R("A", 2, True),
    R("A", 5, False),
    R("A", 28, False),
    R("A", 35, False),
    R("A", 28, False),
    R("B", 1, True),
    R("B", 3, True),
    R("B", 3, True),
    R("B", 5, True),
    R("B", 28, False),
]


def test_kaplan_meier_estimates_by_hand() -> None:
    result = analyse_survival(EXAMPLE, ["A", "B"])
    arm_a, arm_b = result.curves
    # A: day 2, 5 at risk, 1 death: S = 4/5 = 0.8; the censorings leave it at 0.8.
    assert [(s.time, s.survival) for s in arm_a.steps] == [(2, 0.8), (5, 0.8), (28, 0.8)]
    assert arm_a.censor_times == (5, 28, 28, 28)
    # B: day 1, 5 at risk, 1 death: 4/5 = 0.8; day 3, 4 at risk, 2 deaths: 0.8 × 2/4 = 0.4;
    # day 5, 2 at risk (B's 5 and 28), 1 death: 0.4 × 1/2 = 0.2.
    assert [s.time for s in arm_b.steps] == [1, 3, 5, 28]
    assert [s.survival for s in arm_b.steps] == pytest.approx([0.8, 0.4, 0.2, 0.2])
    assert arm_b.survival_at(0.5) == 1.0
    assert arm_b.survival_at(3) == pytest.approx(0.4)
    assert arm_b.survival_at(4.9) == pytest.approx(0.4)


def test_log_log_confidence_limits_by_hand() -> None:
    arm_a, arm_b = analyse_survival(EXAMPLE, ["A", "B"]).curves
    # A at day 2: S = 0.8; Greenwood Σ d/(n(n−d)) = 1/(5·4) = 0.05; ln S = −0.2231436;
    # se of ln(−ln S) = √(0.05 / 0.2231436²) = √1.0041563 = 1.0020760;
    # 1.959964 × 1.0020760 = 1.9640329, e^1.9640329 = 7.1280156:
    # lower = 0.8^7.1280156 = 0.2038093, upper = 0.8^(1/7.1280156) = 0.9691798.
    first = arm_a.steps[0]
    assert (first.lower, first.upper) == pytest.approx((0.2038093, 0.9691798), abs=1e-7)
    # B at day 3: S = 0.4; Σ = 1/(5·4) + 2/(4·2) = 0.3; ln 0.4 = −0.9162907;
    # se = √(0.3 / 0.9162907²) = 0.5977607; e^(1.959964 × 0.5977607) = e^1.1715894 = 3.2270:
    # lower = 0.4^3.2270 = 0.0519758, upper = 0.4^(1/3.2270) = 0.7528158.
    second = arm_b.steps[1]
    assert (second.lower, second.upper) == pytest.approx((0.0519758, 0.7528158), abs=1e-7)


def test_logrank_by_hand() -> None:
    # Death times 1, 2, 3, 5. At each: A at risk, B at risk, deaths d, expected in A
    # E = nA·d/N, variance nA·nB·d·(N−d)/(N²(N−1)):
    #   day 1: 5, 5, d=1 (B): E = 5/10 = 1/2,  V = 5·5·1·9/(100·9) = 1/4
    #   day 2: 5, 4, d=1 (A): E = 5/9,         V = 5·4·1·8/(81·8) = 20/81
    #   day 3: 4, 4, d=2 (B): E = 4·2/8 = 1,   V = 4·4·2·6/(64·7) = 3/7
    #   day 5: 4, 2, d=1 (B): E = 4/6 = 2/3,   V = 4·2·1·5/(36·5) = 2/9
    #     (A's patient censored on day 5 is still at risk: deaths come first)
    # O_A = 1, E_A = 49/18, O − E = −31/18 = −1.7222222; V = 2603/2268 = 1.1477072;
    # z = −1.7222222 / √1.1477072 = −1.6075838; two-sided p = erfc(1.6075838/√2) = 0.1079264.
    assert analyse_survival(EXAMPLE, ["A", "B"]).logrank_p == pytest.approx(0.1079264, abs=1e-7)


def test_fisher_and_mortality_by_hand() -> None:
    result = analyse_survival(EXAMPLE, ["A", "B"])
    a, b = result.mortality
    assert (a.patients, a.deaths, a.alive, a.lost) == (5, 1, 3, 1)
    assert (b.patients, b.deaths, b.alive, b.lost) == (5, 4, 1, 0)
    assert (a.proportion, b.proportion) == (0.25, 0.8)
    # Table [[1, 3], [4, 1]] (deaths, alive at 28; A's lost patient left out): rows 4 and 5,
    # 5 deaths of 9. P(a deaths in A) = C(4,a)·C(5,5−a)/C(9,5), C(9,5) = 126:
    # a = 0..4 → 1, 20, 60, 40, 5 (/126). Observed a = 1 (20/126); as or less likely:
    # a = 0, 1, 4 → (1 + 20 + 5)/126 = 26/126 = 0.2063492. Odds ratio 1·1/(3·4) = 1/12.
    assert result.fisher_p == pytest.approx(0.2063492, abs=1e-7)
    assert result.fisher_odds_ratio == pytest.approx(1 / 12)


def test_number_at_risk() -> None:
    result = analyse_survival(EXAMPLE, ["A", "B"], at_risk_days=(0, 2, 3, 7, 28))
    assert result.at_risk_days == (0, 2, 3, 7, 28)
    # A's times 2, 5, 28, 28, 28; B's 1, 3, 3, 5, 28 (at risk at d: time ≥ d).
    assert result.at_risk == ((5, 5, 4, 3, 3), (5, 4, 4, 1, 1))
    assert result.curves[0].at_risk(4.5) == 4 and result.curves[1].at_risk(28.5) == 0


def test_death_after_day_28_is_censored_at_28() -> None:
    result = analyse_survival([R("A", 30, True), R("B", 28, True)], ["A", "B"])
    late, on_day_28 = result.curves
    assert [(s.time, s.survival) for s in late.steps] == [(28, 1.0)]
    assert late.censor_times == (28,)
    assert [(s.time, s.survival) for s in on_day_28.steps] == [(28, 0.0)]
    assert (result.mortality[0].deaths, result.mortality[0].alive) == (0, 1)
    assert (result.mortality[1].deaths, result.mortality[1].alive) == (1, 0)


def test_all_censored_gives_flat_curves_and_no_logrank() -> None:
    records = [R("A", 28, False), R("A", 10, False), R("B", 28, False)]
    result = analyse_survival(records, ["A", "B"])
    for curve in result.curves:
        assert all(step.survival == 1.0 for step in curve.steps)
        assert all(step.lower is None and step.upper is None for step in curve.steps)
    assert result.logrank_p is None  # no death: nothing to compare
    # Fisher on [[0, 1], [0, 1]] is defined: p = 1.
    assert result.fisher_p == 1.0
    assert result.mortality[0].lost == 1


def test_an_empty_arm() -> None:
    result = analyse_survival([R("A", 3, True), R("A", 28, False)], ["A", "B"])
    empty = result.curves[1]
    assert empty.steps == () and empty.censor_times == ()
    assert empty.survival_at(10) == 1.0 and empty.step_at(10) is None
    assert result.mortality[1].patients == 0 and result.mortality[1].proportion is None
    assert result.at_risk[1] == (0, 0, 0, 0, 0)
    assert result.logrank_p is None and result.fisher_p is None
    assert result.curves[0].survival_at(3) == 0.5


def test_no_patients_at_all() -> None:
    result = analyse_survival([], ["A", "B"])
    assert [c.steps for c in result.curves] == [(), ()]
    assert result.logrank_p is None and result.fisher_p is None


def test_more_than_two_arms_gives_no_two_arm_tests() -> None:
    records = [R("A", 1, True), R("B", 28, False), R("C", 2, True), R("C", 28, False)]
    result = analyse_survival(records, ["A", "B", "C"])
    assert len(result.curves) == 3
    assert result.logrank_p is None and result.fisher_p is None


@pytest.mark.parametrize(
    "record",
    [R("A", -0.1, False), R("A", math.nan, True), R("A", math.inf, False), R("X", 1, True)],
)
def test_bad_records_are_refused(record: SurvivalRecord) -> None:
    with pytest.raises(ValueError):
        analyse_survival([record], ["A", "B"])


def test_an_arm_named_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        analyse_survival([], ["A", "A"])


def test_scipy_is_loaded_only_when_an_analysis_is_asked_for() -> None:
    # It costs seconds and ~100 MB: the main window, list and dashboard start without it.
    probe = (
        "import sys, msc_desk.ui.main_window, msc_desk.services.dashboard; "
        "print('scipy' in sys.modules)"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"
