"""First run: site, device and the first administrator, then the one-time recovery code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.services.workspace import OpenWorkspace, create_workspace
from msc_desk.timekeeping import Clock, system_clock
from msc_desk.ui.checked_edit import Feedback, FeedbackLabel, password_field
from msc_desk.ui.labels import fill
from msc_desk.ui.recovery_sheet import fingerprint_groups, print_sheet, recovery_sheet
from msc_desk.ui.refusals import HANDLED, error_message


class FirstRunDialog(QDialog):
    """Creates the encrypted database; `workspace` and `recovery_code` are set on success."""

    def __init__(self, data_dir: Path, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir, self._clock = data_dir, clock
        self.workspace: OpenWorkspace | None = None
        self.recovery_code = ""
        self.recovery_fingerprint = ""
        self.setWindowTitle(self.tr("MSC Desk — first start"))
        self.setMinimumWidth(520)

        self.site_code = QLineEdit("01", self)
        self.site_code.setMaxLength(8)
        self.site_name = QLineEdit(self)
        self.device_name = QLineEdit(self)
        self.admin_username = QLineEdit(self)
        self.admin_full_name = QLineEdit(self)
        self.password = password_field(self)
        self.password_again = password_field(self)
        self.error = FeedbackLabel(self)
        self.create_button = QPushButton(self.tr("Create database"), self)
        self.create_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)

        intro = QLabel(
            self.tr(
                "No study database on this laptop yet. Enter the site and the first administrator; "
                "the database will be encrypted and opened only with a password."
            ),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Site code:"), self.site_code)
        form.addRow(self.tr("Site (department):"), self.site_name)
        form.addRow(self.tr("This laptop's name:"), self.device_name)
        form.addRow(self.tr("Administrator login:"), self.admin_username)
        form.addRow(self.tr("Administrator full name:"), self.admin_full_name)
        form.addRow(self.tr("Password (8+ characters):"), self.password)
        form.addRow(self.tr("Password again:"), self.password_again)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.create_button.clicked.connect(self._on_create)
        buttons.rejected.connect(self.reject)

    def _on_create(self) -> None:
        fields = (self.site_code, self.site_name, self.device_name, self.admin_username)
        if any(not field.text().strip() for field in (*fields, self.admin_full_name)):
            self._show_error(self.tr("Fill in every field."))
            return
        if self.password.text() != self.password_again.text():
            self._show_error(self.tr("The two passwords differ."))
            return
        try:
            result = create_workspace(
                self._data_dir,
                site_code=self.site_code.text().strip(),
                site_name=self.site_name.text().strip(),
                device_name=self.device_name.text().strip(),
                admin_username=self.admin_username.text().strip(),
                admin_full_name=self.admin_full_name.text().strip(),
                admin_password=self.password.text(),
                clock=self._clock,
            )
        except HANDLED as error:
            self._show_error(error_message(error))
            return
        self.password.clear()
        self.password_again.clear()
        self.workspace = result.workspace
        self.recovery_code = result.recovery_code
        self.recovery_fingerprint = result.recovery_fingerprint
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.show_message(Feedback.ERROR, text)


class RecoveryCodeDialog(QDialog):
    """Shows the recovery code once; closing needs the confirmation that it was written down.

    «Copy» puts the code on the clipboard; «Print…» prints a sheet with the code, the site,
    the date and where to keep it.
    """

    def __init__(
        self,
        recovery_code: str,
        parent: QWidget | None = None,
        *,
        site_name: str = "",
        created_at: datetime | None = None,
        fingerprint: str = "",
    ) -> None:
        super().__init__(parent)
        self._recovery_code, self._site_name = recovery_code, site_name
        self._fingerprint = fingerprint
        self._created_at = created_at if created_at is not None else system_clock()
        self.setWindowTitle(self.tr("Recovery code"))
        self.setMinimumWidth(520)
        explanation = QLabel(
            self.tr(
                "Write this code down or print it, seal it in an envelope and give it to the "
                "principal investigator. It opens the database if every password is forgotten. "
                "It is shown only now."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.code = QLabel(recovery_code, self)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("QLabel { font: bold 18pt monospace; padding: 12px; }")
        self.fingerprint = QLabel(self)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setVisible(bool(fingerprint))
        if fingerprint:
            self.fingerprint.setText(
                fill(
                    self.tr("Recovery key fingerprint (printed on the sheet, to compare): %1"),
                    fingerprint_groups(fingerprint),
                )
            )
        self.confirmed = QCheckBox(self.tr("I have written the code down or printed it"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_note = FeedbackLabel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        # Never narrower than the code: it must be read whole.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(explanation)
        layout.addWidget(self.code)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.copy_note)
        layout.addWidget(self.buttons)
        self.confirmed.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.copy_button.clicked.connect(self.copy_code)
        self.print_button.clicked.connect(self.print_code)

    def sheet(self) -> QTextDocument:
        """The printable sheet of this code."""
        return recovery_sheet(
            self._recovery_code, self._site_name, self._created_at, self._fingerprint
        )

    def copy_code(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self._recovery_code)
        self.copy_note.show_message(
            Feedback.WARNING,
            self.tr(
                "Copied. Paste it only where it is printed or written down, then copy"
                " something else so it does not stay on the clipboard."
            ),
        )

    def print_code(self) -> bool:
        return print_sheet(self.sheet(), self)

    def reject(self) -> None:
        """Esc does not close it before the confirmation."""
        if self.confirmed.isChecked():
            super().reject()
