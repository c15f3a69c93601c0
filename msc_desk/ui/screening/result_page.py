"""The wizard's last page: the arm revealed, big, with the slot and the infusion deadline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from msc_desk.models.enums import Arm
from msc_desk.timekeeping import to_moscow
from msc_desk.ui.labels import fill, format_moscow
from msc_desk.ui.screening.actions import ScreeningActions
from msc_desk.ui.screening.context import ScreeningContext
from msc_desk.ui.screening.fields import note_label
from msc_desk.ui.screening.protocol_clock import LIMIT, format_duration

_ARM_STYLE = {
    Arm.MSC: "QLabel { background: #0d47a1; color: white; border-radius: 8px; }",
    Arm.CONTROL: "QLabel { background: #37474f; color: white; border-radius: 8px; }",
}


class ResultPageView(QWizardPage):
    """Layout of the result: the arm in large type, the study id, slot, time and infusion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Randomization result"))
        self.setSubTitle(self.tr("The allocation is final and has been recorded."))
        self.arm_label = QLabel(self)
        font = self.arm_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.arm_label.setFont(font)
        self.arm_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.arm_label.setMinimumHeight(96)
        self.study_id_label = QLabel(self)
        self.slot_label = QLabel(self)
        self.time_label = QLabel(self)
        self.infusion_label = QLabel(self)
        self.infusion_label.setWordWrap(True)
        bold = self.infusion_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.25)
        for label in (self.study_id_label, self.slot_label, self.infusion_label):
            label.setFont(bold)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Study ID:"), self.study_id_label)
        form.addRow(self.tr("Randomization slot:"), self.slot_label)
        form.addRow(self.tr("Randomized at:"), self.time_label)
        form.addRow(self.tr("MSC infusion:"), self.infusion_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.arm_label)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(
            note_label(
                self.tr("Visits are scheduled: baseline (day 0) and days 2, 3, 7, 14, 21 and 28."),
                self,
            )
        )
        layout.addStretch(1)


class ResultPage(ResultPageView):
    """Shows `actions.randomized`; the infusion countdown is refreshed every second."""

    def __init__(
        self,
        context: ScreeningContext,
        actions: ScreeningActions,
        onset_source: Callable[[], datetime | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._actions, self._onset_source = context, actions, onset_source
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self.refresh()

    def first_field(self) -> QWidget:
        wizard = self.wizard()
        return self if wizard is None else wizard.button(QWizard.WizardButton.FinishButton)

    def arm_text(self, arm: Arm | str) -> str:
        """The arm as the ward names it."""
        return self.tr("MSC arm") if Arm(arm) is Arm.MSC else self.tr("Control arm")

    def refresh(self) -> None:
        result, saved = self._actions.randomized, self._actions.saved
        if result is None or saved is None:
            return
        self.arm_label.setText(self.arm_text(result.arm))
        self.arm_label.setStyleSheet(_ARM_STYLE[Arm(result.arm)])
        self.study_id_label.setText(saved.study_id)
        self.slot_label.setText(str(result.slot_number))
        self.time_label.setText(fill(self.tr("%1 MSK"), format_moscow(result.revealed_at)))
        self.infusion_label.setText(self._infusion_text(result.arm))

    def _infusion_text(self, arm: Arm) -> str:
        if arm == Arm.CONTROL:
            return self.tr("None: standard therapy only.")
        onset = self._onset_source()
        if onset is None:
            return self.tr("Within 10 h of shock onset.")
        deadline = onset + LIMIT
        left = deadline.astimezone(UTC) - self._context.clock().astimezone(UTC)
        at = to_moscow(deadline).strftime("%H:%M, %d.%m")
        if left.total_seconds() <= 0:
            return fill(self.tr("The 10-hour limit (%1 MSK) has passed."), at)
        return fill(self.tr("By %1 MSK: %2 left."), at, format_duration(left))
