"""Wizard pages 5 and 6: the exclusion questions and the informed consent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from msc_desk.models.enums import ConsentSigner, Sex
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import Feedback, FeedbackLabel
from msc_desk.ui.locale_input import DateTimeInput
from msc_desk.ui.screening.fields import (
    NO,
    YES,
    ChoiceGroup,
    Missing,
    ScreeningPage,
    as_flag,
    field_feedback,
    note_label,
    yes_no_unknown_options,
)

_CLOCK_TOLERANCE = timedelta(minutes=5)


class ExclusionsPageView(ScreeningPage):
    """Layout of page 5: pregnancy and chemotherapy-resistant disease."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Exclusion criteria"))
        self.setSubTitle(self.tr("Step 5 of 7. Either answer 'yes' excludes."))
        self.pregnancy_group = ChoiceGroup(yes_no_unknown_options(), self)
        self.pregnancy_caption = QLabel(self.tr("Pregnancy:"), self)
        self.pregnancy_note = note_label(self.tr("Not asked: the patient is male."), self)
        self.pregnancy_note.hide()
        self.chemo_group = ChoiceGroup(yes_no_unknown_options(), self)
        self.pregnancy_feedback, self.chemo_feedback = field_feedback(self), field_feedback(self)
        form = QFormLayout()
        form.addRow(self.pregnancy_caption, self.pregnancy_group)
        form.addRow("", self.pregnancy_feedback)
        form.addRow("", self.pregnancy_note)
        form.addRow(
            self.tr("Chemotherapy-resistant\nonco-haematological disease:"), self.chemo_group
        )
        form.addRow("", self.chemo_feedback)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(
            note_label(
                self.tr(
                    "'Unknown' is recorded as missing data: the patient cannot be"
                    " randomized until the answer is known. Chemotherapy-resistant: primary"
                    " refractory or relapsed disease not responding to chemotherapy, in the"
                    " haematologist's opinion."
                ),
                self,
            )
        )
        layout.addStretch(1)


class ExclusionsPage(ExclusionsPageView):
    """Page 5: pregnancy is not asked for a male patient."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._male = False
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.pregnancy_group.changed.connect(self.changed)
        self.chemo_group.changed.connect(self.changed)

    def set_sex(self, sex: Sex | None) -> None:
        """Ask about pregnancy unless the patient is male."""
        self._male = sex is Sex.MALE
        self.pregnancy_group.setVisible(not self._male)
        self.pregnancy_note.setVisible(self._male)

    def first_field(self) -> QWidget:
        group = self.chemo_group if self._male else self.pregnancy_group
        return group.focus_button()

    def missing(self) -> Missing:
        text = self.tr("Choose an answer («Unknown» if it is not known).")
        found: Missing = []
        if not self._male and self.pregnancy_group.value() is None:
            found.append((self.pregnancy_group.focus_button(), self.pregnancy_feedback, text))
        if self.chemo_group.value() is None:
            found.append((self.chemo_group.focus_button(), self.chemo_feedback, text))
        return found

    def collect(self) -> dict[str, Any]:
        return {
            "pregnant": None if self._male else as_flag(self.pregnancy_group.value()),
            "chemo_resistant_oncohematologic": as_flag(self.chemo_group.value()),
        }


class ConsentPageView(ScreeningPage):
    """Layout of page 6: signed or not, by whom, the representative's name, and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Informed consent"))
        self.setSubTitle(self.tr("Step 6 of 7. Signed by the patient or a legal representative."))
        self.signed_group = ChoiceGroup([(YES, self.tr("Yes")), (NO, self.tr("No"))], self)
        self.signer_group = ChoiceGroup(
            [
                (ConsentSigner.PATIENT, self.tr("The patient")),
                (ConsentSigner.REPRESENTATIVE, self.tr("Legal representative")),
            ],
            self,
        )
        self.representative_edit = QLineEdit(self)
        self.representative_edit.setMaxLength(200)
        self.representative_edit.setMaximumWidth(520)
        self.representative_edit.setPlaceholderText(self.tr("Surname, first name, patronymic"))
        self.signed_at_input = DateTimeInput(self)
        self.feedback = FeedbackLabel(self)
        self.feedback.watch(self.signed_at_input.date_edit)
        self.feedback.watch(self.signed_at_input.time_edit)
        self.signed_feedback, self.signer_feedback = field_feedback(self), field_feedback(self)
        self.representative_feedback = field_feedback(self)
        form = QFormLayout()
        form.addRow(self.tr("Consent signed:"), self.signed_group)
        form.addRow("", self.signed_feedback)
        form.addRow(self.tr("Signed by:"), self.signer_group)
        form.addRow("", self.signer_feedback)
        form.addRow(self.tr("Representative's name:"), self.representative_edit)
        form.addRow("", self.representative_feedback)
        form.addRow(self.tr("Signed on (date, time):"), self.signed_at_input)
        form.addRow("", self.feedback)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(
            note_label(
                self.tr("The representative's name goes only to the separate identification log."),
                self,
            )
        )
        layout.addStretch(1)


