"""Administration → Users…: add, deactivate, withdraw a delegation, reset a password.

Granting randomization to a nurse is the investigator's (File → Randomization delegation…).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.models.enums import Role
from msc_desk.services.actor import Actor
from msc_desk.services.users import (
    UserInfo,
    add_user,
    deactivate_user,
    list_users,
    reset_user_password,
    set_randomization_delegation,
)
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.users_model import UsersModel
from msc_desk.ui.checked_edit import password_field, show_result
from msc_desk.ui.labels import fill, role_label
from msc_desk.ui.refusals import HANDLED, error_message


class AddUserDialog(QDialog):
    """The form of a new account; stays open, with its entries, until the service accepts it."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        data_dir: Path,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._data_dir, self._clock = factory, actor, data_dir, clock
        self.created: UserInfo | None = None
        self.setWindowTitle(self.tr("New user"))
        self.login_edit = QLineEdit(self)
        self.name_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        roles = (Role.INVESTIGATOR, Role.NURSE, Role.MONITOR, Role.BLINDED_REVIEWER, Role.ADMIN)
        for role in roles:
            self.role_combo.addItem(role_label(role), role)
        self.password_edit = password_field(self)
        self.repeat_edit = password_field(self)
        self.delegation_note = QLabel(
            self.tr(
                "Randomization is delegated to a nurse by the investigator, once the account"
                " exists (File → Randomization delegation…)."
            ),
            self,
        )
        self.delegation_note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login_edit)
        form.addRow(self.tr("Full name:"), self.name_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Repeat password:"), self.repeat_edit)
        form.addRow("", self.delegation_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._connect_callbacks()
        self._on_role_changed()

    def _connect_callbacks(self) -> None:
        self.role_combo.currentIndexChanged.connect(self._on_role_changed)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _on_role_changed(self) -> None:
        self.delegation_note.setVisible(self.role_combo.currentData() is Role.NURSE)

    def submit(self) -> bool:
        """Create the account; on refusal show why and keep every entry."""
        if self.password_edit.text() != self.repeat_edit.text():
            show_result(self.message, self.tr("The two passwords do not match."), ok=False)
            return False
        try:
            self.created = add_user(
                self._factory,
                self._actor,
                self._data_dir,
                self.login_edit.text(),
                self.name_edit.text(),
                self.role_combo.currentData(),
                self.password_edit.text(),
                False,
                clock=self._clock,
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.accept()
        return True


class PasswordResetDialog(QDialog):
    """A temporary password, typed twice by the administrator."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reset password"))
        self.password_edit = password_field(self)
        self.repeat_edit = password_field(self)
        note = QLabel(
            fill(
                self.tr(
                    "A temporary password for %1. Give it to the user in person: at the next"
                    " sign-in the user must choose their own password, and a new signing key is"
                    " made. The temporary password signs nothing."
                ),
                username,
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("New password:"), self.password_edit)
        form.addRow(self.tr("Repeat password:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)


class UsersDialog(QDialog):
    """Every account of this laptop; the buttons act on the selected one."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        data_dir: Path,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._data_dir, self._clock = factory, actor, data_dir, clock
        self.setWindowTitle(self.tr("Users"))
        self.model = UsersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add user…"), self)
        self.deactivate_button = QPushButton(self.tr("Deactivate…"), self)
        self.delegation_button = QPushButton(self.tr("Withdraw randomization…"), self)
        self.delegation_button.setToolTip(
            self.tr(
                "Only the investigator grants randomization (File → Randomization delegation…)."
            )
        )
        self.reset_button = QPushButton(self.tr("Reset password…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.deactivate_button,
            self.delegation_button,
            self.reset_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 480)
        self._connect_callbacks()
        self.reload()

    def _connect_callbacks(self) -> None:
        self.add_button.clicked.connect(self._on_add)
        self.deactivate_button.clicked.connect(self._on_deactivate)
        self.delegation_button.clicked.connect(self._on_delegation)
        self.reset_button.clicked.connect(self._on_reset)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def reload(self) -> None:
        chosen = self.selected_user()
        self.model.set_users(list_users(self._factory))
        if chosen is not None:
            self.select(chosen.username)
        self._update_buttons()

    def select(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            user = self.model.user_at(row)
            if user is not None and user.username == username:
                self.table.selectRow(row)
                return

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        active = user is not None and user.active
        self.deactivate_button.setEnabled(
            active and user is not None and user.id != self._actor.user_id
        )
        delegated = active and user is not None and user.role is Role.NURSE and user.can_randomize
        self.delegation_button.setEnabled(delegated)
        self.reset_button.setEnabled(active)

    def new_user_form(self) -> AddUserDialog:
        return AddUserDialog(self._factory, self._actor, self._data_dir, self._clock, self)

    def _on_add(self) -> None:
        form = self.new_user_form()
        if form.exec() == QDialog.DialogCode.Accepted and form.created is not None:
            self.reload()
            self.select(form.created.username)
            text = fill(self.tr("User %1 created."), form.created.username)
            show_result(self.message, text, ok=True)

    def _ask_reason(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt)
        return text if ok else None

    def _on_deactivate(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        question = fill(
            self.tr("Deactivate %1 (%2)? The account will no longer be able to sign in."),
            user.username,
            user.full_name,
        )
        answer = QMessageBox.question(self, self.tr("Deactivate user"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        reason = self._ask_reason(self.tr("Deactivate user"), self.tr("Reason:"))
        if reason is not None:
            self.deactivate(user.username, reason)

    def deactivate(self, username: str, reason: str) -> bool:
        try:
            deactivate_user(
                self._factory, self._actor, self._data_dir, username, reason, clock=self._clock
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.reload()
        show_result(self.message, fill(self.tr("User %1 deactivated."), username), ok=True)
        return True

    def _on_delegation(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        title = self.tr("Randomization delegation")
        reason = self._ask_reason(title, self.tr("Reason (e.g. the investigator's order):"))
        if reason is not None and user.can_randomize:
            self.set_delegation(user.username, False, reason)

    def set_delegation(self, username: str, enabled: bool, reason: str) -> bool:
        try:
            set_randomization_delegation(
                self._factory, self._actor, username, enabled, reason=reason, clock=self._clock
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.reload()
        if enabled:
            text = self.tr("%1 may randomize from the next sign-in.")
        else:
            text = self.tr("%1 may no longer randomize (from the next sign-in).")
        show_result(self.message, fill(text, username), ok=True)
        return True

    def _on_reset(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        form = PasswordResetDialog(user.username, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(user.username, form.password_edit.text(), form.repeat_edit.text())

    def reset_password(self, username: str, password: str, repeated: str) -> bool:
        if password != repeated:
            show_result(self.message, self.tr("The two passwords do not match."), ok=False)
            return False
        try:
            reset_user_password(
                self._factory, self._actor, self._data_dir, username, password, clock=self._clock
            )
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        text = fill(
            self.tr(
                "%1 has a new temporary password. At the next sign-in %1 will choose their own"
                " password."
            ),
            username,
        )
        show_result(self.message, text, ok=True)
        return True


__all__ = ["AddUserDialog", "PasswordResetDialog", "UsersDialog"]
