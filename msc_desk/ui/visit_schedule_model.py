"""One patient's visit schedule (target dates, windows, states) as a Qt table model."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from msc_desk.scoring.visits import VisitState
from msc_desk.services.patients import VisitLine
from msc_desk.ui.labels import fill, format_date, format_moscow, visit_label, visit_state_label

_Index = QModelIndex | QPersistentModelIndex
_QUERY_BACKGROUND = QColor("#fef3c7")
_STATE_COLOURS = {
    VisitState.OVERDUE: (QColor("#9b1c1c"), QColor("#fde2e2")),
    VisitState.DUE: (QColor("#7a4d00"), QColor("#fff1cc")),
    VisitState.DONE: (QColor("#1b5e20"), None),
    VisitState.MISSED: (QColor("#6b6b6b"), None),
    VisitState.NOT_APPLICABLE: (QColor("#6b6b6b"), None),
}


class VisitColumn(IntEnum):
    VISIT = 0
    TARGET = 1
    WINDOW = 2
    STATE = 3
    PERFORMED = 4


class VisitScheduleModel(QAbstractTableModel):
    """A read-only adapter over the `VisitLine`s of one patient summary."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[VisitLine] = []

    def set_lines(self, lines: tuple[VisitLine, ...] | list[VisitLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def clear(self) -> None:
        self.set_lines([])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(VisitColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(VisitColumn):
            return None
        column = VisitColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                VisitColumn.VISIT: self.tr("Visit"),
                VisitColumn.TARGET: self.tr("Due date"),
                VisitColumn.WINDOW: self.tr("Window"),
                VisitColumn.STATE: self.tr("Status"),
                VisitColumn.PERFORMED: self.tr("Performed"),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column is VisitColumn.WINDOW:
            return self.tr("Dates on which the visit counts as done per protocol")
        if role == Qt.ItemDataRole.ToolTipRole and column is VisitColumn.PERFORMED:
            return self.tr("Moscow time")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        column = VisitColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if column is VisitColumn.VISIT and line.open_queries:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_QUERY_BACKGROUND)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Open monitor queries on this visit")
        if column is not VisitColumn.STATE or line.state not in _STATE_COLOURS:
            return None
        foreground, background = _STATE_COLOURS[line.state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(foreground)
        if role == Qt.ItemDataRole.BackgroundRole and background is not None:
            return QBrush(background)
        return None

    def _text(self, line: VisitLine, column: VisitColumn) -> str:
        if column is VisitColumn.VISIT:
            if line.open_queries:
                return fill(
                    self.tr("%1 — queries: %2"), visit_label(line.study_day), line.open_queries
                )
            return visit_label(line.study_day)
        if column is VisitColumn.TARGET:
            return format_date(line.target_date)
        if column is VisitColumn.WINDOW:
            if line.window_first == line.window_last:
                return line.window_first.strftime("%d.%m")
            return f"{line.window_first:%d.%m}–{line.window_last:%d.%m}"
        if column is VisitColumn.STATE:
            if line.signed:
                return fill(self.tr("%1, signed"), visit_state_label(line.state))
            return visit_state_label(line.state)
        performed = format_moscow(line.performed_at) if line.performed_at else ""
        if line.deviation is not None:
            return f"{performed} · {self.tr('outside the window (deviation)')}"
        return performed
