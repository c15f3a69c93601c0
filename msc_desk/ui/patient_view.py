"""The right-hand patient view: a hint until a patient is chosen, then the patient's tabs.

A chosen patient is read on the thread pool (`load`): «Loading…» shows meanwhile, a read
overtaken by another choice is dropped, and a read that fails says why in words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
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
from msc_desk.services.patients import PatientNotFound, PatientSummary
from msc_desk.services.signatures import CasebookSignature, SignatureError
from msc_desk.ui.chronology_tab import ChronologyTab
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.events_tab import AdverseEventsTab
from msc_desk.ui.follow_up.outcome_tab import OutcomeTab
from msc_desk.ui.infusion.tab import InfusionTab
from msc_desk.ui.labels import fill
from msc_desk.ui.patient_read import PatientRead
from msc_desk.ui.refusals import HANDLED, error_message
from msc_desk.ui.summary_tab import SummaryTab
from msc_desk.ui.trial.background import BackgroundRead
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
        patient_gone(int): the patient being read no longer exists (deleted meanwhile).
        loaded(): the patient of the latest `load` is shown.
    """

    visit_requested = Signal(int, int)
    patient_gone = Signal(int)
    loaded = Signal()

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
        self.loading = QWidget(self)
        self.loading_label = QLabel(self.tr("Loading…"), self.loading)
        self.loading_progress = QProgressBar(self.loading)
        self.loading_progress.setRange(0, 0)  # busy: how long the read takes is not known
        self.loading_progress.setTextVisible(False)
        self.loading_progress.setMaximumHeight(self.fontMetrics().height())
        loading_row = QHBoxLayout(self.loading)
        loading_row.setContentsMargins(0, 0, 0, 0)
        loading_row.addWidget(self.loading_label)
        loading_row.addWidget(self.loading_progress, 1)
        self.loading.hide()
        self.reader = BackgroundRead(self)
        self.reader.finished.connect(self._on_read)
        self.reader.failed.connect(self._on_failed)
        self._loading_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loading)
        layout.addWidget(self.stack)
        self.clear()

    def load(self, patient_id: int, read: Callable[[], PatientRead]) -> None:
        """Read a patient with `read` on the thread pool, then show it (`loaded`).

        Another patient's tabs are hidden at once, never left beside the new choice; the same
        patient read again keeps its tabs in sight. A read still running is superseded.
        `read` must not touch Qt widgets.
        """
        self._loading_id = patient_id
        if self.summary is None or self.summary.patient_id != patient_id:
            self._forget_patient()
            self.placeholder.clear()  # the loading line above says it
            self.stack.setCurrentWidget(self.placeholder)
        self.loading.show()
        self.reader.run(lambda: _attempt(read))

    @property
    def is_loading(self) -> bool:
        return self.reader.busy

    def wait_loaded(self, msecs: int = 30_000) -> bool:
        """Block until the running read is shown (tests, benchmarks); whether it is."""
        return self.reader.wait_shown(msecs)

    def _on_read(self, result: object) -> None:
        self.loading.hide()
        patient_id = self._loading_id
        if isinstance(result, PatientRead):
            self.show_read(result)
            self.loaded.emit()
        elif isinstance(result, (PatientNotFound, SignatureError)):
            self.clear()
            if patient_id is not None:
                self.patient_gone.emit(patient_id)
        elif isinstance(result, Exception):
            self._show_failure(
                error_message(result) if isinstance(result, HANDLED) else str(result)
            )

    def _on_failed(self, message: str) -> None:
        self.loading.hide()
        self._show_failure(message)

    def _show_failure(self, reason: str) -> None:
        self._forget_patient()
        self.placeholder.setText(fill(self.tr("Could not read the patient's data: %1"), reason))
        self.stack.setCurrentWidget(self.placeholder)

    def show_read(self, read: PatientRead) -> None:
        """Show a patient read off the GUI thread: every tab from `read`, nothing read here."""
        self._show_summary(read.summary, read.signature, read)
        self.chronology_tab.show_patient(read.patient_id, read.timeline, read.trends)

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
        """Show a patient now; the follow-up and infusion tabs read on the GUI thread."""
        self.reader.cancel()
        self.loading.hide()
        self._show_summary(summary, signature, None)

    def _show_summary(
        self,
        summary: PatientSummary,
        signature: CasebookSignature | None,
        read: PatientRead | None,
    ) -> None:
        self.summary = summary
        self.summary_tab.show_summary(summary, signature)
        self.visits_tab.show_summary(summary)
        # A patient never randomized has no visits to open and no course to draw.
        for page in (self.visits_tab, self.chronology_tab):
            self.tabs.setTabVisible(self.tabs.indexOf(page), summary.randomized_at is not None)
        self._show_follow_up(summary, read)
        self._show_infusion(summary, read)
        self.stack.setCurrentWidget(self.tabs)

    def show_chronology(
        self, patient_id: int, timeline: PatientTimeline, trends: PatientTrends
    ) -> None:
        self.chronology_tab.show_patient(patient_id, timeline, trends)

    def _show_infusion(self, summary: PatientSummary | None, read: PatientRead | None) -> None:
        tab = self.infusion_tab
        if tab is None:
            return
        index = self.tabs.indexOf(self._infusion_page)
        # The arm a blinded reader sees is a letter, never Arm.MSC; the service checks again.
        if read is not None:
            wanted = read.infusion is not None
        else:
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
        part = None if read is None else read.infusion
        tab.show_patient(summary.patient_id, summary.study_id, summary.shock_onset_at, part)

    def clear(self, hint: str | None = None) -> None:
        """Empty every tab and show `hint` (by default: choose a patient); drop a read running."""
        self.reader.cancel()
        self.loading.hide()
        self._loading_id = None
        self._forget_patient()
        self.placeholder.setText(hint or self.tr("Choose a patient in the list."))
        self.stack.setCurrentWidget(self.placeholder)

    def _forget_patient(self) -> None:
        self.summary = None
        self.summary_tab.clear()
        self.visits_tab.clear()
        self._show_follow_up(None, None)
        self.chronology_tab.clear()
        self._show_infusion(None, None)

    def add_follow_up_tabs(self, context: FollowUpContext) -> None:
        """The adverse-event and outcome tabs, shown for a randomized patient only."""
        self.events_tab = AdverseEventsTab(context, self.tabs)
        self.outcome_tab = OutcomeTab(context, self.tabs)
        self._follow_up_pages = (self.events_tab, _scrolling(self.outcome_tab))
        self.tabs.addTab(self._follow_up_pages[0], self.tr("Adverse events"))
        self.tabs.addTab(self._follow_up_pages[1], self.tr("Outcome"))
        self._show_follow_up(None, None)

    def _show_follow_up(self, summary: PatientSummary | None, read: PatientRead | None) -> None:
        if self.events_tab is None or self.outcome_tab is None:
            return
        followed = summary is not None and summary.randomized_at is not None
        for page in self._follow_up_pages:
            self.tabs.setTabVisible(self.tabs.indexOf(page), followed)
        if summary is None or not followed:
            self.events_tab.clear()
            self.outcome_tab.clear()
            return
        events = None if read is None else read.events
        outcome = None if read is None else read.outcome
        self.events_tab.show_patient(summary.patient_id, summary.study_id, events)
        self.outcome_tab.show_patient(summary.patient_id, summary.study_id, outcome)


def _attempt(read: Callable[[], PatientRead]) -> PatientRead | Exception:
    # A refusal comes back as a value, so the view can tell "gone" from "denied" and say which.
    try:
        return read()
    except Exception as exc:  # shown to the user in words, never lost
        return exc
