"""The 28-day outcome by arm as a reader may see it: mortality, Kaplan–Meier, log-rank, Fisher."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from msc_desk.analysis.survival import SurvivalAnalysis, SurvivalRecord, analyse_survival
from msc_desk.models import AllocationSlot, Arm, Outcome, Patient, PatientStatus, Visit
from msc_desk.models.database import SessionFactory
from msc_desk.scoring.outcomes import outcome_28d
from msc_desk.services.actor import Actor
from msc_desk.services.blinding import arm_letters
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.session import read_session
from msc_desk.timekeeping import Clock, system_clock


@dataclass(frozen=True)
class FollowedPatient:
    """What the 28-day rules need of one randomized patient (instants timezone-aware)."""

    arm: Arm
    randomized_at: datetime
    died_at: datetime | None
    last_known_alive: datetime | None
    status: PatientStatus = PatientStatus.RANDOMIZED


ArmName = Callable[[Arm], str]


def arm_labels(
    factory: SessionFactory,
    actor: Actor,
    clock: Clock = system_clock,
    arm_name: ArmName | None = None,
) -> dict[Arm, str]:
    """How `actor` reads the arms.

    With VIEW_ALLOCATION, by `arm_name` (else by code); without, the workspace's letters A/B
    whatever `arm_name` says.
    """
    if is_allowed(actor, Action.VIEW_ALLOCATION):
        return {arm: arm_name(arm) if arm_name else arm.value for arm in Arm}
    return arm_letters(factory, actor, clock)


def followed_patients(
    factory: SessionFactory, *, include_demo: bool = False, now: datetime | None = None
) -> list[FollowedPatient]:
    """Every randomized patient's arm, randomization, death and last instant known alive.

    One aggregate query: the last visit performed, the outcome's contact and discharge all
    count as known alive (never after death, never after `now`). The caller has authorized.
    """
    last_visit = (
        select(Visit.patient_id, func.max(Visit.performed_at).label("last_visit"))
        .where(Visit.performed_at.is_not(None))
        .group_by(Visit.patient_id)
        .subquery()
    )
    query = (
        select(
            AllocationSlot.arm,
            AllocationSlot.revealed_at,
            Outcome.died_at,
            Outcome.last_known_alive_at,
            Outcome.discharged_at,
            last_visit.c.last_visit,
            Patient.status,
        )
        .join(Patient, Patient.id == AllocationSlot.patient_id)
        .outerjoin(Outcome, Outcome.patient_id == Patient.id)
        .outerjoin(last_visit, last_visit.c.patient_id == Patient.id)
        .where(
            Patient.deleted_at.is_(None),
            AllocationSlot.arm.is_not(None),
            AllocationSlot.revealed_at.is_not(None),
        )
    )
    if not include_demo:
        query = query.where(Patient.is_demo.is_(False))
    with read_session(factory) as session:
        rows = session.execute(query).all()
    followed = []
    for arm, randomized_at, died_at, contact, discharged, visited, status in rows:
        seen = _last_known_alive(randomized_at, died_at, (contact, discharged, visited), now)
        followed.append(
            FollowedPatient(Arm(arm), randomized_at, died_at, seen, PatientStatus(status))
        )
    return followed


def _last_known_alive(
    randomized_at: datetime,
    died_at: datetime | None,
    instants: Iterable[datetime | None],
    now: datetime | None,
) -> datetime | None:
    known = [
        instant
        for instant in instants
        if instant is not None
        and instant >= randomized_at
        and (died_at is None or instant <= died_at)
        and (now is None or instant <= now)
    ]
    return max(known, default=None)


def survival_records(
    patients: Iterable[FollowedPatient], labels: dict[Arm, str]
) -> list[SurvivalRecord]:
    """Each patient's 28-day time and event (scoring.outcomes), under the reader's arm label."""
    records = []
    for patient in patients:
        death = patient.died_at
        if death is not None and death < patient.randomized_at:
            death = None  # a death recorded before randomization cannot be scored; censor
        outcome = outcome_28d(
            randomization=patient.randomized_at,
            death=death,
            last_known_alive=patient.last_known_alive,
        )
        records.append(SurvivalRecord(labels[patient.arm], float(outcome.time_days), outcome.event))
    return records


def trial_outcome(
    factory: SessionFactory,
    actor: Actor,
    *,
    include_demo: bool = False,
    now: datetime | None = None,
    arm_name: ArmName | None = None,
    clock: Clock = system_clock,
) -> SurvivalAnalysis:
    """28-day mortality and Kaplan–Meier by arm; a blinded reader gets the arms as A and B.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    labels = arm_labels(factory, actor, clock, arm_name)
    records = survival_records(
        followed_patients(factory, include_demo=include_demo, now=now), labels
    )
    return analyse_survival(records, sorted(labels.values()))
