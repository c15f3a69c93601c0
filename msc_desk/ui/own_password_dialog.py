"""After a password set by the administrator: the user chooses their own before anything else."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from msc_desk.security.policy import PolicyError
from msc_desk.services.workspace import OpenWorkspace, SignInError, change_own_password
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import password_field, show_result
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import error_message
from msc_desk.ui.sign_in import sign_in_error_text

_NOTICES = {
    "first_sign_in": QT_TRANSLATE_NOOP(
        "SignInNotices",
        "This is your first sign-in. The password you were given was chosen by the"
        " administrator; choose your own now. Your signature, randomizations and records will"
        " carry the key made with it.",
    ),
    "password_reset": QT_TRANSLATE_NOOP(
        "SignInNotices",
        "The administrator has reset your password. Choose your own now: the temporary password"
        " signs nothing, and your new password makes you a new signing key. If you did not ask"
        " for a reset, tell the principal investigator.",
    ),
    "password_recovered": QT_TRANSLATE_NOOP(
        "SignInNotices",
        "The recovery code has been used for your account. If it was not you, tell the principal"
        " investigator and the coordinating center.",
    ),
}


def notice_text(code: str) -> str:
    """A sign-in notice in words (unknown codes are shown as they are)."""
    source = _NOTICES.get(code)
    return code if source is None else QCoreApplication.translate("SignInNotices", str(source))


class OwnPasswordDialog(QDialog):
    """The forced change of a temporary password; `workspace` is the one signed in afresh."""

    def __init__(
        self, workspace: OpenWorkspace, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace: OpenWorkspace | None = None
        self._signed_in, self._clock = workspace, clock
        self.setWindowTitle(self.tr("Choose your own password"))
        notices = [notice_text(code) for code in workspace.notices if code in _NOTICES]
        if not notices:
            notices = [notice_text("first_sign_in")]
        self.notice = QLabel("\n\n".join(notices), self)
        self.notice.setWordWrap(True)
        self.user_label = QLabel(fill(self.tr("Login: %1"), workspace.actor.username), self)
        self.old_edit = password_field(self)
        self.new_edit = password_field(self)
        self.repeat_edit = password_field(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Save the new password")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Exit MSC Desk")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Temporary password:"), self.old_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("Repeat the new password:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.user_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def submit(self) -> bool:
        """Change the password; on refusal say why and keep the dialog open."""
        if self.new_edit.text() != self.repeat_edit.text():
            show_result(self.message, self.tr("The two new passwords do not match."), ok=False)
            return False
        try:
            self.workspace = change_own_password(
                self._signed_in, self.old_edit.text(), self.new_edit.text(), clock=self._clock
            )
        except SignInError as exc:
            show_result(self.message, sign_in_error_text(exc), ok=False)
            return False
        except PolicyError as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.accept()
        return True
