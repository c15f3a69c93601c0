"""The adverse-event list as a table: serious events stand out, with open queries marked."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from msc_desk.services.adverse_events import AdverseEventRow
from msc_desk.ui.follow_up.words import choice_text, entered_text
from msc_desk.ui.labels import DASH, fill

_Index = QModelIndex | QPersistentModelIndex
SERIOUS_TEXT = QColor("#9b1c1c")
SERIOUS_BACKGROUND = QColor("#fde2e2")
QUERY_BACKGROUND = QColor("#fef3c7")
INCOMPLETE_BACKGROUND = QColor("#fff3cd")
INCOMPLETE_TEXT = QColor("#6d4500")


class Column(IntEnum):
    """In the order shown: what and how grave first, so a narrow pane still shows it."""

    TERM = 0
    SERIOUS = 1
    GRADE = 2
    ONSET = 3
    END = 4
    RELATION = 5
    ACTION = 6
    OUTCOME = 7
    QUERIES = 8


class AdverseEventModel(QAbstractTableModel):
    """Read-only adverse events; the relation column exists only for unblinded readers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AdverseEventRow] = []
        self._queries: dict[int, int] = {}
        self.columns: list[Column] = list(Column)

    def set_rows(
        self, rows: list[AdverseEventRow], queries: dict[int, int], *, blinded: bool
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._queries = dict(queries)
        self.columns = [c for c in Column if not (blinded and c is Column.RELATION)]
        self.endResetModel()

    def row_at(self, row: int) -> AdverseEventRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.TERM: self.tr("Adverse event"),
            Column.ONSET: self.tr("Onset"),
            Column.END: self.tr("End"),
            Column.GRADE: self.tr("Grade"),
            Column.SERIOUS: self.tr("Serious"),
            Column.RELATION: self.tr("Relation to MSC"),
            Column.ACTION: self.tr("Action taken"),
            Column.OUTCOME: self.tr("Outcome"),
            Column.QUERIES: self.tr("Queries"),
        }[self.columns[section]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        event = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, column)
        if role == Qt.ItemDataRole.ForegroundRole and event.incomplete:
            return QBrush(INCOMPLETE_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and event.serious:
            return QBrush(SERIOUS_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column is Column.QUERIES and self._queries.get(event.event_id):
                return QBrush(QUERY_BACKGROUND)
            if event.incomplete:
                return QBrush(INCOMPLETE_BACKGROUND)
            return QBrush(SERIOUS_BACKGROUND) if event.serious else None
        if role == Qt.ItemDataRole.FontRole and event.serious:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, event: AdverseEventRow, column: Column) -> str:
        if column is Column.TERM:
            if event.incomplete:
                return fill(self.tr("%1 — to be completed"), event.term)
            return event.term
        if column is Column.ONSET:
            return entered_text(event.onset_at, event.onset_offset_min)
        if column is Column.END:
            return entered_text(event.end_at, event.end_offset_min)
        if column is Column.GRADE:
            return DASH if event.grade is None else str(event.grade)
        if column is Column.SERIOUS:
            if event.incomplete:
                return DASH
            if not event.serious:
                return self.tr("no")
            return fill(self.tr("SAE: %1"), choice_text("ae_serious_reason", event.serious_reason))
        if column is Column.RELATION:
            return choice_text("ae_relation_to_msc", event.relation)
        if column is Column.ACTION:
            if event.action is None and event.relation_hidden:
                return self.tr("hidden")
            return choice_text("ae_action", event.action)
        if column is Column.OUTCOME:
            return choice_text("ae_outcome", event.outcome)
        count = self._queries.get(event.event_id, 0)
        return fill(self.tr("%1 open"), count) if count else ""

    def _tooltip(self, event: AdverseEventRow, column: Column) -> str | None:
        if event.incomplete:
            return self.tr(
                "To be completed: open it and fill in the grade, seriousness, action taken and"
                " outcome"
            )
        if event.serious:
            return self.tr("Serious adverse event: expedited report within 24 hours")
        if column is Column.TERM and event.description:
            return event.description
        return None
