"""The identification trail: who changed a patient's identifiers, when and why (with the right)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.identification_review import IdentificationChange, identification_history
from msc_desk.timekeeping import Clock
from msc_desk.ui.audit.audit_text import (
    action_label,
    field_title,
    moscow_stamp,
    role_text,
    value_text,
)
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED, error_message

Index = QModelIndex | QPersistentModelIndex
_TABLE = "patient_identification"


class IdentificationModel(QAbstractTableModel):
    """Adapter over `IdentificationChange`s: time, user, role, action, patient, field, change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[IdentificationChange] = []
        self._study_ids: dict[int, str] = {}
        self._headers = [
            self.tr("Time (MSK)"),
            self.tr("User"),
            self.tr("Role"),
            self.tr("Action"),
            self.tr("Patient"),
            self.tr("Field"),
            self.tr("Old value"),
            self.tr("New value"),
            self.tr("Reason"),
        ]

    def set_rows(self, rows: list[IdentificationChange], study_ids: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows, self._study_ids = list(rows), dict(study_ids)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        patient = self._study_ids.get(row.patient_id, "") if row.patient_id is not None else ""
        values = (
            moscow_stamp(row.at),
            row.username or "",
            role_text(row.role),
            action_label(row.action),
            patient,
            field_title(_TABLE, row.field),
            value_text(_TABLE, row.field, row.old_value),
            value_text(_TABLE, row.field, row.new_value),
            row.reason or "",
        )
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[section] if 0 <= section < len(self._headers) else None


class IdentificationTrailDialog(QDialog):
    """Read-only; the service refuses (and audits) a reader without VIEW_IDENTIFICATION."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        study_ids: dict[int, str],
        *,
        patient_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Identification trail"))
        self.model = IdentificationModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1100, 500)
        try:
            rows = identification_history(factory, actor, patient_id, clock)
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return
        self.model.set_rows(rows, study_ids)
        show_result(self.message, fill(self.tr("Changes: %1"), len(rows)), ok=True)
