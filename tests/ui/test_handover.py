"""Sign-out, switch user and lock now; the idle timer itself closes every window, dialogs too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from trial_builder import CANARY, NOW

from msc_desk.models import AuditEntry
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in
from msc_desk.ui.about_dialog import AboutDialog
from msc_desk.ui.app import DeskController
from msc_desk.ui.audit.audit_dialog import AuditDialog
from msc_desk.ui.identification_dialog import IdentificationDialog
from msc_desk.ui.screening import ScreeningLogDialog
from msc_desk.ui.sign_in import LockDialog


def visible_texts() -> str:
    """Every text of every visible widget (after pending deletions), tables included."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    texts = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        texts.append(widget.windowTitle())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def open_dialogs() -> list[QDialog]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def controller_for(qtbot: QtBot, data_dir: Path, username: str, password: str) -> DeskController:
    controller = DeskController(data_dir, lambda: NOW)
    controller.open_workspace(sign_in(data_dir, username, password, clock=lambda: NOW))
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert controller.window.patient_list.wait_loaded()
    return controller


def close(controller: DeskController) -> None:
    if controller.launcher is not None:
        controller.launcher.discard()
    if controller.workspace is not None:
        controller.workspace.close()


def audit_actions(data_dir: Path, username: str) -> list[str]:
    workspace = sign_in(data_dir, "admin", "admin-pass-1", clock=lambda: NOW)
    try:
        with read_session(workspace.factory) as session:
            query = select(AuditEntry.action).where(AuditEntry.username == username)
            return list(session.scalars(query.order_by(AuditEntry.id)))
    finally:
        workspace.close()


def open_everything(controller: DeskController) -> None:
    window = controller.window
    assert window is not None
    window.open_screening_log()
    window.open_audit()
    window.open_identification()
    window.about_action.trigger()
    assert {type(d) for d in open_dialogs()} >= {
        ScreeningLogDialog,
        AuditDialog,
        IdentificationDialog,
        AboutDialog,
    }


