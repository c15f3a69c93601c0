"""Sign-in and lock dialogs: the only way into the encrypted database.

The sign-in window is the first one painted, so this module imports Qt and nothing of the
database stack: the services are imported when a button is pressed (see ui/startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import Feedback, FeedbackLabel, password_field

if TYPE_CHECKING:
    from msc_desk.models.database import DatabaseError
    from msc_desk.services.workspace import OpenWorkspace, SignInError


def sign_in_error_text(error: SignInError, *, recovery: bool = False) -> str:
    """The user's-language message for a refused sign-in (or recovery-code use)."""
    from msc_desk.ui.labels import fill

    if error.code == "locked_out":
        seconds = int(error.retry_after_seconds or 0)
        return fill(
            QCoreApplication.translate("SignIn", "Too many failed attempts. Try again in %1 s."),
            str(max(seconds, 1)),
        )
    if error.code == "key_mismatch":
        return QCoreApplication.translate(
            "SignIn",
            "This account's keys do not match the key registry. The attempt has been "
            "recorded; tell the site administrator.",
        )
    if error.code == "inactive_user":
        return QCoreApplication.translate(
            "SignIn", "This account is disabled. Ask the site administrator."
        )
    if recovery:
        return QCoreApplication.translate("SignIn", "Wrong user name or recovery code.")
    return QCoreApplication.translate("SignIn", "Wrong user name or password.")


def database_error_text(error: DatabaseError) -> str:
    """The user's-language message for a database this version cannot open."""
    from msc_desk.models.migrate import NewerSchemaError
    from msc_desk.ui.labels import fill

    if isinstance(error, NewerSchemaError):
        from msc_desk.version import app_version

        return fill(
            QCoreApplication.translate(
                "SignIn",
                "This database was saved by a newer version of MSC Desk (schema %1), and this "
                "version (%2) cannot open it. Nothing has been changed. Install the newer "
                "version of MSC Desk on this laptop.",
            ),
            error.revision,
            app_version(),
        )
    return fill(
        QCoreApplication.translate(
            "SignIn",
            "The database cannot be opened: %1. Nothing has been changed; tell the site "
            "administrator.",
        ),
        str(error),
    )


