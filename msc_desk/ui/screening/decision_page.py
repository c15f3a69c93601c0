"""Wizard page 7: every criterion with its status and reason, the decision, save and randomize."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from msc_desk.models.enums import Sex
from msc_desk.scoring import InvalidInput
from msc_desk.scoring.eligibility import Criterion, EligibilityResult, Status
from msc_desk.services.screening import ScreeningInput, evaluate
from msc_desk.ui.labels import fill
from msc_desk.ui.screening.actions import ScreeningActions
from msc_desk.ui.screening.context import ScreeningContext
from msc_desk.ui.screening.criteria_text import criterion_text, failures_text, status_text
from msc_desk.ui.screening.decision_text import explanation, headline
from msc_desk.ui.screening.fields import ERROR_STYLE, INFO_STYLE, ask, message_label, show_message
from msc_desk.ui.screening.messages import (
    SERVICE_ERRORS,
    error_text,
    invalid_input_text,
    randomize_permission_text,
)

_CHIP = {
    Status.PASS: "QLabel { background: #2e7d32; color: white; }",
    Status.FAIL: "QLabel { background: #c62828; color: white; }",
    Status.MISSING: "QLabel { background: #ef6c00; color: white; }",
}
_CHIP_BASE = "QLabel { font-weight: bold; padding: 3px 8px; border-radius: 3px; }"
_HEADLINE_BASE = "QLabel { padding: 8px 12px; border-radius: 4px; }"
_HEADLINE = {
    "eligible": "QLabel { background: #e8f5e9; color: #1b5e20; border: 2px solid #2e7d32; }",
    "blocked": "QLabel { background: #fff3cd; color: #6d4500; border: 2px solid #d08c00; }",
    "no": "QLabel { background: #fdecea; color: #b71c1c; border: 2px solid #c62828; }",
}
WARNING_STYLE = (
    "QLabel { color: #6d4500; background: #fff3cd; border: 1px solid #d08c00;"
    " border-radius: 4px; padding: 6px; }"
)


class DecisionPageView(QWizardPage):
    """Layout of page 7: the headline, the criteria table, notices and the save button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Summary and decision"))
        self.setSubTitle(self.tr("Step 7 of 7. Every criterion, as the protocol decides it now."))
        self.headline_label = QLabel(self)
        font = self.headline_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline_label.setFont(font)
        self.headline_label.setWordWrap(True)
        self.criteria_frame = QFrame(self)
        self.criteria_frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.criteria_frame)
        grid.setHorizontalSpacing(14)
        grid.setColumnStretch(2, 1)
        self.rows: dict[Criterion, tuple[QLabel, QLabel, QLabel]] = {}
        for row, criterion in enumerate(Criterion):
            chip, name, reason = (QLabel(self.criteria_frame) for _ in range(3))
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setMinimumWidth(110)
            name.setText(criterion_text(criterion))
            reason.setWordWrap(True)
            grid.addWidget(chip, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(reason, row, 2)
            self.rows[criterion] = (chip, name, reason)
        self.notice_label = message_label(self, WARNING_STYLE)
        self.save_button = QPushButton(self)
        self.saved_label = message_label(self, INFO_STYLE)
        self.error_label = message_label(self, ERROR_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.criteria_frame)
        layout.addWidget(self.notice_label)
        layout.addLayout(buttons)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)


