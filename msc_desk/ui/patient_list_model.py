"""The patient list as a Qt table model, and the proxy that filters it by search.

Every cell's text, sort key and search text is worked out once per load by `prepare()` (which
may run off the GUI thread), so `data()` only looks values up and sorting 10,000 rows is one
`list.sort`. The model sorts itself; the proxy only filters, keeping the model's order.
"""

from __future__ import annotations

from dataclasses import dataclass
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
_OVERDUE_TEXT = QBrush(QColor("#9b1c1c"))
_OVERDUE_BACKGROUND = QBrush(QColor("#fde2e2"))
_DEMO_TEXT = QBrush(QColor("#8a4b00"))
_QUERY_BACKGROUND = QBrush(QColor("#fef3c7"))
_STATUS_ORDER = {status: order for order, status in enumerate(PatientStatus)}
_NO_DATE = 10**7  # sorts after every date ordinal
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class Column(IntEnum):
    STUDY_ID = 0
    ARM = 1
    STUDY_DAY = 2
    NEXT_VISIT = 3
    STATUS = 4
    DEMO = 5
    QUERIES = 6


@dataclass(frozen=True, slots=True)
class PreparedRow:
    """One patient as the list shows it: texts and sort keys per column, worked out once."""

    patient: PatientRow
    texts: tuple[str, ...]
    keys: tuple[Any, ...]
    search: str
    """Study id and status, case-folded: what the search field matches."""
    next_visit_tooltip: str | None


@dataclass(frozen=True)
class PreparedRows:
    """A whole list, ready to show: the rows and the longest text of each column."""

    rows: tuple[PreparedRow, ...]
    longest: tuple[str, ...]


