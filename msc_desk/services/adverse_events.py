"""Adverse events, repeating per patient: entered, corrected with a reason, listed per reader."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from msc_desk.catalogue.event_forms import AE_COLUMNS
from msc_desk.models import AdverseEvent
from msc_desk.models.database import SessionFactory
from msc_desk.services import input_rules as rules
from msc_desk.services.actor import Actor
from msc_desk.services.follow_up import (
    FollowUpError,
    change_reason,
    choice,
    not_before,
    randomized_patient,
    refuse_if_casebook_signed,
    required_flag,
)
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, entered_offset, system_clock

TERM_LENGTH = rules.column_length(AdverseEvent, "term")
DESCRIPTION_LENGTH = 2000
FIELDS = tuple(AE_COLUMNS)
"""The adverse-event form's fields (catalogue names), in form order."""


@dataclass(frozen=True)
class AdverseEventRow:
    """One adverse event as its reader may see it.

    Attributes:
        relation: the relation to MSC, None for a reader without VIEW_ALLOCATION (it would
            reveal the arm), and `relation_hidden` is then True.
        action: for such a reader, None also when it was an infusion interrupted or stopped.
        expedited: a serious event, to be reported within 24 hours.
        incomplete: opened by an infusion reaction and not yet completed (no grade, action
            or outcome): shown as needing completion, never as an ordinary entry.
        infusion_id: the MSC infusion whose reaction opened it; None for a blinded reader.
    """

    event_id: int
    patient_id: int
    term: str
    onset_at: datetime
    onset_offset_min: int | None
    end_at: datetime | None
    end_offset_min: int | None
    grade: int | None
    serious: bool
    serious_reason: str | None
    relation: str | None
    action: str | None
    outcome: str | None
    description: str | None
    relation_hidden: bool = False
    infusion_id: int | None = None

    @property
    def expedited(self) -> bool:
        return self.serious

    @property
    def awaits_completion(self) -> bool:
        """Opened by a reaction and not completed: seriousness was never asked."""
        return self.incomplete and self.infusion_id is not None

    @property
    def incomplete(self) -> bool:
        return (
            self.grade is None
            or self.outcome is None
            or (self.action is None and not self.relation_hidden)
        )

    def values(self) -> dict[str, object]:
        """The row as form values (catalogue names), for opening it in the form again."""
        return {
            "ae_term": self.term,
            "ae_onset_at": self.onset_at,
            "ae_end_at": self.end_at,
            "ae_grade": self.grade,
            # Not yet asked of an event still to be completed: the form must not say "no".
            "ae_serious": None if self.awaits_completion else self.serious,
            "ae_serious_reason": self.serious_reason,
            "ae_relation_to_msc": self.relation,
            "ae_action": self.action,
            "ae_outcome": self.outcome,
            "ae_description": self.description,
        }


@dataclass(frozen=True)
class _Checked:
    term: str
    onset_at: datetime
    end_at: datetime | None
    grade: int
    serious: bool
    serious_reason: str | None
    relation: str
    action: str
    outcome: str
    description: str | None


def check_values(values: Mapping[str, object], randomized_at: datetime, now: datetime) -> _Checked:
    """The form's values checked one by one, then together.

    Raises:
        InvalidField: names the field: "required", "not_allowed", "too_long",
            "forbidden_character", "out_of_range", "not_a_number", "not_a_flag",
            "implausible_time", "no_time_zone", "before_randomization" (onset),
            "before_onset" (end), "serious_reason_required" or "not_serious" (a reason given
            for a non-serious event); an unknown key is "not_allowed".
    """
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise InvalidField(unknown[0], "not_allowed")
    term = rules.name("ae_term", values.get("ae_term"), TERM_LENGTH)
    assert term is not None
    onset = rules.instant("ae_onset_at", values.get("ae_onset_at"), now, required=True)
    assert onset is not None
    not_before("ae_onset_at", onset, randomized_at)
    end = rules.instant("ae_end_at", values.get("ae_end_at"), now)
    if end is not None and end < onset:
        raise InvalidField("ae_end_at", "before_onset")
    grade = rules.whole("ae_grade", values.get("ae_grade"), 1, 5)
    if grade is None:
        raise InvalidField("ae_grade", "required")
    serious = required_flag("ae_serious", values.get("ae_serious"))
    reason = choice("ae_serious_reason", values.get("ae_serious_reason"), required=False)
    if serious and reason is None:
        raise InvalidField("ae_serious_reason", "serious_reason_required")
    if not serious and reason is not None:
        raise InvalidField("ae_serious_reason", "not_serious")
    relation = choice("ae_relation_to_msc", values.get("ae_relation_to_msc"), required=True)
    action = choice("ae_action", values.get("ae_action"), required=True)
    outcome = choice("ae_outcome", values.get("ae_outcome"), required=True)
    description = rules.free_text(
        "ae_description", values.get("ae_description"), DESCRIPTION_LENGTH
    )
    assert relation is not None and action is not None and outcome is not None
    return _Checked(
        term, onset, end, grade, serious, reason, relation, action, outcome, description
    )


def store(event: AdverseEvent, checked: _Checked) -> None:
    event.term = checked.term
    event.onset_at = checked.onset_at
    event.onset_offset_min = entered_offset(checked.onset_at)
    event.resolved_at = checked.end_at
    event.resolved_offset_min = entered_offset(checked.end_at)
    event.grade = checked.grade
    event.serious = checked.serious
    event.serious_reason = checked.serious_reason
    event.related_to_msc = checked.relation
    event.action_taken = checked.action
    event.outcome = checked.outcome
    event.description = checked.description


