"""The trial dashboard: enrollment, CONSORT flow, visits due, open events and queries, completeness.

Every figure comes from a handful of aggregate queries (no query per patient), so a database of
10,000 patients reads in well under a second. Arms are shown as the reader may see them: codes
with VIEW_ALLOCATION, else A/B; for a blinded reader nothing that reveals an arm (infusions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Select, func, select, true
from sqlalchemy.orm import Session

from msc_desk.catalogue import INFUSION_FORM, INFUSION_VITALS_FORM
from msc_desk.models import (
    AdverseEvent,
    AllocationSlot,
    Arm,
    DataQuery,
    Infusion,
    Outcome,
    Patient,
    PatientStatus,
    Screening,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import ENROLLMENT_TARGET
from msc_desk.scoring import visits as schedule
from msc_desk.scoring.outcomes import HORIZON, VitalStatus, outcome_28d
from msc_desk.scoring.visits import VisitState
from msc_desk.services import completeness_cache
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import shown_to_blinded
from msc_desk.services.data_completeness import FormCompleteness, visit_form_completeness
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.record_completeness import record_form_completeness
from msc_desk.services.session import read_session
from msc_desk.services.trial_outcomes import (
    ArmName,
    FollowedPatient,
    arm_labels,
    followed_patients,
)
from msc_desk.timekeeping import MOSCOW, Clock, system_clock

_FOLLOWED = (PatientStatus.RANDOMIZED,)
_Row = TypeVarTuple("_Row")


@dataclass(frozen=True)
class ArmFlow:
    """One arm's row of the CONSORT flow.

    Attributes:
        infused: patients with a started infusion; None for a blinded reader.
        completed_day28: known alive at day 28; died: died by day 28.
        lost: 28-day status unknown and no longer followed (withdrawn, or day 28 passed).
        in_follow_up: still followed, day 28 not reached.
    """

    arm: str
    randomized: int
    infused: int | None
    completed_day28: int
    died: int
    lost: int
    in_follow_up: int


@dataclass(frozen=True)
class ConsortFlow:
    screened: int
    excluded: int
    excluded_by_reason: dict[str, int]
    eligible_not_randomized: int
    arms: tuple[ArmFlow, ...]


@dataclass(frozen=True)
class VisitDue:
    """A visit due today or overdue (its window open, its target day passed)."""

    patient_id: int
    study_id: str
    study_day: int
    target: date
    window_last: date
    overdue: bool


@dataclass(frozen=True)
class OpenAdverseEvent:
    patient_id: int
    study_id: str
    term: str
    onset_at: datetime
    serious: bool


@dataclass(frozen=True)
class OpenQueryCount:
    patient_id: int
    study_id: str
    open_queries: int


@dataclass(frozen=True)
class TrialDashboard:
    """Everything the dashboard window shows, read at `now`.

    Attributes:
        enrollment: (Moscow date, patients randomized up to and including it), one per date
            with a randomization, in order.
        target: the planned number of randomized patients.
    """

    now: datetime
    enrollment: tuple[tuple[date, int], ...]
    target: int
    consort: ConsortFlow
    visits_due: tuple[VisitDue, ...]
    open_adverse_events: tuple[OpenAdverseEvent, ...]
    open_queries: tuple[OpenQueryCount, ...]
    completeness: tuple[FormCompleteness, ...]

    @property
    def randomized(self) -> int:
        return self.enrollment[-1][1] if self.enrollment else 0


def _live(query: Select[*_Row], include_demo: bool) -> Select[*_Row]:
    query = query.where(Patient.deleted_at.is_(None))
    return query if include_demo else query.where(Patient.is_demo.is_(False))


def trial_dashboard(
    factory: SessionFactory,
    actor: Actor,
    now: datetime,
    *,
    include_demo: bool = False,
    arm_name: ArmName | None = None,
    clock: Clock = system_clock,
    with_completeness: bool = True,
) -> TrialDashboard:
    """The dashboard at `now` (timezone-aware).

    With `with_completeness` False the completeness is left empty (the window reads it
    apart with `form_completeness`: over every observation it is the slowest figure).

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    labels = arm_labels(factory, actor, clock, arm_name)
    with read_session(factory) as session:
        randomized_at = session.scalars(
            _live(
                select(AllocationSlot.revealed_at)
                .join(Patient, Patient.id == AllocationSlot.patient_id)
                .where(AllocationSlot.revealed_at.is_not(None)),
                include_demo,
            )
        ).all()
        screenings = session.execute(
            _live(
                select(Screening.eligible, Screening.failed_criteria, AllocationSlot.arm)
                .join(Patient, Patient.id == Screening.patient_id)
                .outerjoin(AllocationSlot, AllocationSlot.patient_id == Patient.id),
                include_demo,
            )
        ).all()
        infused = _infused_by_arm(session, include_demo) if _sees_arms(actor) else None
        due = _visits_due(session, now, include_demo)
        events = session.execute(
            _live(
                select(
                    Patient.id,
                    Patient.study_id,
                    AdverseEvent.term,
                    AdverseEvent.onset_at,
                    AdverseEvent.serious,
                )
                .join(Patient, Patient.id == AdverseEvent.patient_id)
                .where(AdverseEvent.deleted_at.is_(None), AdverseEvent.resolved_at.is_(None))
                .where(true() if _sees_arms(actor) else shown_to_blinded())
                .order_by(AdverseEvent.serious.desc(), AdverseEvent.onset_at),
                include_demo,
            )
        ).all()
        queries = session.execute(
            _live(
                select(Patient.id, Patient.study_id, func.count(DataQuery.id))
                .join(Patient, Patient.id == DataQuery.patient_id)
                .where(DataQuery.closed_at.is_(None))
                .group_by(Patient.id, Patient.study_id)
                .order_by(Patient.study_id),
                include_demo,
            )
        ).all()
    followed = followed_patients(factory, include_demo=include_demo, now=now)
    return TrialDashboard(
        now=now,
        enrollment=_enrollment(randomized_at),
        target=ENROLLMENT_TARGET,
        consort=_consort(screenings, followed, labels, infused, now),
        visits_due=due,
        open_adverse_events=tuple(OpenAdverseEvent(*row) for row in events),
        open_queries=tuple(OpenQueryCount(*row) for row in queries),
        completeness=(
            tuple(_completeness(factory, actor, include_demo)) if with_completeness else ()
        ),
    )


