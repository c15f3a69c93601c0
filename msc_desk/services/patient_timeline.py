"""One patient's timeline as a reader may see it: events, visits by state, support bands, ending.

Support periods are derived from the visits: a band starts at the first visit that records the
support and ends at the next visit that records it stopped (or at death or discharge); while the
last visit still records it, the band stays open. A blinded reader gets no infusions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from msc_desk.analysis.timeline import (
    Ending,
    PatientTimeline,
    SupportKind,
    SupportPeriod,
    TimelineAdverseEvent,
    TimelineInfusion,
    TimelineVisit,
)
from msc_desk.models import (
    AdverseEvent,
    AllocationSlot,
    Infusion,
    Outcome,
    Patient,
    PatientStatus,
    Screening,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import visits as schedule
from msc_desk.scoring.visits import VisitState
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import shown_to_blinded
from msc_desk.services.patient_observations import RecordedVisit, recorded_visits
from msc_desk.services.patients import PatientNotFound
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.session import read_session
from msc_desk.timekeeping import Clock, system_clock

_VASOACTIVE = ("norepinephrine", "epinephrine", "dopamine", "dobutamine", "vasopressin")
_VENTILATED = frozenset({"niv", "invasive"})
_ENDED = frozenset({PatientStatus.COMPLETED, PatientStatus.DIED, PatientStatus.WITHDRAWN})


def on_support(visit: RecordedVisit, kind: SupportKind) -> bool | None:
    """Whether the visit records the support; None when it says nothing about it."""
    if kind is SupportKind.VENTILATION:
        mode = visit.text("respiratory_support")
        return None if mode is None else mode in _VENTILATED
    if kind is SupportKind.RENAL_REPLACEMENT:
        mode = visit.text("rrt")
        return None if mode is None else mode != "none"
    doses = [visit.number(code) for code in _VASOACTIVE]
    given = [dose for dose in doses if dose is not None]
    flag = visit.flag("vasopressors")
    if not given and flag is None:
        return None
    return bool(flag) or any(dose > 0 for dose in given)


def support_periods(
    visits: list[RecordedVisit], ended_at: datetime | None
) -> tuple[SupportPeriod, ...]:
    """The bands each kind of support makes across the visits, in time order."""
    timed = sorted(
        ((instant, visit) for visit in visits if (instant := visit.instant()) is not None),
        key=lambda pair: pair[0],
    )
    periods = []
    for kind in SupportKind:
        start: datetime | None = None
        for instant, visit in timed:
            state = on_support(visit, kind)
            if state is True and start is None:
                start = instant
            elif state is False and start is not None:
                periods.append(SupportPeriod(kind, start, instant))
                start = None
        if start is not None:
            periods.append(SupportPeriod(kind, start, ended_at))
    return tuple(periods)


def _visit_states(
    randomized_at: datetime,
    status: PatientStatus,
    died_at: datetime | None,
    recorded: dict[int, RecordedVisit],
    now: datetime,
) -> tuple[TimelineVisit, ...]:
    done = [day for day, visit in recorded.items() if visit.status is VisitStatus.DONE]
    death = died_at if died_at is not None and died_at >= randomized_at else None
    lines = []
    for visit, computed in schedule.visit_states(
        randomization=randomized_at,
        now=now,
        recorded_days=[day for day in done if day in _VISIT_DAYS],
        death=death,
    ):
        state = computed
        stored = recorded.get(visit.day)
        if state is not VisitState.DONE and stored is not None:
            if stored.status is VisitStatus.MISSED:
                state = VisitState.MISSED
            elif stored.status is VisitStatus.NOT_APPLICABLE:
                state = VisitState.NOT_APPLICABLE
        if status in _ENDED and state in (VisitState.DUE, VisitState.OVERDUE, VisitState.UPCOMING):
            state = VisitState.NOT_APPLICABLE
        lines.append(
            TimelineVisit(
                visit_id=visit.day,
                study_day=visit.day,
                first_day=visit.first_day,
                last_day=visit.last_day,
                state=state,
                recorded_at=stored.instant() if stored and state is VisitState.DONE else None,
            )
        )
    return tuple(lines)


_VISIT_DAYS = frozenset(visit.day for visit in schedule.SCHEDULE)


def patient_timeline(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    now: datetime,
    clock: Clock = system_clock,
) -> PatientTimeline:
    """Everything on the patient's timeline at `now`.

    Each visit's `visit_id` is its study day (a visit is opened by patient and day, recorded or
    not). Infusions only for a reader with VIEW_ALLOCATION; an adverse event shows its term and
    seriousness, never its relation to MSC.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
        PatientNotFound: no such patient (or deleted).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        row = session.execute(
            select(Patient.status, Screening, AllocationSlot.revealed_at, Outcome)
            .outerjoin(Screening, Screening.patient_id == Patient.id)
            .outerjoin(AllocationSlot, AllocationSlot.patient_id == Patient.id)
            .outerjoin(Outcome, Outcome.patient_id == Patient.id)
            .where(Patient.id == patient_id, Patient.deleted_at.is_(None))
        ).first()
        if row is None:
            raise PatientNotFound(patient_id)
        status, screening, randomized_at, outcome = row
        visits = recorded_visits(session, patient_id)
        event_query = select(AdverseEvent).where(
            AdverseEvent.patient_id == patient_id, AdverseEvent.deleted_at.is_(None)
        )
        if not is_allowed(actor, Action.VIEW_ALLOCATION):
            event_query = event_query.where(shown_to_blinded())
        events = session.scalars(event_query.order_by(AdverseEvent.onset_at)).all()
        infusions = (
            session.scalars(
                select(Infusion)
                .where(
                    Infusion.patient_id == patient_id,
                    Infusion.deleted_at.is_(None),
                    Infusion.started_at.is_not(None),
                )
                .order_by(Infusion.started_at)
            ).all()
            if is_allowed(actor, Action.VIEW_ALLOCATION)
            else []
        )
        adverse = tuple(
            TimelineAdverseEvent(event.term, event.onset_at, event.resolved_at, event.serious)
            for event in events
        )
        timeline_infusions = tuple(
            TimelineInfusion(infusion.started_at, infusion.ended_at)
            for infusion in infusions
            if infusion.started_at is not None
        )
        died_at = outcome.died_at if outcome is not None else None
        discharged_at = outcome.discharged_at if outcome is not None else None
        screened_at = screening.screened_at if screening is not None else None
        onset = screening.shock_onset_at if screening is not None else None
    ending, ended_at = _ending(died_at, discharged_at)
    shock_onset = onset or screened_at or randomized_at or now
    by_day = {visit.study_day: visit for visit in visits}
    return PatientTimeline(
        shock_onset=shock_onset,
        screening=screened_at,
        randomization=randomized_at,
        infusions=timeline_infusions,
        visits=(
            _visit_states(randomized_at, PatientStatus(status), died_at, by_day, now)
            if randomized_at is not None
            else ()
        ),
        adverse_events=adverse,
        support=support_periods(visits, ended_at),
        ending=ending,
        ended_at=ended_at,
        now=now,
    )


def _ending(
    died_at: datetime | None, discharged_at: datetime | None
) -> tuple[Ending | None, datetime | None]:
    if died_at is not None:
        return Ending.DEATH, died_at
    if discharged_at is not None:
        return Ending.DISCHARGE, discharged_at
    return None, None
