"""Adverse events: entered with their offsets, checked, locked by the casebook, blinded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from follow_up_trial import MSK, RANDOMIZED_AT, FollowUpTrial, follow_up_trial
from sqlalchemy import select

from msc_desk.models import AdverseEvent, AuditEntry
from msc_desk.services.adverse_events import (
    create_adverse_event,
    list_adverse_events,
    remove_adverse_event,
    update_adverse_event,
)
from msc_desk.services.follow_up import FollowUpError
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import read_session
from msc_desk.services.signatures import FormLocked, sign_casebook, unlock_casebook

MOSCOW = timezone(MSK)


def fever(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "ae_term": "Фебрильная лихорадка",
        "ae_onset_at": (RANDOMIZED_AT + timedelta(hours=5)).astimezone(MOSCOW),
        "ae_end_at": None,
        "ae_grade": 2,
        "ae_serious": False,
        "ae_serious_reason": None,
        "ae_relation_to_msc": "possible",
        "ae_action": "infusion_interrupted",
        "ae_outcome": "recovering",
        "ae_description": "Озноб через 20 минут после начала инфузии",
    }
    return values | changes


@pytest.fixture
def trial(tmp_path: Path, fixed_clock: Any) -> Iterator[FollowUpTrial]:
    with follow_up_trial(tmp_path / "ws", fixed_clock) as built:
        yield built


def _create(trial: FollowUpTrial, clock: Any, **changes: object) -> int:
    ws = trial.nurse
    return create_adverse_event(ws.factory, ws.actor, trial.patient_id, fever(**changes), clock)


def test_an_event_is_stored_with_the_offset_it_was_typed_with(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    event_id = _create(trial, fixed_clock)
    with read_session(trial.nurse.factory) as session:
        event = session.get_one(AdverseEvent, event_id)
        assert (event.onset_at, event.onset_offset_min) == (RANDOMIZED_AT + timedelta(hours=5), 180)
        assert (event.grade, event.serious, event.action_taken) == (
            2,
            False,
            "infusion_interrupted",
        )
        audited = {
            row.field
            for row in session.scalars(
                select(AuditEntry).where(AuditEntry.table_name == "adverse_event")
            )
        }
    assert {"term", "onset_at", "onset_offset_min", "related_to_msc", "grade"} <= audited
    [row] = list_adverse_events(trial.nurse.factory, trial.nurse.actor, trial.patient_id)
    assert (row.term, row.relation, row.expedited) == ("Фебрильная лихорадка", "possible", False)


def test_a_serious_event_needs_its_reason_and_is_marked_for_expedited_reporting(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    with pytest.raises(InvalidField) as refused:
        _create(trial, fixed_clock, ae_serious=True, ae_grade=4)
    assert (refused.value.field, refused.value.code) == (
        "ae_serious_reason",
        "serious_reason_required",
    )
    with pytest.raises(InvalidField) as refused:
        _create(trial, fixed_clock, ae_serious_reason="death")
    assert refused.value.code == "not_serious"
    _create(trial, fixed_clock, ae_serious=True, ae_grade=4, ae_serious_reason="life_threatening")
    [row] = list_adverse_events(trial.nurse.factory, trial.nurse.actor, trial.patient_id)
    assert row.expedited and row.serious_reason == "life_threatening"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"ae_term": "  "}, "ae_term", "required"),
        ({"ae_term": "x\u202ey"}, "ae_term", "forbidden_character"),
        ({"ae_grade": 6}, "ae_grade", "out_of_range"),
        ({"ae_grade": 0}, "ae_grade", "out_of_range"),
        ({"ae_grade": None}, "ae_grade", "required"),
        ({"ae_serious": None}, "ae_serious", "required"),
        ({"ae_relation_to_msc": "maybe"}, "ae_relation_to_msc", "not_allowed"),
        ({"ae_outcome": None}, "ae_outcome", "required"),
        (
            {"ae_onset_at": RANDOMIZED_AT - timedelta(hours=1)},
            "ae_onset_at",
            "before_randomization",
        ),
        ({"ae_onset_at": RANDOMIZED_AT.replace(tzinfo=None)}, "ae_onset_at", "no_time_zone"),
        ({"ae_end_at": RANDOMIZED_AT + timedelta(hours=1)}, "ae_end_at", "before_onset"),
        ({"colour": "red"}, "colour", "not_allowed"),
    ],
)
def test_the_service_refuses_what_the_form_would(
    trial: FollowUpTrial, fixed_clock: Any, changes: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(InvalidField) as refused:
        _create(trial, fixed_clock, **changes)
    assert (refused.value.field, refused.value.code) == (field, code)


def test_only_the_site_enters_events(trial: FollowUpTrial, fixed_clock: Any) -> None:
    for ws in (trial.monitor, trial.reviewer):
        with pytest.raises(PermissionDenied):
            create_adverse_event(ws.factory, ws.actor, trial.patient_id, fever(), fixed_clock)
    with pytest.raises(FollowUpError):
        create_adverse_event(trial.nurse.factory, trial.nurse.actor, 999, fever(), fixed_clock)


def test_a_blinded_reviewer_sees_no_relation_to_msc_and_no_infusion_action(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    _create(trial, fixed_clock)
    _create(trial, fixed_clock, ae_action="treatment")
    ws = trial.reviewer
    rows = list_adverse_events(ws.factory, ws.actor, trial.patient_id)
    assert [(row.relation, row.relation_hidden) for row in rows] == [(None, True)] * 2
    assert [row.action for row in rows] == [None, "treatment"]
    monitor = list_adverse_events(trial.monitor.factory, trial.monitor.actor, trial.patient_id)
    assert [row.relation for row in monitor] == ["possible"] * 2


def test_a_correction_needs_a_reason_and_a_signed_casebook_refuses_it(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    event_id = _create(trial, fixed_clock)
    nurse = trial.nurse
    with pytest.raises(InvalidField) as refused:
        update_adverse_event(nurse.factory, nurse.actor, event_id, fever(ae_grade=3), " ")
    assert refused.value.field == "reason"
    update_adverse_event(
        nurse.factory, nurse.actor, event_id, fever(ae_grade=3), "grade re-assessed", fixed_clock
    )
    ws = trial.investigator
    sign_casebook(ws.factory, ws.actor, trial.data_dir, trial.patient_id,
                  trial.password(ws), "Подтверждаю", fixed_clock)  # fmt: skip
    with pytest.raises(FormLocked):
        update_adverse_event(nurse.factory, nurse.actor, event_id, fever(ae_grade=4), "why")
    with pytest.raises(FormLocked):
        _create(trial, fixed_clock)
    with pytest.raises(FormLocked):
        remove_adverse_event(nurse.factory, nurse.actor, event_id, "entered twice")
    unlock_casebook(ws.factory, ws.actor, trial.patient_id, "late report", fixed_clock)
    remove_adverse_event(nurse.factory, nurse.actor, event_id, "entered twice", fixed_clock)
    assert list_adverse_events(nurse.factory, nurse.actor, trial.patient_id) == []
