"""The patient's timeline and trends from the records: events in place, bands, SOFA, blinding."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from msc_desk.analysis.timeline import Ending, SupportKind
from msc_desk.analysis.trends import TrendMeasure
from msc_desk.models import (
    AdverseEvent,
    Arm,
    Infusion,
    Observation,
    Outcome,
    PatientStatus,
    Role,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring.visits import VisitState
from msc_desk.services.actor import Actor
from msc_desk.services.patient_timeline import patient_timeline
from msc_desk.services.patient_trends import patient_trends
from msc_desk.services.patients import PatientNotFound
from msc_desk.services.session import unit_of_work
from tests.ui.trial_builder import ACTOR as SYSTEM
from tests.ui.trial_builder import NOW, add_patient, open_trial

INVESTIGATOR = Actor(None, "ivanov", Role.INVESTIGATOR, "test-laptop")
REVIEWER = Actor(None, "statistician", Role.BLINDED_REVIEWER, "test-laptop")
RANDOMIZED = NOW - timedelta(days=9)  # 03:40 Moscow nine days ago
DONE = VisitStatus.DONE

# Day 0: ventilated, norepinephrine, no RRT; day 2: still ventilated, on RRT; day 3: extubated,
# off norepinephrine, RRT goes on; day 7 never recorded (its window, days 6–8, has closed).
OBSERVATIONS = {
    0: {"respiratory_support": "invasive", "rrt": "none", "norepinephrine": Decimal("0.3"),
        "pao2": Decimal(60), "fio2": Decimal("0.6"), "platelets": Decimal(15),
        "bilirubin_total": Decimal(40), "map": Decimal(65), "gcs": Decimal(15),
        "creatinine": Decimal(100), "urine_output": Decimal(1000), "il6": Decimal(850)},
    2: {"respiratory_support": "invasive", "rrt": "hemodiafiltration",
        "norepinephrine": Decimal("0.05"), "il6": Decimal(300)},
    3: {"respiratory_support": "oxygen", "rrt": "hemodiafiltration", "norepinephrine": Decimal(0),
        "pct": Decimal("2.5")},
}  # fmt: skip


@pytest.fixture
def patient(tmp_path: Path) -> Iterator[tuple[SessionFactory, int]]:
    with open_trial(tmp_path) as factory:
        patient_id = add_patient(
            factory, "MSC-001", PatientStatus.RANDOMIZED,
            screened_at=RANDOMIZED - timedelta(hours=2), randomized_at=RANDOMIZED,
            arm=Arm.MSC, visits={0: DONE, 2: DONE, 3: DONE},
        )  # fmt: skip
        with unit_of_work(factory, SYSTEM) as session:
            for visit in session.scalars(select(Visit).where(Visit.patient_id == patient_id)):
                for code, value in OBSERVATIONS[visit.study_day].items():
                    text = value if isinstance(value, str) else None
                    number = None if isinstance(value, str) else value
                    session.add(
                        Observation(visit_id=visit.id, code=code, value=number, value_text=text)
                    )
            session.add(
                Infusion(
                    patient_id=patient_id,
                    started_at=RANDOMIZED + timedelta(hours=2),
                    ended_at=RANDOMIZED + timedelta(hours=3),
                    weight_kg=Decimal(70),
                )
            )
            session.add(
                AdverseEvent(
                    patient_id=patient_id,
                    term="Озноб",
                    onset_at=RANDOMIZED + timedelta(hours=2, minutes=30),
                    serious=True,
                    related_to_msc="possible",
                )
            )
            session.add(
                Outcome(patient_id=patient_id, discharged_at=RANDOMIZED + timedelta(days=8))
            )
        yield factory, patient_id


def test_timeline_places_each_event(patient: tuple[SessionFactory, int]) -> None:
    timeline = patient_timeline(*patient[:1], INVESTIGATOR, patient[1], NOW)
    assert timeline.randomization == RANDOMIZED
    assert timeline.screening == RANDOMIZED - timedelta(hours=2)
    assert timeline.shock_onset == RANDOMIZED - timedelta(hours=6)
    assert [(i.start, i.end) for i in timeline.infusions] == [
        (RANDOMIZED + timedelta(hours=2), RANDOMIZED + timedelta(hours=3))
    ]
    [event] = timeline.adverse_events
    assert (event.term, event.serious) == ("Озноб", True)
    states = {visit.study_day: visit.state for visit in timeline.visits}
    assert states == {
        0: VisitState.DONE, 2: VisitState.DONE, 3: VisitState.DONE, 7: VisitState.MISSED,
        14: VisitState.UPCOMING, 21: VisitState.UPCOMING, 28: VisitState.UPCOMING,
    }  # fmt: skip
    day2 = next(visit for visit in timeline.visits if visit.study_day == 2)
    assert (day2.visit_id, day2.recorded_at) == (2, RANDOMIZED + timedelta(days=2))
    assert (timeline.ending, timeline.ended_at) == (
        Ending.DISCHARGE,
        RANDOMIZED + timedelta(days=8),
    )


def test_support_bands_follow_the_visits(patient: tuple[SessionFactory, int]) -> None:
    timeline = patient_timeline(*patient[:1], INVESTIGATOR, patient[1], NOW)
    bands = {(p.kind, p.start, p.end) for p in timeline.support}
    day = timedelta(days=1)
    assert bands == {
        (SupportKind.VENTILATION, RANDOMIZED, RANDOMIZED + 3 * day),
        (SupportKind.VASOPRESSOR, RANDOMIZED, RANDOMIZED + 3 * day),
        # still on RRT at the last visit: open until discharge
        (SupportKind.RENAL_REPLACEMENT, RANDOMIZED + 2 * day, RANDOMIZED + 8 * day),
    }


def test_blinded_timeline_has_no_infusion(patient: tuple[SessionFactory, int]) -> None:
    timeline = patient_timeline(*patient[:1], REVIEWER, patient[1], NOW)
    assert timeline.infusions == ()
    assert "possible" not in repr(timeline)
    assert len(timeline.adverse_events) == 1


def test_trends_score_sofa_and_carry_units(patient: tuple[SessionFactory, int]) -> None:
    trends = patient_trends(*patient[:1], INVESTIGATOR, patient[1])
    series = {s.measure: s for s in trends.series}
    # Day 0: P/F 100 ventilated (3), platelets 15 (4), bilirubin 40 (2), norepinephrine 0.3 (4),
    # GCS 15 (0), creatinine 100 and 1000 ml (0): 13.
    day0 = dict(series[TrendMeasure.SOFA_TOTAL].measured())
    assert day0 == {0: 13.0}  # day 2 and 3 lack organs: no total
    # Day 3: off norepinephrine but no MAP recorded: cardiovascular cannot be scored (a gap).
    assert series[TrendMeasure.SOFA_CARDIOVASCULAR].measured() == [(0, 4.0), (2, 3.0)]
    assert series[TrendMeasure.IL6].measured() == [(0, 850.0), (2, 300.0)]
    assert series[TrendMeasure.IL6].unit == "пг/мл"
    assert series[TrendMeasure.PROCALCITONIN].measured() == [(3, 2.5)]
    assert series[TrendMeasure.PLATELETS].unit == "×10⁹/л"


def test_unknown_patient_is_refused(patient: tuple[SessionFactory, int]) -> None:
    with pytest.raises(PatientNotFound):
        patient_timeline(patient[0], INVESTIGATOR, 999, NOW)
    with pytest.raises(PatientNotFound):
        patient_trends(patient[0], INVESTIGATOR, 999)
