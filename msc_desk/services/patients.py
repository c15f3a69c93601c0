"""Read models of patients for the list and the patient view: study data only, no identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Select, func, select

from msc_desk.models import (
    AllocationSlot,
    Arm,
    DataQuery,
    Outcome,
    Patient,
    PatientStatus,
    Screening,
    Sex,
    User,
    Visit,
    VisitDeviation,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import visits as schedule
from msc_desk.scoring.eligibility import AncSource, anc_reading
from msc_desk.scoring.visits import VisitState
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.session import read_session
from msc_desk.timekeeping import Clock, system_clock

_PENDING = frozenset({VisitState.UPCOMING, VisitState.DUE, VisitState.OVERDUE})
_ENDED = frozenset({PatientStatus.COMPLETED, PatientStatus.WITHDRAWN, PatientStatus.DIED})
_SCHEDULED_DAYS = frozenset(visit.day for visit in schedule.SCHEDULE)


class PatientNotFound(LookupError):
    """No (undeleted) patient has this id."""


@dataclass(frozen=True)
class PatientRow:
    """One line of the patient list.

    Attributes:
        study_day: Moscow calendar days since randomization (day 0 = randomization date),
            while follow-up is running; None before randomization and after it ended.
        next_visit_day: study day of the first visit due or overdue, else the next upcoming.
        next_visit_date: that visit's target date (Moscow calendar).
        next_visit_overdue: the target day has passed and the window is still open.
    """

    patient_id: int
    study_id: str
    arm: Arm | None
    status: PatientStatus
    study_day: int | None
    next_visit_day: int | None
    next_visit_date: date | None
    next_visit_overdue: bool
    is_demo: bool
    eligible_not_randomized: bool = False
    sex: Sex | None = None
    open_queries: int = 0


@dataclass(frozen=True)
class VisitLine:
    """A protocol visit of one patient: its window as Moscow dates and its state now."""

    study_day: int
    target_date: date
    window_first: date
    window_last: date
    state: VisitState
    performed_at: datetime | None
    deviation: VisitDeviation | None = None  # e.g. performed outside its window
    open_queries: int = 0
    """Monitor queries on this visit's form not yet closed."""


@dataclass(frozen=True)
class ScreeningDecision:
    """The stored screening decision; the ANC is the one eligibility used, given or computed."""

    screened_at: datetime
    eligible: bool
    failed_criteria: tuple[str, ...]
    anc_10e9_per_l: Decimal | None
    anc_source: AncSource = AncSource.GIVEN


@dataclass(frozen=True)
class OutcomeSummary:
    died_at: datetime | None
    discharged_at: datetime | None
    last_known_alive_at: datetime | None


@dataclass(frozen=True)
class PatientSummary:
    """What the patient view shows: study data, never a direct identifier."""

    patient_id: int
    study_id: str
    arm: Arm | None
    status: PatientStatus
    is_demo: bool
    randomized_at: datetime | None
    study_day: int | None
    shock_onset_at: datetime | None
    screening: ScreeningDecision | None
    visits: tuple[VisitLine, ...]
    outcome: OutcomeSummary | None
    sex: Sex | None = None

    @property
    def eligible_not_randomized(self) -> bool:
        """Saved eligible, still waiting for randomization (the list was missing, or refused)."""
        return (
            self.status is PatientStatus.SCREENING
            and self.arm is None
            and self.screening is not None
            and self.screening.eligible
        )


@dataclass(frozen=True)
class _Recorded:
    status: VisitStatus
    performed_at: datetime | None
    deviation: VisitDeviation | None = None


def _visit_lines(
    status: PatientStatus,
    randomized_at: datetime,
    died_at: datetime | None,
    recorded: dict[int, _Recorded],
    now: datetime,
    queries: dict[int, int] | None = None,
) -> tuple[VisitLine, ...]:
    """The protocol schedule (scoring.visits windows) merged with the stored visit records."""
    done = [day for day, rec in recorded.items() if rec.status is VisitStatus.DONE]
    death = died_at if died_at is not None and died_at >= randomized_at else None
    states = schedule.visit_states(
        randomization=randomized_at,
        now=now,
        recorded_days=[day for day in done if day in _SCHEDULED_DAYS],
        death=death,
    )
    lines = []
    for visit, computed in states:
        state = computed
        stored = recorded.get(visit.day)
        if state is not VisitState.DONE and stored is not None:
            if stored.status is VisitStatus.MISSED:
                state = VisitState.MISSED
            elif stored.status is VisitStatus.NOT_APPLICABLE:
                state = VisitState.NOT_APPLICABLE
        if status in _ENDED and state in _PENDING:
            state = VisitState.NOT_APPLICABLE
        window = schedule.window(visit, randomization=randomized_at)
        lines.append(
            VisitLine(
                study_day=visit.day,
                target_date=window.target,
                window_first=window.first,
                window_last=window.last,
                state=state,
                performed_at=stored.performed_at if stored is not None else None,
                deviation=stored.deviation if stored is not None else None,
                open_queries=(queries or {}).get(visit.day, 0),
            )
        )
    return tuple(lines)


