"""Sign one completed visit form (password re-entered), or unlock it with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from msc_desk.services.signatures import SignatureError, sign_visit, unlock_visit
from msc_desk.ui.checked_edit import password_field, show_result
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.messages import HANDLED, follow_up_message
from msc_desk.ui.labels import fill, visit_label


class VisitSignDialog(QDialog):
    """The investigator signs a visit form with their own key; the form is then locked.

    Signals:
        signed(int): the signature's id.
    """

    signed = Signal(int)

    def __init__(
        self,
        context: FollowUpContext,
        visit_id: int,
        study_id: str,
        study_day: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._visit_id = context, visit_id
        self.signature_id: int | None = None
        visit = visit_label(study_day)
        self.setWindowTitle(fill(self.tr("Sign %1 — %2"), visit, study_id))
        intro = QLabel(
            fill(
                self.tr(
                    "You sign the form «%1» of patient %2 as %3. The form will be locked: a later"
                    " change needs the signature removed with a reason."
                ),
                visit,
                study_id,
                context.actor.username,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.meaning_edit = QPlainTextEdit(self)
        self.meaning_edit.setTabChangesFocus(True)
        self.meaning_edit.setPlainText(
            self.tr("I confirm that the data of this visit are accurate and complete")
        )
        self.meaning_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.password_edit = password_field(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign"))
        form = QFormLayout()
        form.addRow(self.tr("The signature means:"), self.meaning_edit)
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
        context = self._context
        try:
            self.signature_id = sign_visit(
                context.factory, context.actor, context.data_dir, self._visit_id,
                self.password_edit.text(), self.meaning_edit.toPlainText(), context.clock,
            )  # fmt: skip
        except HANDLED as exc:
            self.password_edit.clear()
            self.password_edit.setFocus()
            text = follow_up_message(exc)
            if isinstance(exc, SignatureError) and exc.code == "not_complete":
                text = self.tr("The visit is not done yet: only a completed form is signed.")
            show_result(self.message, text, ok=False)
            return False
        self.password_edit.clear()
        self.signed.emit(self.signature_id)
        self.accept()
        return True


class VisitUnlockDialog(QDialog):
    """Remove a visit's signature (and the casebook's) with a reason, to correct the form.

    Signals:
        unlocked(): the visit is open again.
    """

    unlocked = Signal()

    def __init__(
        self,
        context: FollowUpContext,
        visit_id: int,
        study_id: str,
        study_day: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._visit_id = context, visit_id
        visit = visit_label(study_day)
        self.setWindowTitle(fill(self.tr("Remove signature of %1 — %2"), visit, study_id))
        note = QLabel(
            self.tr(
                "The signature of this form (and of the casebook, if signed) becomes void and the"
                " form opens for correction. State why."
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
        buttons.accepted.connect(self.unlock)
        buttons.rejected.connect(self.reject)

    def unlock(self) -> bool:
        context = self._context
        try:
            unlock_visit(
                context.factory, context.actor, self._visit_id, self.reason_edit.text(),
                context.clock,
            )  # fmt: skip
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return False
        self.unlocked.emit()
        self.accept()
        return True
