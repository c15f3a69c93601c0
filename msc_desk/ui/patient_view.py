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
from msc_desk.models.enums import Arm
from msc_desk.services.infusion import is_msc_patient
from msc_desk.services.patients import PatientSummary
from msc_desk.services.signatures import CasebookSignature
from msc_desk.ui.chronology_tab import ChronologyTab
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.events_tab import AdverseEventsTab
from msc_desk.ui.follow_up.outcome_tab import OutcomeTab
from msc_desk.ui.infusion.tab import InfusionTab
from msc_desk.ui.summary_tab import SummaryTab
from msc_desk.ui.visits.visits_tab import VisitsTab


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls in a small window instead of widening or cutting the pane."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class PatientView(QWidget):
    """Tabs of one patient; only tabs with real content exist.

    The summary; for a randomized patient the visits, the chronology (timeline and trends),
    adverse events and outcome.

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
        self.visits_tab = VisitsTab(self.tabs)
        self.tabs.addTab(self.visits_tab, self.tr("Visits"))
        self.events_tab: AdverseEventsTab | None = None
        self.outcome_tab: OutcomeTab | None = None
        self._follow_up_pages: tuple[QWidget, ...] = ()
        self.chronology_tab = ChronologyTab(self.tabs)
        self.tabs.addTab(self.chronology_tab, self.tr("Chronology"))
        self.chronology_tab.visit_requested.connect(self.visit_requested)
        self.infusion_tab: InfusionTab | None = None
        self.summary: PatientSummary | None = None  # the patient shown, if any
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
        tab.adverse_events_changed.connect(self._reload_adverse_events)

    def _reload_adverse_events(self) -> None:
        if self.events_tab is not None:
            self.events_tab.reload()

    def show_summary(
        self, summary: PatientSummary, signature: CasebookSignature | None = None
    ) -> None:
        self.summary = summary
        self.summary_tab.show_summary(summary, signature)
        self.visits_tab.show_summary(summary)
        # A patient never randomized has no visits to open and no course to draw.
        for page in (self.visits_tab, self.chronology_tab):
            self.tabs.setTabVisible(self.tabs.indexOf(page), summary.randomized_at is not None)
        self._show_follow_up(summary)
        self._show_infusion(summary)
        self.stack.setCurrentWidget(self.tabs)

    def show_chronology(
        self, patient_id: int, timeline: PatientTimeline, trends: PatientTrends
    ) -> None:
        self.chronology_tab.show_patient(patient_id, timeline, trends)

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
        self.summary = None
        self.summary_tab.clear()
        self.visits_tab.clear()
        self._show_follow_up(None)
        self.chronology_tab.clear()
        self._show_infusion(None)
        self.placeholder.setText(hint or self.tr("Choose a patient in the list."))
        self.stack.setCurrentWidget(self.placeholder)

    def add_follow_up_tabs(self, context: FollowUpContext) -> None:
        """The adverse-event and outcome tabs, shown for a randomized patient only."""
        self.events_tab = AdverseEventsTab(context, self.tabs)
        self.outcome_tab = OutcomeTab(context, self.tabs)
        self._follow_up_pages = (self.events_tab, _scrolling(self.outcome_tab))
        self.tabs.addTab(self._follow_up_pages[0], self.tr("Adverse events"))
        self.tabs.addTab(self._follow_up_pages[1], self.tr("Outcome"))
        self._show_follow_up(None)

    def _show_follow_up(self, summary: PatientSummary | None) -> None:
        if self.events_tab is None or self.outcome_tab is None:
            return
        followed = summary is not None and summary.randomized_at is not None
        for page in self._follow_up_pages:
            self.tabs.setTabVisible(self.tabs.indexOf(page), followed)
        for tab in (self.events_tab, self.outcome_tab):
            if summary is not None and followed:
                tab.show_patient(summary.patient_id, summary.study_id)
            else:
                tab.clear()
