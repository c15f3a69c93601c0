"""28-day outcome through the service: times from the records, estimates and p-values by hand."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from msc_desk.models import Arm, Outcome, PatientStatus, Role
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.session import unit_of_work
from msc_desk.services.trial_outcomes import trial_outcome
from tests.ui.trial_builder import ACTOR as SYSTEM
from tests.ui.trial_builder import NOW, add_patient, open_trial

INVESTIGATOR = Actor(None, "ivanov", Role.INVESTIGATOR, "test-laptop")
REVIEWER = Actor(None, "statistician", Role.BLINDED_REVIEWER, "test-laptop")
START = NOW - timedelta(days=60)


def _randomized(
    factory: SessionFactory,
    study_id: str,
    arm: Arm,
    *,
    died_day: float | None = None,
    alive_day: float | None = None,
    status: PatientStatus = PatientStatus.COMPLETED,
) -> None:
    randomized_at = START + timedelta(days=int(study_id[-2:]))
    died_at = None if died_day is None else randomized_at + timedelta(days=died_day)
    patient_id = add_patient(
        factory, study_id, PatientStatus.DIED if died_at else status,
        screened_at=randomized_at - timedelta(hours=1), randomized_at=randomized_at, arm=arm,
        died_at=died_at,
    )  # fmt: skip
    if alive_day is not None:
        with unit_of_work(factory, SYSTEM) as session:
            session.add(
                Outcome(
                    patient_id=patient_id,
                    last_known_alive_at=randomized_at + timedelta(days=alive_day),
                )
            )


@pytest.fixture
def small_trial(tmp_path: Path) -> Iterator[SessionFactory]:
    """MSC: death on day 2, seen alive on day 5, alive at 28. Control: deaths on 1 and 3, alive."""
    with open_trial(tmp_path) as factory:
        _randomized(factory, "MSC-01", Arm.MSC, died_day=2)
        _randomized(factory, "MSC-02", Arm.MSC, alive_day=5, status=PatientStatus.WITHDRAWN)
        _randomized(factory, "MSC-03", Arm.MSC, alive_day=30)
        _randomized(factory, "MSC-04", Arm.CONTROL, died_day=1)
        _randomized(factory, "MSC-05", Arm.CONTROL, died_day=3)
        _randomized(factory, "MSC-06", Arm.CONTROL, alive_day=28)
        yield factory


def test_estimates_and_p_values_match_the_hand_computation(small_trial: SessionFactory) -> None:
    analysis = trial_outcome(small_trial, INVESTIGATOR, now=NOW)
    assert analysis.arms == ("control", "msc")
    control, msc = analysis.curves
    # Control: 3 at risk on day 1, one dies (2/3); 2 at risk on day 3, one dies (1/3).
    assert control.survival_at(0.5) == 1.0
    assert control.survival_at(1) == pytest.approx(2 / 3)
    assert control.survival_at(3) == pytest.approx(1 / 3)
    # MSC: 3 at risk on day 2, one dies (2/3); the censoring on day 5 leaves it at 2/3.
    assert msc.survival_at(2) == pytest.approx(2 / 3)
    assert msc.survival_at(28) == pytest.approx(2 / 3)
    assert msc.censor_times == (5.0, 28.0)
    assert [(m.deaths, m.alive, m.lost) for m in analysis.mortality] == [(2, 1, 0), (1, 1, 1)]
    assert analysis.at_risk[1][:2] == (3, 1)  # MSC on day 0 and day 7

    # Log-rank by hand: at days 1, 2, 3 the MSC arm has 3/6, 3/5, 2/4 of those at risk.
    expected_msc = 3 / 6 + 3 / 5 + 2 / 4
    variance = (3 * 3 * 1 * 5) / (36 * 5) + (3 * 2 * 1 * 4) / (25 * 4) + (2 * 2 * 1 * 3) / (16 * 3)
    z = (1 - expected_msc) / math.sqrt(variance)
    assert analysis.logrank_p == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    # Fisher on [[2, 1], [1, 1]]: every table with these margins is at most as likely: p = 1.
    assert analysis.fisher_p == pytest.approx(1.0)


def test_a_contact_after_now_or_after_death_does_not_extend_follow_up(
    small_trial: SessionFactory,
) -> None:
    early = trial_outcome(small_trial, INVESTIGATOR, now=START + timedelta(days=10))
    msc = early.curves[1]
    # MSC-03's contact (day 30) lies after `now`: it is followed from randomization only.
    assert msc.follow_up == (0.0, 2.0, 5.0)
    assert early.mortality[1].patients == 3


def test_blinded_reviewer_gets_letters_only(small_trial: SessionFactory) -> None:
    analysis = trial_outcome(small_trial, REVIEWER, now=NOW)
    assert analysis.arms == ("A", "B")
    assert {curve.arm for curve in analysis.curves} == {"A", "B"}
    assert {count.arm for count in analysis.mortality} == {"A", "B"}
    unblinded = trial_outcome(small_trial, INVESTIGATOR, now=NOW)
    assert analysis.logrank_p == pytest.approx(unblinded.logrank_p)
