"""The patient list as a Qt table model, and the proxy that sorts it and filters it by search."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from msc_desk.models.enums import PatientStatus
from msc_desk.services.patients import PatientRow
from msc_desk.ui.labels import DASH, arm_label, fill, format_date, status_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PATIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_OVERDUE_TEXT = QColor("#9b1c1c")
_OVERDUE_BACKGROUND = QColor("#fde2e2")
_DEMO_TEXT = QColor("#8a4b00")
_QUERY_BACKGROUND = QColor("#fef3c7")
_STATUS_ORDER = {status: order for order, status in enumerate(PatientStatus)}
_NO_DATE = 10**7  # sorts after every date ordinal


class Column(IntEnum):
    STUDY_ID = 0
    ARM = 1
    STUDY_DAY = 2
    NEXT_VISIT = 3
    STATUS = 4
    DEMO = 5
    QUERIES = 6


class PatientListModel(QAbstractTableModel):
    """A read-only adapter over `PatientRow`s; the arm shows only once revealed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRow] = []

    def set_rows(self, rows: list[PatientRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> PatientRow:
        return self._rows[row]

    def row_of(self, patient_id: int) -> int | None:
        """The row showing a patient, or None."""
        for number, patient in enumerate(self._rows):
            if patient.patient_id == patient_id:
                return number
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[column]
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.STUDY_DAY:
            return self.tr("Study day: Moscow calendar days since randomization (day 0)")
        return None

    def _titles(self) -> dict[Column, str]:
        return {
            Column.STUDY_ID: self.tr("Study ID"),
            Column.ARM: self.tr("Arm"),
            Column.STUDY_DAY: self.tr("Day"),
            Column.NEXT_VISIT: self.tr("Next visit"),
            Column.STATUS: self.tr("Status"),
            Column.DEMO: self.tr("Demo"),
            Column.QUERIES: self.tr("Queries"),
        }

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        patient = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(patient, column)
        if role == SORT_ROLE:
            return self._sort_key(patient, column)
        if role == PATIENT_ID_ROLE:
            return patient.patient_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.STUDY_DAY:
            return int(Qt.AlignmentFlag.AlignCenter)
        return self._decoration(patient, column, role)

    def _decoration(self, patient: PatientRow, column: Column, role: int) -> Any:
        overdue = patient.next_visit_overdue and column is Column.NEXT_VISIT
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return QBrush(_OVERDUE_TEXT)
            return QBrush(_DEMO_TEXT) if column is Column.DEMO else None
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(_OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and column is Column.QUERIES:
            return QBrush(_QUERY_BACKGROUND) if patient.open_queries else None
        if role == Qt.ItemDataRole.FontRole and (overdue or column is Column.STUDY_ID):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(patient, column)
        return None

    def _text(self, patient: PatientRow, column: Column) -> str:
        if column is Column.STUDY_ID:
            return patient.study_id
        if column is Column.ARM:
            return arm_label(patient.arm)
        if column is Column.STUDY_DAY:
            return DASH if patient.study_day is None else str(patient.study_day)
        if column is Column.NEXT_VISIT:
            if patient.next_visit_date is None or patient.next_visit_day is None:
                return DASH
            date_text = format_date(patient.next_visit_date)
            return fill(self.tr("%1 (day %2)"), date_text, patient.next_visit_day)
        if column is Column.STATUS:
            return status_label(
                patient.status,
                patient.sex,
                eligible_not_randomized=patient.eligible_not_randomized,
            )
        if column is Column.QUERIES:
            return fill(self.tr("%1 open"), patient.open_queries) if patient.open_queries else ""
        return self.tr("demo") if patient.is_demo else ""

    def _tooltip(self, patient: PatientRow, column: Column) -> str | None:
        if column is Column.NEXT_VISIT and patient.next_visit_overdue:
            text = self.tr("Overdue: the day %1 visit was due on %2")
            return fill(text, patient.next_visit_day, format_date(patient.next_visit_date))
        if column is Column.STATUS:  # whole, even where the column is narrow
            return self._text(patient, column)
        if column is Column.DEMO and patient.is_demo:
            return self.tr("Synthetic demo patient, not real trial data")
        if column is Column.QUERIES and patient.open_queries:
            return self.tr("Monitor queries awaiting an answer or closing")
        return None

    @staticmethod
    def _sort_key(patient: PatientRow, column: Column) -> Any:
        if column is Column.STUDY_ID:
            return patient.study_id
        if column is Column.ARM:
            return arm_label(patient.arm) if patient.arm is not None else ""
        if column is Column.STUDY_DAY:
            return -1 if patient.study_day is None else patient.study_day
        if column is Column.NEXT_VISIT:
            date = patient.next_visit_date
            return _NO_DATE if date is None else date.toordinal()
        if column is Column.STATUS:
            return _STATUS_ORDER[patient.status]
        if column is Column.QUERIES:
            return patient.open_queries
        return int(patient.is_demo)


class PatientFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's natural order and keeps rows whose study id or status matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search_text(self, text: str) -> None:
        """Keep the rows whose study id or status contains `text` (any case)."""
        self.setFilterFixedString(text.strip())

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        pattern = self.filterRegularExpression()
        if not pattern.pattern():
            return True
        model = self.sourceModel()
        for column in (Column.STUDY_ID, Column.STATUS):
            text = model.data(model.index(source_row, column, source_parent))
            if isinstance(text, str) and pattern.match(text).hasMatch():
                return True
        return False
