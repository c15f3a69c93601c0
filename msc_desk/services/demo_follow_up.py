"""Demo follow-up: infusion, visits with SOFA inputs, deaths and day-28 status.

Visits fall on their target day or elsewhere in their window (Moscow calendar days, see
scoring/visits.py); a few fall outside it and are flagged as protocol deviations.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select

from msc_desk.models import (
    Arm,
    Base,
    MissingReason,
    Observation,
    Patient,
    PatientStatus,
    Screening,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring.visits import visit_on_day
from msc_desk.services.actor import Actor
from msc_desk.services.demo_bulk import BulkWriter
from msc_desk.services.demo_events import (
    Fate,
    event_row,
    event_values,
    outcome_row,
    outcome_values,
    plan_course,
)
from msc_desk.services.demo_infusion import write_demo_infusion
from msc_desk.services.demo_visits import demo_visit
from msc_desk.services.outcomes import day28_outcome, status_after
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import unit_of_work
from msc_desk.services.visit_entries import StoredValue
from msc_desk.services.visit_windows import window_deviation
from msc_desk.timekeeping import MOSCOW, offset_minutes, to_moscow

DEMO_REASON = "demo data"
# Every so many patients (by id) one withdraws consent and one is lost to follow-up.
_SPECIAL_EVERY = 29
_SPECIAL = {5: Fate.WITHDRAWS, 11: Fate.LOST}
_OUTSIDE_WINDOW_RATE = 0.06  # visits done a day or two outside their window
_OFF_TARGET_RATE = 0.3  # visits done on another day of their window


@dataclass(frozen=True)
class RandomizedPatient:
    patient_id: int
    arm: Arm
    randomized_at: datetime


def fill_follow_up(
    factory: SessionFactory,
    actor: Actor,
    patients: Sequence[RandomizedPatient],
    now: datetime,
    rng: random.Random,
    *,
    checker: Actor,
) -> None:
    """Record what happened to randomized demo patients up to `now`, in one unit of work.

    `checker` is the second person who checks and gives each infusion (with their own key).

    Raises:
        PermissionDenied: the actor may not enter clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.ENTER_DATA, lambda: now)
    ids = [patient.patient_id for patient in patients]
    visit_table, patient_table = Visit.__table__, Patient.__table__
    with unit_of_work(factory, actor, reason=DEMO_REASON, clock=lambda: now) as session:
        connection = session.connection()
        writer = BulkWriter(connection, actor, lambda: now, DEMO_REASON)
        visits: dict[int, list[dict[str, Any]]] = defaultdict(list)
        query = select(visit_table).where(visit_table.c.patient_id.in_(ids))
        for visit in connection.execute(query).mappings():
            visits[visit["patient_id"]].append(dict(visit))
        status_query = select(patient_table.c.id, patient_table.c.status)
        statuses = dict(connection.execute(status_query.where(patient_table.c.id.in_(ids))).all())
        sex_query = select(Screening.patient_id, Screening.sex)
        sexes = dict(connection.execute(sex_query.where(Screening.patient_id.in_(ids))).all())
        for patient in patients:
            known = _Known(statuses[patient.patient_id], str(sexes[patient.patient_id]))
            _follow(writer, patient, known, visits[patient.patient_id],
                    now, rng, (actor, checker))  # fmt: skip
        writer.write()


@dataclass(frozen=True)
class _Known:
    """What the screening and randomization already recorded of a patient."""

    status: str
    sex: str


def _follow(
    writer: BulkWriter,
    patient: RandomizedPatient,
    known: _Known,
    visits: list[dict[str, Any]],
    now: datetime,
    rng: random.Random,
    staff: tuple[Actor, Actor],
) -> None:
    patient_id, arm, randomized_at = patient.patient_id, patient.arm, patient.randomized_at
    course = plan_course(arm, randomized_at, now, rng, _SPECIAL.get(patient_id % _SPECIAL_EVERY))
    weight = Decimal(rng.randint(52, 96))
    if arm is Arm.MSC:
        write_demo_infusion(writer, patient_id, randomized_at, weight, rng,
                            now=now, preparer=staff[0], checker=staff[1])  # fmt: skip
    for visit in sorted(visits, key=lambda visit: visit["study_day"]):
        performed = _performed_at(visit["study_day"], randomized_at, rng)
        new: dict[str, Any]
        ends_at = course.ends_at
        if course.died_at is not None and performed > course.died_at:
            new = {"status": VisitStatus.NOT_APPLICABLE, "missing_reason": MissingReason.DIED}
        elif performed > now:
            continue
        elif ends_at is not None and performed > ends_at:
            reason = (
                MissingReason.OTHER
                if course.fate is Fate.WITHDRAWS
                else MissingReason.NOT_AVAILABLE
            )
            new = {"status": VisitStatus.MISSED, "missing_reason": reason}
        elif visit["study_day"] == 21 and rng.random() < 0.15:
            new = {"status": VisitStatus.MISSED, "missing_reason": MissingReason.NOT_DONE}
        else:
            deviation = window_deviation(
                visit["study_day"], randomized_at=randomized_at, performed_at=performed
            )
            form = demo_visit(visit["study_day"], performed, weight_kg=weight, sex=known.sex,
                              worsening=course.died_at is not None, rng=rng)  # fmt: skip
            new = {"status": VisitStatus.DONE, "performed_at": performed,
                   "performed_at_offset_min": offset_minutes(performed),
                   "deviation": deviation, **form.sofa.columns()}  # fmt: skip
            for code, stored in form.stored.items():
                _insert(writer, _observation(visit["id"], code, stored), patient_id)
        writer.update(Visit, visit["id"], visit, new, patient_id=patient_id)
    for event in event_values(arm, course, randomized_at, now, rng):
        _insert(writer, event_row(patient_id, event, randomized_at, now), patient_id)
    answers = outcome_values(course, randomized_at, now, rng)
    if answers is None:
        return
    outcome, checked = outcome_row(patient_id, answers, randomized_at, now)
    _insert(writer, outcome, patient_id)
    status = known.status
    after = status_after(PatientStatus(status), checked, day28_outcome(randomized_at, checked))
    if after != status:
        writer.update(Patient, patient_id, {"status": status}, {"status": after},
                      patient_id=patient_id)  # fmt: skip


def _insert(writer: BulkWriter, row: Base, patient_id: int) -> None:
    """Queue a transient model object as a plain row."""
    values = {attr.key: getattr(row, attr.key) for attr in inspect(type(row)).column_attrs}
    writer.insert(type(row), values, patient_id=patient_id)


def _performed_at(study_day: int, randomized_at: datetime, rng: random.Random) -> datetime:
    """When a ward would do the visit: baseline at randomization, others in the morning rounds."""
    if study_day == 0:
        return randomized_at
    visit = visit_on_day(study_day)
    day = study_day
    draw = rng.random()
    if draw < _OUTSIDE_WINDOW_RATE:
        day = visit.last_day + rng.randint(1, 2)
    elif draw < _OUTSIDE_WINDOW_RATE + _OFF_TARGET_RATE:
        day = rng.randint(visit.first_day, visit.last_day)
    date = to_moscow(randomized_at).date() + timedelta(days=day)
    morning = time(rng.randint(8, 13), rng.randint(0, 59), tzinfo=MOSCOW)
    return datetime.combine(date, morning)


def _observation(visit_id: int, code: str, stored: StoredValue) -> Observation:
    """The row the visit form's save writes for one field."""
    return Observation(visit_id=visit_id, code=code, **stored.columns())
