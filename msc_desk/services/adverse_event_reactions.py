"""Adverse events an infusion reaction opens: pre-filled, then completed once by the clinician."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from msc_desk.models import AdverseEvent
from msc_desk.models.database import SessionFactory
from msc_desk.services import input_rules as rules
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import (
    DESCRIPTION_LENGTH,
    TERM_LENGTH,
    check_values,
    is_incomplete,
    live_event,
    store,
)
from msc_desk.services.follow_up import (
    FollowUpError,
    choice,
    not_before,
    randomized_patient,
    refuse_if_casebook_signed,
)
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import Clock, entered_offset, system_clock

OPENING_FIELDS = ("ae_term", "ae_onset_at", "ae_relation_to_msc", "ae_description")
"""What an infusion reaction fills in; grade, seriousness, action and outcome come later."""
OPENING_RELATIONS = ("possible", "probable", "definite")
"""A reaction during the infusion is at least possibly related to the cells."""
COMPLETION_REASON = "Первичное заполнение нежелательного явления"
"""The audit's reason when completing replaces a pre-filled term, onset or relation."""


def open_reaction_event(
    session: Session,
    patient_id: int,
    infusion_id: int,
    values: Mapping[str, object],
    now: datetime,
) -> AdverseEvent:
    """Open, inside the infusion record's unit of work, the event a reaction calls for.

    It is incomplete until `complete_adverse_event`: term, onset and relation (at least
    "possible") are checked as the form checks them; grade, seriousness, action and outcome
    stay empty. The caller's unit of work audits it with the infusion record.

    Raises:
        FollowUpError: "not_found" or "not_randomized".
        FormLocked: the casebook is signed.
        InvalidField: as `check_values` for the fields given; "ae_relation_to_msc"
            "not_allowed" for a relation weaker than possible; any other key "not_allowed".
    """
    unknown = sorted(set(values) - set(OPENING_FIELDS))
    if unknown:
        raise InvalidField(unknown[0], "not_allowed")
    _patient, randomized_at = randomized_patient(session, patient_id)
    refuse_if_casebook_signed(session, AdverseEvent.__tablename__, patient_id)
    term = rules.name("ae_term", values.get("ae_term"), TERM_LENGTH)
    onset = rules.instant("ae_onset_at", values.get("ae_onset_at"), now, required=True)
    assert term is not None and onset is not None
    not_before("ae_onset_at", onset, randomized_at)
    relation = choice("ae_relation_to_msc", values.get("ae_relation_to_msc"), required=True)
    if relation not in OPENING_RELATIONS:
        raise InvalidField("ae_relation_to_msc", "not_allowed")
    description = rules.free_text(
        "ae_description", values.get("ae_description"), DESCRIPTION_LENGTH
    )
    event = AdverseEvent(
        patient_id=patient_id,
        term=term,
        onset_at=onset,
        onset_offset_min=entered_offset(onset),
        serious=False,
        related_to_msc=relation,
        description=description,
        infusion_id=infusion_id,
    )
    session.add(event)
    session.flush()
    return event


def complete_adverse_event(
    factory: SessionFactory,
    actor: Actor,
    event_id: int,
    values: Mapping[str, object],
    clock: Clock = system_clock,
) -> None:
    """Complete an event a reaction opened: the whole form, checked as a new entry.

    Completing is the first entry of grade, seriousness, action and outcome, so the user gives
    no reason; the audit records COMPLETION_REASON for any pre-filled value the clinician
    replaces. A complete event is corrected with `update_adverse_event`.

    Raises:
        PermissionDenied, FollowUpError ("not_found", "already_complete"), FormLocked,
        InvalidField (see `check_values`).
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    with unit_of_work(factory, actor, reason=COMPLETION_REASON, clock=clock) as session:
        event = live_event(session, event_id)
        if not is_incomplete(event):
            raise FollowUpError("already_complete")
        _patient, randomized_at = randomized_patient(session, event.patient_id)
        refuse_if_casebook_signed(session, AdverseEvent.__tablename__, event.patient_id)
        store(event, check_values(values, randomized_at, clock()))


def incomplete_adverse_events(session: Session) -> list[AdverseEvent]:
    """Every live event still to be completed, by patient and onset."""
    return list(
        session.scalars(
            select(AdverseEvent)
            .where(
                AdverseEvent.deleted_at.is_(None),
                or_(
                    AdverseEvent.grade.is_(None),
                    AdverseEvent.action_taken.is_(None),
                    AdverseEvent.outcome.is_(None),
                ),
            )
            .order_by(AdverseEvent.patient_id, AdverseEvent.onset_at, AdverseEvent.id)
        )
    )
