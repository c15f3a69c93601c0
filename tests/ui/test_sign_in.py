"""Sign-in and recovery dialogs: refusals are readable and nothing opens without the secret."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.ui.sign_in import RecoveryDialog, SignInDialog


def test_wrong_password_is_refused_then_the_right_one_opens(
    qtbot: QtBot,
    screened_ward: tuple[Path, str],
) -> None:
    dialog = SignInDialog(screened_ward[0], lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.username.setText("doctor")
    dialog.password.setText("not-the-password")
    dialog.sign_in_button.click()
    assert dialog.workspace is None
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.password.text() == ""
    dialog.password.setText("doctor-pass-1")
    dialog.sign_in_button.click()
    assert dialog.workspace is not None and dialog.workspace.actor.username == "doctor"
    dialog.workspace.close()


def test_a_wrong_recovery_code_opens_nothing(
    qtbot: QtBot,
    screened_ward: tuple[Path, str],
) -> None:
    dialog = RecoveryDialog(screened_ward[0], lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.code.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    dialog.password.setText("new-password-1")
    dialog.password_again.setText("new-password-2")
    dialog.apply_button.click()
    assert dialog.error.text() == "The two passwords differ."
    dialog.password.setText("new-password-1")
    dialog.password_again.setText("new-password-1")
    dialog.apply_button.click()
    assert dialog.workspace is None
    assert dialog.error.text() == "Wrong user name or recovery code."


def _fits(label: QLabel) -> bool:
    """The label's whole text fits the height it is given."""
    needed = label.heightForWidth(label.width()) if label.wordWrap() else -1
    return label.height() >= max(needed, label.sizeHint().height())


def test_a_refusal_moves_nothing_and_the_demo_accounts_keep_every_line(
    qtbot: QtBot, russian: None, screened_ward: tuple[Path, str]
) -> None:
    accounts = "ДЕМО-ДАННЫЕ. Учётные записи:\n" + "\n".join(f"user{n} / pass{n}" for n in range(4))
    dialog = SignInDialog(screened_ward[0], lambda: NOW, demo_accounts=accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = (dialog.username.geometry(), dialog.password.geometry(), dialog.size())
    dialog.username.setText("doctor")
    dialog.password.setText("not-the-password")
    dialog.sign_in_button.click()
    QApplication.processEvents()
    assert dialog.error.isVisible() and dialog.error.text()
    assert (dialog.username.geometry(), dialog.password.geometry(), dialog.size()) == before
    assert dialog.demo_note is not None
    assert _fits(dialog.demo_note) and _fits(dialog.error)
    assert dialog.username.height() >= dialog.username.sizeHint().height()
