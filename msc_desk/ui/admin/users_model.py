"""The table of user accounts in the users dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from msc_desk.models.enums import Role
from msc_desk.services.users import UserInfo
from msc_desk.ui.labels import DASH, role_label

Index = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    """Adapter over `UserInfo` rows: login, full name, role, delegation, active."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._users: list[UserInfo] = []
        self._headers = [
            self.tr("Login"),
            self.tr("Full name"),
            self.tr("Role"),
            self.tr("Randomizes"),
            self.tr("Account"),
        ]

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        user = self._users[index.row()]
        column = index.column()
        if column == 0:
            return user.username
        if column == 1:
            return user.full_name
        if column == 2:
            return role_label(user.role)
        if column == 3:
            return self._delegation_text(user)
        return self.tr("active") if user.active else self.tr("deactivated")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def _delegation_text(self, user: UserInfo) -> str:
        if user.role is Role.INVESTIGATOR:
            return self.tr("by role")
        if user.role is Role.NURSE:
            return self.tr("delegated") if user.can_randomize else self.tr("not delegated")
        return DASH