def _next_visit(lines: tuple[VisitLine, ...]) -> VisitLine | None:
    for wanted in ({VisitState.DUE, VisitState.OVERDUE}, {VisitState.UPCOMING}):
        for line in lines:
            if line.state in wanted:
                return line
    return None


def _current_day(
    status: PatientStatus, randomized_at: datetime | None, now: datetime
) -> int | None:
    if randomized_at is None or status is not PatientStatus.RANDOMIZED:
        return None
    return schedule.study_day(randomization=randomized_at, at=now)


def _patients_query() -> Select[
    int,
    str,
    PatientStatus,
    bool,
    Arm | None,
    datetime | None,
    datetime | None,
    bool | None,
    Sex | None,
]:
    return (
        select(
            Patient.id,
            Patient.study_id,
            Patient.status,
            Patient.is_demo,
            AllocationSlot.arm,
            AllocationSlot.revealed_at,
            Outcome.died_at,
            Screening.eligible,
            Screening.sex,
        )
        .outerjoin(AllocationSlot, AllocationSlot.patient_id == Patient.id)
        .outerjoin(Outcome, Outcome.patient_id == Patient.id)
        .outerjoin(Screening, Screening.patient_id == Patient.id)
        .where(Patient.deleted_at.is_(None))
    )


def list_patients(
    factory: SessionFactory, actor: Actor, now: datetime, clock: Clock = system_clock
) -> list[PatientRow]:
    """Every patient of the trial with their follow-up position at `now`, in two queries.

    Args:
        factory: the session factory of the open database.
        actor: who reads; needs VIEW_CLINICAL.
        now: the instant the study days and visit states are for (timezone-aware).
        clock: stamps the audited denial.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        open_queries = (
            select(func.count(DataQuery.id))
            .where(DataQuery.patient_id == Patient.id, DataQuery.closed_at.is_(None))
            .scalar_subquery()
        )
        patients = session.execute(
            _patients_query().add_columns(open_queries).order_by(Patient.study_id)
        ).all()
        # Only what moves the next visit: settled visits of patients still followed.
        visit_rows = session.execute(
            select(Visit.patient_id, Visit.study_day, Visit.status)
            .join(Patient, Patient.id == Visit.patient_id)
            .where(
                Patient.deleted_at.is_(None),
                Patient.status.not_in([ended.value for ended in _ENDED]),
                Visit.status != VisitStatus.SCHEDULED,
            )
        ).all()
    settled: dict[int, dict[int, VisitStatus]] = {}
    for patient_id, day, visit_status in visit_rows:
        settled.setdefault(patient_id, {})[day] = VisitStatus(visit_status)

    rows = []
    for (
        patient_id,
        study_id,
        stored_status,
        is_demo,
        arm,
        revealed_at,
        died_at,
        eligible,
        sex,
        queries,
    ) in patients:
        status = PatientStatus(stored_status)
        next_line = None
        if revealed_at is not None and status not in _ENDED:
            next_line = _next_visit_of(revealed_at, died_at, settled.get(patient_id, {}), now)
        rows.append(
            PatientRow(
                patient_id=patient_id,
                study_id=study_id,
                arm=Arm(arm) if arm is not None and revealed_at is not None else None,
                status=status,
                study_day=_current_day(status, revealed_at, now),
                next_visit_day=next_line[0] if next_line else None,
                next_visit_date=next_line[1] if next_line else None,
                next_visit_overdue=next_line is not None and next_line[2] is VisitState.OVERDUE,
                is_demo=bool(is_demo),
                eligible_not_randomized=(
                    status is PatientStatus.SCREENING and revealed_at is None and bool(eligible)
                ),
                sex=_sex(sex),
                open_queries=int(queries or 0),
            )
        )
    return rows


def _next_visit_of(
    randomized_at: datetime,
    died_at: datetime | None,
    settled: dict[int, VisitStatus],
    now: datetime,
) -> tuple[int, date, VisitState] | None:
    """(day, target date, state) of the visit `_next_visit` would pick from `_visit_lines`.

    The same rules, for a patient still followed, without working out every window.
    """
    death = died_at if died_at is not None and died_at >= randomized_at else None
    states = schedule.visit_states(
        randomization=randomized_at,
        now=now,
        recorded_days=[
            day
            for day, status in settled.items()
            if status is VisitStatus.DONE and day in _SCHEDULED_DAYS
        ],
        death=death,
    )
    chosen: tuple[schedule.Visit, VisitState] | None = None
    for visit, computed in states:
        state = computed
        stored = settled.get(visit.day)
        if state is not VisitState.DONE and stored is VisitStatus.MISSED:
            state = VisitState.MISSED
        elif state is not VisitState.DONE and stored is VisitStatus.NOT_APPLICABLE:
            state = VisitState.NOT_APPLICABLE
        if state in (VisitState.DUE, VisitState.OVERDUE):
            chosen = (visit, state)
            break
        if state is VisitState.UPCOMING and chosen is None:
            chosen = (visit, state)
    if chosen is None:
        return None
    visit, state = chosen
    return visit.day, schedule.window(visit, randomization=randomized_at).target, state


def patient_study_ids(
    factory: SessionFactory, actor: Actor, clock: Clock = system_clock
) -> list[tuple[int, str]]:
    """(patient id, study id) of every patient, for choosing one (the audit trail's filter).

    Study ids are pseudonyms: whoever may read the audit trail or the clinical data may list them.

    Raises:
        PermissionDenied: the role may read neither (the denial is audited).
    """
    if not is_allowed(actor, Action.VIEW_AUDIT):
        authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    query = (
        select(Patient.id, Patient.study_id)
        .where(Patient.deleted_at.is_(None))
        .order_by(Patient.study_id)
    )
    with read_session(factory) as session:
        return [(patient_id, study_id) for patient_id, study_id in session.execute(query)]


def _sex(stored: str | None) -> Sex | None:
    return None if stored is None else Sex(stored)


def _failed_codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in re.split(r"[\s,;]+", text or "") if code)


def patient_summary(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    now: datetime,
    clock: Clock = system_clock,
) -> PatientSummary:
    """The patient view's content at `now`.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
        PatientNotFound: no undeleted patient has this id.
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        found = session.execute(_patients_query().where(Patient.id == patient_id)).one_or_none()
        if found is None:
            raise PatientNotFound(patient_id)
        screening = session.execute(
            select(
                Screening.screened_at,
                Screening.eligible,
                Screening.failed_criteria,
                Screening.anc_10e9_per_l,
                Screening.shock_onset_at,
                Screening.wbc_10e9_per_l,
                Screening.neutrophils_segmented_percent,
                Screening.neutrophils_band_percent,
            ).where(Screening.patient_id == patient_id)
        ).one_or_none()
        outcome = session.execute(
            select(Outcome.died_at, Outcome.discharged_at, Outcome.last_known_alive_at).where(
                Outcome.patient_id == patient_id
            )
        ).one_or_none()
        visit_rows = session.execute(
            select(Visit.study_day, Visit.status, Visit.performed_at, Visit.deviation).where(
                Visit.patient_id == patient_id
            )
        ).all()
        queries = {
            day: count
            for day, count in session.execute(
                select(Visit.study_day, func.count(DataQuery.id))
                .join(DataQuery, DataQuery.visit_id == Visit.id)
                .where(Visit.patient_id == patient_id, DataQuery.closed_at.is_(None))
                .group_by(Visit.study_day)
            )
        }
    _, study_id, stored_status, is_demo, arm, revealed_at, died_at, _eligible, sex = found
    status = PatientStatus(stored_status)
    recorded = {
        day: _Recorded(VisitStatus(st), at, VisitDeviation(dev) if dev else None)
        for day, st, at, dev in visit_rows
    }
    lines = (
        ()
        if revealed_at is None
        else _visit_lines(status, revealed_at, died_at, recorded, now, queries)
    )
    decision = None
    if screening is not None:
        anc = anc_reading(
            screening.anc_10e9_per_l,
            screening.wbc_10e9_per_l,
            screening.neutrophils_segmented_percent,
            screening.neutrophils_band_percent,
        )
        decision = ScreeningDecision(
            screened_at=screening.screened_at,
            eligible=bool(screening.eligible),
            failed_criteria=_failed_codes(screening.failed_criteria),
            anc_10e9_per_l=anc.value,
            anc_source=anc.source,
        )
    return PatientSummary(
        patient_id=patient_id,
        study_id=study_id,
        arm=Arm(arm) if arm is not None and revealed_at is not None else None,
        status=status,
        is_demo=bool(is_demo),
        randomized_at=revealed_at,
        study_day=_current_day(status, revealed_at, now),
        shock_onset_at=screening.shock_onset_at if screening is not None else None,
        screening=decision,
        visits=lines,
        outcome=None if outcome is None else OutcomeSummary(*outcome),
        sex=_sex(sex),
    )


def signed_in_name(factory: SessionFactory, actor: Actor) -> str:
    """The acting user's full name for display, or their username (system actor, unknown id)."""
    if actor.user_id is None:
        return actor.username
    with read_session(factory) as session:
        name = session.scalar(select(User.full_name).where(User.id == actor.user_id))
    return name or actor.username
