"""Administration dialogs over a real encrypted workspace: users, center key, allocation lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from admin_ward import Ward, ward_fixture  # noqa: F401  (the fixture "ward")
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from msc_desk.center.allocation import (
    generate_allocation_list,
    key_fingerprint,
    paper_fingerprint,
    public_key_bytes,
)
from msc_desk.models import Role
from msc_desk.security.identity import UserKeys
from msc_desk.services.randomization_key import ensure_randomization_key
from msc_desk.services.trial_setup import STUDY, this_device_uid, trust_center_key
from msc_desk.services.users import list_users
from msc_desk.ui.admin.allocation_dialog import AllocationImportDialog
from msc_desk.ui.admin.center_key_dialog import CenterKeyDialog
from msc_desk.ui.admin.users_dialog import AddUserDialog, UsersDialog
from msc_desk.ui.admin.users_model import UsersModel


def _users_dialog(qtbot: QtBot, ward: Ward, clock: Any) -> UsersDialog:
    ws = ward.admin
    dialog = UsersDialog(ws.factory, ws.actor, ward.data_dir, clock)
    qtbot.addWidget(dialog)
    return dialog


def _fill(form: AddUserDialog, login: str, password: str, repeat: str | None = None) -> None:
    form.login_edit.setText(login)
    form.name_edit.setText("Кузнецова Анна Викторовна")
    form.role_combo.setCurrentIndex(form.role_combo.findData(Role.NURSE))
    form.password_edit.setText(password)
    form.repeat_edit.setText(password if repeat is None else repeat)


def test_users_dialog_adds_a_user_and_refuses_a_short_password(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    dialog = _users_dialog(qtbot, ward, fixed_clock)
    assert dialog.model.rowCount() == 3
    form = dialog.new_user_form()
    qtbot.addWidget(form)
    _fill(form, "kuznetsova", "short")
    assert not form.submit()
    assert form.message.text() == "Пароль должен содержать не менее 8 символов."
    assert form.login_edit.text() == "kuznetsova"  # the entries are kept

    _fill(form, "kuznetsova", "nurse-password-1", repeat="nurse-password-2")
    assert not form.submit()
    assert "не совпадают" in form.message.text()

    _fill(form, "kuznetsova", "nurse-password-1")
    # The investigator delegates, not the administrator: the form only says so.
    assert not form.findChildren(QCheckBox)
    assert "Делегирование рандомизации" in form.delegation_note.text()
    assert form.submit()
    dialog.reload()
    added = {user.username: user for user in list_users(ward.admin.factory)}["kuznetsova"]
    assert added.role is Role.NURSE and not added.can_randomize


def test_users_dialog_refusals_and_changes_are_worded(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    dialog = _users_dialog(qtbot, ward, fixed_clock)
    assert not dialog.deactivate("admin", "уход")
    assert dialog.message.text() == "Нельзя деактивировать собственную учётную запись."
    assert not dialog.set_delegation("ivanov", False, "приказ")
    assert "только медицинским сёстрам" in dialog.message.text()
    # Granting a delegation is the investigator's; an administrator only withdraws it.
    assert not dialog.set_delegation("petrova", True, "приказ №12")
    assert dialog.message.text() == "Ваша роль не позволяет выполнить это действие."
    assert dialog.set_delegation("petrova", False, "приказ №12")
    assert not dialog.reset_password("petrova", "temporary-1", "temporary-2")
    assert dialog.reset_password("petrova", "temporary-pass", "temporary-pass")
    assert dialog.deactivate("petrova", "увольнение")
    states = {user.username: user.active for user in list_users(ward.admin.factory)}
    assert states == {"admin": True, "ivanov": True, "petrova": False}
    dialog.select("petrova")
    assert dialog.model.data(dialog.model.index(2, 4)) == "деактивирована"


def test_users_model_passes_the_model_tester(qtmodeltester: Any, ward: Ward) -> None:
    model = UsersModel()
    model.set_users(list_users(ward.admin.factory))
    qtmodeltester.check(model)


def test_center_key_is_shown_before_it_is_trusted(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, tmp_path: Path, russian: None
) -> None:
    ws = ward.admin
    dialog = CenterKeyDialog(ws.factory, ws.actor, fixed_clock)
    qtbot.addWidget(dialog)
    assert dialog.current_label.text() == "не задан"
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    assert not dialog.load_file(bad)
    assert "не содержит" in dialog.message.text()
    key = tmp_path / "center.pub"
    key.write_text(public_key_bytes(Ed25519PrivateKey.generate()).hex())
    assert dialog.load_file(key)
    shown = dialog.pending_label.text()
    assert dialog.current_label.text() == "не задан" and dialog.confirm_button.isEnabled()
    assert dialog.confirm()
    assert dialog.current_label.text() == shown


def test_the_fingerprint_shows_all_16_groups_at_the_default_size(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, tmp_path: Path, russian: None
) -> None:
    ws = ward.admin
    center = Ed25519PrivateKey.generate()
    trust_center_key(ws.factory, ws.actor, public_key_bytes(center), fixed_clock)
    dialog = CenterKeyDialog(ws.factory, ws.actor, fixed_clock)
    qtbot.addWidget(dialog)
    key = tmp_path / "center.pub"
    key.write_text(public_key_bytes(Ed25519PrivateKey.generate()).hex())
    assert dialog.load_file(key)
    dialog.show()
    qtbot.waitExposed(dialog)
    for label, public in ((dialog.current_label, center), (dialog.pending_label, None)):
        lines = label.text().split("\n")
        assert [len(line.split()) for line in lines] == [4, 4, 4, 4]
        if public is not None:
            expected = paper_fingerprint(key_fingerprint(public_key_bytes(public)))
            assert " ".join(lines) == expected
        metrics = QFontMetrics(label.font())
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        assert label.contentsRect().width() >= widest
        assert label.contentsRect().height() >= metrics.lineSpacing() * 4
        assert label.visibleRegion().boundingRect().size() == label.size()


def test_an_altered_allocation_list_is_refused_and_a_signed_one_imported(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, tmp_path: Path, russian: None
) -> None:
    ws = ward.admin
    dialog = AllocationImportDialog(ws.factory, ws.actor, ward.data_dir, fixed_clock)
    qtbot.addWidget(dialog)
    center = Ed25519PrivateKey.generate()
    # The investigator's first need made the laptop's randomization key; the list is sealed to it.
    investigator = replace(ward.investigator.actor, keys=UserKeys.generate())
    device_key = ensure_randomization_key(ws.factory, investigator, fixed_clock)
    generated = generate_allocation_list(
        center,
        study=STUDY,
        device_uid=this_device_uid(ws.factory),
        device_key=device_key,
        first_slot=101,
        slot_count=8,
    )
    path = tmp_path / "list.json"
    path.write_bytes(generated.signed_file)
    assert dialog.device_label.text() == this_device_uid(ws.factory) != ""

    assert not dialog.import_file(path)
    assert "ключ координационного центра не задан" in dialog.message.text().lower()

    trust_center_key(ws.factory, ws.actor, public_key_bytes(center), fixed_clock)
    altered = tmp_path / "altered.json"
    altered.write_bytes(generated.signed_file.replace(b'"slot_count":8', b'"slot_count":9'))
    assert not dialog.import_file(altered)
    assert "файл изменён или подпись неверна" in dialog.message.text().lower()

    assert dialog.import_file(path)
    assert "101–108" in dialog.message.text() and dialog.remaining_label.text() == "8"
    assert not dialog.import_file(path)
    assert "уже импортирован" in dialog.message.text()
