"""The outcome: day-28 status from scoring.outcomes, the patient's status, the cross-checks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from follow_up_trial import MSK, RANDOMIZED_AT, FollowUpTrial, follow_up_trial

from msc_desk.models import Outcome, Patient, PatientStatus, Visit
from msc_desk.scoring.outcomes import VitalStatus, outcome_28d
from msc_desk.services.adverse_events import create_adverse_event
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.outcomes import outcome_record, save_outcome
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.signatures import FormLocked, sign_casebook, unlock_casebook

MOSCOW = timezone(MSK)
DAY = timedelta(days=1)


def nothing(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {"died": False, "withdrawn": False}
    return values | changes


def died(at: Any = None, **changes: object) -> dict[str, object]:
    return nothing(
        died=True,
        died_at=(at or RANDOMIZED_AT + 5 * DAY).astimezone(MOSCOW),
        cause_of_death="Рефрактерный септический шок",
        **changes,
    )


@pytest.fixture
def trial(tmp_path: Path, fixed_clock: Any) -> Iterator[FollowUpTrial]:
    fixed_clock.now = RANDOMIZED_AT + 40 * DAY
    with follow_up_trial(tmp_path / "ws", fixed_clock) as built:
        yield built


def _save(trial: FollowUpTrial, clock: Any, values: dict[str, object], reason: str | None = None):  # type: ignore[no-untyped-def]
    ws = trial.investigator
    return save_outcome(ws.factory, ws.actor, trial.patient_id, values, reason, clock)


def _status(trial: FollowUpTrial) -> PatientStatus:
    with read_session(trial.investigator.factory) as session:
        return PatientStatus(session.get_one(Patient, trial.patient_id).status)


def test_a_death_by_day_28_is_the_event_and_the_patient_has_died(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    record = _save(trial, fixed_clock, died())
    expected = outcome_28d(randomization=RANDOMIZED_AT, death=RANDOMIZED_AT + 5 * DAY)
    assert record.day28 == expected
    assert (record.day28.status, record.day28.time_days) == (VitalStatus.DIED, 5)
    assert record.status is PatientStatus.DIED == _status(trial)
    assert record.offsets["died_at"] == 180
    with read_session(trial.investigator.factory) as session:
        assert session.get_one(Outcome, 1).died_offset_min == 180


def test_alive_confirmed_by_phone_at_day_28_completes_the_study(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    contact = (RANDOMIZED_AT + 29 * DAY).astimezone(MOSCOW)
    record = _save(
        trial,
        fixed_clock,
        nothing(
            hospital_discharged_at=RANDOMIZED_AT + 20 * DAY,
            last_known_alive_at=contact,
            vital_status_source="phone",
        ),
    )
    assert record.day28.status is VitalStatus.ALIVE and not record.day28.event
    assert record.status is PatientStatus.COMPLETED == _status(trial)
    assert record.flags == ()


def test_a_discharge_alone_censors_at_discharge_and_is_flagged_after_the_window(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    discharge = RANDOMIZED_AT + 12 * DAY
    record = _save(trial, fixed_clock, nothing(hospital_discharged_at=discharge))
    assert record.day28 == outcome_28d(randomization=RANDOMIZED_AT, last_known_alive=discharge)
    assert record.day28.status is VitalStatus.CENSORED and record.day28.time_days == 12
    assert record.status is PatientStatus.RANDOMIZED
    assert record.flags == ("day28_not_established",)
    fixed_clock.now = RANDOMIZED_AT + 29 * DAY  # still within the day-28 window (26-30)
    ws = trial.investigator
    assert outcome_record(ws.factory, ws.actor, trial.patient_id, fixed_clock).flags == ()


def test_a_withdrawal_is_censored_and_the_patient_withdrawn(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    record = _save(
        trial,
        fixed_clock,
        nothing(
            withdrawn=True,
            withdrawal_reason="lost_to_follow_up",
            withdrawn_at=RANDOMIZED_AT + 10 * DAY,
            last_known_alive_at=RANDOMIZED_AT + 9 * DAY,
            vital_status_source="records",
        ),
    )
    assert (record.day28.status, record.day28.time_days) == (VitalStatus.CENSORED, 9)
    assert record.status is PatientStatus.WITHDRAWN == _status(trial)


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        (died(RANDOMIZED_AT - DAY), "died_at", "before_randomization"),
        (nothing(hospital_discharged_at=RANDOMIZED_AT - DAY), "hospital_discharged_at",
         "before_randomization"),
        (nothing(icu_discharged_at=RANDOMIZED_AT - DAY), "icu_discharged_at",
         "before_randomization"),
        (nothing(icu_discharged_at=RANDOMIZED_AT + 9 * DAY,
                 hospital_discharged_at=RANDOMIZED_AT + 8 * DAY),
         "icu_discharged_at", "after_hospital_discharge"),
        (died(hospital_discharged_at=RANDOMIZED_AT + 9 * DAY), "hospital_discharged_at",
         "after_death"),
        (died(last_known_alive_at=RANDOMIZED_AT + 9 * DAY, vital_status_source="phone"),
         "last_known_alive_at", "after_death"),
        (nothing(died=True), "died_at", "required"),
        (nothing(died_at=RANDOMIZED_AT + DAY), "died_at", "not_died"),
        (nothing(last_known_alive_at=RANDOMIZED_AT + DAY), "vital_status_source", "required"),
        (nothing(vital_status_source="phone"), "last_known_alive_at", "required"),
        (nothing(withdrawn=True, withdrawn_at=RANDOMIZED_AT + DAY), "withdrawal_reason",
         "required"),
        (nothing(withdrawal_reason="other"), "withdrawal_reason", "not_withdrawn"),
        (nothing(died=None), "died", "required"),
        (nothing(vital_status_day28="alive"), "vital_status_day28", "not_allowed"),
    ],
)  # fmt: skip
def test_each_contradiction_is_refused_naming_its_field(
    trial: FollowUpTrial, fixed_clock: Any, values: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(InvalidField) as refused:
        _save(trial, fixed_clock, values)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert _status(trial) is PatientStatus.RANDOMIZED


def test_stored_contradictions_are_flagged(trial: FollowUpTrial, fixed_clock: Any) -> None:
    """Rows written before the checks (or by another path) are flagged on the outcome tab."""
    ws = trial.investigator
    with unit_of_work(ws.factory, ws.actor, clock=fixed_clock) as session:
        session.add(
            Outcome(
                patient_id=trial.patient_id,
                died_at=RANDOMIZED_AT - DAY,
                discharged_at=RANDOMIZED_AT - 2 * DAY,
            )
        )
    flags = outcome_record(ws.factory, ws.actor, trial.patient_id, fixed_clock).flags
    assert flags == (
        "death_before_randomization",
        "discharge_before_randomization",
        "day28_not_established",  # a death before randomization cannot count
        "visit_after_death",
    )


def test_a_visit_after_death_and_a_fatal_event_without_death_are_flagged(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    ws = trial.investigator
    create_adverse_event(
        ws.factory,
        ws.actor,
        trial.patient_id,
        {"ae_term": "Кровоизлияние в мозг", "ae_onset_at": RANDOMIZED_AT + DAY, "ae_grade": 5,
         "ae_serious": True, "ae_serious_reason": "death", "ae_relation_to_msc": "unlikely",
         "ae_action": "none", "ae_outcome": "fatal"},
        fixed_clock,
    )  # fmt: skip
    assert (
        "fatal_event_without_death"
        in outcome_record(ws.factory, ws.actor, trial.patient_id, fixed_clock).flags
    )
    record = _save(trial, fixed_clock, died(RANDOMIZED_AT + DAY + timedelta(hours=3)))
    assert record.flags == ("visit_after_death",)  # the day-2 visit is recorded as done
    with unit_of_work(ws.factory, ws.actor, reason="entered on the wrong patient") as session:
        session.get_one(Visit, trial.day2).performed_at = RANDOMIZED_AT + timedelta(hours=20)
    assert outcome_record(ws.factory, ws.actor, trial.patient_id, fixed_clock).flags == ()


def test_a_correction_needs_a_reason_and_the_casebook_signature_locks_the_outcome(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    _save(trial, fixed_clock, died())
    with pytest.raises(InvalidField) as refused:
        _save(trial, fixed_clock, died(RANDOMIZED_AT + 6 * DAY))
    assert refused.value.field == "reason"
    ws = trial.investigator
    sign_casebook(ws.factory, ws.actor, trial.data_dir, trial.patient_id,
                  trial.password(ws), "Подтверждаю", fixed_clock)  # fmt: skip
    with pytest.raises(FormLocked):
        _save(trial, fixed_clock, died(RANDOMIZED_AT + 6 * DAY), "source document re-read")
    unlock_casebook(ws.factory, ws.actor, trial.patient_id, "death time corrected", fixed_clock)
    record = _save(trial, fixed_clock, died(RANDOMIZED_AT + 6 * DAY), "source document re-read")
    assert record.day28.time_days == 6


def test_monitors_and_reviewers_read_the_outcome_but_do_not_enter_it(
    trial: FollowUpTrial, fixed_clock: Any
) -> None:
    _save(trial, fixed_clock, died())
    for ws in (trial.monitor, trial.reviewer):
        with pytest.raises(PermissionDenied):
            save_outcome(ws.factory, ws.actor, trial.patient_id, died(), "x", fixed_clock)
        record = outcome_record(ws.factory, ws.actor, trial.patient_id, fixed_clock)
        assert record.day28.status is VitalStatus.DIED
