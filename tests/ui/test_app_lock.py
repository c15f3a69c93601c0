"""The idle lock: patient data leaves the screen, drafts survive, another user starts fresh."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from trial_builder import CANARY, NOW

from msc_desk.services.workspace import sign_in
from msc_desk.timekeeping import MOSCOW
from msc_desk.ui.app import DeskController


def _visible_texts() -> str:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    texts = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        texts.append(widget.windowTitle())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def _controller(qtbot: QtBot, data_dir: Path, username: str, password: str) -> DeskController:
    controller = DeskController(data_dir, lambda: NOW)
    controller.open_workspace(sign_in(data_dir, username, password, clock=lambda: NOW))
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert controller.window.patient_list.wait_loaded()
    return controller


def _close(controller: DeskController) -> None:
    if controller.workspace is not None:
        controller.workspace.close()


def test_lock_clears_patient_data_and_the_same_user_resumes_with_the_draft(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, study_id = screened_ward
    controller = _controller(qtbot, data_dir, "doctor", "doctor-pass-1")
    assert study_id in _visible_texts()
    assert controller.launcher is not None
    controller.launcher.open_wizard()
    wizard = controller.launcher.wizard
    assert wizard is not None
    name_field = wizard.findChildren(QLineEdit)[0]
    name_field.setText("Черновиков Илья")

    controller.lock()

    assert controller.lock_dialog is not None
    texts = _visible_texts()
    assert study_id not in texts and "Черновиков" not in texts and CANARY not in texts
    controller.lock_dialog.password.setText("wrong-password")
    controller.lock_dialog.unlock_button.click()
    assert controller.lock_dialog is not None and controller.lock_dialog.error.isVisibleTo(
        controller.lock_dialog
    )
    controller.lock_dialog.password.setText("doctor-pass-1")
    controller.lock_dialog.unlock_button.click()

    assert controller.lock_dialog is None
    assert controller.window is not None and controller.window.isVisible()
    assert controller.window.patient_list.wait_loaded()
    assert study_id in _visible_texts()
    assert controller.launcher.wizard is not None
    assert "Черновиков Илья" in [
        edit.text() for edit in controller.launcher.wizard.findChildren(QLineEdit)
    ]
    controller.launcher.discard()
    _close(controller)


def test_another_user_after_the_lock_starts_fresh(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, _ = screened_ward
    controller = _controller(qtbot, data_dir, "doctor", "doctor-pass-1")
    assert controller.launcher is not None
    controller.launcher.open_wizard()
    assert controller.launcher.wizard is not None
    controller.launcher.wizard.findChildren(QLineEdit)[0].setText("Черновиков Илья")
    first_window = controller.window
    controller.lock()
    assert controller.lock_dialog is not None
    controller.lock_dialog.workspace = sign_in(data_dir, "nurse", "nurse-pass-1", clock=lambda: NOW)
    controller.lock_dialog.accept()

    assert controller.workspace is not None and controller.workspace.actor.username == "nurse"
    assert controller.window is not None and controller.window is not first_window
    qtbot.addWidget(controller.window)
    assert controller.launcher is not None and controller.launcher.wizard is None
    assert "Черновиков" not in _visible_texts()
    _close(controller)


def test_the_10_hour_limit_passing_during_the_lock_still_stops_the_wizard(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, _ = screened_ward
    now = [NOW]
    controller = DeskController(data_dir, lambda: now[0])
    controller.open_workspace(sign_in(data_dir, "doctor", "doctor-pass-1", clock=lambda: NOW))
    assert controller.window is not None and controller.launcher is not None
    qtbot.addWidget(controller.window)
    controller.launcher.open_wizard()
    wizard = controller.launcher.wizard
    assert wizard is not None
    onset = (NOW - timedelta(hours=9, minutes=50)).astimezone(MOSCOW)
    wizard.onset_page.onset_input.set_value(onset)
    wizard.tick()
    assert not wizard.window_closed()

    controller.lock()
    now[0] = NOW + timedelta(minutes=30)
    assert controller.lock_dialog is not None
    controller.lock_dialog.password.setText("doctor-pass-1")
    controller.lock_dialog.unlock_button.click()

    restored = controller.launcher.wizard
    assert restored is not None and restored.window_closed()
    assert restored.onset_page.is_locked()
    controller.launcher.discard()
    _close(controller)
