"""Visit forms: open (values, draft, SOFA, findings), save, complete; drafts per user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.catalogue import Field, FieldType
from msc_desk.models import (
    Observation,
    Outcome,
    Patient,
    Screening,
    Visit,
    VisitDeviation,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.models.randomization import AllocationSlot
from msc_desk.scoring import visits as schedule
from msc_desk.security.form_locks import ensure_editable
from msc_desk.security.policy import InputRefused
from msc_desk.services.actor import Actor
from msc_desk.services.audit import insert_audited
from msc_desk.services.input_rules import InvalidField, free_text, instant
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import next_ids, read_session, unit_of_work
from msc_desk.services.visit_drafts import delete_draft, load_draft
from msc_desk.services.visit_entries import (
    Entry,
    FormReading,
    Problem,
    StoredValue,
    fields_for_day,
    read_form,
    reason_code,
)
from msc_desk.services.visit_findings import (
    OUTSIDE_WINDOW,
    Finding,
    PatientFacts,
    visit_findings,
)
from msc_desk.services.visit_sofa import BedsideSofa, bedside_sofa
from msc_desk.timekeeping import Clock, as_entered, entered_offset, system_clock

REASON_LIMIT = 500
DERIVED_REASON = "recomputed from the form's values"
"""The audit reason of what a save derives (state, SOFA, window): never typed by a user."""


class VisitNotOpen(InputRefused, LookupError):
    """No randomized patient with this id, or no protocol visit on that study day."""

    def __init__(self, code: str) -> None:
        super().__init__(code)


class VisitFormRefused(InputRefused, ValueError):
    """A save refused; `problems` name each field and why, `missing` the fields lacking a reason.

    Codes: "hard_stop" (a value outside the possible range or malformed), "unconfirmed" (a
    value outside the plausible range not confirmed), "missing_reasons" (completing a form
    with an empty required field that has no missing-data reason).
    """

    def __init__(
        self, code: str, problems: tuple[Problem, ...] = (), missing: tuple[str, ...] = ()
    ) -> None:
        names = [problem.field for problem in problems] + list(missing)
        super().__init__(code, f"{code.replace('_', ' ')}: {', '.join(names)}")
        self.problems = problems
        self.missing = missing


@dataclass(frozen=True)
class VisitForm:
    """A visit form as opened: saved entries (or the user's newer draft), SOFA and findings."""

    patient_id: int
    study_day: int
    status: VisitStatus | None
    performed_at: datetime | None
    entries: dict[str, Entry]
    from_draft: bool
    baseline_weight: object
    facts: PatientFacts
    reading: FormReading
    sofa: BedsideSofa
    findings: tuple[Finding, ...]
    locked: bool


@dataclass(frozen=True)
class SavedVisit:
    visit_id: int
    status: VisitStatus
    sofa: BedsideSofa
    findings: tuple[Finding, ...]


def _facts(session: Session, patient_id: int) -> PatientFacts:
    row = session.execute(
        select(AllocationSlot.revealed_at, Screening.sex)
        .join(Patient, Patient.id == AllocationSlot.patient_id)
        .outerjoin(Screening, Screening.patient_id == Patient.id)
        .where(Patient.id == patient_id, Patient.deleted_at.is_(None))
    ).one_or_none()
    if row is None or row.revealed_at is None:
        raise VisitNotOpen("not_randomized")
    outcome = session.execute(
        select(Outcome.died_at, Outcome.discharged_at, Outcome.last_known_alive_at).where(
            Outcome.patient_id == patient_id
        )
    ).one_or_none()
    performed = session.scalars(
        select(Visit.performed_at).where(
            Visit.patient_id == patient_id,
            Visit.status == VisitStatus.DONE,
            Visit.performed_at.is_not(None),
        )
    ).all()
    return PatientFacts(
        randomized_at=row.revealed_at,
        died_at=None if outcome is None else outcome.died_at,
        discharged_at=None if outcome is None else outcome.discharged_at,
        last_known_alive_at=None if outcome is None else outcome.last_known_alive_at,
        visits_performed_at=tuple(at for at in performed if at is not None),
        screening_sex=None if row.sex is None else str(row.sex),
    )


def _check_day(study_day: object) -> int:
    if not isinstance(study_day, int) or isinstance(study_day, bool):
        raise InvalidField("study_day", "not_allowed")
    try:
        schedule.visit_on_day(study_day)
    except ValueError as exc:
        raise InvalidField("study_day", "not_allowed") from exc
    return study_day


def _entry_from_row(item: Field, row: Observation) -> Entry:
    reason = reason_code(row.missing_reason)
    if row.entered_unit is not None and row.entered_value is not None:
        alternative = next(
            (alt for alt in item.alternatives if alt.unit.en == row.entered_unit), None
        )
        inputs = dict(part.split("=", 1) for part in (row.entered_detail or "").split(";") if part)
        tartrate = inputs.pop("tartrate_mg", None)
        if tartrate is not None:
            inputs["drug_mg"] = tartrate
        if alternative is not None:
            return Entry(
                str(row.entered_value),
                alternative.code,
                inputs,
                tartrate is not None,
                confirmed=bool(row.out_of_range_confirmed),
            )
    raw: object = row.value if row.value is not None else row.value_text
    if item.type is FieldType.INSTANT and isinstance(raw, str):
        raw = datetime.fromisoformat(raw)
    return Entry(
        None if raw is None else str(raw) if item.type in _SHOWN_AS_TEXT else raw,
        missing_reason=reason,
        missing_text=row.missing_reason_text,
        confirmed=bool(row.out_of_range_confirmed),
    )


_SHOWN_AS_TEXT = {FieldType.DECIMAL, FieldType.INTEGER}


def _saved_entries(visit: Visit | None, study_day: int) -> dict[str, Entry]:
    if visit is None:
        return {}
    fields = {item.name: item for item in fields_for_day(study_day) if not item.computed}
    return {
        row.code: _entry_from_row(fields[row.code], row)
        for row in visit.observations
        if row.code in fields and row.deleted_at is None
    }


def _baseline_weight(session: Session, patient_id: int) -> object:
    return session.scalar(
        select(Observation.value)
        .join(Visit, Visit.id == Observation.visit_id)
        .where(Visit.patient_id == patient_id, Visit.study_day == 0, Observation.code == "weight")
    )


def _visit(session: Session, patient_id: int, study_day: int) -> Visit | None:
    return session.scalars(
        select(Visit).where(Visit.patient_id == patient_id, Visit.study_day == study_day)
    ).one_or_none()


def evaluate(
    study_day: int,
    entries: Mapping[str, Entry],
    performed_at: datetime | None,
    facts: PatientFacts,
    now: datetime,
) -> tuple[FormReading, BedsideSofa, tuple[Finding, ...]]:
    """What the form shows while typing: the reading, SOFA and cross-form findings."""
    reading = read_form(study_day, entries, now)
    findings = visit_findings(study_day, performed_at, reading.values, facts, now)
    return reading, bedside_sofa(reading.values), findings


def open_visit(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    study_day: int,
    clock: Clock = system_clock,
) -> VisitForm:
    """The visit form of `patient_id` on `study_day`, with the actor's own draft if newer.

    Raises:
        PermissionDenied: the role may not view clinical data.
        InvalidField: ("study_day") no protocol visit on that day.
        VisitNotOpen: ("not_randomized") no randomized patient with this id.
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    day = _check_day(study_day)
    now = clock()
    with read_session(factory) as session:
        facts = _facts(session, patient_id)
        visit = _visit(session, patient_id, day)
        entries = _saved_entries(visit, day)
        weight = _baseline_weight(session, patient_id)
        status = None if visit is None else VisitStatus(visit.status)
        performed_at = (
            None if visit is None else as_entered(visit.performed_at, visit.performed_at_offset_min)
        )
        locked = visit is not None and visit.locked
    draft = None if locked else load_draft(factory, actor, patient_id, day)  # signed: as signed
    if draft is not None:
        entries = draft
    reading, sofa, findings = evaluate(day, entries, performed_at, facts, now)
    return VisitForm(
        patient_id,
        day,
        status,
        performed_at,
        entries,
        draft is not None,
        weight,
        facts,
        reading,
        sofa,
        findings,
        locked,
    )


def _write_row(row: Observation, stored: StoredValue) -> None:
    for column, value in stored.columns().items():
        setattr(row, column, value)


def _insert_observations(
    session: Session, visit_id: int, patient_id: int, added: dict[str, StoredValue], new: bool
) -> None:
    """The form's new values, in one audited statement (a form has dozens of them)."""
    if not added:
        return
    if not new:
        ensure_editable(session, visit_id)  # no flush sees these rows: the lock is checked here
    ids = next_ids(session, Observation, len(added))
    records = [
        {"id": row_id, "visit_id": visit_id, "code": code, **stored.columns()}
        for row_id, (code, stored) in zip(ids, added.items(), strict=True)
    ]
    insert_audited(session, Observation, records, patient_id)


def _write_sofa(visit: Visit, sofa: BedsideSofa) -> None:
    for column, value in sofa.columns().items():
        setattr(visit, column, value)


def save_visit(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    study_day: int,
    entries: Mapping[str, Entry],
    *,
    performed_at: datetime,
    complete: bool,
    reason: str | None = None,
    clock: Clock = system_clock,
) -> SavedVisit:
    """Save the form; `complete` marks the visit done once every empty required field has a reason.

    A value outside the plausible range is saved only with `Entry.confirmed`. Changing a saved
    value needs `reason` (audited). The actor's draft of this visit is removed.

    Raises:
        PermissionDenied: the role may not enter data.
        InvalidField: study_day, performed_at or reason malformed.
        VisitNotOpen: the patient is not randomized.
        VisitFormRefused: hard stops, unconfirmed warnings, or missing reasons on completion.
        FormLocked: the visit is signed.
        ReasonRequired: a saved value changed without a reason.
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    day = _check_day(study_day)
    now = clock()
    at = instant("performed_at", performed_at, now, required=True)
    assert at is not None
    why = free_text("reason", reason, REASON_LIMIT)
    # One transaction: the checks read what the write lock then keeps unchanged until commit.
    with unit_of_work(factory, actor, reason=why, clock=clock) as session:
        facts = _facts(session, patient_id)
        if at < facts.randomized_at and num_days_before(facts, at) > 0:
            raise InvalidField("performed_at", "out_of_range")
        visit = _visit(session, patient_id, day)
        complete = complete or (visit is not None and visit.status == VisitStatus.DONE)
        reading, sofa, findings = evaluate(day, entries, at, facts, now)
        if reading.refusals:
            raise VisitFormRefused("hard_stop", reading.refusals)
        if reading.warnings:
            raise VisitFormRefused("unconfirmed", reading.warnings)
        if complete and reading.missing:
            raise VisitFormRefused("missing_reasons", missing=reading.missing)
        status = VisitStatus.DONE if complete else VisitStatus.SCHEDULED
        outside = any(finding.code == OUTSIDE_WINDOW for finding in findings)
        new = visit is None
        if visit is None:
            visit = Visit(patient_id=patient_id, study_day=day, status=status)
            visit.id = next_ids(session, Visit, 1)[0]
            session.add(visit)
        visit.performed_at = at
        visit.performed_at_offset_min = entered_offset(at)
        saved = {row.code: row for row in visit.observations}
        for code, row in saved.items():
            stored = reading.stored.get(code)
            if stored is not None:
                _write_row(row, stored)
            elif row.deleted_at is None:
                _write_row(row, StoredValue())
        if not new:
            # What the user typed is flushed first: overwriting a saved value needs their reason.
            session.flush()
            session.info["reason"] = why or DERIVED_REASON
        visit.status = status
        visit.deviation = VisitDeviation.OUTSIDE_WINDOW if outside else None
        _write_sofa(visit, sofa)
        session.flush()
        added = {code: stored for code, stored in reading.stored.items() if code not in saved}
        _insert_observations(session, visit.id, patient_id, added, new)
        delete_draft(session, actor, patient_id, day)
        visit_id = visit.id
    return SavedVisit(visit_id, status, sofa, findings)


def num_days_before(facts: PatientFacts, at: datetime) -> int:
    """Whole study days before randomization's day (0 on the randomization day)."""
    return -schedule.study_day(randomization=facts.randomized_at, at=at)
