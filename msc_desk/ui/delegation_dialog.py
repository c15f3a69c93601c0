"""File → Randomization delegation…: the principal investigator's delegation log, in the app."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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
from msc_desk.models.enums import Role
from msc_desk.services.actor import Actor
from msc_desk.services.users import UserInfo, list_users, set_randomization_delegation
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.users_model import UsersModel
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED, error_message


class DelegationDialog(QDialog):
    """An investigator grants or withdraws a nurse's randomization, with a reason."""

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self.setWindowTitle(self.tr("Randomization delegation"))
        intro = QLabel(
            self.tr(
                "Nurses of this laptop. A nurse to whom you delegate randomization may randomize"
                " from her next sign-in; the delegation is signed with your key and recorded as"
                " the principal investigator's delegation log."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = UsersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("e.g. trained in the protocol on 01.12"))
        self.toggle_button = QPushButton(self.tr("Delegate randomization"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Reason:"), self))
        reason_row.addWidget(self.reason_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(reason_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(820, 440)
        self.toggle_button.clicked.connect(self._on_toggle)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.reload()

    def reload(self) -> None:
        chosen = self.selected_nurse()
        nurses = [u for u in list_users(self._factory) if u.role is Role.NURSE and u.active]
        self.model.set_users(nurses)
        if chosen is not None:
            self.select(chosen.username)
        self._update_button()

    def select(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            user = self.model.user_at(row)
            if user is not None and user.username == username:
                self.table.selectRow(row)
                return

    def selected_nurse(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def _update_button(self) -> None:
        nurse = self.selected_nurse()
        self.toggle_button.setEnabled(nurse is not None)
        if nurse is not None and nurse.can_randomize:
            self.toggle_button.setText(self.tr("Withdraw the delegation"))
        else:
            self.toggle_button.setText(self.tr("Delegate randomization"))

    def _on_toggle(self) -> None:
        nurse = self.selected_nurse()
        if nurse is not None:
            self.set_delegation(nurse.username, not nurse.can_randomize, self.reason_edit.text())

    def set_delegation(self, username: str, enabled: bool, reason: str) -> bool:
        """Grant or withdraw; on refusal say why (the reason stays typed)."""
        try:
            set_randomization_delegation(
                self._factory, self._actor, username, enabled, reason=reason, clock=self._clock
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.reason_edit.clear()
        self.reload()
        if enabled:
            text = self.tr("%1 may randomize from her next sign-in.")
        else:
            text = self.tr("%1 may no longer randomize.")
        show_result(self.message, fill(text, username), ok=True)
        return True
