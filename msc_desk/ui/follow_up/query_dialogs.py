"""Raise a query (monitor) and answer it, correcting the value with a reason (the site)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from msc_desk import catalogue
from msc_desk.services.permissions import Action
from msc_desk.services.queries import (
    ARM_FIELDS,
    NO_CORRECTION,
    QueryRow,
    answer_query,
    form_fields,
    query_targets,
    raise_query,
)
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.field_editors import FieldEditor
from msc_desk.ui.follow_up.messages import HANDLED, field_name, follow_up_message
from msc_desk.ui.labels import fill, visit_label

Target = tuple[str, int | None, int | None]  # form, visit id, record id


class RaiseQueryDialog(QDialog):
    """A monitor's question on a field, or on a whole form."""

    def __init__(
        self,
        context: FollowUpContext,
        patient_id: int,
        study_id: str,
        target: Target | None = None,
        parent: QWidget | None = None,
        *,
        field: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._patient_id = context, patient_id
        self.query_id: int | None = None
        self.setWindowTitle(fill(self.tr("New query — %1"), study_id))
        self.form_combo = QComboBox(self)
        self.field_combo = QComboBox(self)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        try:
            targets = query_targets(context.factory, context.actor, patient_id, context.clock)
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
        else:
            for visit_id, day in targets.visits:
                self.form_combo.addItem(visit_label(day), ("visit", visit_id, None))
            for event_id, term in targets.events:
                self.form_combo.addItem(
                    fill(self.tr("Adverse event: %1"), term), ("adverse_event", None, event_id)
                )
            self.form_combo.addItem(self.tr("Outcome"), ("outcome", None, None))
        if target is not None:
            for index in range(self.form_combo.count()):
                data = self.form_combo.itemData(index)
                if (
                    data[0] == target[0]
                    and (target[1] is None or data[1] == target[1])
                    and (target[2] is None or data[2] == target[2])
                ):
                    self.form_combo.setCurrentIndex(index)
                    break
        self.form_combo.currentIndexChanged.connect(self._fill_fields)
        self._fill_fields()
        if field is not None:
            self.field_combo.setCurrentIndex(max(0, self.field_combo.findData(field)))
        form = QFormLayout()
        form.addRow(self.tr("Form:"), self.form_combo)
        form.addRow(self.tr("Field:"), self.field_combo)
        form.addRow(self.tr("Query:"), self.text_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Raise query"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.text_edit.setFocus()

    def _fill_fields(self) -> None:
        self.field_combo.clear()
        self.field_combo.addItem(self.tr("(the whole form)"), None)
        data = self.form_combo.currentData()
        if data is None:
            return
        blinded = not self._context.may(Action.VIEW_ALLOCATION)
        for name in form_fields(data[0]):
            if not (blinded and name in ARM_FIELDS):
                self.field_combo.addItem(field_name(name), name)

    def submit(self) -> bool:
        data = self.form_combo.currentData()
        if data is None:
            return False
        form, visit_id, record_id = data
        context = self._context
        try:
            self.query_id = raise_query(
                context.factory, context.actor, self._patient_id, form,
                self.text_edit.toPlainText(), visit_id=visit_id, record_id=record_id,
                field=self.field_combo.currentData(), clock=context.clock,
            )  # fmt: skip
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return False
        self.accept()
        return True


class AnswerQueryDialog(QDialog):
    """The site answers a query; a correction of the queried field needs a reason."""

    def __init__(
        self, context: FollowUpContext, query: QueryRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._query = context, query
        self.setWindowTitle(self.tr("Answer a query"))
        where = self.tr("the whole form") if query.field is None else field_name(query.field)
        asked = QLabel(fill(self.tr("Query (%1): %2"), where, query.text), self)
        asked.setWordWrap(True)
        self.answer_edit = QPlainTextEdit(self)
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.correct_box = QCheckBox(self.tr("Correct the value"), self)
        self.value_editor: FieldEditor | None = None
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason")
        form = QFormLayout()
        form.addRow(self.tr("Answer:"), self.answer_edit)
        if query.field is not None and query.field in catalogue.FIELDS:
            self.value_editor = FieldEditor(catalogue.field(query.field), self)
            form.addRow(self.correct_box)
            form.addRow(self.tr("New value:"), self.value_editor.widget)
            form.addRow(self.tr("Reason for the change:"), self.reason_edit)
            self.correct_box.toggled.connect(self._on_correct_toggled)
            self._on_correct_toggled(False)
        else:
            self.correct_box.hide()
            self.reason_edit.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Answer"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(asked)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.answer_edit.setFocus()

    def _on_correct_toggled(self, checked: bool) -> None:
        if self.value_editor is not None:
            self.value_editor.set_enabled(checked)
        self.reason_edit.setEnabled(checked)

    def submit(self) -> bool:
        context = self._context
        correcting = self.value_editor is not None and self.correct_box.isChecked()
        correction = (
            self.value_editor.value() if correcting and self.value_editor else NO_CORRECTION
        )
        try:
            answer_query(
                context.factory, context.actor, self._query.query_id,
                self.answer_edit.toPlainText(), correction=correction,
                reason=self.reason_edit.text() if correcting else None, clock=context.clock,
            )  # fmt: skip
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return False
        self.accept()
        return True
