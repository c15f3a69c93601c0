"""After sign-in: the own password forced after a reset, the clock banner, the quick pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from integrity_ward import START, IntegrityWard, integrity_ward_fixture  # noqa: F401
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from seeding import Staff, new_workspace

from msc_desk.models import Role
from msc_desk.services.allocation import RandomizationError, randomize
from msc_desk.services.randomization_key import randomization_public_key
from msc_desk.services.users import reset_user_password
from msc_desk.services.workspace import sign_in
from msc_desk.ui.app import DeskController
from msc_desk.ui.own_password_dialog import OwnPasswordDialog
from msc_desk.ui.screening.messages import error_text


def _when_modal(action: Callable[[OwnPasswordDialog], None]) -> None:
    """Act on the modal own-password dialog as soon as its exec() loop runs."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, OwnPasswordDialog):
            action(dialog)
        else:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def _reset_petrova(ward: IntegrityWard) -> None:
    admin = sign_in(ward.data_dir, "admin", "admin-password", clock=ward.clock)
    try:
        reset_user_password(
            admin.factory, admin.actor, ward.data_dir, "petrova", "temporary-pass", clock=ward.clock
        )
    finally:
        admin.close()


def _close(controller: DeskController) -> None:
    if controller.window is not None:
        controller.window.close()
    if controller.workspace is not None:
        controller.workspace.close()


def test_after_a_reset_the_user_must_choose_her_own_password_first(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    _reset_petrova(ward)
    signed_in = sign_in(ward.data_dir, "petrova", "temporary-pass", clock=ward.clock)
    assert signed_in.must_change_password and signed_in.actor.keys is None
    seen: list[str] = []

    def choose(dialog: OwnPasswordDialog) -> None:
        seen.append(dialog.notice.text())
        dialog.old_edit.setText("temporary-pass")
        dialog.new_edit.setText("short")
        dialog.repeat_edit.setText("short")
        assert not dialog.submit()
        seen.append(dialog.message.text())
        dialog.new_edit.setText("petrova-own-password")
        dialog.repeat_edit.setText("petrova-own-password")
        dialog.buttons.accepted.emit()

    _when_modal(choose)
    controller = DeskController(ward.data_dir, ward.clock)
    assert controller.open_workspace(signed_in)
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert "Администратор сбросил ваш пароль" in seen[0]
    assert seen[1] == "Пароль должен содержать не менее 8 символов."
    workspace = controller.workspace
    assert workspace is not None and not workspace.must_change_password
    assert workspace.actor.keys is not None  # her own keys: her actions are signed again
    _close(controller)
    # The temporary password is gone; her own opens the workspace.
    sign_in(ward.data_dir, "petrova", "petrova-own-password", clock=ward.clock).close()


def test_refusing_to_choose_a_password_opens_nothing(
    qtbot: QtBot, integrity_ward: IntegrityWard
) -> None:
    ward = integrity_ward
    _reset_petrova(ward)
    signed_in = sign_in(ward.data_dir, "petrova", "temporary-pass", clock=ward.clock)
    _when_modal(lambda dialog: dialog.reject())
    controller = DeskController(ward.data_dir, ward.clock)
    assert not controller.open_workspace(signed_in)
    assert controller.window is None and controller.workspace is None


def test_a_clock_set_back_by_an_hour_blocks_randomization_until_an_investigator_confirms(
    qtbot: QtBot, integrity_ward: IntegrityWard, russian: None
) -> None:
    ward = integrity_ward
    ward.clock.now -= timedelta(hours=1)
    controller = DeskController(ward.data_dir, ward.clock)
    assert controller.open_workspace(
        sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
    )
    window, guard, workspace = controller.window, controller.guard, controller.workspace
    assert window is not None and guard is not None and workspace is not None
    qtbot.addWidget(window)
    assert guard.banner.isVisible()
    assert "переведены назад" in guard.banner.title.text()
    assert "на 60 мин раньше" in guard.banner.title.text()
    assert guard.clock_label.isVisible()
    assert guard.clock_label.text() == "Часы переведены назад: рандомизация заблокирована"
    assert guard.banner.confirm_button.isVisible()

    with pytest.raises(RandomizationError) as refused:
        randomize(workspace.factory, workspace.actor, ward.patient_id, clock=ward.clock)
    assert refused.value.code == "clock_unconfirmed"
    text = error_text(refused.value)
    assert "часы ноутбука переведены назад" in text and "Подтвердить время" in text

    dialog = guard.open_confirm_clock()
    assert dialog is not None
    assert not dialog.submit()  # a reason is required
    assert dialog.message.text().startswith("Укажите основание")
    dialog.reason_edit.setPlainText("сверено с часами на посту")
    assert dialog.submit()
    assert not guard.banner.isVisible() and not guard.clock_label.isVisible()
    result = randomize(workspace.factory, workspace.actor, ward.patient_id, clock=ward.clock)
    assert result.slot_number == 1
    _close(controller)


def test_a_nurse_sees_the_banner_without_the_confirmation(
    qtbot: QtBot, integrity_ward: IntegrityWard
) -> None:
    ward = integrity_ward
    ward.clock.now -= timedelta(hours=1)
    controller = DeskController(ward.data_dir, ward.clock)
    assert controller.open_workspace(
        sign_in(ward.data_dir, "petrova", "petrova-password", clock=ward.clock)
    )
    guard = controller.guard
    assert guard is not None and controller.window is not None
    qtbot.addWidget(controller.window)
    assert guard.banner.isVisible() and not guard.banner.confirm_button.isVisible()
    assert guard.open_confirm_clock() is None
    _close(controller)


def test_the_quick_check_runs_at_sign_in_in_the_background(
    qtbot: QtBot, integrity_ward: IntegrityWard
) -> None:
    ward = integrity_ward
    controller = DeskController(ward.data_dir, ward.clock)
    workspace = sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
    # The window is up and the GUI thread free while the pass runs in the thread pool.
    assert controller.open_workspace(workspace)
    guard = controller.guard
    assert guard is not None and controller.window is not None
    qtbot.addWidget(controller.window)
    with qtbot.waitSignal(guard.quick_check_finished, timeout=60_000) as finished:
        if guard.quick_task is None:  # already done: run it again to watch the signal
            guard.start_quick_check()
    assert finished.args == [[]]
    assert not guard.findings_button.isVisible()
    _close(controller)


def test_an_investigators_first_sign_in_in_the_app_makes_the_randomization_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    staff = (Staff("ivanov", "Иванов", Role.INVESTIGATOR, "ivanov-password"),)
    new_workspace(tmp_path, lambda: START, staff).workspace.close()
    nurse_free = sign_in(tmp_path, "admin", "admin-password", clock=lambda: START)
    assert randomization_public_key(nurse_free.factory) is None
    nurse_free.close()
    controller = DeskController(tmp_path, lambda: START)
    assert controller.open_workspace(
        sign_in(tmp_path, "ivanov", "ivanov-password", clock=lambda: START)
    )
    assert controller.window is not None and controller.workspace is not None
    qtbot.addWidget(controller.window)
    assert randomization_public_key(controller.workspace.factory) is not None
    _close(controller)
