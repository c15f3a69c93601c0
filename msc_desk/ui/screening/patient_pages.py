"""Wizard pages 1 and 2: the patient (study id, identification) and the septic shock onset."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from msc_desk.ui.checked_edit import FeedbackLabel
from msc_desk.ui.labels import fill, format_moscow
from msc_desk.ui.locale_input import DateTimeInput
from msc_desk.ui.screening.criteria_text import SHOCK_DEFINITIONS, shock_definition_text
from msc_desk.ui.screening.fields import (
    Missing,
    ScreeningPage,
    field_feedback,
    message_label,
    note_label,
    show_message,
)


def _text_or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class PatientPageView(ScreeningPage):
    """Layout of page 1: the study id to be issued, full name and medical record number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Patient"))
        self.setSubTitle(self.tr("Step 1 of 7. Who is being screened."))
        self.study_id_label = QLabel(self)
        font = self.study_id_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.study_id_label.setFont(font)
        self.study_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.study_id_note = note_label("", self)
        self.full_name_edit = QLineEdit(self)
        self.full_name_edit.setMaxLength(200)
        self.full_name_edit.setMaximumWidth(520)
        self.full_name_edit.setPlaceholderText(self.tr("Surname, first name, patronymic"))
        self.record_edit = QLineEdit(self)
        self.record_edit.setMaxLength(50)
        self.record_edit.setMaximumWidth(260)
        self.identification_note = note_label(
            self.tr(
                "The full name and the record number go only to the separate identification"
                " log on this laptop. They never appear in the study data, the screening log"
                " or the exports, and they are not kept for a patient who is not enrolled."
            ),
            self,
        )
        form = QFormLayout()
        form.addRow(self.tr("Study ID:"), self.study_id_label)
        form.addRow("", self.study_id_note)
        self.full_name_feedback = field_feedback(self)
        self.record_feedback = field_feedback(self)
        form.addRow(self.tr("Full name:"), self.full_name_edit)
        form.addRow("", self.full_name_feedback)
        form.addRow(self.tr("Medical record number:"), self.record_edit)
        form.addRow("", self.record_feedback)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.identification_note)
        layout.addStretch(1)


class PatientPage(PatientPageView):
    """Page 1: identification details, kept in the identification log only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_study_id(None, issued=False)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        for edit in (self.full_name_edit, self.record_edit):
            edit.textChanged.connect(self.changed)

    def set_study_id(self, study_id: str | None, *, issued: bool) -> None:
        """Show the study id to be issued (a preview) or, once saved, the one issued."""
        self.study_id_label.setText(study_id or "—")
        if issued:
            note = self.tr("Issued when the patient was saved.")
        elif study_id is None:
            note = self.tr("Will be issued when the patient is saved.")
        else:
            note = self.tr("Issued by the application when the patient is saved.")
        self.study_id_note.setText(note)

    def first_field(self) -> QWidget:
        return self.full_name_edit

    def missing(self) -> Missing:
        found: Missing = []
        if _text_or_none(self.full_name_edit) is None:
            text = self.tr("Enter the full name: randomization needs it.")
            found.append((self.full_name_edit, self.full_name_feedback, text))
        if _text_or_none(self.record_edit) is None:
            text = self.tr("Enter the medical record number: randomization needs it.")
            found.append((self.record_edit, self.record_feedback, text))
        return found

    def collect(self) -> dict[str, Any]:
        return {
            "full_name": _text_or_none(self.full_name_edit),
            "medical_record_number": _text_or_none(self.record_edit),
        }


class OnsetPageView(ScreeningPage):
    """Layout of page 2: the onset date and time (Moscow) and what defined it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Septic shock onset"))
        self.setSubTitle(self.tr("Step 2 of 7. The protocol clock counts 10 hours from it."))
        self.onset_input = DateTimeInput(self)
        self.onset_feedback = FeedbackLabel(self)
        self.onset_feedback.watch(self.onset_input.date_edit)
        self.onset_feedback.watch(self.onset_input.time_edit)
        self.definition_combo = QComboBox(self)
        self.definition_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.definition_combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for code in SHOCK_DEFINITIONS:
            self.definition_combo.addItem(shock_definition_text(code), code)
        self.definition_note = note_label(
            self.tr(
                "Shock onset is the moment the chosen definition was first met, e.g. the start"
                " of vasopressors after adequate fluid resuscitation. Date as dd.mm.yyyy, time"
                " as HH:mm, Moscow time."
            ),
            self,
        )
        self.lock_label = message_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Onset (date, time):"), self.onset_input)
        form.addRow("", self.onset_feedback)
        form.addRow(self.tr("Defined by:"), self.definition_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.definition_note)
        layout.addWidget(self.lock_label)
        layout.addStretch(1)


class OnsetPage(OnsetPageView):
    """Page 2: the shock onset; it can be locked once the 10-hour window has closed.

    Signals:
        onset_changed(): the onset entered changed (it may now be None).
    """

    onset_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locked_onset: datetime | None = None
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        for edit in (self.onset_input.date_edit, self.onset_input.time_edit):
            edit.textChanged.connect(self._on_onset_edited)
        self.definition_combo.currentIndexChanged.connect(self.changed)

    def onset(self) -> datetime | None:
        """The onset in force: the locked one, else the one typed (None when incomplete)."""
        return self._locked_onset or self.onset_input.value()

    def lock(self, onset: datetime) -> None:
        """Freeze the onset after the 10-hour window closed: later typing changes nothing."""
        self._locked_onset = onset
        self.onset_input.set_value(onset)
        for edit in (self.onset_input.date_edit, self.onset_input.time_edit):
            edit.setReadOnly(True)
        show_message(
            self.lock_label,
            fill(
                self.tr(
                    "10 hours have passed since the onset entered (%1 MSK) while the wizard"
                    " was open. The onset is locked: this patient cannot be randomized."
                ),
                format_moscow(onset),
            ),
        )

    def is_locked(self) -> bool:
        return self._locked_onset is not None

    def first_field(self) -> QWidget:
        return self.onset_input.date_edit

    def collect(self) -> dict[str, Any]:
        return {
            "shock_onset": self.onset(),
            "shock_definition": self.definition_combo.currentData(),
        }

    def missing(self) -> Missing:
        if self.onset() is not None or not self.onset_input.date_edit.is_empty():
            return []
        text = self.tr("Enter the date and time of shock onset: the 10 hours count from it.")
        return [(self.onset_input.date_edit, self.onset_feedback, text)]

    def check(self) -> bool:
        if self.is_locked():
            return True
        valid = self.onset_input.check()
        if not valid:
            self.onset_input.date_edit.setFocus()
        return valid

    def _on_onset_edited(self, _text: str) -> None:
        self.onset_changed.emit()
        self.changed.emit()
