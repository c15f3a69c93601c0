"""E-signatures: password re-entered, investigators only; a signed form is locked until unlocked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from seeding import Staff, new_workspace
from sqlalchemy import select

from msc_desk.models import (
    AdverseEvent,
    Observation,
    Patient,
    PatientStatus,
    Role,
    Signature,
    Visit,
    VisitStatus,
)
from msc_desk.services.audit_review import audit_entries
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.signatures import (
    FormLocked,
    SignatureError,
    ensure_editable,
    sign_casebook,
    sign_visit,
    unlock_casebook,
    unlock_visit,
)
from msc_desk.services.workspace import OpenWorkspace, sign_in

T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
MEANING = "Подтверждаю достоверность данных визита"


@dataclass
class Trial:
    investigator: OpenWorkspace
    nurse: OpenWorkspace
    data_dir: Path
    patient_id: int
    day0: int
    day2: int
    observation: int


@pytest.fixture
def trial(tmp_path: Path, fixed_clock: Any) -> Iterator[Trial]:
    data_dir = tmp_path / "ws"
    staff = [
        Staff(name, name.title(), role, f"{name}-password")
        for name, role in (("ivanov", Role.INVESTIGATOR), ("petrova", Role.NURSE))
    ]
    new_workspace(data_dir, fixed_clock, staff).workspace.close()
    investigator = sign_in(data_dir, "ivanov", "ivanov-password", clock=fixed_clock)
    nurse = sign_in(data_dir, "petrova", "petrova-password", clock=fixed_clock)
    with unit_of_work(investigator.factory, investigator.actor, clock=fixed_clock) as session:
        patient = Patient(
            study_id="MSC-001", site_id=1, status=PatientStatus.RANDOMIZED, created_at=T0
        )
        session.add(patient)
        session.flush()
        day0 = Visit(patient_id=patient.id, study_day=0, status=VisitStatus.DONE, performed_at=T0)
        day2 = Visit(patient_id=patient.id, study_day=2, status=VisitStatus.SCHEDULED)
        session.add_all([day0, day2])
        session.flush()
        lactate = Observation(visit_id=day0.id, code="lactate", value=Decimal("3.4"), unit="mmol/L")
        session.add(lactate)
        session.flush()
        ids = (patient.id, day0.id, day2.id, lactate.id)
    yield Trial(investigator, nurse, data_dir, *ids)
    investigator.close()
    nurse.close()


def _sign(trial: Trial, visit_id: int, password: str = "ivanov-password") -> int:
    ws = trial.investigator
    return sign_visit(ws.factory, ws.actor, trial.data_dir, visit_id, password, MEANING)


def _edit_lactate(trial: Trial, value: str) -> None:
    ws = trial.nurse
    with unit_of_work(ws.factory, ws.actor, reason="transcription error") as session:
        session.get_one(Observation, trial.observation).value = Decimal(value)


def _lactate(trial: Trial) -> Decimal | None:
    with read_session(trial.investigator.factory) as session:
        return session.get_one(Observation, trial.observation).value


def test_a_signed_visit_cannot_be_edited_until_unlocked_with_a_reason(trial: Trial) -> None:
    signature_id = _sign(trial, trial.day0)
    ws = trial.investigator
    with read_session(ws.factory) as session:
        assert session.get_one(Visit, trial.day0).locked
        signature = session.get_one(Signature, signature_id)
        assert (signature.meaning, signature.signed_by_id) == (MEANING, ws.actor.user_id)
        signed = [row for row in audit_entries(session) if row.action == "sign"]
        assert [(row.username, row.new_value) for row in signed] == [("ivanov", MEANING)]

    with pytest.raises(FormLocked):
        _edit_lactate(trial, "2.0")
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor) as session:
        session.add(Observation(visit_id=trial.day0, code="map", value=Decimal(65), unit="mmHg"))
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor, reason="x") as session:
        session.get_one(Visit, trial.day0).performed_at = T0.replace(hour=7)
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor, reason="x") as session:
        session.get_one(Signature, signature_id).meaning = "something else"
    with read_session(ws.factory) as session, pytest.raises(FormLocked):
        ensure_editable(session, trial.day0)
    assert _lactate(trial) == Decimal("3.4")

    with pytest.raises(SignatureError) as caught:
        unlock_visit(ws.factory, ws.actor, trial.day0, "   ")
    assert caught.value.code == "reason_required"
    unlock_visit(ws.factory, ws.actor, trial.day0, "lactate mistyped, source says 2.0")
    _edit_lactate(trial, "2.0")
    assert _lactate(trial) == Decimal("2.0")


def test_unlocking_voids_the_signature_and_signing_again_is_possible(trial: Trial) -> None:
    ws = trial.investigator
    first = _sign(trial, trial.day0)
    with pytest.raises(SignatureError) as caught:
        _sign(trial, trial.day0)
    assert caught.value.code == "already_signed"
    unlock_visit(ws.factory, ws.actor, trial.day0, "late lab result")
    with read_session(ws.factory) as session:
        voided = session.get_one(Signature, first)
        assert voided.voided_at is not None and voided.void_reason == "late lab result"
        assert not session.get_one(Visit, trial.day0).locked
        ensure_editable(session, trial.day0)
        unlock = [row for row in audit_entries(session) if row.action == "unlock"][-1]
        assert unlock.reason == "late lab result" and unlock.record_id == str(trial.day0)
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor, reason="x") as session:
        session.get_one(Signature, first).void_reason = "rewritten history"
    second = _sign(trial, trial.day0)
    assert second != first
    with pytest.raises(SignatureError) as caught:
        unlock_visit(ws.factory, ws.actor, trial.day2, "nothing to unlock")
    assert caught.value.code == "not_signed"


def test_only_an_investigator_signs_or_unlocks(trial: Trial) -> None:
    nurse = trial.nurse
    with pytest.raises(PermissionDenied):
        sign_visit(nurse.factory, nurse.actor, trial.data_dir, trial.day0, "petrova-password", "ok")
    _sign(trial, trial.day0)
    with pytest.raises(PermissionDenied):
        unlock_visit(nurse.factory, nurse.actor, trial.day0, "I want to edit")
    with read_session(nurse.factory) as session:
        denied = [
            (r.username, r.new_value)
            for r in audit_entries(session)
            if r.action == "permission_denied"
        ]
        assert session.get_one(Visit, trial.day0).locked
    assert denied == [("petrova", "sign"), ("petrova", "unlock_signed")]


def test_a_wrong_password_signs_nothing_and_is_audited(trial: Trial) -> None:
    with pytest.raises(SignatureError) as caught:
        _sign(trial, trial.day0, password="not-my-password")
    assert caught.value.code == "wrong_password"
    with read_session(trial.investigator.factory) as session:
        assert not session.get_one(Visit, trial.day0).locked
        assert session.scalars(select(Signature)).all() == []
        assert [r.action for r in audit_entries(session)][-1] == "sign_failed"


def test_a_signature_states_its_meaning_and_needs_a_completed_form(trial: Trial) -> None:
    ws = trial.investigator
    with pytest.raises(SignatureError) as caught:
        sign_visit(ws.factory, ws.actor, trial.data_dir, trial.day0, "ivanov-password", " ")
    assert caught.value.code == "meaning_required"
    with pytest.raises(SignatureError) as caught:
        _sign(trial, trial.day2)
    assert caught.value.code == "not_complete"
    with pytest.raises(SignatureError) as caught:
        _sign(trial, 9999)
    assert caught.value.code == "not_found"


def test_a_visit_is_not_created_locked(trial: Trial) -> None:
    ws = trial.investigator
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor) as session:
        session.add(
            Visit(patient_id=trial.patient_id, study_day=7, status=VisitStatus.DONE, locked=True)
        )


def test_a_signed_casebook_freezes_the_patient_until_unlocked(trial: Trial) -> None:
    ws = trial.investigator

    def sign() -> int:
        return sign_casebook(
            ws.factory,
            ws.actor,
            trial.data_dir,
            trial.patient_id,
            "ivanov-password",
            "Casebook complete and accurate",
        )

    with pytest.raises(SignatureError) as caught:
        sign()
    assert caught.value.code == "not_complete"
    with unit_of_work(ws.factory, ws.actor, reason="patient transferred") as session:
        session.get_one(Visit, trial.day2).status = VisitStatus.MISSED
    _sign(trial, trial.day0)  # day 0 also carries its own signature
    sign()
    with read_session(ws.factory) as session:
        assert all(v.locked for v in session.scalars(select(Visit)))
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor) as session:
        session.add(AdverseEvent(patient_id=trial.patient_id, term="rash", onset_at=T0))
    with pytest.raises(FormLocked), unit_of_work(ws.factory, ws.actor) as session:
        session.add(Visit(patient_id=trial.patient_id, study_day=7, status=VisitStatus.DONE))

    unlock_casebook(ws.factory, ws.actor, trial.patient_id, "AE reported late")
    with read_session(ws.factory) as session:
        locked = {v.study_day: v.locked for v in session.scalars(select(Visit))}
        casebook = session.scalars(select(Signature).where(Signature.visit_id.is_(None))).one()
        assert casebook.void_reason == "AE reported late"
    assert locked == {0: True, 2: False}  # day 0 keeps its own signature
    with unit_of_work(ws.factory, ws.actor) as session:
        session.add(AdverseEvent(patient_id=trial.patient_id, term="rash", onset_at=T0))


def test_a_hostile_meaning_or_reason_is_refused_and_signs_or_unlocks_nothing(
    trial: Trial,
) -> None:
    ws = trial.investigator
    for meaning, code in (
        ("Подтверждаю\u202e", "forbidden_character"),
        ("Подтверждаю\ud800", "forbidden_character"),
        ("Подтверждаю\nвсё", "forbidden_character"),
        ("Я" * 201, "too_long"),
    ):
        with pytest.raises(InvalidField) as refused:
            sign_visit(ws.factory, ws.actor, trial.data_dir, trial.day0, "ivanov-password", meaning)
        assert (refused.value.field, refused.value.code) == ("meaning", code)
    _sign(trial, trial.day0)
    for reason in ("опечатка\x00", "опечатка\ud800", "Я" * 10_000_000):
        with pytest.raises(InvalidField) as refused:
            unlock_visit(ws.factory, ws.actor, trial.day0, reason)
        assert refused.value.field == "reason"
    with read_session(ws.factory) as session:
        assert session.get_one(Visit, trial.day0).locked
        assert [s.meaning for s in session.scalars(select(Signature))] == [MEANING]
    unlock_visit(ws.factory, ws.actor, trial.day0, "лактат введён с ошибкой,\r\nв источнике 2.0")
    with read_session(ws.factory) as session:
        voided = session.scalars(select(Signature)).one()
        assert voided.void_reason == "лактат введён с ошибкой,\nв источнике 2.0"
