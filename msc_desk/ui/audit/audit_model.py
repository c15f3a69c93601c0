"""The table of audit entries in the audit viewer."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from msc_desk.services.audit_review import AuditRow
from msc_desk.ui.audit.audit_text import (
    action_label,
    detail_text,
    field_title,
    moscow_stamp,
    role_text,
    table_title,
    value_text,
)

Index = QModelIndex | QPersistentModelIndex


class AuditColumn(IntEnum):
    NUMBER = 0
    TIME = 1
    USER = 2
    ROLE = 3
    ACTION = 4
    FORM = 5
    PATIENT = 6
    FIELD = 7
    CHANGE = 8
    REASON = 9


CHANGE_COLUMN = AuditColumn.CHANGE  # old → new: long values are elided, shown whole below


def old_text(row: AuditRow) -> str:
    return value_text(row.table_name, row.field, row.old_value)


def new_text(row: AuditRow) -> str:
    if row.action in ("insert", "update"):
        return value_text(row.table_name, row.field, row.new_value)
    return detail_text(row.action, row.new_value)


def change_text(row: AuditRow) -> str:
    """Old → new in words; an event's detail alone; an emptied value as ∅."""
    old, new = old_text(row), new_text(row)
    if row.old_value is None:
        return new
    return f"{old} → {new if row.new_value is not None else '∅'}"


class AuditModel(QAbstractTableModel):
    """Adapter over `AuditRow`s, in words: Moscow time, role, action, form, field, change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._study_ids: dict[int, str] = {}
        self._headers = {
            AuditColumn.NUMBER: self.tr("No."),
            AuditColumn.TIME: self.tr("Time (MSK)"),
            AuditColumn.USER: self.tr("User"),
            AuditColumn.ROLE: self.tr("Role"),
            AuditColumn.ACTION: self.tr("Action"),
            AuditColumn.FORM: self.tr("Form"),
            AuditColumn.PATIENT: self.tr("Patient"),
            AuditColumn.FIELD: self.tr("Field"),
            AuditColumn.CHANGE: self.tr("Old → new"),
            AuditColumn.REASON: self.tr("Reason"),
        }

    def set_rows(self, rows: list[AuditRow], study_ids: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if study_ids is not None:
            self._study_ids = dict(study_ids)
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def row_at(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def study_id(self, patient_id: int | None) -> str:
        if patient_id is None:
            return ""
        return self._study_ids.get(patient_id, f"#{patient_id}")

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def text(self, row: AuditRow, column: AuditColumn) -> str:
        match column:
            case AuditColumn.NUMBER:
                return str(row.id)
            case AuditColumn.TIME:
                return moscow_stamp(row.at)
            case AuditColumn.USER:
                return row.username or ""
            case AuditColumn.ROLE:
                return role_text(row.role)
            case AuditColumn.ACTION:
                return action_label(row.action)
            case AuditColumn.FORM:
                return table_title(row.table_name)
            case AuditColumn.PATIENT:
                return self.study_id(row.patient_id)
            case AuditColumn.FIELD:
                return field_title(row.table_name, row.field)
            case AuditColumn.CHANGE:
                if row.field == "patient_id" and row.new_value and row.new_value.isdigit():
                    return self.study_id(int(row.new_value))  # a link to a patient, by name
                return change_text(row)
            case AuditColumn.REASON:
                return row.reason or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = AuditColumn(index.column())
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            AuditColumn.CHANGE,
            AuditColumn.REASON,
        ):
            return self.text(row, column) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(row, column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self._headers.get(AuditColumn(section)) if 0 <= section < len(self._headers) else None
        )
