"""The identification log: who a study id is (name, record number), for those allowed to know."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.identification import IdentificationRow, identification_log
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import DASH, fill, format_date
from msc_desk.ui.refusals import HANDLED, error_message

_Index = QModelIndex | QPersistentModelIndex


class IdColumn(IntEnum):
    STUDY_ID = 0
    FULL_NAME = 1
    RECORD_NUMBER = 2
    BORN = 3


class IdentificationModel(QAbstractTableModel):
    """A read-only adapter over `IdentificationRow`s."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[IdentificationRow] = []

    def set_rows(self, rows: list[IdentificationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> IdentificationRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(IdColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(IdColumn):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            IdColumn.STUDY_ID: self.tr("Study ID"),
            IdColumn.FULL_NAME: self.tr("Full name"),
            IdColumn.RECORD_NUMBER: self.tr("Medical record no."),
            IdColumn.BORN: self.tr("Date of birth"),
        }[IdColumn(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        column = IdColumn(index.column())
        if column is IdColumn.STUDY_ID:
            return row.study_id
        if column is IdColumn.FULL_NAME:
            return row.full_name or DASH
        if column is IdColumn.RECORD_NUMBER:
            return row.medical_record_number or DASH
        return format_date(row.date_of_birth) if row.date_of_birth else DASH


class IdentificationDialog(QDialog):
    """Search the identification log; each reading is audited by the service.

    Only a role with VIEW_IDENTIFICATION opens it; the service refuses anyone else (and audits
    the refusal), so a refused dialog shows the refusal and no rows.
    """

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self.setWindowTitle(self.tr("Identification log"))
        note = QLabel(
            self.tr(
                "Confidential: who each study id is. Every opening and search is recorded in"
                " the audit trail. Do not copy these data into forms or exports."
            ),
            self,
        )
        note.setWordWrap(True)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Name, record number or study id"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("Find"), self)
        self.search_button.setDefault(True)
        self.count_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.model = IdentificationModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in IdColumn:
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column is IdColumn.FULL_NAME
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        search = QHBoxLayout()
        search.addWidget(QLabel(self.tr("Search:"), self))
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(search)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)
        self.resize(820, 520)
        self.search_button.clicked.connect(self.search)
        self.search_edit.returnPressed.connect(self.search)
        buttons.rejected.connect(self.reject)
        self.search()
        self.search_edit.setFocus()

    def search(self) -> bool:
        """Read the log (filtered by the search words); False when the service refused."""
        try:
            rows = identification_log(
                self._factory, self._actor, self.search_edit.text(), clock=self._clock
            )
        except HANDLED as exc:
            self.model.clear()
            self.count_label.clear()
            show_result(self.message, error_message(exc), ok=False)
            self.message.show()
            self.search_edit.setEnabled(False)
            self.search_button.setEnabled(False)
            return False
        self.message.hide()
        self.model.set_rows(rows)
        self.count_label.setText(fill(self.tr("Patients shown: %1"), len(rows)))
        return True