class PatientListModel(QAbstractTableModel):
    """A read-only adapter over `PatientRow`s; the arm shows only once revealed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PreparedRow] = []
        self._row_by_patient: dict[int, int] = {}
        self._sort_column: Column | None = None  # the order given, until sorted
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.longest: tuple[str, ...] = ("",) * len(Column)
        self._bold = QFont()
        self._bold.setBold(True)

    def prepare(self, rows: list[PatientRow]) -> PreparedRows:
        """Texts, sort keys and search text of `rows`; touches no model state (thread-safe)."""
        prepared = self._prepared_rows(rows)
        longest = tuple(
            max((row.texts[column] for row in prepared), key=len, default="")
            for column in range(len(Column))
        )
        return PreparedRows(prepared, longest)

    def set_rows(self, rows: list[PatientRow]) -> None:
        self.set_prepared(self.prepare(rows))

    def set_prepared(self, prepared: PreparedRows) -> None:
        """Show a prepared list, in the current sort order."""
        self.beginResetModel()
        self._rows = list(prepared.rows)
        self.longest = prepared.longest
        self._sort_rows()
        self.endResetModel()

    def clear(self) -> None:
        self.set_prepared(PreparedRows((), ("",) * len(Column)))

    def row_at(self, row: int) -> PatientRow:
        return self._rows[row].patient

    def row_of(self, patient_id: int) -> int | None:
        """The row showing a patient, or None."""
        return self._row_by_patient.get(patient_id)

    def search_text(self, row: int) -> str:
        """What the search field is matched against on a row (case-folded)."""
        return self._rows[row].search

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
            return self.titles()[column]
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.STUDY_DAY:
            return self.tr("Study day: Moscow calendar days since randomization (day 0)")
        return None

    def titles(self) -> dict[Column, str]:
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
        line = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return line.texts[column]
        if role == SORT_ROLE:
            return line.keys[column]
        if role == PATIENT_ID_ROLE:
            return line.patient.patient_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if column == Column.STUDY_DAY else None
        return self._decoration(line, Column(column), role)

    def _decoration(self, line: PreparedRow, column: Column, role: int) -> Any:
        patient = line.patient
        overdue = patient.next_visit_overdue and column is Column.NEXT_VISIT
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return _OVERDUE_TEXT
            return _DEMO_TEXT if column is Column.DEMO else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if overdue:
                return _OVERDUE_BACKGROUND
            if column is Column.QUERIES and patient.open_queries:
                return _QUERY_BACKGROUND
            return None
        if role == Qt.ItemDataRole.FontRole and (overdue or column is Column.STUDY_ID):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        return None

    def _prepared_rows(self, rows: list[PatientRow]) -> tuple[PreparedRow, ...]:
        # Straight-line per row, words translated once per list: 10,000 rows in a few
        # hundred milliseconds on the thread pool.
        next_visit, open_text, demo = self.tr("%1 (day %2)"), self.tr("%1 open"), self.tr("demo")
        overdue_text = self.tr("Overdue: the day %1 visit was due on %2")
        arms: dict[object, str] = {}
        statuses: dict[tuple[object, ...], str] = {}
        prepared = []
        for patient in rows:
            arm = arms.get(patient.arm)
            if arm is None:
                arm = arms[patient.arm] = arm_label(patient.arm)
            status_key = (patient.status, patient.sex, patient.eligible_not_randomized)
            status = statuses.get(status_key)
            if status is None:
                status = statuses[status_key] = status_label(
                    patient.status, patient.sex,
                    eligible_not_randomized=patient.eligible_not_randomized,
                )  # fmt: skip
            day, visit_day, visit_date = (
                patient.study_day, patient.next_visit_day, patient.next_visit_date
            )  # fmt: skip
            visit = (
                DASH if visit_date is None or visit_day is None
                else fill(next_visit, format_date(visit_date), visit_day)
            )  # fmt: skip
            queries = patient.open_queries
            texts = (
                patient.study_id,
                arm,
                DASH if day is None else str(day),
                visit,
                status,
                demo if patient.is_demo else "",
                fill(open_text, queries) if queries else "",
            )
            keys = (
                patient.study_id,
                arm if patient.arm is not None else "",
                -1 if day is None else day,
                _NO_DATE if visit_date is None else visit_date.toordinal(),
                _STATUS_ORDER[patient.status],
                int(patient.is_demo),
                queries,
            )
            tooltip = (
                fill(overdue_text, visit_day, format_date(visit_date))
                if patient.next_visit_overdue else None
            )  # fmt: skip
            prepared.append(
                PreparedRow(
                    patient, texts, keys, f"{patient.study_id}\n{status}".casefold(), tooltip
                )  # fmt: skip
            )
        return tuple(prepared)

    def _tooltip(self, line: PreparedRow, column: Column) -> str | None:
        patient = line.patient
        if column is Column.NEXT_VISIT:
            return line.next_visit_tooltip
        if column is Column.STATUS:  # whole, even where the column is narrow
            return line.texts[column]
        if column is Column.DEMO and patient.is_demo:
            return self.tr("Synthetic demo patient, not real trial data")
        if column is Column.QUERIES and patient.open_queries:
            return self.tr("Monitor queries awaiting an answer or closing")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's natural order; selections follow their rows."""
        if not 0 <= column < len(Column):
            return
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        patients = [self._rows[index.row()].patient.patient_id for index in persistent]
        self._sort_rows()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self._row_by_patient[patient_id], index.column())
                for patient_id, index in zip(patients, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column = self._sort_column
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if column is not None:
            # Ties keep the study id order, whichever way the column runs.
            self._rows.sort(key=lambda line: line.keys[Column.STUDY_ID])
            if column is not Column.STUDY_ID or descending:
                self._rows.sort(key=lambda line: line.keys[column], reverse=descending)
        self._row_by_patient = {
            line.patient.patient_id: number for number, line in enumerate(self._rows)
        }


class PatientFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose study id or status matches the search; sorting is the model's own."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._needle = ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, PatientListModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_search_text(self, text: str) -> None:
        """Keep the rows whose study id or status contains `text` (any case)."""
        needle = text.strip().casefold()
        if needle != self._needle:
            if hasattr(self, "endFilterChange"):  # Qt 6.9 and later
                self.beginFilterChange()
                self._needle = needle
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            else:
                self._needle = needle
                self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        if isinstance(model, PatientListModel):
            return self._needle in model.search_text(source_row)
        return super().filterAcceptsRow(source_row, source_parent)
