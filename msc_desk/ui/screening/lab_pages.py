"""Wizard pages 3 and 4: neutrophils (ANC or WBC with differential) and age and sex."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from msc_desk.models.enums import Sex
from msc_desk.scoring import InvalidInput
from msc_desk.scoring.eligibility import Criterion, EligibilityResult, Status
from msc_desk.services.screening import ScreeningInput, evaluate
from msc_desk.timekeeping import Clock
from msc_desk.ui.labels import fill
from msc_desk.ui.locale_input import DateEdit, DecimalLineEdit
from msc_desk.ui.screening.criteria_text import criterion_failure, failure_text
from msc_desk.ui.screening.decision_text import show_number
from msc_desk.ui.screening.fields import (
    ERROR_STYLE,
    INFO_STYLE,
    ChoiceGroup,
    Missing,
    ScreeningPage,
    field_feedback,
    message_label,
    note_label,
    show_message,
)
from msc_desk.ui.screening.messages import invalid_input_text

_ZERO, _HUNDRED = Decimal(0), Decimal(100)


def with_unit(parent: QWidget, edit: QWidget, unit: str) -> QWidget:
    """A field followed by its unit."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    edit.setFixedWidth(120)
    layout.addWidget(edit)
    layout.addWidget(QLabel(unit, row))
    layout.addStretch(1)
    row.setFocusProxy(edit)
    return row


def _show_status(label: QLabel, text: str, status: Status | None) -> None:
    label.setStyleSheet(INFO_STYLE if status is Status.PASS else ERROR_STYLE)
    show_message(label, text)


class NeutrophilsPageView(ScreeningPage):
    """Layout of page 3: the ANC, or the WBC with segmented and band percentages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Neutrophils"))
        self.setSubTitle(
            self.tr("Step 3 of 7. The absolute count, or the WBC with the differential.")
        )
        unit = self.tr("×10⁹/L")
        self.anc_edit = DecimalLineEdit(
            self, minimum=_ZERO, maximum=Decimal(500), plausible=(_ZERO, Decimal(30)), decimals=3
        )
        self.wbc_edit = DecimalLineEdit(
            self, minimum=_ZERO, maximum=Decimal(500), plausible=(_ZERO, Decimal(100)), decimals=2
        )
        self.segmented_edit = DecimalLineEdit(self, minimum=_ZERO, maximum=_HUNDRED, decimals=1)
        self.band_edit = DecimalLineEdit(self, minimum=_ZERO, maximum=_HUNDRED, decimals=1)
        # Each field has its own message line, right under it.
        self.anc_feedback, self.wbc_feedback = field_feedback(self), field_feedback(self)
        self.segmented_feedback, self.band_feedback = field_feedback(self), field_feedback(self)
        self.result_label = message_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Absolute neutrophil count:"), with_unit(self, self.anc_edit, unit))
        form.addRow("", self.anc_feedback)
        form.addRow("", note_label(self.tr("or, from the complete blood count:"), self))
        form.addRow(self.tr("WBC:"), with_unit(self, self.wbc_edit, unit))
        form.addRow("", self.wbc_feedback)
        form.addRow(self.tr("Segmented neutrophils:"), with_unit(self, self.segmented_edit, "%"))
        form.addRow("", self.segmented_feedback)
        form.addRow(self.tr("Band neutrophils:"), with_unit(self, self.band_edit, "%"))
        form.addRow("", self.band_feedback)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.result_label)
        layout.addWidget(
            note_label(
                self.tr(
                    "ANC = WBC × (segmented % + band %) / 100. Bands count: leaving them out"
                    " underestimates the ANC. A decimal comma or point may be typed."
                ),
                self,
            )
        )
        layout.addStretch(1)


class NeutrophilsPage(NeutrophilsPageView):
    """Page 3: shows the ANC computed by the eligibility rules as it is typed."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._edits = (self.anc_edit, self.wbc_edit, self.segmented_edit, self.band_edit)
        self._feedbacks = (
            self.anc_feedback,
            self.wbc_feedback,
            self.segmented_feedback,
            self.band_feedback,
        )
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        for edit, feedback in zip(self._edits, self._feedbacks, strict=True):
            feedback.watch(edit)
            edit.textChanged.connect(self._on_text_changed)

    def first_field(self) -> QWidget:
        return self.anc_edit

    def collect(self) -> dict[str, Any]:
        return {
            "anc_10e9_per_l": self.anc_edit.value(),
            "wbc_10e9_per_l": self.wbc_edit.value(),
            "neutrophils_segmented_percent": self.segmented_edit.value(),
            "neutrophils_band_percent": self.band_edit.value(),
        }

    def check(self) -> bool:
        valid = all([edit.check() for edit in self._edits])
        problem = self._update_result()
        return valid and not problem

    def missing(self) -> Missing:
        anc, wbc, segmented, band = (edit.value() for edit in self._edits)
        if anc is not None:
            return []
        if wbc is None and segmented is None and band is None:
            text = self.tr("Enter the ANC, or the WBC with the differential below.")
            return [(self.anc_edit, self.anc_feedback, text)]
        if wbc is None:
            return [(self.wbc_edit, self.wbc_feedback, self.tr("Enter the WBC as well."))]
        found: Missing = []
        if wbc > Decimal(1) and segmented is None:
            text = self.tr("WBC above 1.0: enter the segmented neutrophils.")
            found.append((self.segmented_edit, self.segmented_feedback, text))
        if wbc > Decimal(1) and band is None:
            text = self.tr("WBC above 1.0: enter the band neutrophils.")
            found.append((self.band_edit, self.band_feedback, text))
        return found

    def _on_text_changed(self, _text: str) -> None:
        self._update_result()
        self.changed.emit()

    def _update_result(self) -> bool:
        """Show the ANC and its criterion; True when the entries contradict each other."""
        values = self.collect()
        try:
            result = evaluate(ScreeningInput(**values), self._clock())
        except InvalidInput as exc:
            _show_status(self.result_label, invalid_input_text(exc), None)
            return True
        if not any(value is not None for value in values.values()):
            show_message(self.result_label, "")
            return False
        _show_status(self.result_label, self._describe(result), result.status(Criterion.ANC))
        return False

    def _describe(self, result: EligibilityResult) -> str:
        anc = result.anc_10e9_per_l
        wbc, segmented, band = (
            self.wbc_edit.value(),
            self.segmented_edit.value(),
            self.band_edit.value(),
        )
        if result.status(Criterion.ANC) is Status.MISSING:
            if wbc is None:
                return self.tr("Enter the WBC as well.")
            return self.tr("WBC above 1.0 ×10⁹/L: enter both segmented and band percentages.")
        if anc is None and wbc is not None:
            return fill(
                self.tr("WBC %1 ×10⁹/L ≤ 1.0: neutrophils are at most 1.0. Criterion met."),
                show_number(wbc),
            )
        value = "—" if anc is None else show_number(anc)
        if wbc is not None and segmented is not None and band is not None:
            value = fill(
                "%1 × (%2 + %3) / 100 = %4",
                show_number(wbc),
                show_number(segmented),
                show_number(band),
                value,
            )
        if result.status(Criterion.ANC) is Status.PASS:
            return fill(self.tr("ANC = %1 ×10⁹/L. Criterion met."), value)
        reason = failure_text(criterion_failure(result, Criterion.ANC) or "")
        return fill(self.tr("ANC = %1 ×10⁹/L: %2."), value, reason)


