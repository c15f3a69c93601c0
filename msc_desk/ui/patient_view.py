"""The right-hand patient view: a hint until a patient is chosen, then the patient's tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.enums import Arm
from msc_desk.services.infusion import is_msc_patient
from msc_desk.services.patients import PatientSummary
from msc_desk.services.signatures import CasebookSignature
from msc_desk.ui.infusion.tab import InfusionTab
from msc_desk.ui.summary_tab import SummaryTab


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls in a small window instead of widening or cutting the pane."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class PatientView(QWidget):
    """Tabs of one patient; only tabs with real content exist (so far: the summary)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("QLabel { color: #666; }")
        self.tabs = QTabWidget(self)
        self.summary_tab = SummaryTab(self.tabs)
        self.tabs.addTab(_scrolling(self.summary_tab), self.tr("Summary"))
        self.infusion_tab: InfusionTab | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.clear()

    def enable_infusion(self, tab: InfusionTab) -> None:
        """Give the view the infusion tab it shows for MSC-arm patients only.

        The tab's deadline stands above all the tabs, so it is seen on every one of them.
        """
        self.infusion_tab = tab
        self._infusion_page = _scrolling(tab)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, tab.deadline)
        tab.deadline.setVisible(False)

    def show_summary(
        self, summary: PatientSummary, signature: CasebookSignature | None = None
    ) -> None:
        self.summary_tab.show_summary(summary, signature)
        self._show_infusion(summary)
        self.stack.setCurrentWidget(self.tabs)

    def _show_infusion(self, summary: PatientSummary | None) -> None:
        tab = self.infusion_tab
        if tab is None:
            return
        index = self.tabs.indexOf(self._infusion_page)
        # The arm a blinded reader sees is a letter, never Arm.MSC; the service checks again.
        wanted = (
            summary is not None
            and summary.arm is Arm.MSC
            and is_msc_patient(tab.factory, tab.actor, summary.patient_id)
        )
        if not wanted:
            if index >= 0:
                self.tabs.removeTab(index)
            tab.timer.stop()
            tab.deadline.setVisible(False)
            return
        assert summary is not None
        if index < 0:
            self.tabs.addTab(self._infusion_page, self.tr("Infusion"))
        tab.show_patient(summary.patient_id, summary.study_id, summary.shock_onset_at)

    def clear(self, hint: str | None = None) -> None:
        """Empty every tab and show `hint` (by default: choose a patient)."""
        self.summary_tab.clear()
        self._show_infusion(None)
        self.placeholder.setText(hint or self.tr("Choose a patient in the list."))
        self.stack.setCurrentWidget(self.placeholder)
