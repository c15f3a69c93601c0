"""Monitors' data queries: raised on a field or a whole form, answered (and corrected), closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from msc_desk.catalogue import BASELINE_FORM, VISIT_FORM, Verdict, check_value
from msc_desk.catalogue import FIELDS as CATALOGUE
from msc_desk.catalogue.event_forms import AE_COLUMNS
from msc_desk.models import AdverseEvent, DataQuery, Observation, Outcome, Patient, User, Visit
from msc_desk.models.database import SessionFactory
from msc_desk.services import adverse_events, outcomes
from msc_desk.services import input_rules as rules
from msc_desk.services.actor import Actor
from msc_desk.services.follow_up import (
    FollowUpError,
    change_reason,
    randomized_patient,
    refuse_if_casebook_signed,
)
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

FORMS = ("visit", "adverse_event", "outcome")
_VISIT_FIELDS = frozenset(
    item.name for form in (VISIT_FORM, BASELINE_FORM) for item in form.fields()
)
_FORM_FIELDS = {
    "visit": _VISIT_FIELDS,
    "adverse_event": frozenset(AE_COLUMNS),
    "outcome": frozenset(outcomes.FIELDS),
}
# Fields whose value tells the arm: their queries are not shown to a blinded reader.
ARM_FIELDS = frozenset({"ae_relation_to_msc", "ae_action"})
_TEXT_LIMIT = 2000


class _Unchanged:
    """No correction: the answer explains, the value stands."""


NO_CORRECTION = _Unchanged()


@dataclass(frozen=True)
class QueryRow:
    """One query as its reader may see it; `field` None means the whole form."""

    query_id: int
    patient_id: int
    form: str
    visit_id: int | None
    study_day: int | None
    record_id: int | None
    field: str | None
    text: str
    raised_by: str
    raised_at: datetime
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    closed_by: str | None
    closed_at: datetime | None

    @property
    def state(self) -> str:
        """Open (awaiting an answer), answered (awaiting the monitor) or closed."""
        if self.closed_at is not None:
            return "closed"
        return "answered" if self.answer is not None else "open"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def raise_query(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    form: str,
    text: str,
    *,
    visit_id: int | None = None,
    record_id: int | None = None,
    field: str | None = None,
    clock: Clock = system_clock,
) -> int:
    """A monitor asks about a field (or the whole form, `field` None); returns the query's id.

    A visit query names `visit_id`, an adverse-event query `record_id` (the event's id).

    Raises:
        PermissionDenied: only monitors raise queries (the denial is audited).
        FollowUpError: "not_found" (patient, visit or event), "not_randomized".
        InvalidField: "form" / "field" "not_allowed" (not a field of that form), "text"
            "required", "too_long" or "forbidden_character".
    """
    authorize(factory, actor, Action.RAISE_QUERY, clock)
    if form not in FORMS:
        raise InvalidField("form", "not_allowed")
    if field is not None and field not in _FORM_FIELDS[form]:
        raise InvalidField("field", "not_allowed")
    body = rules.free_text("text", text, _TEXT_LIMIT, required=True)
    assert actor.user_id is not None
    with unit_of_work(factory, actor, clock=clock) as session:
        randomized_patient(session, patient_id)
        _check_target(session, patient_id, form, visit_id, record_id)
        query = DataQuery(
            patient_id=patient_id,
            form=form,
            visit_id=visit_id if form == "visit" else None,
            record_id=record_id if form == "adverse_event" else None,
            field=field,
            text=body,
            raised_by_id=actor.user_id,
            raised_at=clock(),
        )
        session.add(query)
        session.flush()
        return query.id


def _check_target(
    session: Session, patient_id: int, form: str, visit_id: int | None, record_id: int | None
) -> None:
    if form == "visit":
        visit = session.get(Visit, visit_id) if isinstance(visit_id, int) else None
        if visit is None or visit.patient_id != patient_id:
            raise FollowUpError("not_found")
    elif form == "adverse_event":
        event = session.get(AdverseEvent, record_id) if isinstance(record_id, int) else None
        if event is None or event.patient_id != patient_id or event.deleted_at is not None:
            raise FollowUpError("not_found")


def answer_query(
    factory: SessionFactory,
    actor: Actor,
    query_id: int,
    answer: str,
    *,
    correction: object = NO_CORRECTION,
    reason: str | None = None,
    clock: Clock = system_clock,
) -> None:
    """The site answers; with `correction`, the queried field takes that value, with `reason`.

    The answer and the correction are one audited transaction: either both stand or neither.

    Raises:
        PermissionDenied: investigators and nurses answer (the denial is audited).
        FollowUpError: "not_found", "query_closed".
        FormLocked: the corrected form is signed: unlock it with a reason first.
        InvalidField: "answer" "required"/"too_long"; "reason" "required" with a correction;
            "field" "required" (a correction needs a queried field); the field's own refusals.
    """
    authorize(factory, actor, Action.ANSWER_QUERY, clock)
    text = rules.free_text("answer", answer, _TEXT_LIMIT, required=True)
    correcting = not isinstance(correction, _Unchanged)
    why = change_reason(reason) if correcting else None
    assert actor.user_id is not None
    with unit_of_work(factory, actor, reason=why, clock=clock) as session:
        query = _query(session, query_id)
        if query.closed_at is not None:
            raise FollowUpError("query_closed")
        if query.answer is not None:
            session.info["reason"] = why or "answer revised"
        if correcting:
            if query.field is None:
                raise InvalidField("field", "required")
            _correct(session, query, correction, clock)
        query.answer = text
        query.answered_by_id = actor.user_id
        query.answered_at = clock()


def close_query(
    factory: SessionFactory, actor: Actor, query_id: int, clock: Clock = system_clock
) -> None:
    """The monitor accepts the answer and closes the query.

    Raises:
        PermissionDenied: only monitors close queries.
        FollowUpError: "not_found", "query_closed" or "query_not_answered".
    """
    authorize(factory, actor, Action.RAISE_QUERY, clock)
    with unit_of_work(factory, actor, clock=clock) as session:
        query = _query(session, query_id)
        if query.closed_at is not None:
            raise FollowUpError("query_closed")
        if query.answer is None:
            raise FollowUpError("query_not_answered")
        query.closed_at = clock()
        query.closed_by_id = actor.user_id


def _query(session: Session, query_id: object) -> DataQuery:
    query = session.get(DataQuery, query_id) if isinstance(query_id, int) else None
    if query is None:
        raise FollowUpError("not_found")
    return query


def _correct(session: Session, query: DataQuery, value: object, clock: Clock) -> None:
    assert query.field is not None
    if query.form == "visit":
        _correct_observation(session, query, value, clock)
        return
    _patient, randomized_at = randomized_patient(session, query.patient_id)
    if query.form == "adverse_event":
        refuse_if_casebook_signed(session, AdverseEvent.__tablename__, query.patient_id)
        event = session.get_one(AdverseEvent, query.record_id)
        row = adverse_events.row_of(event, unblinded=True)
        values = dict(row.values()) | {query.field: value}
        checked = adverse_events.check_values(values, randomized_at, clock())
        adverse_events.store(event, checked)
        return
    refuse_if_casebook_signed(session, Outcome.__tablename__, query.patient_id)
    outcome = session.scalar(select(Outcome).where(Outcome.patient_id == query.patient_id))
    if outcome is None:
        raise FollowUpError("not_found")
    values = dict(outcomes.stored_values(outcome)) | {query.field: value}
    stored = outcomes.check_values(values, randomized_at, clock())
    outcomes.store(outcome, stored)
    patient = session.get_one(Patient, query.patient_id)
    patient.status = outcomes.status_after(
        patient.status, stored, outcomes.day28_outcome(randomized_at, stored)
    )


def _correct_observation(session: Session, query: DataQuery, value: object, clock: Clock) -> None:
    """A visit value corrected through the catalogue's own check (hard stops refused)."""
    assert query.field is not None and query.visit_id is not None
    item = CATALOGUE[query.field]
    check = check_value(item, value, clock())
    if check.verdict is Verdict.HARD_STOP:
        raise InvalidField(
            query.field, "out_of_range" if "possible" in check.code else "not_allowed"
        )
    observation = session.scalar(
        select(Observation).where(
            Observation.visit_id == query.visit_id, Observation.code == query.field
        )
    )
    if observation is None:
        observation = Observation(visit_id=query.visit_id, code=query.field)
        session.add(observation)
    parsed = check.value
    if isinstance(parsed, Decimal):
        observation.value, observation.value_text = parsed, None
    else:
        observation.value = None
        observation.value_text = None if parsed is None else str(parsed)
    if observation.value is not None or observation.value_text is not None:
        observation.missing_reason = None
    observation.visit = session.get_one(Visit, query.visit_id)


def list_queries(
    factory: SessionFactory, actor: Actor, patient_id: int, clock: Clock = system_clock
) -> list[QueryRow]:
    """The patient's queries, newest first; none on an arm-revealing field for a blinded reader.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    unblinded = is_allowed(actor, Action.VIEW_ALLOCATION)
    raiser, answerer, closer = aliased(User), aliased(User), aliased(User)
    statement = (
        select(DataQuery, Visit.study_day, raiser.full_name, answerer.full_name, closer.full_name)
        .join(raiser, raiser.id == DataQuery.raised_by_id)
        .outerjoin(answerer, answerer.id == DataQuery.answered_by_id)
        .outerjoin(closer, closer.id == DataQuery.closed_by_id)
        .outerjoin(Visit, Visit.id == DataQuery.visit_id)
        .where(DataQuery.patient_id == patient_id)
        .order_by(DataQuery.raised_at.desc(), DataQuery.id.desc())
    )
    with read_session(factory) as session:
        found = session.execute(statement).all()
        rows = [
            QueryRow(
                query_id=query.id,
                patient_id=query.patient_id,
                form=query.form or "visit",
                visit_id=query.visit_id,
                study_day=study_day,
                record_id=query.record_id,
                field=query.field,
                text=query.text,
                raised_by=raised_by,
                raised_at=query.raised_at,
                answer=query.answer,
                answered_by=answered_by,
                answered_at=query.answered_at,
                closed_by=closed_by,
                closed_at=query.closed_at,
            )
            for query, study_day, raised_by, answered_by, closed_by in found
        ]
    if unblinded:
        return rows
    return [row for row in rows if row.field not in ARM_FIELDS]


def open_fields(rows: list[QueryRow], form: str, *, visit_id: int | None = None,
                record_id: int | None = None) -> dict[str | None, int]:  # fmt: skip
    """Open queries on one form by field (None: on the whole form), for the field markers."""
    counts: dict[str | None, int] = {}
    for row in rows:
        if not row.is_open or row.form != form:
            continue
        if (form == "visit" and row.visit_id != visit_id) or (
            form == "adverse_event" and record_id is not None and row.record_id != record_id
        ):
            continue
        counts[row.field] = counts.get(row.field, 0) + 1
    return counts


def open_by_visit(rows: list[QueryRow]) -> dict[int, int]:
    """Open queries per study day of their visit (the visit marker)."""
    counts: dict[int, int] = {}
    for row in rows:
        if row.is_open and row.study_day is not None:
            counts[row.study_day] = counts.get(row.study_day, 0) + 1
    return counts


@dataclass(frozen=True)
class QueryTargets:
    """What a query can be raised on: the patient's visits, adverse events and the outcome."""

    visits: tuple[tuple[int, int], ...]
    """(visit id, study day) of each recorded visit."""
    events: tuple[tuple[int, str], ...]
    """(event id, term) of each adverse event."""


def query_targets(
    factory: SessionFactory, actor: Actor, patient_id: int, clock: Clock = system_clock
) -> QueryTargets:
    """The forms of a patient a monitor may query.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        visits = session.execute(
            select(Visit.id, Visit.study_day)
            .where(Visit.patient_id == patient_id)
            .order_by(Visit.study_day)
        ).all()
        events = session.execute(
            select(AdverseEvent.id, AdverseEvent.term)
            .where(AdverseEvent.patient_id == patient_id, AdverseEvent.deleted_at.is_(None))
            .order_by(AdverseEvent.onset_at, AdverseEvent.id)
        ).all()
    return QueryTargets(
        visits=tuple((visit_id, day) for visit_id, day in visits),
        events=tuple((event_id, term) for event_id, term in events),
    )


def form_fields(form: str) -> tuple[str, ...]:
    """The fields of a form a query can name, in the catalogue's order."""
    if form == "visit":
        return tuple(item.name for item in BASELINE_FORM.fields() if not item.computed)
    if form == "adverse_event":
        return tuple(AE_COLUMNS)
    return outcomes.FIELDS
