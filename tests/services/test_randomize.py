"""Randomization: one concealed slot revealed per eligible patient, in order, finally."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest_randomization import ONSET, Trial, make_trial
from sqlalchemy import select, text

import msc_desk.services.allocation as allocation
from msc_desk.center.allocation import GENESIS_REVEAL_HASH, reveal_hash, seal
from msc_desk.center.verification import open_list_key
from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    AuditEntry,
    Patient,
    PatientStatus,
    Visit,
    VisitStatus,
)
from msc_desk.security.identity import UserKeys
from msc_desk.services.allocation import (
    RandomizationError,
    RandomizationResult,
    randomize,
    remaining_slots,
    verify_reveal_chain,
)
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.randomization_key import open_randomization_key
from msc_desk.services.session import read_session


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    yield trial
    trial.engine.dispose()


def slots(trial: Trial) -> list[AllocationSlot]:
    with read_session(trial.factory) as session:
        rows = session.scalars(select(AllocationSlot).order_by(AllocationSlot.slot_number)).all()
        session.expunge_all()
    return list(rows)


def status(trial: Trial, patient_id: int) -> str:
    with read_session(trial.factory) as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        return patient.status


def chain_break(trial: Trial) -> int | None:
    with read_session(trial.factory) as session:
        return verify_reveal_chain(session)


def refused(trial: Trial, patient_id: int, code: str, **kw: object) -> RandomizationError:
    before = [(s.slot_number, s.arm, s.patient_id) for s in slots(trial)]
    visits = trial.count(Visit, Visit.patient_id == patient_id)
    with pytest.raises(RandomizationError) as caught:
        trial.randomize(patient_id, **kw)
    assert caught.value.code == code, caught.value.message
    assert [(s.slot_number, s.arm, s.patient_id) for s in slots(trial)] == before
    assert trial.count(Visit, Visit.patient_id == patient_id) == visits
    return caught.value


def test_randomization_reveals_exactly_one_slot_in_order(trial: Trial) -> None:
    generated = trial.import_list(first_slot=1, slot_count=6)
    assert all(slot.arm is None for slot in slots(trial))
    patients = [trial.screen().patient_id for _ in range(3)]
    trial.clock.set(hours=2)
    results: list[RandomizationResult] = []
    for done, patient_id in enumerate(patients, start=1):
        results.append(trial.randomize(patient_id))
        revealed = [slot for slot in slots(trial) if slot.arm is not None]
        assert [slot.slot_number for slot in revealed] == list(range(1, done + 1))
        assert remaining_slots(trial.factory) == 6 - done
    assert [r.slot_number for r in results] == [1, 2, 3]
    assert [r.arm for r in results] == [planned.arm for planned in generated.plan[:3]]
    stored = slots(trial)
    assert [s.patient_id for s in stored[:3]] == patients
    assert all(s.revealed_by_id == trial.investigator.user_id for s in stored[:3])
    assert all(s.revealed_at == ONSET + timedelta(hours=2) for s in stored[:3])
    assert chain_break(trial) is None
    assert status(trial, patients[0]) == PatientStatus.RANDOMIZED


def test_the_reveal_chain_links_each_reveal_to_the_previous(trial: Trial) -> None:
    generated = trial.import_list()
    first = trial.randomize(trial.screen().patient_id)
    second = trial.randomize(trial.screen().patient_id)
    carbon = [slot.eligibility_sha256 for slot in slots(trial)[:2]]
    assert all(carbon)
    expected = reveal_hash(
        GENESIS_REVEAL_HASH,
        generated.list_uid,
        1,
        first.arm,
        "MSC-01-001",
        carbon[0] or "",
        first.revealed_at,
    )
    assert first.reveal_hash == expected
    assert second.reveal_hash == reveal_hash(
        expected,
        generated.list_uid,
        2,
        second.arm,
        "MSC-01-002",
        carbon[1] or "",
        second.revealed_at,
    )


def test_a_rewritten_reveal_breaks_the_chain(trial: Trial) -> None:
    trial.import_list()
    for _ in range(3):
        trial.randomize(trial.screen().patient_id)
    with trial.engine.begin() as connection:
        # A key holder can drop the guard; the chain still shows the rewrite.
        connection.execute(text("DROP TRIGGER allocation_slot_reveal_once"))
        arm = connection.execute(text("SELECT arm FROM allocation_slot WHERE slot_number = 2"))
        flipped = "msc" if arm.scalar() == "control" else "control"
        connection.execute(
            text("UPDATE allocation_slot SET arm = :arm WHERE slot_number = 2"), {"arm": flipped}
        )
    assert chain_break(trial) == 2


def test_the_database_never_holds_an_upcoming_arm_in_clear(trial: Trial) -> None:
    generated = trial.import_list(first_slot=1, slot_count=12)
    assert {planned.arm for planned in generated.plan} == {"control", "msc"}
    raw = trial.raw_bytes()
    assert b"control" not in raw and b'"arm"' not in raw
    for slot in slots(trial):
        assert slot.arm is None and slot.reveal_hash is None
        assert b"control" not in slot.sealed_arm and b"msc" not in slot.sealed_arm
    trial.randomize(trial.screen().patient_id)
    unrevealed = [slot for slot in slots(trial) if slot.arm is None]
    assert len(unrevealed) == 11
    with read_session(trial.factory) as session:
        logged = session.scalars(select(AuditEntry.new_value)).all()
    assert sum("control" in (v or "") or "msc" in (v or "") for v in logged) >= 1


def test_two_patients_in_a_row_never_share_a_slot(trial: Trial) -> None:
    trial.import_list()
    first, second = trial.screen().patient_id, trial.screen().patient_id
    assert trial.randomize(first).slot_number != trial.randomize(second).slot_number
    refused(trial, first, "already_randomized")


def test_concurrent_randomizations_on_one_file_take_different_slots(trial: Trial) -> None:
    trial.import_list()
    patients = [trial.screen().patient_id for _ in range(4)]
    barrier = threading.Barrier(len(patients))
    results: dict[int, object] = {}

    def run(patient_id: int) -> None:
        barrier.wait()
        try:
            results[patient_id] = trial.randomize(patient_id).slot_number
        except Exception as exc:  # noqa: BLE001 - reported below
            results[patient_id] = exc

    threads = [threading.Thread(target=run, args=(p,)) for p in patients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == [1, 2, 3, 4], results
    assert chain_break(trial) is None


def test_the_same_patient_randomized_twice_at_once_gets_one_slot(trial: Trial) -> None:
    trial.import_list()
    patient_id = trial.screen().patient_id
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def run() -> None:
        barrier.wait()
        try:
            outcomes.append(trial.randomize(patient_id).slot_number)
        except RandomizationError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(map(str, outcomes)) == ["1", "already_randomized"]
    assert remaining_slots(trial.factory) == 9


def test_the_ten_hour_window_is_rechecked_at_randomization(trial: Trial) -> None:
    trial.import_list()
    on_time, late = trial.screen().patient_id, trial.screen().patient_id
    trial.clock.set(hours=10)
    assert trial.randomize(on_time).slot_number == 1
    trial.clock.set(hours=10, seconds=20)
    error = refused(trial, late, "not_eligible")
    assert error.failed_criteria == ("shock_onset_gt_10h",)
    assert status(trial, late) == PatientStatus.SCREENING
    assert remaining_slots(trial.factory) == 9


def test_a_patient_screened_with_a_date_of_birth_is_randomized(trial: Trial) -> None:
    trial.import_list()
    patient_id = trial.screen(age_years=None, date_of_birth=date(1951, 3, 3)).patient_id
    assert trial.randomize(patient_id).slot_number == 1


def test_a_screen_failed_patient_is_refused(trial: Trial) -> None:
    trial.import_list()
    failed = trial.screen(anc_10e9_per_l=Decimal("1.5")).patient_id
    assert refused(trial, failed, "not_eligible").failed_criteria == ("anc_gt_1.0",)
    refused(trial, 999, "unknown_patient")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("investigator", True),
        ("delegated_nurse", True),
        ("nurse", False),
        ("monitor", False),
        ("admin", False),
    ],
)
def test_who_may_randomize(trial: Trial, who: str, allowed: bool) -> None:
    trial.import_list()
    patient_id = trial.screen().patient_id
    actor = getattr(trial, who)
    if allowed:
        assert trial.randomize(patient_id, actor).slot_number == 1
    else:
        with pytest.raises(PermissionDenied):
            trial.randomize(patient_id, actor)
        assert remaining_slots(trial.factory) == 10
        assert status(trial, patient_id) == PatientStatus.SCREENING


def test_a_missing_list_is_reported_and_nothing_changes(trial: Trial) -> None:
    patient_id = trial.screen().patient_id
    error = refused(trial, patient_id, "no_allocation_list")
    assert "no allocation list" in str(error)
    assert status(trial, patient_id) == PatientStatus.SCREENING


def test_an_exhausted_list_is_reported_and_nothing_changes(trial: Trial) -> None:
    trial.import_list(slot_count=2)
    patients = [trial.screen().patient_id for _ in range(3)]
    trial.randomize(patients[0])
    trial.randomize(patients[1])
    refused(trial, patients[2], "allocation_list_exhausted")
    assert status(trial, patients[2]) == PatientStatus.SCREENING
    trial.import_list(first_slot=3, slot_count=2)
    assert trial.randomize(patients[2]).slot_number == 3


def test_a_crash_after_the_reveal_loses_neither_slot_nor_patient(
    trial: Trial, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated = trial.import_list()
    patient_id = trial.screen().patient_id

    def crash(session: object) -> None:
        raise RuntimeError("power lost")

    monkeypatch.setattr(allocation, "_after_reveal", crash)
    with pytest.raises(RuntimeError):
        trial.randomize(patient_id)
    assert all(slot.arm is None and slot.patient_id is None for slot in slots(trial))
    assert status(trial, patient_id) == PatientStatus.SCREENING
    assert trial.count(Visit) == 0
    assert trial.count(AuditEntry, AuditEntry.action == "randomize") == 0
    monkeypatch.undo()
    result = trial.randomize(patient_id)
    assert (result.slot_number, result.arm) == (1, generated.plan[0].arm)


def test_randomization_schedules_the_visits_and_is_audited(trial: Trial) -> None:
    trial.import_list()
    patient_id = trial.screen().patient_id
    trial.randomize(patient_id)
    with read_session(trial.factory) as session:
        visits = session.scalars(select(Visit).where(Visit.patient_id == patient_id)).all()
        assert sorted(v.study_day for v in visits) == [0, 2, 3, 7, 14, 21, 28]
        assert {v.status for v in visits} == {VisitStatus.SCHEDULED}
        events = session.scalars(select(AuditEntry).where(AuditEntry.action == "randomize")).all()
        assert [e.patient_id for e in events] == [patient_id]
        assert events[0].user_id == trial.investigator.user_id


def test_a_refusal_is_audited(trial: Trial) -> None:
    patient_id = trial.screen().patient_id
    refused(trial, patient_id, "no_allocation_list")
    with read_session(trial.factory) as session:
        event = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "randomize_refused")
        ).one()
        assert (event.patient_id, event.new_value) == (patient_id, "no_allocation_list")


def test_a_key_without_a_seal_reveals_nothing(trial: Trial) -> None:
    trial.import_list()
    patient_id = trial.screen().patient_id
    stranger = replace(trial.investigator, keys=UserKeys.generate())
    with pytest.raises(RandomizationError) as caught:
        randomize(trial.factory, stranger, patient_id, clock=trial.clock)
    assert caught.value.code == "no_seal"
    assert remaining_slots(trial.factory) == 10


def test_a_resealed_arm_fails_the_signed_commitment(trial: Trial) -> None:
    generated = trial.import_list()
    planned = generated.plan[0]
    other = "msc" if planned.arm == "control" else "control"
    with read_session(trial.factory) as session:
        private = open_randomization_key(session, trial.investigator)
        sealed_key = session.scalars(select(AllocationList.sealed_list_key)).one()
    list_key = open_list_key(private, generated.list_uid, sealed_key)
    forged = seal(list_key, generated.list_uid, 1, other, "0" * 32)
    with trial.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER allocation_slot_reveal_once"))
        connection.execute(
            text("UPDATE allocation_slot SET sealed_arm = :s WHERE slot_number = 1"), {"s": forged}
        )
    refused(trial, trial.screen().patient_id, "commitment_mismatch")