def form_completeness(
    factory: SessionFactory,
    actor: Actor,
    *,
    include_demo: bool = False,
    clock: Clock = system_clock,
) -> tuple[FormCompleteness, ...]:
    """Data completeness per form: the visit forms, then the adverse-event and outcome forms.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    return tuple(_completeness(factory, actor, include_demo))


_REVEALS_ARM = frozenset({INFUSION_FORM.code, INFUSION_VITALS_FORM.code})
"""Forms filled only for the MSC arm: their counts are not for a blinded reader."""


def _completeness(
    factory: SessionFactory, actor: Actor, include_demo: bool
) -> list[FormCompleteness]:
    forms = completeness_cache.counted(
        factory,
        include_demo,
        lambda: (
            *visit_form_completeness(factory, include_demo=include_demo),
            *record_form_completeness(factory, include_demo=include_demo),
        ),
    )
    if _sees_arms(actor):
        return list(forms)
    return [form for form in forms if form.form not in _REVEALS_ARM]


def _sees_arms(actor: Actor) -> bool:
    return is_allowed(actor, Action.VIEW_ALLOCATION)


def _enrollment(randomized_at: Sequence[datetime | None]) -> tuple[tuple[date, int], ...]:
    per_day = Counter(
        instant.astimezone(MOSCOW).date() for instant in randomized_at if instant is not None
    )
    total = 0
    cumulative = []
    for day in sorted(per_day):
        total += per_day[day]
        cumulative.append((day, total))
    return tuple(cumulative)


def _infused_by_arm(session: Session, include_demo: bool) -> dict[Arm, int]:
    rows = session.execute(
        _live(
            select(AllocationSlot.arm, func.count(func.distinct(Infusion.patient_id)))
            .join(Patient, Patient.id == Infusion.patient_id)
            .join(AllocationSlot, AllocationSlot.patient_id == Patient.id)
            .where(Infusion.deleted_at.is_(None), Infusion.started_at.is_not(None))
            .group_by(AllocationSlot.arm),
            include_demo,
        )
    ).all()
    return {Arm(arm): count for arm, count in rows if arm is not None}


def _consort(
    screenings: Sequence[Any],
    followed: list[FollowedPatient],
    labels: dict[Arm, str],
    infused: dict[Arm, int] | None,
    now: datetime,
) -> ConsortFlow:
    reasons: Counter[str] = Counter()
    randomized: Counter[Arm] = Counter()
    excluded = eligible_waiting = 0
    for eligible, failed, arm in screenings:
        if arm is not None:
            randomized[Arm(arm)] += 1
        elif not eligible:
            excluded += 1
            reasons.update(code.strip() for code in failed.split(",") if code.strip())
        else:
            eligible_waiting += 1
    statuses: dict[Arm, Counter[VitalStatus]] = {arm: Counter() for arm in Arm}
    following: Counter[Arm] = Counter()
    for patient in followed:
        death = (
            patient.died_at
            if patient.died_at and patient.died_at >= patient.randomized_at
            else None
        )
        outcome = outcome_28d(
            randomization=patient.randomized_at,
            death=death,
            last_known_alive=patient.last_known_alive,
        )
        status = outcome.status
        still_followed = (
            patient.status is PatientStatus.RANDOMIZED and now < patient.randomized_at + HORIZON
        )
        if status is VitalStatus.CENSORED and still_followed:
            following[patient.arm] += 1
        else:
            statuses[patient.arm][status] += 1
    flows = tuple(
        ArmFlow(
            arm=labels[arm],
            randomized=randomized[arm],
            infused=None if infused is None else infused.get(arm, 0),
            completed_day28=statuses[arm][VitalStatus.ALIVE],
            died=statuses[arm][VitalStatus.DIED],
            lost=statuses[arm][VitalStatus.CENSORED],
            in_follow_up=following[arm],
        )
        for arm in sorted(Arm, key=lambda arm: labels[arm])
    )
    return ConsortFlow(
        screened=len(screenings),
        excluded=excluded,
        excluded_by_reason=dict(reasons),
        eligible_not_randomized=eligible_waiting,
        arms=flows,
    )


def _visits_due(session: Session, now: datetime, include_demo: bool) -> tuple[VisitDue, ...]:
    patients = session.execute(
        _live(
            select(Patient.id, Patient.study_id, AllocationSlot.revealed_at, Outcome.died_at)
            .join(AllocationSlot, AllocationSlot.patient_id == Patient.id)
            .outerjoin(Outcome, Outcome.patient_id == Patient.id)
            .where(
                AllocationSlot.revealed_at.is_not(None),
                Patient.status.in_([status.value for status in _FOLLOWED]),
            )
            .order_by(Patient.study_id),
            include_demo,
        )
    ).all()
    settled: dict[int, set[int]] = {}
    for patient_id, day in session.execute(
        _live(
            select(Visit.patient_id, Visit.study_day)
            .join(Patient, Patient.id == Visit.patient_id)
            .where(
                Visit.status != VisitStatus.SCHEDULED,
                Patient.status.in_([status.value for status in _FOLLOWED]),
            ),
            include_demo,
        )
    ):
        settled.setdefault(patient_id, set()).add(day)
    due = []
    for patient_id, study_id, randomized_at, died_at in patients:
        if randomized_at is None:
            continue
        done = settled.get(patient_id, set())
        death = died_at if died_at is not None and died_at >= randomized_at else None
        for visit, state in schedule.visit_states(
            randomization=randomized_at,
            now=now,
            recorded_days=[day for day in done if day in _VISIT_DAYS],
            death=death,
        ):
            if state in (VisitState.DUE, VisitState.OVERDUE):
                window = schedule.window(visit, randomization=randomized_at)
                due.append(
                    VisitDue(
                        patient_id,
                        study_id,
                        visit.day,
                        window.target,
                        window.last,
                        state is VisitState.OVERDUE,
                    )
                )
    return tuple(sorted(due, key=lambda item: (not item.overdue, item.target, item.study_id)))


_VISIT_DAYS = frozenset(visit.day for visit in schedule.SCHEDULE)
