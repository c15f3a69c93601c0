"""E-signature of a whole casebook (meaning stated, password re-entered), and its removal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.signatures import sign_casebook, unlock_casebook
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.users_dialog import show_result
from msc_desk.ui.checked_edit import password_field
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED, error_message


class SignatureDialog(QDialog):
    """Sign one patient's casebook; stays open with its entries after a refusal."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        data_dir: Path,
        clock: Clock,
        patient_id: int,
        study_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._data_dir, self._clock = factory, actor, data_dir, clock
        self._patient_id = patient_id
        self.signature_id: int | None = None
        self.setWindowTitle(fill(self.tr("Sign casebook %1"), study_id))
        intro = QLabel(
            fill(
                self.tr(
                    "You are signing the whole casebook of patient %1 as %2. All visits will "
                    "be locked: later changes will need the signature to be removed with a reason."
                ),
                study_id,
                actor.username,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.meaning_edit = QPlainTextEdit(self)
        self.meaning_edit.setPlainText(
            self.tr("I confirm that the data of the case report form are accurate and complete")
        )
        self.meaning_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.password_edit = password_field(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign"))
        form = QFormLayout()
        form.addRow(self.tr("Meaning of the signature:"), self.meaning_edit)
        form.addRow(self.tr("Your password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        self.password_edit.setFocus()

    def sign(self) -> bool:
        """Sign with the entered password; a refusal is shown and the password field emptied."""
        try:
            self.signature_id = sign_casebook(
                self._factory,
                self._actor,
                self._data_dir,
                self._patient_id,
                self.password_edit.text(),
                self.meaning_edit.toPlainText(),
                self._clock,
            )
        except HANDLED as exc:
            self.password_edit.clear()
            self.password_edit.setFocus()
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.accept()
        return True


class UnsignDialog(QDialog):
    """Remove (void) a casebook signature; the reason is mandatory and audited."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        patient_id: int,
        study_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._patient_id = patient_id
        self.setWindowTitle(fill(self.tr("Remove signature of casebook %1"), study_id))
        note = QLabel(
            self.tr(
                "The casebook signature will be voided and its forms unlocked for correction. "
                "State why."
            ),
            self,
        )
        note.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Remove signature"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        buttons.accepted.connect(self.unsign)
        buttons.rejected.connect(self.reject)

    def unsign(self) -> bool:
        try:
            unlock_casebook(
                self._factory, self._actor, self._patient_id, self.reason_edit.text(), self._clock
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.accept()
        return True