def reserve_message_room(label: QLabel, lines: int = 2) -> None:
    """Keep room for a message of up to `lines` lines even while it is hidden.

    A message that appears after a refusal then takes no height from the fields around it.
    """
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.setFixedHeight(label.fontMetrics().lineSpacing() * lines + 4)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class SignInDialog(QDialog):
    """User name and password; on success `workspace` holds the open database.

    Args:
        data_dir: the folder of the database.
        clock: the time source (failed attempts and lockout are timed with it).
        demo_accounts: lines shown under the form when the database is a demo one (or later,
            with `show_demo_accounts`).

    Attributes:
        wait_until_ready: called before the services are used; the start-up sets it to wait
            for the database stack loading in the background.
    """

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        *,
        demo_accounts: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir, self._clock = data_dir, clock
        self.workspace: OpenWorkspace | None = None
        self.wait_until_ready: Callable[[], None] = lambda: None
        self.setWindowTitle(self.tr("MSC Desk — sign in"))
        self.setMinimumWidth(420)

        self.username = QLineEdit(self)
        self.password = password_field(self)
        self.error = FeedbackLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.recover_button = QPushButton(self.tr("Forgot password…"), self)
        self.buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.ResetRole)

        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Trial NCT01849237: MSC in septic shock with neutropenia"), self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        reserve_message_room(self.error)
        self.demo_note: QLabel | None = None
        self._layout = layout
        layout.addWidget(self.buttons)
        if demo_accounts:
            self.show_demo_accounts(demo_accounts)

        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.recover_button.clicked.connect(self._on_recover)
        self.buttons.rejected.connect(self.reject)
        self.username.setFocus()

    def show_demo_accounts(self, text: str) -> None:
        """Show the demo accounts under the form (a demo database only)."""
        note = QLabel(text, self)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.setStyleSheet("QLabel { background: #fff3cd; padding: 6px; }")
        note.setMinimumHeight(note.sizeHint().height())  # never squeezed to lose a line
        self.demo_note = note
        self._layout.insertWidget(self._layout.indexOf(self.buttons), note)
        if self.isVisible():  # added after the first paint: grow to show every line
            QTimer.singleShot(0, self._fit_height)

    def _fit_height(self) -> None:
        wanted = self._layout.totalHeightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _on_sign_in(self) -> None:
        self.wait_until_ready()
        from msc_desk.models.database import DatabaseError
        from msc_desk.services.workspace import SignInError, sign_in

        try:
            self.workspace = sign_in(
                self._data_dir,
                self.username.text().strip(),
                self.password.text(),
                clock=self._clock,
            )
        except SignInError as error:
            self.password.clear()
            self.password.setFocus()
            self.error.show_message(Feedback.ERROR, sign_in_error_text(error))
            return
        except DatabaseError as error:
            self.password.clear()
            self.error.show_message(Feedback.ERROR, database_error_text(error))
            return
        self.password.clear()
        self.accept()

    def _on_recover(self) -> None:
        self.wait_until_ready()
        dialog = RecoveryDialog(self._data_dir, self._clock, self)
        dialog.username.setText(self.username.text().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.workspace is not None:
            self.workspace = dialog.workspace
            self.accept()


class RecoveryDialog(QDialog):
    """A forgotten password: the sealed recovery code sets a new one (the data stays as it is)."""

    def __init__(self, data_dir: Path, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir, self._clock = data_dir, clock
        self.workspace: OpenWorkspace | None = None
        self.setWindowTitle(self.tr("Set a new password with the recovery code"))
        self.setMinimumWidth(460)
        self.username = QLineEdit(self)
        self.code = QLineEdit(self)
        self.password = password_field(self)
        self.password_again = password_field(self)
        self.error = FeedbackLabel(self)
        self.apply_button = QPushButton(self.tr("Set password and sign in"), self)
        self.apply_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Recovery code:"), self.code)
        form.addRow(self.tr("New password:"), self.password)
        form.addRow(self.tr("New password again:"), self.password_again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        reserve_message_room(self.error)
        layout.addWidget(buttons)
        self.apply_button.clicked.connect(self._on_apply)
        buttons.rejected.connect(self.reject)

    def _on_apply(self) -> None:
        from msc_desk.models.database import DatabaseError
        from msc_desk.services.workspace import SignInError, recover_with_code
        from msc_desk.ui.refusals import HANDLED, error_message

        if self.password.text() != self.password_again.text():
            self._show(self.tr("The two passwords differ."))
            return
        try:
            self.workspace = recover_with_code(
                self._data_dir,
                self.username.text().strip(),
                self.code.text().strip(),
                self.password.text(),
                clock=self._clock,
            )
        except SignInError as error:
            self._show(sign_in_error_text(error, recovery=True))
            return
        except HANDLED as error:
            self._show(error_message(error))
            return
        except DatabaseError as error:
            self._show(database_error_text(error))
            return
        self.accept()

    def _show(self, text: str) -> None:
        self.password.clear()
        self.password_again.clear()
        self.error.show_message(Feedback.ERROR, text)


class LockDialog(QDialog):
    """The idle lock: only the user name is shown; the same user unlocks, another signs in.

    After `exec()`, `unlocked_same_user` tells which happened; `workspace` is set when another
    user signed in.
    """

    def __init__(
        self,
        data_dir: Path,
        username: str,
        full_name: str,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        from msc_desk.ui.labels import fill

        super().__init__(parent)
        self._data_dir, self._username, self._clock = data_dir, username, clock
        self.unlocked_same_user = False
        self.workspace: OpenWorkspace | None = None
        self.setWindowTitle(self.tr("MSC Desk — locked"))
        self.setMinimumWidth(420)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

        self.message = QLabel(
            fill(self.tr("The screen was locked after inactivity. Signed in: %1."), full_name), self
        )
        self.message.setWordWrap(False)  # one line: a wrapped label gets clipped in a small dialog
        self.password = password_field(self)
        self.error = FeedbackLabel(self)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Another user…"), self)

        form = QFormLayout()
        form.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.error)
        reserve_message_room(self.error)
        layout.addWidget(buttons)

        self.unlock_button.clicked.connect(self._on_unlock)
        self.switch_button.clicked.connect(self._on_switch_user)
        self.password.setFocus()

    def reject(self) -> None:
        """Esc does not close the lock."""

    def _on_unlock(self) -> None:
        from msc_desk.services.workspace import SignInError, verify_password

        try:
            ok = verify_password(
                self._data_dir, self._username, self.password.text(), clock=self._clock
            )
            message = "" if ok else self.tr("Wrong password.")
        except SignInError as error:
            ok, message = False, sign_in_error_text(error)
        self.password.clear()
        if ok:
            self.unlocked_same_user = True
            self.accept()
            return
        self.error.show_message(Feedback.ERROR, message)
        self.password.setFocus()

    def _on_switch_user(self) -> None:
        dialog = SignInDialog(self._data_dir, self._clock, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.workspace is not None:
            if dialog.workspace.actor.username == self._username:
                self.unlocked_same_user = True
            self.workspace = dialog.workspace
            self.accept()
