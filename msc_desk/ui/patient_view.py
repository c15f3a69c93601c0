"""The right-hand patient view: a hint until a patient is chosen, then the patient's tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msc_desk.analysis.timeline import PatientTimeline
from msc_desk.analysis.trends import PatientTrends
from msc_desk.services.patients import PatientSummary
from msc_desk.services.signatures import CasebookSignature
from msc_desk.ui.chronology_tab import ChronologyTab
from msc_desk.ui.summary_tab import SummaryTab


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls in a small window instead of widening or cutting the pane."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class PatientView(QWidget):
    """Tabs of one patient: the summary and the chronology (timeline and trends).

    Signals:
        visit_requested(int, int): open the form of (patient id, study day), asked from the
            chronology.
    """

    visit_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("QLabel { color: #666; }")
        self.tabs = QTabWidget(self)
        self.summary_tab = SummaryTab(self.tabs)
        self.tabs.addTab(_scrolling(self.summary_tab), self.tr("Summary"))
        self.chronology_tab = ChronologyTab(self.tabs)
        self.tabs.addTab(self.chronology_tab, self.tr("Chronology"))
        self.chronology_tab.visit_requested.connect(self.visit_requested)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.clear()

    def show_summary(
        self, summary: PatientSummary, signature: CasebookSignature | None = None
    ) -> None:
        self.summary_tab.show_summary(summary, signature)
        self.stack.setCurrentWidget(self.tabs)

    def show_chronology(
        self, patient_id: int, timeline: PatientTimeline, trends: PatientTrends
    ) -> None:
        self.chronology_tab.show_patient(patient_id, timeline, trends)

    def clear(self, hint: str | None = None) -> None:
        """Empty every tab and show `hint` (by default: choose a patient)."""
        self.summary_tab.clear()
        self.chronology_tab.clear()
        self.placeholder.setText(hint or self.tr("Choose a patient in the list."))
        self.stack.setCurrentWidget(self.placeholder)
