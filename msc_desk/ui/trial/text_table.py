"""A read-only table of texts prepared beforehand: showing thousands of rows costs nothing more.

The rows are worked out off the GUI thread (`TextRows`); the model only looks texts up, so
the view asks for the rows it paints and no item object is made per cell. Column widths come
from the longest text of each column, not from measuring every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CELL_PADDING = 18  # the cell's margins and focus frame around the text


@dataclass(frozen=True)
class TextRows:
    """Rows of texts, one tuple per row, and the longest text of each column."""

    rows: tuple[tuple[str, ...], ...]
    longest: tuple[str, ...]

    @classmethod
    def of(cls, rows: Sequence[Sequence[str]], columns: int) -> TextRows:
        """Rows as given (touches no Qt object: safe on the thread pool)."""
        ready = tuple(tuple(row) for row in rows)
        longest = tuple(
            max((row[column] for row in ready), key=len, default="") for column in range(columns)
        )
        return cls(ready, longest)


def _is_count(text: str) -> bool:
    return text.replace(" ", "").rstrip("%").isdigit()


class TextTableModel(QAbstractTableModel):
    """Texts under headers; counts (digits, a percentage) are right-aligned after column 0."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: tuple[tuple[str, ...], ...] = ()
        self.longest: tuple[str, ...] = ("",) * len(self._headers)

    def set_rows(self, rows: TextRows) -> None:
        self.beginResetModel()
        self._rows, self.longest = rows.rows, rows.longest
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def headers(self) -> tuple[str, ...]:
        return self._headers

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation is Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0 and _is_count(text):
            return _RIGHT
        return None


class TextTable(QTableView):
    """A `TextTableModel` in a read-only view whose columns fit their longest text."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_model = TextTableModel(headers, self)
        self.setModel(self.text_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fit_columns()

    def set_rows(self, rows: TextRows) -> None:
        self.text_model.set_rows(rows)
        self._fit_columns()

    def rowCount(self) -> int:
        return self.text_model.rowCount()

    def texts(self) -> list[str]:
        """The headers, then every cell row by row (what a reader can see in it)."""
        model = self.text_model
        cells = [
            model.text(row, column)
            for row in range(model.rowCount())
            for column in range(model.columnCount())
        ]
        return [*model.headers(), *cells]

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        cell, title = self.fontMetrics(), header.fontMetrics()
        arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
        model = self.text_model
        for column, heading in enumerate(model.headers()):
            widest = max(
                cell.horizontalAdvance(model.longest[column]),
                title.horizontalAdvance(heading) + arrow,
            )
            header.resizeSection(column, widest + _CELL_PADDING)
