"""A visit's SOFA from its observations: codes, stored units, choices, deleted and bad values."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from msc_desk.models import Observation
from msc_desk.services.observation_sofa import sofa_inputs, visit_sofa


def _obs(
    code: str, value: str | None = None, unit: str | None = None, **extra: object
) -> Observation:
    number = None if value is None else Decimal(value)
    return Observation(visit_id=1, code=code, value=number, unit=unit, **extra)


FULL = [
    _obs("pao2", "68", "mmHg"),
    _obs("fio2", "60", "percent"),
    _obs("respiratory_support", value_text="invasive"),
    _obs("platelets", "18", "10e9/L"),
    _obs("bilirubin_total", "48"),
    _obs("map", "61"),
    _obs("norepinephrine", "1.1"),
    _obs("gcs", "10"),
    _obs("creatinine", "190"),
    _obs("urine_output", "450"),
]


def test_a_complete_visit_scores_every_organ() -> None:
    result = visit_sofa(FULL)
    assert result is not None
    assert (result.respiration, result.coagulation, result.liver) == (3, 4, 2)
    assert (result.cardiovascular, result.cns, result.renal) == (4, 2, 3)
    assert result.total == 18


def test_units_pick_the_keyword() -> None:
    inputs = sofa_inputs(
        [
            _obs("fio2", "0.6"),
            _obs("pao2", "9", "kpa"),
            _obs("creatinine", "2.1", "mg_dl"),
            _obs("bilirubin", "2", "mg_dl"),
            _obs("rrt", value_text="hemodialysis"),
            _obs("sedated", value_text="true"),
        ]
    )
    assert inputs == {
        "fio2_fraction": Decimal("0.6"),
        "pao2_kpa": Decimal("9"),
        "creatinine_mg_per_dl": Decimal("2.1"),
        "bilirubin_mg_per_dl": Decimal("2"),
        "rrt": True,
        "sedated": True,
    }


def test_deleted_and_missing_values_are_not_scored() -> None:
    deleted = _obs("platelets", "10", deleted_at=datetime(2026, 1, 1, tzinfo=UTC))
    missing = _obs("gcs", None, missing_reason="not_done")
    assert sofa_inputs([deleted, missing]) == {}
    assert visit_sofa([deleted, missing]) is None


def test_an_impossible_value_gives_no_score_rather_than_a_wrong_one() -> None:
    assert visit_sofa([*FULL[:-3], _obs("gcs", "40")]) is None
