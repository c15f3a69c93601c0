"""Randomizing a patient saved eligible but not randomized: from the patient view or the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.scoring.eligibility import MAX_ONSET_TO_SCREENING, SHOCK_ONSET_GT_10H
from msc_desk.services import allocation
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import RandomizationError, RandomizationResult
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import arm_label, fill, format_moscow
from msc_desk.ui.screening.messages import SERVICE_ERRORS, error_text


class RandomizeDialog(QDialog):
    """Confirm, then randomize through the service, which re-checks eligibility at that instant.

    Says what happened: the arm, or why not (the closed 10-hour window in plain words).

    Signals:
        randomized(int): the patient (id) was randomized; lists should be read again.
    """

    randomized = Signal(int)

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        reveal_key: Callable[[], bytes],
        patient_id: int,
        study_id: str,
        shock_onset_at: datetime | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._reveal_key = reveal_key
        self._patient_id, self._onset = patient_id, shock_onset_at
        self.outcome: RandomizationResult | None = None
        self.setWindowTitle(fill(self.tr("Randomize patient %1"), study_id))
        self.question = QLabel(
            fill(
                self.tr(
                    "Patient %1 was found eligible at screening but has not been randomized."
                    " The inclusion criteria will be checked again now, at this moment; if they"
                    " are met, the next slot of the randomization list is opened. A"
                    " randomization cannot be undone."
                ),
                study_id,
            ),
            self,
        )
        self.question.setWordWrap(True)
        self.window_label = QLabel(self._window_text(), self)
        self.window_label.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.randomize_button = QPushButton(self.tr("Randomize"), self)
        self.randomize_button.setDefault(True)
        self.buttons.addButton(self.randomize_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.window_label)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.randomize_button.clicked.connect(self.randomize)
        self.buttons.rejected.connect(self.reject)
        self.randomize_button.setFocus()

    def _window_text(self) -> str:
        if self._onset is None:
            return ""
        closes = self._onset + MAX_ONSET_TO_SCREENING
        if self._clock() >= closes:
            template = self.tr("The 10-hour window closed at %1 MSK.")
        else:
            template = self.tr("The 10-hour window from shock onset closes at %1 MSK.")
        return fill(template, format_moscow(closes))

    def randomize(self) -> bool:
        """Call the service; show the arm, or the refusal in words. True when randomized."""
        try:
            self.outcome = allocation.randomize(
                self._factory,
                self._actor,
                self._patient_id,
                reveal_key_source=self._reveal_key(),
                clock=self._clock,
            )
        except SERVICE_ERRORS as exc:
            self._show_refusal(exc)
            return False
        result = self.outcome
        show_result(
            self.message,
            fill(
                self.tr("Randomized at %1 MSK. Arm: %2 (slot %3 of the list)."),
                format_moscow(result.revealed_at),
                arm_label(result.arm),
                result.slot_number,
            ),
            ok=True,
        )
        self.message.show()
        self._finish()
        self.randomized.emit(self._patient_id)
        return True

    def _show_refusal(self, exc: Exception) -> None:
        if isinstance(exc, RandomizationError) and SHOCK_ONSET_GT_10H in exc.failed_criteria:
            text = self._window_closed_text()
            self._finish()
        else:
            text = error_text(exc)
            if isinstance(exc, RandomizationError) and exc.code in (
                "not_eligible",
                "already_randomized",
                "unknown_patient",
            ):
                self._finish()
        show_result(self.message, text, ok=False)
        self.message.show()

    def _window_closed_text(self) -> str:
        if self._onset is None:
            return self.tr(
                "Randomization is no longer possible: more than 10 hours have passed since the"
                " onset of septic shock. The patient stays in the screening log as eligible"
                " but not randomized."
            )
        return fill(
            self.tr(
                "Randomization is no longer possible: the protocol allows it within 10 hours of"
                " the onset of septic shock (%1 MSK), and that window closed at %2 MSK. The"
                " patient stays in the screening log as eligible but not randomized."
            ),
            format_moscow(self._onset),
            format_moscow(self._onset + MAX_ONSET_TO_SCREENING),
        )

    def _finish(self) -> None:
        """Nothing more to try here: only a Close button remains."""
        self.randomize_button.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.question.hide()
