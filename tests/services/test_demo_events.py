"""The demo's adverse events, outcomes, queries and signatures obey the services' own rules."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from msc_desk.models import AdverseEvent, DataQuery, Outcome, Signature, Visit, VisitStatus
from msc_desk.models.randomization import AllocationSlot
from msc_desk.services import adverse_events, outcomes
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.outcomes import outcome_record
from msc_desk.services.session import read_session
from msc_desk.services.signatures import verify_e_signatures
from msc_desk.services.workspace import sign_in


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "trial"
    create_demo_trial(folder, screened=90)
    return folder


def test_every_demo_event_and_outcome_passes_the_services_checks(demo_dir: Path) -> None:
    workspace = sign_in(demo_dir, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        randomized = dict(
            session.execute(
                select(AllocationSlot.patient_id, AllocationSlot.revealed_at).where(
                    AllocationSlot.patient_id.is_not(None)
                )
            ).all()
        )
        events = list(session.scalars(select(AdverseEvent)))
        stored = list(session.scalars(select(Outcome)))
        session.expunge_all()
    now = datetime.now(UTC)
    for event in events:
        row = adverse_events.row_of(event, unblinded=True)
        adverse_events.check_values(row.values(), randomized[event.patient_id], now)
    reasons: Counter[str | None] = Counter()
    for outcome in stored:
        values = outcomes.stored_values(outcome)
        outcomes.check_values(values, randomized[outcome.patient_id], now)
        reasons[outcome.withdrawal_reason] += 1
        record = outcome_record(workspace.factory, workspace.actor, outcome.patient_id)
        # Only a withdrawn or lost patient may lack the day-28 status; nothing else is flagged.
        allowed = {"day28_not_established"} if outcome.withdrawal_reason else set()
        assert set(record.flags) <= allowed, (outcome.patient_id, record.flags)
    grades = Counter(event.grade for event in events)
    assert {1, 2, 3, 4, 5} <= set(grades)
    assert any(event.serious for event in events) and not all(event.serious for event in events)
    assert {event.outcome for event in events} >= {"recovered", "fatal"}
    assert reasons["consent_withdrawn"] >= 1 and reasons["lost_to_follow_up"] >= 1
    deaths = [outcome for outcome in stored if outcome.died_at is not None]
    assert deaths and all(outcome.cause_of_death for outcome in deaths)
    assert any(outcome.icu_discharged_at for outcome in stored)
    assert any(outcome.discharged_at for outcome in stored)
    assert {outcome.vital_status_source for outcome in stored} >= {"phone", "records", "in_person"}
    workspace.close()


def test_a_broken_demo_row_would_be_caught_by_the_same_checks(demo_dir: Path) -> None:
    workspace = sign_in(demo_dir, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        event = session.scalars(select(AdverseEvent).where(AdverseEvent.serious)).first()
        assert event is not None
        row = adverse_events.row_of(event, unblinded=True)
        randomized_at = session.scalar(
            select(AllocationSlot.revealed_at).where(AllocationSlot.patient_id == event.patient_id)
        )
    workspace.close()
    assert randomized_at is not None
    with pytest.raises(InvalidField):
        adverse_events.check_values(
            row.values() | {"ae_serious_reason": None}, randomized_at, row.onset_at
        )


def test_the_demo_has_queries_at_each_step_and_verified_signatures(demo_dir: Path) -> None:
    workspace = sign_in(demo_dir, "sidorov", "demo-monitor")
    with read_session(workspace.factory) as session:
        states = Counter(
            "closed" if query.closed_at else "answered" if query.answer else "open"
            for query in session.scalars(select(DataQuery))
        )
        signed_visits = list(session.scalars(select(Signature.visit_id)))
        assert verify_e_signatures(session) == []
        locked = list(session.scalars(select(Visit.status).where(Visit.locked)))
    workspace.close()
    assert states["open"] >= 1 and states["answered"] >= 1 and states["closed"] >= 1
    assert None in signed_visits and len([v for v in signed_visits if v is not None]) >= 2
    assert locked and VisitStatus.SCHEDULED not in locked
