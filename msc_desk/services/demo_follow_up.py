"""Demo follow-up: infusion, visits with SOFA inputs, deaths and day-28 status."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from msc_desk.models import (
    Arm,
    Infusion,
    MissingReason,
    Observation,
    Outcome,
    Patient,
    PatientStatus,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import dose
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import offset_minutes, to_moscow

_HORIZON = timedelta(days=28)
# (code, unit, baseline, day-28 value in survivors, decimals): a septic, neutropenic ICU course.
_COURSE = (
    ("pao2", "mmHg", 68, 92, 0),
    ("fio2", "percent", 60, 30, 0),
    ("platelets", "10e9/L", 18, 95, 0),
    ("bilirubin", "umol/L", 48, 21, 1),
    ("creatinine", "umol/L", 190, 95, 0),
    ("map", "mmHg", 61, 78, 0),
    ("norepinephrine", "ug/kg/min", Decimal("1.1"), 0, 2),
    ("gcs", "points", 10, 15, 0),
    ("urine_output", "mL/day", 450, 1600, 0),
    ("anc", "10e9/L", Decimal("0.2"), Decimal("1.8"), 1),
    ("lactate", "mmol/L", Decimal("5.2"), Decimal("1.3"), 1),
    ("crp", "mg/L", 240, 30, 0),
    ("procalcitonin", "ng/mL", 18, Decimal("0.6"), 1),
)


def fill_follow_up(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    arm: Arm,
    randomized_at: datetime,
    now: datetime,
    rng: random.Random,
) -> None:
    """Record what happened to a randomized demo patient up to `now`.

    Raises:
        PermissionDenied: the actor may not enter clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.ENTER_DATA, lambda: now)
    dies = rng.random() < (0.45 if arm is Arm.MSC else 0.6)
    died_at = randomized_at + timedelta(days=rng.uniform(0.8, 25)) if dies else None
    if died_at is not None and died_at > now:
        died_at = None
    with unit_of_work(factory, actor, reason="demo data", clock=lambda: now) as session:
        if arm is Arm.MSC:
            session.add(_infusion(patient_id, randomized_at, rng))
        visits = session.scalars(select(Visit).where(Visit.patient_id == patient_id)).all()
        for visit in visits:
            performed = randomized_at + timedelta(days=visit.study_day, hours=rng.uniform(0.2, 3))
            if died_at is not None and performed > died_at:
                visit.status = VisitStatus.NOT_APPLICABLE
                visit.missing_reason = MissingReason.DIED
            elif performed <= now:
                if visit.study_day == 21 and rng.random() < 0.15:
                    visit.status = VisitStatus.MISSED
                    visit.missing_reason = MissingReason.NOT_DONE
                    continue
                visit.status = VisitStatus.DONE
                visit.performed_at = performed
                _observe(visit, performed, dying=died_at is not None, rng=rng)
        patient = session.get(Patient, patient_id)
        assert patient is not None
        if died_at is not None:
            patient.status = PatientStatus.DIED
            session.add(Outcome(patient_id=patient_id, died_at=died_at,
                                cause_of_death="Рефрактерный септический шок, СПОН"))  # fmt: skip
        elif now - randomized_at >= _HORIZON:
            patient.status = PatientStatus.COMPLETED
            session.add(Outcome(patient_id=patient_id, last_known_alive_at=randomized_at + _HORIZON,
                                alive_confirmed_by_contact=True))  # fmt: skip


def _infusion(patient_id: int, randomized_at: datetime, rng: random.Random) -> Infusion:
    weight = Decimal(rng.randint(52, 96))
    concentration = Decimal("2500000")
    viability = Decimal(rng.randint(90, 98))
    result = dose.compute_dose(
        weight_kg=weight,
        target_dose_million_cells_per_kg=Decimal("1.0"),
        product_concentration_cells_per_ml=concentration,
        viability_percent=viability,
    )
    started = to_moscow(randomized_at + timedelta(hours=rng.uniform(1.5, 3.5)))
    return Infusion(
        patient_id=patient_id,
        weight_kg=weight,
        target_dose_million_cells_per_kg=Decimal("1.0"),
        product_lot=f"МСК-{rng.randint(100, 999)}",
        product_concentration_cells_per_ml=concentration,
        viability_percent=viability,
        volume_ml=result.volume_ml,
        started_at=started,
        started_at_offset_min=offset_minutes(started),
        ended_at=started + timedelta(minutes=40),
    )


def _observe(visit: Visit, at: datetime, *, dying: bool, rng: random.Random) -> None:
    progress = Decimal(visit.study_day) / 28
    if dying:
        progress = -progress / 2
    for code, unit, start, end, decimals in _COURSE:
        start, end = Decimal(start), Decimal(end)
        value = start + (end - start) * progress
        value *= Decimal(str(rng.uniform(0.9, 1.1)))
        if code == "gcs":
            value = min(max(value, Decimal(3)), Decimal(15))
        if code == "fio2":
            value = min(max(value, Decimal(21)), Decimal(100))
        value = max(value, Decimal(0)).quantize(Decimal(1).scaleb(-decimals))
        visit.observations.append(Observation(code=code, value=value, unit=unit, measured_at=at))
