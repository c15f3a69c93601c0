"""The screening log as a Qt table model: study id, date, decision, failed criteria."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from msc_desk.models.enums import Arm
from msc_desk.services.screening import ScreeningLogRow
from msc_desk.ui.labels import eligible_not_randomized_label, format_moscow, status_label
from msc_desk.ui.screening.criteria_text import failures_text

_Index = QModelIndex | QPersistentModelIndex
_NOT_ENROLLED_TEXT = QColor("#546e7a")


class LogColumn(IntEnum):
    STUDY_ID = 0
    SCREENED = 1
    DECISION = 2
    REASONS = 3


class ScreeningLogModel(QAbstractTableModel):
    """A read-only adapter over `ScreeningLogRow`s (no identifiers: the log has none)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ScreeningLogRow] = []

    def set_rows(self, rows: list[ScreeningLogRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ScreeningLogRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LogColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(LogColumn):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            LogColumn.STUDY_ID: self.tr("Study ID"),
            LogColumn.SCREENED: self.tr("Screened (MSK)"),
            LogColumn.DECISION: self.tr("Decision"),
            LogColumn.REASONS: self.tr("Criteria not met"),
        }[LogColumn(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = LogColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and not row.eligible:
            return QBrush(_NOT_ENROLLED_TEXT)
        return None

    def _text(self, row: ScreeningLogRow, column: LogColumn) -> str:
        if column is LogColumn.STUDY_ID:
            return row.study_id
        if column is LogColumn.SCREENED:
            return format_moscow(row.screened_at)
        if column is LogColumn.DECISION:
            return self.decision_text(row)
        return failures_text(row.failed_criteria)

    def decision_text(self, row: ScreeningLogRow) -> str:
        if row.arm == Arm.MSC:
            return self.tr("Randomized: MSC arm")
        if row.arm == Arm.CONTROL:
            return self.tr("Randomized: control arm")
        if row.eligible_not_randomized:
            return eligible_not_randomized_label()
        if row.eligible:
            return status_label(row.status)
        return self.tr("Not enrolled")
