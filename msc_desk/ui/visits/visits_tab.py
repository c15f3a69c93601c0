"""The «Visits» tab: the patient's protocol visits and their states; Enter opens a visit."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.services.patients import PatientSummary
from msc_desk.ui.visit_schedule_model import VisitScheduleModel


class VisitTable(QTableView):
    """The visit list; Enter (or a double-click) asks for the current visit's form."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class VisitsTab(QWidget):
    """Baseline and days 2–28 with their windows and state, complete or missed among them.

    Signals:
        visit_requested(int, str, int): patient id, study id and study day of the visit to open.
    """

    visit_requested = Signal(int, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = VisitScheduleModel(self)
        self.table = VisitTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated_row.connect(self._open)
        self.hint = QLabel(self.tr("Double-click a visit or press Enter to open its form."), self)
        self.hint.setStyleSheet("QLabel { color: #666; }")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self._summary: PatientSummary | None = None

    def show_summary(self, summary: PatientSummary) -> None:
        self._summary = summary
        self.model.set_lines(summary.visits)
        if summary.visits and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0, QModelIndex()))
        self.hint.setText(
            self.tr("Double-click a visit or press Enter to open its form.")
            if summary.visits
            else self.tr("Visits are scheduled at randomization.")
        )

    def clear(self) -> None:
        self._summary = None
        self.model.clear()

    def _open(self, row: int) -> None:
        if self._summary is None or not 0 <= row < len(self._summary.visits):
            return
        line = self._summary.visits[row]
        self.visit_requested.emit(self._summary.patient_id, self._summary.study_id, line.study_day)
