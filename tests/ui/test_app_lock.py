"""The idle lock: patient data leaves the screen, drafts survive, another user starts fresh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from msc_desk.models import Role
from msc_desk.security.keyslots import KdfParams
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.users import add_user
from msc_desk.services.workspace import create_workspace, sign_in
from msc_desk.timekeeping import MOSCOW
from msc_desk.ui.app import DeskController

CHEAP_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
NOW = datetime(2026, 11, 20, 0, 40, tzinfo=UTC)
CANARY = "Канарейкин Пётр"


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A workspace with an investigator, a nurse and one screened patient; yields its study id."""
    clock = lambda: NOW  # noqa: E731
    setup = create_workspace(
        tmp_path, site_code="01", site_name="ОРИТ", device_name="Ноутбук-1",
        admin_username="admin", admin_full_name="Администратор", admin_password="admin-pass-1",
        clock=clock, kdf=CHEAP_KDF,
    )  # fmt: skip
    admin = setup.workspace
    add_user(admin.factory, admin.actor, tmp_path, "doctor", "Иванова Анна", Role.INVESTIGATOR,
             "doctor-pass-1", clock=clock)  # fmt: skip
    add_user(admin.factory, admin.actor, tmp_path, "nurse", "Петрова Ольга", Role.NURSE,
             "nurse-pass-1", clock=clock)  # fmt: skip
    admin.close()
    doctor = sign_in(tmp_path, "doctor", "doctor-pass-1", clock=clock)
    saved = save_screening(
        doctor.factory,
        doctor.actor,
        ScreeningInput(
            shock_onset=(NOW - timedelta(hours=3)).astimezone(MOSCOW),
            anc_10e9_per_l=Decimal("0.3"),
            age_years=40,
            sex=None,
            pregnant=False,
            chemo_resistant_oncohematologic=False,
            consent_signed=True,
            full_name=CANARY,
        ),
        clock=clock,
    )
    doctor.close()
    yield tmp_path, saved.study_id


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
    return controller


def _close(controller: DeskController) -> None:
    if controller.workspace is not None:
        controller.workspace.close()


def test_lock_clears_patient_data_and_the_same_user_resumes_with_the_draft(
    qtbot: QtBot, ward: tuple[Path, str]
) -> None:
    data_dir, study_id = ward
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
    assert study_id in _visible_texts()
    assert controller.launcher.wizard is not None
    assert "Черновиков Илья" in [
        edit.text() for edit in controller.launcher.wizard.findChildren(QLineEdit)
    ]
    controller.launcher.discard()
    _close(controller)


def test_another_user_after_the_lock_starts_fresh(qtbot: QtBot, ward: tuple[Path, str]) -> None:
    data_dir, _ = ward
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
    qtbot: QtBot, ward: tuple[Path, str]
) -> None:
    data_dir, _ = ward
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
