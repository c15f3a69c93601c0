"""E-signature of a whole casebook (meaning stated, password re-entered), and its removal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
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
from msc_desk.services.signatures import (
    CasebookSignature,
    casebook_signature,
    sign_casebook,
    unlock_casebook,
)
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.users_dialog import show_result
from msc_desk.ui.checked_edit import password_field
from msc_desk.ui.labels import DASH, fill, format_moscow
from msc_desk.ui.refusals import HANDLED, error_message


def blocker_text(state: CasebookSignature) -> str:
    """Why the casebook cannot be signed yet, in words (empty when it can be)."""
    if state.blocker == "not_randomized":
        return QCoreApplication.translate(
            "SignatureDialog",
            "The casebook cannot be signed yet: the patient has not been randomized, so there"
            " are no visits to sign.",
        )
    if state.blocker == "not_complete":
        return fill(
            QCoreApplication.translate(
                "SignatureDialog",
                "The casebook cannot be signed yet: %1 visit(s) are still scheduled. Every"
                " visit must be done, missed or marked not applicable first.",
            ),
            state.pending_visits,
        )
    return ""


def signed_text(state: CasebookSignature) -> str:
    """Who signed the casebook and when, in words."""
    return fill(
        QCoreApplication.translate("SignatureDialog", "The casebook is signed by %1, %2 MSK."),
        state.signed_by or DASH,
        format_moscow(state.signed_at),
    )


class SignatureDialog(QDialog):
    """Sign one patient's casebook; stays open with its entries after a refusal.

    Before the password is asked for, the dialog says whether the casebook can be signed now,
    and if not, why (the password field is then disabled). After signing it confirms who
    signed and when, and only Close remains.

    Signals:
        signed(int): the casebook was signed (the signature's id).
    """

    signed = Signal(int)

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
        self.intro = intro = QLabel(
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
        self.sign_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText(self.tr("Sign"))
        self.form = form = QFormLayout()
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
        self._show_state()

    def _show_state(self) -> None:
        """Say now, before the password, whether signing is possible."""
        try:
            state = casebook_signature(self._factory, self._actor, self._patient_id, self._clock)
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            self._only_close()
            return
        if state.signed:
            show_result(self.message, signed_text(state), ok=True)
            self._only_close()
        elif state.blocker is not None:
            show_result(self.message, blocker_text(state), ok=False)
            self._only_close()

    def _only_close(self) -> None:
        """Nothing to sign now: no password field, no intro, only Close."""
        self.password_edit.setEnabled(False)
        self.meaning_edit.setReadOnly(True)
        self.intro.hide()
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.adjustSize()

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
        self.password_edit.clear()
        state = casebook_signature(self._factory, self._actor, self._patient_id, self._clock)
        show_result(self.message, signed_text(state), ok=True)
        self._only_close()
        self.signed.emit(self.signature_id)
        return True


class UnsignDialog(QDialog):
    """Remove (void) a casebook signature; the reason is mandatory and audited.

    Shows who signed and when; after removal, confirms it and only Close remains.

    Signals:
        unsigned(): the casebook signature was removed.
    """

    unsigned = Signal()

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
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Remove signature"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        buttons.accepted.connect(self.unsign)
        buttons.rejected.connect(self.reject)
        try:
            state = casebook_signature(factory, actor, patient_id, clock)
        except HANDLED as exc:
            self.state_label.setText(error_message(exc))
        else:
            if state.signed:
                self.state_label.setText(signed_text(state))
            else:
                self.state_label.setText(self.tr("The casebook is not signed."))
                self._only_close()

    def _only_close(self) -> None:
        self.reason_edit.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def unsign(self) -> bool:
        try:
            unlock_casebook(
                self._factory, self._actor, self._patient_id, self.reason_edit.text(), self._clock
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        show_result(
            self.message,
            self.tr("The signature has been removed; the forms are open for correction."),
            ok=True,
        )
        self._only_close()
        self.unsigned.emit()
        return True