def create_adverse_event(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    values: Mapping[str, object],
    clock: Clock = system_clock,
) -> int:
    """Record an adverse event of a randomized patient; returns its id.

    `values` are keyed by the catalogue's adverse-event fields (`FIELDS`: ae_term,
    ae_onset_at, ae_end_at, ae_grade, ae_serious, ae_serious_reason, ae_relation_to_msc,
    ae_action, ae_outcome, ae_description); instants are timezone-aware and their offset is
    kept. An infusion reaction opens the form pre-filled (term, onset, relation, action
    "infusion_interrupted" or "infusion_stopped") and saves through here.

    Raises:
        PermissionDenied: the role may not enter data (the denial is audited).
        FollowUpError: "not_found" or "not_randomized".
        FormLocked: the casebook is signed; unlock it with a reason first.
        InvalidField: see `check_values`.
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    with unit_of_work(factory, actor, clock=clock) as session:
        _patient, randomized_at = randomized_patient(session, patient_id)
        refuse_if_casebook_signed(session, AdverseEvent.__tablename__, patient_id)
        checked = check_values(values, randomized_at, clock())
        event = AdverseEvent(patient_id=patient_id)
        store(event, checked)
        session.add(event)
        session.flush()
        return event.id


def is_incomplete(event: AdverseEvent) -> bool:
    """Opened by a reaction and not completed yet."""
    return event.grade is None or event.action_taken is None or event.outcome is None


def hidden_from_blinded(event: AdverseEvent) -> bool:
    """An event a reaction opened, not completed yet: waiting for completion, it tells the arm."""
    return event.infusion_id is not None and is_incomplete(event)


def shown_to_blinded() -> ColumnElement[bool]:
    """`not hidden_from_blinded(event)` as a where-clause, for readers that query events."""
    return or_(
        AdverseEvent.infusion_id.is_(None),
        and_(
            AdverseEvent.grade.is_not(None),
            AdverseEvent.action_taken.is_not(None),
            AdverseEvent.outcome.is_not(None),
        ),
    )


def update_adverse_event(
    factory: SessionFactory,
    actor: Actor,
    event_id: int,
    values: Mapping[str, object],
    reason: str,
    clock: Clock = system_clock,
) -> None:
    """Correct a saved adverse event; the reason goes into the audit trail.

    Raises:
        PermissionDenied, FollowUpError ("not_found"), FormLocked, InvalidField (as
        `create_adverse_event`, and "reason" "required").
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    why = change_reason(reason)
    with unit_of_work(factory, actor, reason=why, clock=clock) as session:
        event = live_event(session, event_id)
        _patient, randomized_at = randomized_patient(session, event.patient_id)
        refuse_if_casebook_signed(session, AdverseEvent.__tablename__, event.patient_id)
        store(event, check_values(values, randomized_at, clock()))


def remove_adverse_event(
    factory: SessionFactory, actor: Actor, event_id: int, reason: str, clock: Clock = system_clock
) -> None:
    """Mark an event entered in error as removed (it stays in the record and the audit trail).

    Raises:
        PermissionDenied, FollowUpError ("not_found"), FormLocked, InvalidField ("reason").
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    why = change_reason(reason)
    with unit_of_work(factory, actor, reason=why, clock=clock) as session:
        event = live_event(session, event_id)
        refuse_if_casebook_signed(session, AdverseEvent.__tablename__, event.patient_id)
        event.deleted_at = clock()


def live_event(session: Session, event_id: object) -> AdverseEvent:
    """The event, refused when missing or removed."""
    event = session.get(AdverseEvent, event_id) if isinstance(event_id, int) else None
    if event is None or event.deleted_at is not None:
        raise FollowUpError("not_found")
    return event


def row_of(event: AdverseEvent, *, unblinded: bool) -> AdverseEventRow:
    """A stored event as a reader with (or without) VIEW_ALLOCATION may see it."""
    return AdverseEventRow(
        event_id=event.id,
        patient_id=event.patient_id,
        term=event.term,
        onset_at=event.onset_at,
        onset_offset_min=event.onset_offset_min,
        end_at=event.resolved_at,
        end_offset_min=event.resolved_offset_min,
        grade=event.grade,
        serious=event.serious,
        serious_reason=event.serious_reason,
        relation=event.related_to_msc if unblinded else None,
        action=_action_for(event.action_taken, unblinded),
        outcome=event.outcome,
        description=event.description,
        relation_hidden=not unblinded,
        infusion_id=event.infusion_id if unblinded else None,
    )


def _action_for(action: str | None, unblinded: bool) -> str | None:
    """An infusion interrupted or stopped tells the MSC arm: a blinded reader sees no action."""
    if unblinded or action is None or not action.startswith("infusion_"):
        return action
    return None


def list_adverse_events(
    factory: SessionFactory, actor: Actor, patient_id: int, clock: Clock = system_clock
) -> list[AdverseEventRow]:
    """The patient's adverse events by onset; no relation to MSC for a blinded reader.

    A blinded reader does not see an event an infusion reaction opened until it is
    completed: only the MSC arm is infused, so an event waiting for completion tells the arm.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    unblinded = is_allowed(actor, Action.VIEW_ALLOCATION)
    with read_session(factory) as session:
        events = session.scalars(
            select(AdverseEvent)
            .where(AdverseEvent.patient_id == patient_id, AdverseEvent.deleted_at.is_(None))
            .order_by(AdverseEvent.onset_at, AdverseEvent.id)
        ).all()
        return [
            row_of(event, unblinded=unblinded)
            for event in events
            if unblinded or not hidden_from_blinded(event)
        ]
