"""The casebook signature as people see it: its state, only the actions that apply, why not yet."""

from __future__ import annotations

from typing import Any

from admin_ward import T0, Ward, ward_fixture  # noqa: F401  (the fixture "ward")
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from trial_builder import add_patient

from msc_desk.models import PatientStatus
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.signature_dialog import SignatureDialog, UnsignDialog


def _window(qtbot: QtBot, ward: Ward, clock: Any, settings: QSettings) -> MainWindow:
    ws = ward.investigator
    context = WindowContext(ws.db_path, ws.site_name, ws.device_name, ws.is_demo)
    window = MainWindow(ws.factory, ws.actor, context, clock, settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert window.patient_list.wait_loaded()
    return window


def test_sign_confirm_and_remove_offer_only_what_applies(
    qtbot: QtBot, ward: Ward, fixed_clock: Any, settings: QSettings
) -> None:
    window = _window(qtbot, ward, fixed_clock, settings)
    summary = window.patient_view.summary_tab
    window.patient_list.select_patient(ward.signable)
    assert window.patient_view.wait_loaded()
    assert summary.fields["signature"].text() == "Not signed"
    assert summary.sign_button.isVisible() and not summary.unsign_button.isVisible()

    summary.sign_button.click()
    [dialog] = window.findChildren(SignatureDialog)
    assert dialog.password_edit.isEnabled() and dialog.message.text() == ""
    dialog.password_edit.setText("ivanov-password")
    with qtbot.waitSignal(dialog.signed):
        dialog.sign_button.click()
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    confirmation = dialog.message.text()
    assert confirmation.startswith("The casebook is signed by Иванов Сергей Андреевич, ")
    assert not dialog.password_edit.isEnabled()  # only Close remains
    assert summary.fields["signature"].text().startswith("Signed by Иванов Сергей Андреевич")
    assert not summary.sign_button.isVisible() and summary.unsign_button.isVisible()

    summary.unsign_button.click()
    [unsign] = window.findChildren(UnsignDialog)
    assert unsign.state_label.text() == confirmation
    unsign.reason_edit.setText("исправление опечатки в визите 2")
    with qtbot.waitSignal(unsign.unsigned):
        assert unsign.unsign()
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    assert "removed" in unsign.message.text()
    assert summary.fields["signature"].text() == "Not signed"
    assert summary.sign_button.isVisible() and not summary.unsign_button.isVisible()


def test_the_dialog_says_why_signing_is_not_possible_yet(
    qtbot: QtBot, ward: Ward, fixed_clock: Any
) -> None:
    ws = ward.investigator
    pending = SignatureDialog(ws.factory, ws.actor, ward.data_dir, fixed_clock, ward.other, "B")
    qtbot.addWidget(pending)
    assert "1 visit(s) are still scheduled" in pending.message.text()
    assert not pending.password_edit.isEnabled()

    waiting = add_patient(ws.factory, "MSC-003", PatientStatus.SCREENING, screened_at=T0, failed="")
    early = SignatureDialog(ws.factory, ws.actor, ward.data_dir, fixed_clock, waiting, "MSC-003")
    qtbot.addWidget(early)
    assert "has not been randomized" in early.message.text()
    assert not early.password_edit.isEnabled()