class AgePageView(ScreeningPage):
    """Layout of page 4: age in years or date of birth, and sex."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Age and sex"))
        self.setSubTitle(self.tr("Step 4 of 7. The age, or the date of birth."))
        self.age_edit = DecimalLineEdit(self, minimum=_ZERO, maximum=Decimal(130), decimals=0)
        self.birth_edit = DateEdit(self)
        self.sex_group = ChoiceGroup(
            [(Sex.MALE, self.tr("Male")), (Sex.FEMALE, self.tr("Female"))], self
        )
        self.age_feedback, self.birth_feedback = field_feedback(self), field_feedback(self)
        self.sex_feedback = field_feedback(self)
        self.result_label = message_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Age:"), with_unit(self, self.age_edit, self.tr("years")))
        form.addRow("", self.age_feedback)
        form.addRow("", note_label(self.tr("or"), self))
        form.addRow(self.tr("Date of birth:"), self.birth_edit)
        form.addRow("", self.birth_feedback)
        form.addRow(self.tr("Sex:"), self.sex_group)
        form.addRow("", self.sex_feedback)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.result_label)
        layout.addWidget(
            note_label(
                self.tr(
                    "Age in completed years on the screening date. The date of birth is kept"
                    " in the identification log only; the study data keep the age."
                ),
                self,
            )
        )
        layout.addStretch(1)


class AgePage(AgePageView):
    """Page 4: shows the age in completed years and its criterion as it is typed.

    Signals:
        sex_changed(): the sex was chosen (the pregnancy question depends on it).
    """

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.age_feedback.watch(self.age_edit)
        self.birth_feedback.watch(self.birth_edit)
        for edit in (self.age_edit, self.birth_edit):
            edit.textChanged.connect(self._on_changed)
        self.sex_group.changed.connect(self._on_changed)

    def first_field(self) -> QWidget:
        return self.age_edit

    def sex(self) -> Sex | None:
        value = self.sex_group.value()
        return value if isinstance(value, Sex) else None

    def collect(self) -> dict[str, Any]:
        age = self.age_edit.value()
        return {
            "age_years": None if age is None else int(age),
            "date_of_birth": self.birth_edit.value(),
            "sex": self.sex(),
        }

    def check(self) -> bool:
        valid = self.age_edit.check() & self.birth_edit.check()
        return valid and not self._update_result()

    def missing(self) -> Missing:
        found: Missing = []
        if self.age_edit.value() is None and self.birth_edit.value() is None:
            text = self.tr("Enter the age or the date of birth.")
            found.append((self.age_edit, self.age_feedback, text))
        if self.sex() is None:
            text = self.tr("Choose the sex.")
            found.append((self.sex_group.focus_button(), self.sex_feedback, text))
        return found

    def _on_changed(self) -> None:
        self._update_result()
        self.changed.emit()

    def _update_result(self) -> bool:
        """Show the age and its criterion; True when the entries contradict each other."""
        values = self.collect()
        try:
            result = evaluate(ScreeningInput(**values), self._clock())
        except InvalidInput as exc:
            _show_status(self.result_label, invalid_input_text(exc), None)
            return True
        if result.age_years is None:
            show_message(self.result_label, "")
            return False
        status = result.status(Criterion.AGE)
        text = fill(self.tr("Age: %1 completed years."), result.age_years)
        if status is Status.PASS:
            text = fill(self.tr("%1 Criterion met."), text)
        else:
            reason = failure_text(criterion_failure(result, Criterion.AGE) or "")
            text = fill("%1 %2.", text, reason)
        _show_status(self.result_label, text, status)
        return False
