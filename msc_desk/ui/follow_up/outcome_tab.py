"""The «Исход» tab: death, discharges, day-28 vital status (scoring.outcomes), withdrawal."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.catalogue.event_forms import OUTCOME_FORM
from msc_desk.scoring.outcomes import VitalStatus
from msc_desk.services.outcomes import OutcomeRecord, outcome_record, save_outcome
from msc_desk.services.permissions import Action
from msc_desk.services.queries import list_queries, open_fields
from msc_desk.services.signatures import casebook_signature
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.field_editors import FieldEditor
from msc_desk.ui.follow_up.messages import HANDLED, follow_up_message
from msc_desk.ui.follow_up.queries_dialog import QueriesDialog
from msc_desk.ui.labels import fill, format_decimal, status_label
from msc_desk.ui.patient_parts import OutcomeRead

FLAG_STYLE = "QLabel { background: #fef3c7; color: #7c2d12; padding: 6px; }"
LOCK_STYLE = "QLabel { background: #e0e7ff; color: #1e3a8a; padding: 6px; }"
_DEPENDS = {
    "died": ("died_at", "cause_of_death"),
    "withdrawn": ("withdrawal_reason", "withdrawn_at"),
}


class OutcomeTab(QWidget):
    """The outcome form with its computed day-28 status and the cross-checks that hold.

    Signals:
        changed(): the outcome was saved (the patient's status may have changed).
    """

    changed = Signal()

    def __init__(self, context: FollowUpContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._patient: tuple[int, str] | None = None
        self.record: OutcomeRecord | None = None
        self.dialog: QDialog | None = None
        self.lock_label = QLabel(self)
        self.lock_label.setWordWrap(True)
        self.lock_label.setStyleSheet(LOCK_STYLE)
        self.editors: dict[str, FieldEditor] = {}
        form = QFormLayout()
        for item in OUTCOME_FORM.fields():
            if item.computed:
                continue
            editor = FieldEditor(item, self)
            self.editors[item.name] = editor
            form.addRow(editor.label() + ":", editor.widget)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason")
        self.reason_label = QLabel(self.tr("Reason for the change:"), self)
        form.addRow(self.reason_label, self.reason_edit)
        entry = QGroupBox(self.tr("Outcome"), self)
        entry.setLayout(form)
        self.day28_label = QLabel(self)
        self.day28_label.setWordWrap(True)
        self.day28_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.status_label = QLabel(self)
        self.flags_label = QLabel(self)
        self.flags_label.setWordWrap(True)
        self.flags_label.setStyleSheet(FLAG_STYLE)
        derived = QVBoxLayout()
        derived.addWidget(self.day28_label)
        derived.addWidget(self.status_label)
        derived.addWidget(self.flags_label)
        status_box = QGroupBox(self.tr("Vital status at day 28"), self)
        status_box.setLayout(derived)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save outcome"), self)
        self.queries_button = QPushButton(self.tr("Monitor queries…"), self)
        self.save_button.setVisible(context.may(Action.ENTER_DATA))
        self.save_button.clicked.connect(self.save)
        self.queries_button.clicked.connect(self.open_queries)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.queries_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lock_label)
        layout.addWidget(status_box)
        layout.addWidget(entry)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for name in _DEPENDS:
            combo = self.editors[name].widget
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(self._update_enabled)

    def show_patient(
        self, patient_id: int, study_id: str, read: OutcomeRead | Exception | None = None
    ) -> None:
        """Show a patient's outcome: `read` already read off the GUI thread, or read now."""
        if self._patient is None or self._patient[0] != patient_id:
            self.message.clear()
        self._patient = (patient_id, study_id)
        if read is None:
            self.reload()
        else:
            self.show_read(read)

    def clear(self) -> None:
        self._patient = None
        self.record = None
        for editor in self.editors.values():
            editor.set_value(None)
        self.message.clear()

    def reload(self) -> None:
        if self._patient is None:
            return
        context = self._context
        patient_id = self._patient[0]
        try:
            record = outcome_record(context.factory, context.actor, patient_id, context.clock)
            signed = casebook_signature(context.factory, context.actor, patient_id, context.clock)
            queries = list_queries(context.factory, context.actor, patient_id, context.clock)
        except HANDLED as exc:
            self.show_read(exc)
            return
        self.show_read(OutcomeRead(record, signed, queries))

    def show_read(self, read: OutcomeRead | Exception) -> None:
        """Fill the form from what was read, or say why it could not be read."""
        if isinstance(read, Exception):
            # Nothing of another patient may stay in the form, ready to be saved here.
            self.record = None
            for editor in self.editors.values():
                editor.set_value(None)
                editor.set_enabled(False)
            self.save_button.setEnabled(False)
            show_result(self.message, follow_up_message(read), ok=False)
            return
        context = self._context
        record, signed, queries = read.record, read.signature, read.queries
        self.record = record
        values = dict(record.values) if record.recorded else {"died": False, "withdrawn": False}
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
        marks = open_fields(queries, "outcome")
        open_total = sum(1 for query in queries if query.is_open)
        self.queries_button.setText(
            fill(self.tr("Monitor queries (%1 open)…"), open_total)
            if open_total
            else self.tr("Monitor queries…")
        )
        for name, editor in self.editors.items():
            count = marks.get(name, 0)
            editor.set_marked(count, fill(self.tr("Open monitor queries: %1"), count))
        self.reason_edit.clear()
        self.reason_label.setVisible(record.recorded)
        self.reason_edit.setVisible(record.recorded)
        self.lock_label.setVisible(signed.signed)
        self.lock_label.setText(
            self.tr(
                "The casebook is signed: the outcome is locked. An investigator removes the"
                " signature, with a reason, before any change."
            )
        )
        editable = context.may(Action.ENTER_DATA) and not signed.signed
        for editor in self.editors.values():
            editor.set_enabled(editable)
        self.save_button.setEnabled(editable)
        self._update_enabled()
        self._show_derived(record)

    def _update_enabled(self) -> None:
        editable = self.save_button.isEnabled()
        for name, dependants in _DEPENDS.items():
            on = self.editors[name].value() is True
            for dependant in dependants:
                self.editors[dependant].set_enabled(editable and on)

    def _show_derived(self, record: OutcomeRecord) -> None:
        day28 = record.day28
        days = format_decimal(day28.time_days.quantize(Decimal("0.1")))
        if day28.status is VitalStatus.DIED:
            text = fill(self.tr("Died by day 28 (day %1 after randomization)."), days)
        elif day28.status is VitalStatus.ALIVE:
            text = self.tr("Alive at day 28.")
        else:
            text = fill(self.tr("Not established: censored at day %1 (last known alive)."), days)
        self.day28_label.setText(text)
        status = status_label(record.status, record.sex)
        self.status_label.setText(fill(self.tr("Patient status: %1"), status))
        flags = [self._flag(code) for code in record.flags]
        self.flags_label.setVisible(bool(flags))
        self.flags_label.setText("\n".join(f"⚠ {flag}" for flag in flags))

    def _flag(self, code: str) -> str:
        return {
            "death_before_randomization": self.tr("The death is dated before randomization."),
            "discharge_before_randomization": self.tr("A discharge is dated before randomization."),
            "day28_not_established": self.tr(
                "Vital status at day 28 not established (the day-28 window has closed): confirm"
                " it by phone, from medical records or in person."
            ),
            "visit_after_death": self.tr("A visit is recorded after the date of death."),
            "fatal_event_without_death": self.tr(
                "An adverse event ended in death, but no death is recorded."
            ),
        }.get(code, code)

    def values(self) -> dict[str, object]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def save(self) -> bool:
        if self._patient is None:
            return False
        context = self._context
        reason = self.reason_edit.text() if self.record and self.record.recorded else None
        try:
            save_outcome(
                context.factory, context.actor, self._patient[0], self.values(), reason,
                context.clock,
            )  # fmt: skip
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return False
        self.reload()
        show_result(self.message, self.tr("The outcome is saved."), ok=True)
        self.changed.emit()
        return True

    def open_queries(self) -> QDialog | None:
        if self._patient is None:
            return None
        dialog = QueriesDialog(self._context, *self._patient, form="outcome", parent=self)
        self.dialog = dialog
        dialog.finished.connect(self.reload)
        dialog.open()
        return dialog
