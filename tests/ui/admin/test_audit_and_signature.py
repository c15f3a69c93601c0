"""The audit viewer, the casebook signature dialog and the menus that open them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from admin_ward import Ward, ward_fixture  # noqa: F401  (the fixture "ward")
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from msc_desk.models import Signature, Visit
from msc_desk.services.audit_review import audit_entries
from msc_desk.services.session import read_session
from msc_desk.ui.audit.audit_dialog import AuditDialog
from msc_desk.ui.audit.audit_model import AuditModel
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.signature_dialog import SignatureDialog, UnsignDialog


def _audit(qtbot: QtBot, ward: Ward, clock: Any, **kw: Any) -> AuditDialog:
    ws = ward.investigator
    dialog = AuditDialog(ws.factory, ws.actor, clock, **kw)
    qtbot.addWidget(dialog)
    return dialog


def _column(dialog: AuditDialog, column: int) -> set[str]:
    model = dialog.model
    return {model.data(model.index(row, column)) for row in range(model.rowCount())}


def test_audit_dialog_filters_by_patient_and_by_user_and_verifies_the_chain(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, tmp_path: Path, russian: None
) -> None:
    dialog = _audit(qtbot, ward, fixed_clock, patient_id=ward.other)
    assert dialog.patient_combo.currentText() == "MSC-002"
    records = {(row.table_name, row.patient_id) for row in dialog.model.rows()}
    assert dialog.model.rowCount() > 0 and {pid for _t, pid in records} == {ward.other}

    dialog.set_patient(None)
    dialog.set_user("admin")
    assert _column(dialog, 2) == {"admin"}
    assert "Создание" in _column(dialog, 4)
    dialog.set_user("ivanov")
    assert _column(dialog, 2) == {"ivanov"} and "Вход" in _column(dialog, 4)

    assert dialog.verify() is None
    assert dialog.message.text() == "Журнал не изменён: целостность подтверждена."
    out = tmp_path / "audit.csv"
    assert dialog.export_to(out)
    assert out.read_bytes().count(b"\r\n") == dialog.model.rowCount() + 1


def test_audit_model_passes_the_model_tester(qtmodeltester: Any, ward: Ward) -> None:
    model = AuditModel()
    with read_session(ward.admin.factory) as session:
        model.set_rows(audit_entries(session))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def _signature(qtbot: QtBot, ward: Ward, clock: Any, patient_id: int) -> SignatureDialog:
    ws = ward.investigator
    dialog = SignatureDialog(ws.factory, ws.actor, ward.data_dir, clock, patient_id, "MSC-001")
    qtbot.addWidget(dialog)
    return dialog


def test_signature_dialog_refuses_a_wrong_password_and_signs_with_the_right_one(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    dialog = _signature(qtbot, ward, fixed_clock, ward.signable)
    assert dialog.meaning_edit.toPlainText().startswith("Подтверждаю достоверность и полноту")
    dialog.password_edit.setText("wrong-password")
    assert not dialog.sign()
    assert dialog.message.text().startswith("Неверный пароль")
    assert dialog.password_edit.text() == ""
    dialog.password_edit.setText("ivanov-password")
    assert dialog.sign()
    with read_session(ward.investigator.factory) as session:
        signature = session.scalars(select(Signature)).one()
        assert signature.meaning.startswith("Подтверждаю")
        visits = session.scalars(select(Visit).where(Visit.patient_id == ward.signable))
        assert all(visit.locked for visit in visits)

    ws = ward.investigator
    unsign = UnsignDialog(ws.factory, ws.actor, fixed_clock, ward.signable, "MSC-001")
    qtbot.addWidget(unsign)
    assert not unsign.unsign()
    assert unsign.message.text() == "Укажите причину."
    unsign.reason_edit.setText("исправление опечатки в визите 2")
    assert unsign.unsign()


def test_a_casebook_with_a_scheduled_visit_is_not_signed(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, russian: None
) -> None:
    dialog = _signature(qtbot, ward, fixed_clock, ward.other)
    dialog.password_edit.setText("ivanov-password")
    assert not dialog.sign()
    assert "запланированные визиты" in dialog.message.text()


def _window(qtbot: QtBot, ward: Ward, who: str, clock: Any, settings: QSettings) -> MainWindow:
    ws = getattr(ward, who)
    context = WindowContext(ws.db_path, ws.site_name, ws.device_name, ws.is_demo)
    window = MainWindow(ws.factory, ws.actor, context, clock, settings=settings)
    qtbot.addWidget(window)
    assert window.patient_list.wait_loaded()
    return window


def test_the_admin_menu_is_for_administrators_only(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, settings: QSettings, russian: None
) -> None:
    nurse = _window(qtbot, ward, "nurse", fixed_clock, settings)
    assert nurse.admin_menu is None
    assert "&Администрирование" not in [a.text() for a in nurse.menuBar().actions()]
    assert nurse.audit_action.isVisible()
    admin = _window(qtbot, ward, "admin", fixed_clock, settings)
    assert admin.admin_menu is not None
    assert admin.admin_menu.title() == "&Администрирование"
    # users, center key, center encryption keys, allocation list, settings
    assert len(admin.admin_menu.actions()) == 5
    admin.show()
    dialog = admin.open_users()
    assert dialog.isVisible()
    dialog.close()


def test_patient_buttons_open_the_prefiltered_log_and_the_signature(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, settings: QSettings
) -> None:
    window = _window(qtbot, ward, "investigator", fixed_clock, settings)
    window.show()
    window.patient_list.patient_selected.emit(ward.signable)
    assert window.patient_view.wait_loaded()
    summary = window.patient_view.summary_tab
    assert summary.sign_button.isVisible() and summary.audit_button.isVisible()
    with qtbot.waitSignal(summary.audit_requested) as caught:
        summary.audit_button.click()
    assert caught.args == [ward.signable]
    dialogs = window.findChildren(AuditDialog)
    assert [d.patient_combo.currentData() for d in dialogs] == [ward.signable]
    summary.sign_button.click()
    assert len(window.findChildren(SignatureDialog)) == 1
    nurse = _window(qtbot, ward, "nurse", fixed_clock, settings)
    nurse.show()
    nurse.patient_list.patient_selected.emit(ward.signable)
    assert nurse.patient_view.wait_loaded()
    assert nurse.patient_view.summary is not None
    assert not nurse.patient_view.summary_tab.sign_button.isVisible()