def test_the_idle_timer_closes_every_window_and_the_same_user_gets_them_back(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, study_id = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    open_everything(controller)
    assert CANARY in visible_texts()  # the identification log shows the patient's name
    assert controller.idle is not None and controller.idle.timer.isActive()

    # The real timer, through its wiring: a short delay instead of the site's minutes.
    controller.idle.timer.start(1)
    qtbot.waitUntil(lambda: controller.lock_dialog is not None)

    assert [type(d) for d in open_dialogs()] == [LockDialog]
    texts = visible_texts()
    assert study_id not in texts and CANARY not in texts
    lock = controller.lock_dialog
    assert lock is not None
    lock.password.setText("doctor-pass-1")
    lock.unlock_button.click()
    back = {type(d) for d in open_dialogs()}
    assert back == {ScreeningLogDialog, AuditDialog, IdentificationDialog}
    assert study_id in visible_texts()
    close(controller)


def test_another_user_after_the_lock_gets_no_window_of_the_first(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, _ = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    open_everything(controller)
    assert controller.window is not None
    controller.window.lock_action.trigger()
    assert controller.lock_dialog is not None
    assert "locked" in controller.lock_dialog.message.text()
    controller.lock_dialog.workspace = sign_in(data_dir, "nurse", "nurse-pass-1", clock=lambda: NOW)
    controller.lock_dialog.accept()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert open_dialogs() == []
    assert controller.workspace is not None and controller.workspace.actor.username == "nurse"
    close(controller)
    assert audit_actions(data_dir, "doctor")[-2:] == ["lock", "logout"]


def test_lock_now_has_ctrl_l_and_the_same_user_unlocks(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, study_id = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    window = controller.window
    assert window is not None
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.lock_action.trigger()
    assert not window.isVisible() and study_id not in visible_texts()
    assert controller.lock_dialog is not None
    controller.lock_dialog.password.setText("doctor-pass-1")
    controller.lock_dialog.unlock_button.click()
    if controller.window is not None:
        assert controller.window.patient_list.wait_loaded()
    assert controller.window is window and window.isVisible()
    assert study_id in visible_texts()
    close(controller)


def test_switch_user_hands_over_without_a_restart(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, study_id = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    first = controller.window
    assert first is not None
    first.open_identification()
    first.switch_user_action.trigger()
    switch = controller.sign_in_dialog
    assert switch is not None and switch.isVisible()
    assert CANARY not in visible_texts()
    switch.username.setText("nurse")
    switch.password.setText("nurse-pass-1")
    switch.sign_in_button.click()
    if controller.window is not None:
        assert controller.window.patient_list.wait_loaded()

    assert controller.workspace is not None and controller.workspace.actor.username == "nurse"
    assert controller.window is not None and controller.window is not first
    qtbot.addWidget(controller.window)
    assert controller.lock_dialog is None and open_dialogs() == []
    assert study_id in visible_texts()
    close(controller)


def test_switch_user_cancelled_leaves_the_lock_for_the_first_user(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, _ = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    assert controller.window is not None
    controller.window.switch_user_action.trigger()
    assert controller.sign_in_dialog is not None
    controller.sign_in_dialog.reject()
    assert controller.lock_dialog is not None and controller.lock_dialog.isVisible()
    controller.lock_dialog.password.setText("doctor-pass-1")
    controller.lock_dialog.unlock_button.click()
    if controller.window is not None:
        assert controller.window.patient_list.wait_loaded()
    assert controller.window.isVisible()
    close(controller)


def test_sign_out_closes_the_session_and_the_next_user_signs_in(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, study_id = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    first = controller.window
    assert first is not None
    first.open_screening_log()
    first.sign_out_action.trigger()

    assert controller.window is None and controller.workspace is None
    dialog = controller.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert [type(d) for d in open_dialogs()] == [type(dialog)]
    assert study_id not in visible_texts()
    dialog.username.setText("nurse")
    dialog.password.setText("nurse-pass-1")
    dialog.sign_in_button.click()
    assert controller.window is not None and controller.window is not first
    qtbot.addWidget(controller.window)
    assert controller.workspace is not None and controller.workspace.actor.username == "nurse"
    close(controller)
    assert audit_actions(data_dir, "doctor")[-1] == "logout"


def test_a_new_idle_delay_applies_at_once(qtbot: QtBot, screened_ward: tuple[Path, str]) -> None:
    data_dir, _ = screened_ward
    controller = controller_for(qtbot, data_dir, "admin", "admin-pass-1")
    assert controller.window is not None and controller.idle is not None
    assert controller.idle.timer.interval() == 5 * 60_000
    settings = controller.window.open_settings()
    settings.idle_minutes.setValue(7)
    assert settings.save()
    assert controller.idle.timer.interval() == 7 * 60_000
    close(controller)


def test_the_lock_closes_a_dialog_opened_from_a_dialog(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, study_id = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    assert controller.window is not None
    log = controller.window.open_screening_log()
    assert isinstance(log, ScreeningLogDialog)
    log.table.selectRow(0)
    randomize = log.randomize_selected()
    assert randomize is not None and randomize.isVisible()
    controller.lock()
    assert [type(d) for d in open_dialogs()] == [LockDialog]
    assert study_id not in visible_texts()
    close(controller)


def test_the_file_menu_reads_russian(
    qtbot: QtBot, screened_ward: tuple[Path, str], russian: None
) -> None:
    data_dir, _ = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    window = controller.window
    assert window is not None
    texts = [
        action.text().replace("&", "") for action in window.menuBar().actions()[0].menu().actions()
    ]
    for wanted in ("Заблокировать", "Сменить пользователя…", "Выйти из учётной записи"):
        assert wanted in texts
    assert "Журнал идентификации…" in texts
    window.lock_action.trigger()
    assert controller.lock_dialog is not None
    assert controller.lock_dialog.message.text().startswith("Экран заблокирован. В системе: ")
    close(controller)


def test_keyboard_and_mouse_input_restart_the_idle_countdown(
    qtbot: QtBot, screened_ward: tuple[Path, str]
) -> None:
    data_dir, _ = screened_ward
    controller = controller_for(qtbot, data_dir, "doctor", "doctor-pass-1")
    assert controller.idle is not None and controller.window is not None
    timer = controller.idle.timer
    assert timer.isActive()
    restarts: list[bool] = []
    start_again = timer.start
    timer.start = lambda *args: restarts.append(True) or start_again(*args)  # type: ignore[method-assign]
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(controller.window.patient_list, key)
    assert restarts  # the application-wide filter saw the input and started over
    seen = len(restarts)
    QApplication.sendEvent(controller.window.patient_list, QEvent(QEvent.Type.Paint))
    assert len(restarts) == seen  # painting is not activity
    close(controller)
