"""The investigator's delegation log, the randomization key for the center, the recovery sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from integrity_ward import START, IntegrityWard, integrity_ward_fixture  # noqa: F401
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from seeding import new_workspace
from sqlalchemy import select

from msc_desk.models import RandomizationKeySeal
from msc_desk.services.allocation import randomize
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.randomization_key import randomization_public_key
from msc_desk.services.session import read_session
from msc_desk.services.trial_setup import this_device_uid
from msc_desk.services.workspace import sign_in
from msc_desk.ui.admin.allocation_dialog import AllocationImportDialog
from msc_desk.ui.admin.users_dialog import UsersDialog
from msc_desk.ui.delegation_dialog import DelegationDialog
from msc_desk.ui.first_run import RecoveryCodeDialog
from msc_desk.ui.recovery_sheet import recovery_sheet_html


def test_an_investigator_delegates_in_the_app_and_the_nurse_then_randomizes(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    nurse = sign_in(ward.data_dir, "petrova", "petrova-password", clock=ward.clock)
    with pytest.raises(PermissionDenied):
        randomize(nurse.factory, nurse.actor, ward.patient_id, clock=ward.clock)
    nurse.close()

    doctor = sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
    try:
        dialog = DelegationDialog(doctor.factory, doctor.actor, ward.clock)
        qtbot.addWidget(dialog)
        assert [dialog.model.user_at(0).username] == ["petrova"]  # type: ignore[union-attr]
        assert not dialog.toggle_button.isEnabled()
        dialog.select("petrova")
        assert dialog.toggle_button.text() == "Делегировать рандомизацию"
        dialog.toggle_button.click()  # no reason yet
        assert dialog.message.text() == "Укажите причину."
        dialog.reason_edit.setText("обучена по протоколу, приказ №12")
        dialog.toggle_button.click()
        assert dialog.message.text() == "petrova сможет рандомизировать со следующего входа."
        assert dialog.toggle_button.text() == "Отозвать делегирование"
        nurse_id = dialog.selected_nurse().id  # type: ignore[union-attr]
    finally:
        doctor.close()

    nurse = sign_in(ward.data_dir, "petrova", "petrova-password", clock=ward.clock)
    try:
        assert nurse.actor.can_randomize and nurse.actor.keys is not None
        with read_session(nurse.factory) as session:
            sealed = session.scalar(
                select(RandomizationKeySeal.sealed_private_key).where(
                    RandomizationKeySeal.user_id == nurse_id,
                    RandomizationKeySeal.user_public_key == nurse.actor.keys.encryption_public,
                )
            )
        assert sealed  # the key sealed to her own current key
        result = randomize(nurse.factory, nurse.actor, ward.patient_id, clock=ward.clock)
        assert result.slot_number == 1
    finally:
        nurse.close()


def test_the_administrator_only_withdraws_a_delegation(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    admin = sign_in(ward.data_dir, "admin", "admin-password", clock=ward.clock)
    try:
        dialog = UsersDialog(admin.factory, admin.actor, ward.data_dir, ward.clock)
        qtbot.addWidget(dialog)
        dialog.select("petrova")  # not delegated: nothing to withdraw
        assert not dialog.delegation_button.isEnabled()
        assert dialog.reset_password("petrova", "temporary-pass", "temporary-pass")
        assert "При следующем входе petrova задаст собственный пароль" in dialog.message.text()
    finally:
        admin.close()


def test_the_import_dialog_shows_the_randomization_key_for_the_center(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    admin = sign_in(ward.data_dir, "admin", "admin-password", clock=ward.clock)
    try:
        dialog = AllocationImportDialog(admin.factory, admin.actor, ward.data_dir, ward.clock)
        qtbot.addWidget(dialog)
        key = randomization_public_key(admin.factory)
        assert key is not None and dialog.randomization_key_label.text() == key
        copied = dialog.copy_for_center()
        assert QGuiApplication.clipboard().text() == copied
        assert this_device_uid(admin.factory) in copied and key in copied
        assert copied.startswith("ID устройства: ")
    finally:
        admin.close()


def test_without_a_key_the_import_dialog_says_the_investigator_makes_it(
    qtbot: QtBot, tmp_path: Path, russian: None
) -> None:
    admin = new_workspace(tmp_path, lambda: START).workspace
    try:
        dialog = AllocationImportDialog(admin.factory, admin.actor, tmp_path, lambda: START)
        qtbot.addWidget(dialog)
        assert "при первом входе исследователя" in dialog.randomization_key_label.text()
        assert not dialog.copy_button.isEnabled()
    finally:
        admin.close()


def test_the_recovery_sheet_prints_the_recovery_key_fingerprint(
    qtbot: QtBot, tmp_path: Path, russian: None
) -> None:
    result = new_workspace(tmp_path, lambda: START)
    result.workspace.close()
    fingerprint = result.recovery_fingerprint
    assert fingerprint
    dialog = RecoveryCodeDialog(result.recovery_code, fingerprint=fingerprint, created_at=START)
    qtbot.addWidget(dialog)
    grouped = " ".join(
        fingerprint.replace(" ", "").upper()[i : i + 4]
        for i in range(0, len(fingerprint.replace(" ", "")), 4)
    )
    assert grouped in dialog.fingerprint.text()
    sheet = dialog.sheet().toPlainText()
    assert "Отпечаток ключа восстановления:" in sheet and grouped in sheet
    assert grouped not in recovery_sheet_html(result.recovery_code, "ОРИТ", START)