class ConsentPage(ConsentPageView):
    """Page 6: who signed and when are required once the consent is marked as signed."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._problem_shown: tuple[QWidget, FeedbackLabel, str] | None = None
        self._connect_callbacks()
        self._update_enabled()

    def _connect_callbacks(self) -> None:
        self.signed_group.changed.connect(self._on_changed)
        self.signer_group.changed.connect(self._on_changed)
        self.representative_edit.textChanged.connect(self._on_changed)
        for edit in (self.signed_at_input.date_edit, self.signed_at_input.time_edit):
            edit.textChanged.connect(self._on_changed)

    def first_field(self) -> QWidget:
        return self.signed_group.focus_button()

    def _signer(self) -> ConsentSigner | None:
        value = self.signer_group.value()
        return value if isinstance(value, ConsentSigner) else None

    def collect(self) -> dict[str, Any]:
        signed = as_flag(self.signed_group.value())
        if not signed:
            return {"consent_signed": signed}
        representative = self._signer() is ConsentSigner.REPRESENTATIVE
        return {
            "consent_signed": True,
            "consent_signer": self._signer(),
            "consent_at": self.signed_at_input.value(),
            "consent_representative_name": (
                self.representative_edit.text().strip() or None if representative else None
            ),
        }

    def missing(self) -> Missing:
        if self.signed_group.value() is not None:
            return []
        text = self.tr("Choose whether the consent is signed.")
        return [(self.signed_group.focus_button(), self.signed_feedback, text)]

    def check(self) -> bool:
        self._show_problem(None)
        if not as_flag(self.signed_group.value()):
            return True
        if not self.signed_at_input.check():
            return False
        problem = self._problem()
        self._show_problem(problem)
        if problem is not None:
            problem[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return problem is None

    def _problem(self) -> tuple[QWidget, FeedbackLabel, str] | None:
        """What keeps a signed consent from being recorded: the field, its label, the text."""
        signer = self._signer()
        if signer is None:
            text = self.tr("Choose who signed the consent.")
            return self.signer_group.focus_button(), self.signer_feedback, text
        if signer is ConsentSigner.REPRESENTATIVE and not self.representative_edit.text().strip():
            text = self.tr("Enter the legal representative's name.")
            return self.representative_edit, self.representative_feedback, text
        signed_at = self.signed_at_input.value()
        if signed_at is None:
            text = self.tr("Enter the date and time of signing.")
            return self.signed_at_input.date_edit, self.feedback, text
        if signed_at > self._clock() + _CLOCK_TOLERANCE:
            text = self.tr("The time of signing is later than now: check it.")
            return self.signed_at_input.date_edit, self.feedback, text
        return None

    def _show_problem(self, problem: tuple[QWidget, FeedbackLabel, str] | None) -> None:
        shown = self._problem_shown
        if shown is not None and shown[1].text() == shown[2]:  # not replaced since
            shown[1].show_message(Feedback.NONE, "")
        if problem is not None:
            problem[1].show_message(Feedback.ERROR, problem[2])
        self._problem_shown = problem

    def _on_changed(self) -> None:
        self._update_enabled()
        if self._problem_shown is not None:
            signed = self.signed_group.value() == YES
            self._show_problem(self._problem() if signed else None)
        self.changed.emit()

    def _update_enabled(self) -> None:
        signed = self.signed_group.value() == YES
        self.signer_group.setEnabled(signed)
        self.signed_at_input.setEnabled(signed)
        representative = self._signer() is ConsentSigner.REPRESENTATIVE
        self.representative_edit.setEnabled(signed and representative)