class DecisionPage(DecisionPageView):
    """Page 7: Next randomizes, and only when every criterion passes now.

    Saving to the screening log is always possible (unless an entry is contradictory); a
    failed randomization keeps the saved patient and can be retried with Next.

    Signals:
        saved(int): the patient was saved (patient id).
        randomized(int): the patient was randomized (patient id).
    """

    saved = Signal(int)
    randomized = Signal(int)

    def __init__(
        self,
        context: ScreeningContext,
        actions: ScreeningActions,
        input_source: Callable[[], ScreeningInput],
        window_closed: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._actions = context, actions
        self._input_source, self._window_closed = input_source, window_closed
        self._result: EligibilityResult | None = None
        self._can_randomize = False
        self._remaining: int | None = None
        self._refused = False
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.save_button.clicked.connect(self._on_save_clicked)

    def initializePage(self) -> None:
        self._remaining = self._actions.remaining_slots()
        show_message(self.error_label, "")
        self.refresh()

    def isComplete(self) -> bool:
        return self._can_randomize

    def validatePage(self) -> bool:
        return self._randomize()

    def can_randomize(self) -> bool:
        return self._can_randomize

    def first_field(self) -> QWidget:
        """Next when it randomizes, else the save button, else (all saved) Close."""
        wizard = self.wizard()
        if wizard is None or (self._actions.saved is None and not self._can_randomize):
            return self.save_button
        button = QWizard.WizardButton
        return wizard.button(button.NextButton if self._can_randomize else button.CancelButton)

    def refresh(self) -> None:
        """Decide again at the clock's current instant and show it."""
        given = self._input_source()
        invalid: InvalidInput | None = None
        try:
            self._result = evaluate(given, self._context.clock())
        except InvalidInput as exc:
            self._result, invalid = None, exc
        self._show_criteria(given)
        notices = self._notices(invalid, given)
        show_message(self.notice_label, "\n".join(notices))
        self._update_actions(invalid is None, given)

    def _show_criteria(self, given: ScreeningInput) -> None:
        result = self._result
        self.criteria_frame.setEnabled(result is not None)
        for criterion, (chip, _name, reason) in self.rows.items():
            if result is None:
                chip.setText("—")
                chip.setStyleSheet(_CHIP_BASE)
                reason.setText("")
                continue
            status = result.status(criterion)
            chip.setText(status_text(status))
            chip.setStyleSheet(_CHIP_BASE + _CHIP[status])
            reason.setText(explanation(criterion, result, given))
        if result is None:
            self.headline_label.setText(self.tr("An entry is contradictory: correct it first"))
            self.headline_label.setStyleSheet(_HEADLINE_BASE + _HEADLINE["no"])
            return
        self.headline_label.setText(headline(result))
        blocked = result.eligible and not self._randomization_possible(given)
        key = "blocked" if blocked else ("eligible" if result.eligible else "no")
        self.headline_label.setStyleSheet(_HEADLINE_BASE + _HEADLINE[key])

    def _randomization_possible(self, given: ScreeningInput) -> bool:
        return (
            self._actions.randomized is None
            and not self._window_closed()
            and self._actions.may_randomize()
            and bool(given.full_name and given.medical_record_number)
        )

    def _notices(self, invalid: InvalidInput | None, given: ScreeningInput) -> list[str]:
        if invalid is not None:
            return [invalid_input_text(invalid)]
        notices: list[str] = []
        if self._window_closed():
            notices.append(
                self.tr(
                    "10 hours have passed: randomization is impossible. Save the patient in"
                    " the screening log as not enrolled."
                )
            )
        if self._result is None or not self._result.eligible or self._actions.randomized:
            return notices
        if not self._actions.may_randomize():
            notices.append(randomize_permission_text())
        if not (given.full_name and given.medical_record_number):
            notices.append(self.tr("To randomize, enter the full name and record number (step 1)."))
        if self._remaining == 0 and not self._refused:
            notices.append(
                self.tr(
                    "No unused randomization slots on this laptop: randomization will be"
                    " refused. The patient can still be saved."
                )
            )
        return notices

    def _update_actions(self, valid: bool, given: ScreeningInput) -> None:
        eligible = self._result is not None and self._result.eligible
        can = eligible and self._randomization_possible(given)
        saved = self._actions.saved is not None
        self.save_button.setEnabled(valid)
        self.save_button.setVisible(not saved)
        if eligible:
            self.save_button.setText(self.tr("Save without randomizing"))
        else:
            self.save_button.setText(self.tr("Save as not enrolled (screening log)"))
        if self._refused:
            next_text = self.tr("Retry randomization")
        elif saved:
            next_text = self.tr("Randomize…")
        else:
            next_text = self.tr("Save and randomize…")
        self.setButtonText(QWizard.WizardButton.NextButton, next_text)
        if can != self._can_randomize:
            self._can_randomize = can
            self.completeChanged.emit()

    def _save(self) -> bool:
        was_saved = self._actions.saved is not None
        try:
            saved = self._actions.save(self._input_source())
        except SERVICE_ERRORS as exc:
            show_message(self.error_label, error_text(exc))
            return False
        show_message(self.error_label, "")
        # Russian participles agree with the patient's sex («Сохранена», «не включена»).
        female = self._input_source().sex is Sex.FEMALE
        if saved.eligible:
            template = (
                self.tr(
                    "Saved in the screening log as %1: eligible, not yet randomized.",
                    "female patient",
                )
                if female
                else self.tr("Saved in the screening log as %1: eligible, not yet randomized.")
            )
            text = fill(template, saved.study_id)
        else:
            template = (
                self.tr("Saved in the screening log as %1: not enrolled (%2).", "female patient")
                if female
                else self.tr("Saved in the screening log as %1: not enrolled (%2).")
            )
            text = fill(template, saved.study_id, failures_text(saved.failed_criteria))
        show_message(self.saved_label, text)
        if not was_saved:
            self.saved.emit(saved.patient_id)
        return True

    def _on_save_clicked(self) -> None:
        if self._save():
            self.refresh()
            self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _randomize(self) -> bool:
        self.refresh()
        if not self._can_randomize:
            return False
        title = self.tr("Randomize")
        question = self.tr(
            "Randomize this patient now? The allocation is final: it cannot be undone,"
            " repeated or skipped."
        )
        if not self.confirm(title, question) or not self._save():
            return False
        try:
            self._actions.randomize()
        except SERVICE_ERRORS as exc:
            message = fill(
                self.tr(
                    "Not randomized. %1\nThe patient's data are saved. Once the cause is"
                    " resolved, press 'Retry randomization'."
                ),
                error_text(exc),
            )
            show_message(self.error_label, message)
            self._refused = True
            self._remaining = self._actions.remaining_slots()
            self.refresh()
            return False
        show_message(self.error_label, "")
        self._refused = False
        saved = self._actions.saved
        if saved is not None:
            self.randomized.emit(saved.patient_id)
        return True

    def confirm(self, title: str, text: str) -> bool:
        """Ask before the final step (a seam: tests answer it themselves)."""
        return ask(self, title, text, self.tr("Randomize"), default_yes=True)
