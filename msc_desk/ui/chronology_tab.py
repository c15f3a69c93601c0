"""The patient view's «Хронология»: timeline and trends; clicking a visit asks for its form."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from msc_desk.analysis.timeline import PatientTimeline
from msc_desk.analysis.trends import PatientTrends
from msc_desk.ui.charts.timeline import PatientTimelineView
from msc_desk.ui.charts.trends import TrendsView

FIRST_NIGHT = timedelta(hours=12)


class ChronologyTab(QWidget):
    """One patient's course in time.

    Signals:
        visit_requested(int, int): open the form of (patient id, study day) — a visit marker
            was clicked.
    """

    visit_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._patient_id: int | None = None
        self.timeline = PatientTimelineView(self)
        self.trends = TrendsView(self)
        self.first_night_button = QPushButton(self.tr("First night"), self)
        self.full_course_button = QPushButton(self.tr("Full course"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.first_night_button)
        buttons.addWidget(self.full_course_button)
        buttons.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        # The trend panels wrap to stay readable beside the patient list; then they scroll.
        self.trends_area = QScrollArea(self)
        self.trends_area.setWidgetResizable(True)
        self.trends_area.setFrameShape(QFrame.Shape.NoFrame)
        self.trends_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.trends_area.setWidget(self.trends)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.trends_area)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        # Beside the patient list the pane may be narrow: the charts scale down, never widen it.
        self.timeline.setMinimumSize(320, 220)
        self.trends_area.setMinimumSize(320, 220)
        self.first_night_button.clicked.connect(self.show_first_night)
        self.full_course_button.clicked.connect(self.timeline.show_all)
        self.timeline.visit_activated.connect(self._on_visit)

    def show_patient(
        self, patient_id: int, timeline: PatientTimeline, trends: PatientTrends
    ) -> None:
        self._patient_id = patient_id
        self.timeline.show_timeline(timeline)
        self.trends.show_trends(trends)

    def show_first_night(self) -> None:
        """The first hours: from shock onset to 12 h after randomization (or onset)."""
        timeline = self.timeline.timeline()
        if timeline is None:
            return
        start = timeline.shock_onset
        anchor = timeline.randomization or timeline.shock_onset
        self.timeline.show_range(start, anchor + FIRST_NIGHT)

    def clear(self) -> None:
        self._patient_id = None
        self.timeline.show_timeline(None)
        self.trends.show_trends(None)

    def _on_visit(self, study_day: int) -> None:
        if self._patient_id is not None:
            self.visit_requested.emit(self._patient_id, study_day)
