"""The visit form's signature: the locked banner, «Sign form…» and «Remove signature…»."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from msc_desk.services.permissions import Action
from msc_desk.services.visit_signature import VisitSignature, visit_signature
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.messages import HANDLED, follow_up_message
from msc_desk.ui.follow_up.visit_signature_dialogs import VisitSignDialog, VisitUnlockDialog
from msc_desk.ui.labels import fill, format_moscow

_SIGNED_STYLE = (
    "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #81c784;"
    " border-radius: 4px; padding: 6px 10px; }"
)
_REFUSED_STYLE = "QLabel { color: #b71c1c; }"


class FormSignature(QObject):
    """The signature state of one visit form and the investigator's two actions on it.

    Its banner and buttons belong to the form, which lays them out.

    `banner` shows who signed and when while the form is locked; `sign_button` is enabled
    only for a recorded (complete, missed or not applicable) form that is not locked, and
    `unlock_button` only for a locked one; each is visible only to a role that has the right.

    Signals:
        changed(bool): the form was signed (True) or unlocked (False).
    """

    changed = Signal(bool)

    def __init__(
        self,
        context: FollowUpContext | None,
        patient_id: int,
        study_id: str,
        study_day: int,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._form = parent
        self._context = context
        self._patient = (patient_id, study_id, study_day)
        self.state: VisitSignature | None = None
        self.unsaved: Callable[[], bool] = lambda: False
        """Whether the form shows values not saved yet: those are never signed."""
        self.child: QDialog | None = None
        self.banner = QLabel(parent)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(_SIGNED_STYLE)
        self.banner.hide()
        self.sign_button = QPushButton(self.tr("Sign form…"), parent)
        self.unlock_button = QPushButton(self.tr("Remove signature…"), parent)
        for button in (self.sign_button, self.unlock_button):
            button.setAutoDefault(False)
        may = context.may if context is not None else (lambda _action: False)
        self.sign_button.setVisible(may(Action.SIGN))
        self.unlock_button.setVisible(may(Action.UNLOCK_SIGNED))
        self.sign_button.clicked.connect(self.open_sign)
        self.unlock_button.clicked.connect(self.open_unlock)

    @property
    def locked(self) -> bool:
        return self.state is not None and self.state.locked

    @property
    def visit_id(self) -> int | None:
        return None if self.state is None else self.state.visit_id

    def reload(self) -> None:
        """Read the signature state again and show it."""
        context = self._context
        if context is None:
            return
        patient_id, _study_id, study_day = self._patient
        try:
            self.state = visit_signature(
                context.factory, context.actor, patient_id, study_day, context.clock
            )
        except HANDLED as exc:
            self.banner.setStyleSheet(_REFUSED_STYLE)
            self.banner.setText(follow_up_message(exc))
            self.banner.show()
            return
        self._show(self.state)

    def _show(self, state: VisitSignature) -> None:
        self.sign_button.setEnabled(state.signable)
        self.unlock_button.setEnabled(state.locked)
        self.sign_button.setToolTip(
            "" if state.signable or state.locked
            else self.tr("Save the form as complete first: only a recorded visit is signed.")
        )  # fmt: skip
        if not state.locked:
            self.banner.hide()
            self.banner.clear()
            return
        when = format_moscow(state.signed_at)
        if state.signed_by is None:
            text = self.tr("The form is locked.")
        elif state.by_casebook:
            text = fill(
                self.tr(
                    "Signed as part of the casebook by %1, %2 MSK. The form is locked: a change"
                    " needs the signature removed with a reason."
                ),
                state.signed_by,
                when,
            )
        else:
            text = fill(
                self.tr(
                    "Signed by %1, %2 MSK. The form is locked: a change needs the signature"
                    " removed with a reason."
                ),
                state.signed_by,
                when,
            )
        if state.meaning:
            text += "\n" + fill(self.tr("The signature means: «%1»"), state.meaning)
        self.banner.setStyleSheet(_SIGNED_STYLE)
        self.banner.setText(text)
        self.banner.show()

    def open_sign(self) -> QDialog | None:
        visit_id = self.visit_id
        if self._context is None or visit_id is None:
            return None
        if self.unsaved():
            self.banner.setStyleSheet(_REFUSED_STYLE)
            self.banner.setText(self.tr("The form has unsaved changes: save them before signing."))
            self.banner.show()
            return None
        _patient_id, study_id, study_day = self._patient
        dialog = VisitSignDialog(self._context, visit_id, study_id, study_day, self._form)
        dialog.signed.connect(lambda _signature: self._after(signed=True))
        return self._open(dialog)

    def open_unlock(self) -> QDialog | None:
        visit_id = self.visit_id
        if self._context is None or visit_id is None:
            return None
        _patient_id, study_id, study_day = self._patient
        dialog = VisitUnlockDialog(self._context, visit_id, study_id, study_day, self._form)
        dialog.unlocked.connect(lambda: self._after(signed=False))
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        self.child = dialog
        dialog.open()
        return dialog

    def _after(self, *, signed: bool) -> None:
        self.reload()
        self.changed.emit(signed)
