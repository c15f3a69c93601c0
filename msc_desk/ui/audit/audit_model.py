"""The table of audit entries in the audit viewer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from msc_desk.models.enums import Role
from msc_desk.services.audit_review import AuditRow
from msc_desk.timekeeping import to_moscow
from msc_desk.ui.labels import role_label

Index = QModelIndex | QPersistentModelIndex
CHANGE_COLUMN = 8  # old → new: long values are elided, shown whole in the tooltip

_ACTIONS = {
    "insert": QT_TRANSLATE_NOOP("AuditActions", "Created"),
    "update": QT_TRANSLATE_NOOP("AuditActions", "Changed"),
    "delete": QT_TRANSLATE_NOOP("AuditActions", "Deleted"),
    "login": QT_TRANSLATE_NOOP("AuditActions", "Sign-in"),
    "login_failed": QT_TRANSLATE_NOOP("AuditActions", "Failed sign-in"),
    "logout": QT_TRANSLATE_NOOP("AuditActions", "Sign-out"),
    "lock": QT_TRANSLATE_NOOP("AuditActions", "Screen locked"),
    "unlock": QT_TRANSLATE_NOOP("AuditActions", "Unlocked"),
    "randomize": QT_TRANSLATE_NOOP("AuditActions", "Randomization"),
    "sign": QT_TRANSLATE_NOOP("AuditActions", "Signature"),
    "sign_failed": QT_TRANSLATE_NOOP("AuditActions", "Failed signature"),
    "permission_denied": QT_TRANSLATE_NOOP("AuditActions", "Access denied"),
    "password_reset": QT_TRANSLATE_NOOP("AuditActions", "Password reset"),
    "export": QT_TRANSLATE_NOOP("AuditActions", "Export"),
    "audit_export": QT_TRANSLATE_NOOP("AuditActions", "Audit trail exported"),
    "screen": QT_TRANSLATE_NOOP("AuditActions", "Screening"),
    "import_allocation": QT_TRANSLATE_NOOP("AuditActions", "Allocation list imported"),
    "allocation_import_refused": QT_TRANSLATE_NOOP("AuditActions", "Allocation import refused"),
    "center_key_trusted": QT_TRANSLATE_NOOP("AuditActions", "Center key set"),
    "workspace_created": QT_TRANSLATE_NOOP("AuditActions", "Workspace created"),
}


def action_label(action: str) -> str:
    """The action in words; an action without a translation is shown as recorded."""
    source = _ACTIONS.get(action)
    return action if source is None else QCoreApplication.translate("AuditActions", str(source))


def _role_text(role: str | None) -> str:
    try:
        return role_label(Role(role)) if role else ""
    except ValueError:
        return role or ""


def _change_text(row: AuditRow) -> str:
    if row.old_value is None and row.new_value is None:
        return ""
    if row.old_value is None:
        return row.new_value or ""
    return f"{row.old_value} → {row.new_value if row.new_value is not None else '∅'}"


class AuditModel(QAbstractTableModel):
    """Adapter over `AuditRow`s: Moscow time, user, role, action, record, field, change, reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._headers = [
            self.tr("No."),
            self.tr("Time (MSK)"),
            self.tr("User"),
            self.tr("Role"),
            self.tr("Action"),
            self.tr("Table"),
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Old → new"),
            self.tr("Reason"),
        ]

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == CHANGE_COLUMN:
            return _change_text(row) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            str(row.id),
            to_moscow(row.at).strftime("%d.%m.%Y %H:%M:%S"),
            row.username or "",
            _role_text(row.role),
            action_label(row.action),
            row.table_name or "",
            row.record_id or "",
            row.field or "",
            _change_text(row),
            row.reason or "",
        )
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
