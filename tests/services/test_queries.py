"""Queries: raised by a monitor, answered (with a correction) by the site, closed; all audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from follow_up_trial import RANDOMIZED_AT, FollowUpTrial, follow_up_trial
from sqlalchemy import select

from msc_desk.models import AuditEntry, Observation, Signature, Visit
from msc_desk.services.adverse_events import create_adverse_event, list_adverse_events
from msc_desk.services.follow_up import FollowUpError
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.patients import list_patients, patient_summary
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.queries import (
    answer_query,
    close_query,
    list_queries,
    open_by_visit,
    open_fields,
    raise_query,
)
from msc_desk.services.session import read_session
from msc_desk.services.signatures import FormLocked, SignatureError, sign_visit, unlock_visit

MEANING = "Данные визита соответствуют первичной документации"


@pytest.fixture
def trial(tmp_path: Path, fixed_clock: Any) -> Iterator[FollowUpTrial]:
    fixed_clock.now = RANDOMIZED_AT + timedelta(days=3)
    with follow_up_trial(tmp_path / "ws", fixed_clock) as built:
        yield built


def _raise_on_lactate(trial: FollowUpTrial, clock: Any) -> int:
    ws = trial.monitor
    return raise_query(ws.factory, ws.actor, trial.patient_id, "visit",
                       "Лактат 3,4 не совпадает с бланком лаборатории (2,4)",
                       visit_id=trial.day0, field="lactate", clock=clock)  # fmt: skip


def _lactate(trial: FollowUpTrial) -> Decimal | None:
    with read_session(trial.nurse.factory) as session:
        return session.get_one(Observation, trial.lactate).value


def _open_in_list(trial: FollowUpTrial, clock: Any) -> int:
    ws = trial.investigator
    [row] = list_patients(ws.factory, ws.actor, clock(), clock)
    return row.open_queries


def _open_on_visits(trial: FollowUpTrial, clock: Any) -> dict[int, int]:
    ws = trial.investigator
    summary = patient_summary(ws.factory, ws.actor, trial.patient_id, clock(), clock)
    return {line.study_day: line.open_queries for line in summary.visits if line.open_queries}


def test_a_query_is_raised_answered_with_a_correction_and_closed(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    query_id = _raise_on_lactate(trial, fixed_clock)
    nurse = trial.nurse
    rows = list_queries(nurse.factory, nurse.actor, trial.patient_id)
    assert [(row.state, row.field, row.study_day) for row in rows] == [("open", "lactate", 0)]
    assert open_fields(rows, "visit", visit_id=trial.day0) == {"lactate": 1}
    assert open_fields(rows, "visit", visit_id=trial.day2) == {}
    assert open_by_visit(rows) == {0: 1}
    assert _open_in_list(trial, fixed_clock) == 1
    assert _open_on_visits(trial, fixed_clock) == {0: 1}

    with pytest.raises(InvalidField) as refused:
        answer_query(nurse.factory, nurse.actor, query_id, "Исправлено", correction="2.4")
    assert refused.value.field == "reason"
    with pytest.raises(FollowUpError, match="not answered"):
        close_query(trial.monitor.factory, trial.monitor.actor, query_id, fixed_clock)
    answer_query(nurse.factory, nurse.actor, query_id, "Ошибка переноса, исправлено",
                 correction="2.4", reason="transcription error", clock=fixed_clock)  # fmt: skip
    assert _lactate(trial) == Decimal("2.4")
    rows = list_queries(nurse.factory, nurse.actor, trial.patient_id)
    assert rows[0].state == "answered" and rows[0].answered_by == "Petrova"
    assert _open_in_list(trial, fixed_clock) == 1  # open until the monitor closes it

    with pytest.raises(PermissionDenied):
        close_query(nurse.factory, nurse.actor, query_id, fixed_clock)
    close_query(trial.monitor.factory, trial.monitor.actor, query_id, fixed_clock)
    rows = list_queries(nurse.factory, nurse.actor, trial.patient_id)
    assert (rows[0].state, rows[0].closed_by) == ("closed", "Sidorov")
    assert open_by_visit(rows) == {} and _open_in_list(trial, fixed_clock) == 0
    assert _open_on_visits(trial, fixed_clock) == {}
    with pytest.raises(FollowUpError, match="closed"):
        answer_query(nurse.factory, nurse.actor, query_id, "again")

    with read_session(nurse.factory) as session:
        audited = session.execute(
            select(AuditEntry.username, AuditEntry.table_name, AuditEntry.field,
                   AuditEntry.new_value, AuditEntry.reason)
            .where(AuditEntry.table_name.in_(["data_query", "observation"]))
        ).all()  # fmt: skip
    assert ("sidorov", "data_query", "text",
            "Лактат 3,4 не совпадает с бланком лаборатории (2,4)", None) in audited  # fmt: skip
    assert ("petrova", "observation", "value", "2.4", "transcription error") in audited
    assert ("petrova", "data_query", "answer", "Ошибка переноса, исправлено",
            "transcription error") in audited  # fmt: skip
    assert any(row[:3] == ("sidorov", "data_query", "closed_at") for row in audited)


def test_a_signed_form_refuses_the_correction_until_unlocked_with_a_reason(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    query_id = _raise_on_lactate(trial, fixed_clock)
    ws = trial.investigator
    signature_id = sign_visit(ws.factory, ws.actor, trial.data_dir, trial.day0,
                              trial.password(ws), MEANING, fixed_clock)  # fmt: skip
    with pytest.raises(FormLocked):
        answer_query(ws.factory, ws.actor, query_id, "Исправлено", correction="2.4",
                     reason="transcription error", clock=fixed_clock)  # fmt: skip
    assert _lactate(trial) == Decimal("3.4")
    rows = list_queries(ws.factory, ws.actor, trial.patient_id)
    assert rows[0].state == "open"  # the refused answer was not kept either
    with pytest.raises(SignatureError, match="reason"):
        unlock_visit(ws.factory, ws.actor, trial.day0, "   ", fixed_clock)
    unlock_visit(ws.factory, ws.actor, trial.day0, "query on lactate", fixed_clock)
    answer_query(ws.factory, ws.actor, query_id, "Исправлено", correction="2.4",
                 reason="transcription error", clock=fixed_clock)  # fmt: skip
    assert _lactate(trial) == Decimal("2.4")
    with read_session(ws.factory) as session:
        signature = session.get_one(Signature, signature_id)
        assert (signature.void_reason, session.get_one(Visit, trial.day0).locked) == (
            "query on lactate",
            False,
        )


def test_a_correction_goes_through_the_catalogue_hard_stops(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    query_id = _raise_on_lactate(trial, fixed_clock)
    nurse = trial.nurse
    with pytest.raises(InvalidField) as refused:
        answer_query(nurse.factory, nurse.actor, query_id, "x", correction="400",
                     reason="typo", clock=fixed_clock)  # fmt: skip
    assert (refused.value.field, refused.value.code) == ("lactate", "out_of_range")
    assert _lactate(trial) == Decimal("3.4")


def test_a_query_on_a_whole_adverse_event_and_one_on_its_relation(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    nurse, monitor = trial.nurse, trial.monitor
    event_id = create_adverse_event(
        nurse.factory, nurse.actor, trial.patient_id,
        {"ae_term": "Сыпь", "ae_onset_at": RANDOMIZED_AT + timedelta(hours=2), "ae_grade": 1,
         "ae_serious": False, "ae_relation_to_msc": "possible", "ae_action": "none",
         "ae_outcome": "recovered"},
        fixed_clock,
    )  # fmt: skip
    whole = raise_query(monitor.factory, monitor.actor, trial.patient_id, "adverse_event",
                        "Нет даты окончания", record_id=event_id, clock=fixed_clock)  # fmt: skip
    relation = raise_query(monitor.factory, monitor.actor, trial.patient_id, "adverse_event",
                           "Обоснуйте связь", record_id=event_id, field="ae_relation_to_msc",
                           clock=fixed_clock)  # fmt: skip
    rows = list_queries(nurse.factory, nurse.actor, trial.patient_id)
    assert open_fields(rows, "adverse_event", record_id=event_id) == {
        None: 1,
        "ae_relation_to_msc": 1,
    }
    reviewer = trial.reviewer
    hidden = list_queries(reviewer.factory, reviewer.actor, trial.patient_id)
    assert [row.query_id for row in hidden] == [whole]
    answer_query(nurse.factory, nurse.actor, relation, "Пересмотрено", correction="unlikely",
                 reason="re-assessed", clock=fixed_clock)  # fmt: skip
    [event] = list_adverse_events(nurse.factory, nurse.actor, trial.patient_id)
    assert event.relation == "unlikely"
    with pytest.raises(InvalidField) as refused:
        answer_query(nurse.factory, nurse.actor, whole, "Дата", correction="x", reason="r")
    assert (refused.value.field, refused.value.code) == ("field", "required")


def test_who_may_raise_and_on_what(trial: FollowUpTrial, fixed_clock: Any) -> None:
    for ws in (trial.nurse, trial.investigator, trial.reviewer):
        with pytest.raises(PermissionDenied):
            raise_query(ws.factory, ws.actor, trial.patient_id, "visit", "?",
                        visit_id=trial.day0)  # fmt: skip
    monitor = trial.monitor
    with pytest.raises(InvalidField) as refused:
        raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit", "?",
                    visit_id=trial.day0, field="colour")  # fmt: skip
    assert refused.value.field == "field"
    with pytest.raises(InvalidField) as refused:
        raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit", " \n",
                    visit_id=trial.day0)  # fmt: skip
    assert (refused.value.field, refused.value.code) == ("text", "required")
    with pytest.raises(FollowUpError):
        raise_query(monitor.factory, monitor.actor, trial.patient_id, "visit", "?",
                    visit_id=9999)  # fmt: skip
    with pytest.raises(PermissionDenied):
        answer_query(monitor.factory, monitor.actor, 1, "self-answer")
