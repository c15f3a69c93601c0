"""Completeness of the record forms (adverse events, outcome): required fields answered.

What a form requires is the catalogue's own rule (`Field.is_required` over the form's values),
and the values are those the services open the form with (`AdverseEventRow.values`,
`outcomes.stored_values`), so there is one definition of a complete record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select

from msc_desk.catalogue import Form
from msc_desk.catalogue.event_forms import ADVERSE_EVENT_FORM, OUTCOME_FORM
from msc_desk.models import AdverseEvent, Outcome, Patient
from msc_desk.models.database import SessionFactory
from msc_desk.services import adverse_events, outcomes
from msc_desk.services.data_completeness import FormCompleteness
from msc_desk.services.session import read_session


def _tally(form: Form, records: Iterable[Mapping[str, object]]) -> FormCompleteness:
    fields = form.fields()
    expected = answered = 0
    for values in records:
        for item in fields:
            if item.is_required(values):
                expected += 1
                answered += values.get(item.name) is not None
    return FormCompleteness(form.code, form.title_ru, form.title_en, expected, answered)


def record_form_completeness(
    factory: SessionFactory, *, include_demo: bool = False
) -> list[FormCompleteness]:
    """The adverse-event form over the events recorded, the outcome form over the outcomes.

    Counts only, never an arm: the relation to MSC is counted answered or not, whoever reads.
    The caller has authorized.
    """
    events = select(AdverseEvent).join(Patient, Patient.id == AdverseEvent.patient_id)
    events = events.where(AdverseEvent.deleted_at.is_(None), Patient.deleted_at.is_(None))
    recorded = select(Outcome).join(Patient, Patient.id == Outcome.patient_id)
    recorded = recorded.where(Patient.deleted_at.is_(None))
    if not include_demo:
        events = events.where(Patient.is_demo.is_(False))
        recorded = recorded.where(Patient.is_demo.is_(False))
    # Tallied as the records stream in, a thousand at a time: never every record in memory.
    with read_session(factory) as session:
        event_values = (
            adverse_events.row_of(event, unblinded=True).values()
            for event in session.scalars(events.execution_options(yield_per=1000))
        )
        event_count = _tally(ADVERSE_EVENT_FORM, event_values)
        outcome_values = (
            outcomes.stored_values(outcome)
            for outcome in session.scalars(recorded.execution_options(yield_per=1000))
        )
        outcome_count = _tally(OUTCOME_FORM, outcome_values)
    return [event_count, outcome_count]
