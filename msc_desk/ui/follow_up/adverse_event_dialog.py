"""The adverse-event form: drawn from the catalogue, saved through the service, serious shown."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk.catalogue.event_forms import ADVERSE_EVENT_FORM
from msc_desk.services.adverse_event_reactions import complete_adverse_event
from msc_desk.services.adverse_events import (
    AdverseEventRow,
    create_adverse_event,
    update_adverse_event,
)
from msc_desk.services.permissions import Action
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.field_editors import FieldEditor
from msc_desk.ui.follow_up.messages import HANDLED, follow_up_message
from msc_desk.ui.labels import fill

SERIOUS_STYLE = "QLabel { background: #fde2e2; color: #9b1c1c; font-weight: bold; padding: 6px; }"
COMPLETION_STYLE = "QLabel { background: #fff3cd; color: #6d4500; padding: 6px; }"
_HIDDEN_FOR_BLINDED = frozenset({"ae_relation_to_msc"})


class AdverseEventDialog(QDialog):
    """Enter a new adverse event (optionally pre-filled) or correct a saved one with a reason.

    An event an infusion reaction opened (`event.incomplete`) opens pre-filled to be
    completed: no reason is asked, since grade, seriousness, action and outcome are entered
    for the first time.

    Signals:
        saved(int): the event's id after a save.
    """

    saved = Signal(int)

    def __init__(
        self,
        context: FollowUpContext,
        patient_id: int,
        study_id: str,
        event: AdverseEventRow | None = None,
        initial: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._patient_id, self._event = context, patient_id, event
        self.event_id: int | None = None if event is None else event.event_id
        self.completing = event is not None and event.incomplete
        if event is None:
            title = self.tr("Adverse event — %1")
        elif self.completing:
            title = self.tr("Complete the adverse event — %1")
        else:
            title = self.tr("Correct adverse event — %1")
        self.setWindowTitle(fill(title, study_id))
        self.serious_banner = QLabel(self)
        self.serious_banner.setWordWrap(True)
        self.serious_banner.setStyleSheet(SERIOUS_STYLE)
        self.serious_banner.setText(
            self.tr(
                "SERIOUS ADVERSE EVENT: report it within 24 hours to the sponsor and the ethics"
                " committee (expedited reporting)."
            )
        )
        form = QFormLayout()
        self.editors: dict[str, FieldEditor] = {}
        blinded = not context.may(Action.VIEW_ALLOCATION)
        for item in ADVERSE_EVENT_FORM.fields():
            if blinded and item.name in _HIDDEN_FOR_BLINDED:
                continue
            editor = FieldEditor(item, self)
            self.editors[item.name] = editor
            form.addRow(editor.label() + ":", editor.widget)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason")
        if event is not None and not self.completing:
            form.addRow(self.tr("Reason for the change:"), self.reason_edit)
        else:
            self.reason_edit.hide()  # not in the form: no stray field at the dialog's corner
        self.completion_note = QLabel(
            self.tr(
                "Opened with the term, onset and relation filled in. Fill in the grade,"
                " seriousness, action taken and outcome, then save; until then the event is"
                " marked «to be completed»."
            ),
            self,
        )
        self.completion_note.setWordWrap(True)
        self.completion_note.setStyleSheet(COMPLETION_STYLE)
        self.completion_note.setVisible(self.completing)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.serious_banner)
        layout.addWidget(self.completion_note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        serious = self.editors["ae_serious"].widget
        assert isinstance(serious, QComboBox)
        serious.currentIndexChanged.connect(self._on_serious_changed)
        values = dict(initial or {}) | ({} if event is None else event.values())
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
        if not context.may(Action.ENTER_DATA):
            for editor in self.editors.values():
                editor.set_enabled(False)
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self._on_serious_changed()
        self.editors["ae_grade" if self.completing else "ae_term"].widget.setFocus()

    def _on_serious_changed(self) -> None:
        serious = self.editors["ae_serious"].value() is True
        self.serious_banner.setVisible(serious)
        reason = self.editors["ae_serious_reason"]
        reason.set_enabled(serious and self._context.may(Action.ENTER_DATA))
        if not serious:
            reason.set_value(None)

    def values(self) -> dict[str, object]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def save(self) -> bool:
        """Save through the service; a refusal is shown and the dialog stays open."""
        context = self._context
        try:
            if self._event is None:
                self.event_id = create_adverse_event(
                    context.factory, context.actor, self._patient_id, self.values(), context.clock
                )
            elif self.completing:
                complete_adverse_event(
                    context.factory,
                    context.actor,
                    self._event.event_id,
                    self.values(),
                    context.clock,
                )
            else:
                update_adverse_event(
                    context.factory,
                    context.actor,
                    self._event.event_id,
                    self.values(),
                    self.reason_edit.text(),
                    context.clock,
                )
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return False
        assert self.event_id is not None
        self.saved.emit(self.event_id)
        self.accept()
        return True
