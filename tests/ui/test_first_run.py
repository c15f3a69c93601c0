"""First run: the form refuses what it must, creates the encrypted database, shows the code once."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.services.workspace import workspace_exists
from msc_desk.ui.first_run import FirstRunDialog, RecoveryCodeDialog


def _fill(dialog: FirstRunDialog, password: str, again: str) -> None:
    dialog.site_name.setText("НМИЦ гематологии, ОРИТ")
    dialog.device_name.setText("Ноутбук ОРИТ-1")
    dialog.admin_username.setText("admin")
    dialog.admin_full_name.setText("Петров Павел Петрович")
    dialog.password.setText(password)
    dialog.password_again.setText(again)


def test_refusals_are_shown_and_nothing_is_created(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(tmp_path, lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.create_button.click()
    assert dialog.error.text() == "Fill in every field."
    _fill(dialog, "long-enough-1", "long-enough-2")
    dialog.create_button.click()
    assert dialog.error.text() == "The two passwords differ."
    _fill(dialog, "short", "short")
    dialog.create_button.click()
    assert dialog.error.text() == "The password must be at least 8 characters long."
    assert dialog.workspace is None and not workspace_exists(tmp_path)


def test_a_complete_form_creates_the_database_and_the_code_must_be_confirmed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = FirstRunDialog(tmp_path, lambda: NOW)
    qtbot.addWidget(dialog)
    _fill(dialog, "long-enough-1", "long-enough-1")
    dialog.create_button.click()
    assert dialog.workspace is not None and workspace_exists(tmp_path)
    assert dialog.workspace.actor.username == "admin" and dialog.recovery_code
    dialog.workspace.close()

    shown = RecoveryCodeDialog(dialog.recovery_code)
    qtbot.addWidget(shown)
    assert shown.code.text() == dialog.recovery_code
    shown.show()
    assert shown.code.width() >= shown.code.sizeHint().width()  # the whole code is readable
    assert not shown.ok_button.isEnabled()
    shown.reject()  # Esc before the confirmation
    assert shown.isVisible()
    shown.confirmed.setChecked(True)
    assert shown.ok_button.isEnabled()
    shown.ok_button.click()
    assert not shown.isVisible()
