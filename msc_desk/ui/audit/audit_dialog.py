"""Service → Audit trail…: filtered audit entries, chain verification, CSV export."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
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
from msc_desk.services.audit_review import audit_entries, export_audit, verify_chain
from msc_desk.services.patients import patient_study_ids
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session
from msc_desk.services.users import list_users
from msc_desk.timekeeping import MOSCOW, Clock, to_moscow
from msc_desk.ui.audit.audit_model import CHANGE_COLUMN, AuditModel
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import DASH, fill
from msc_desk.ui.refusals import HANDLED, error_message

_NO_DATE = QDate(2000, 1, 1)


def _moscow_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), MOSCOW)


class AuditDialog(QDialog):
    """The audit trail, filtered by patient, user, field and Moscow dates (read-only)."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        *,
        patient_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self.setWindowTitle(self.tr("Audit trail"))
        self.patient_combo = QComboBox(self)
        self.patient_combo.addItem(self.tr("All patients"), None)
        for listed_id, study_id in patient_study_ids(factory, actor, clock):
            self.patient_combo.addItem(study_id, listed_id)
        self.user_combo = QComboBox(self)
        self.user_combo.addItem(self.tr("All users"), None)
        for user in list_users(factory):
            self.user_combo.addItem(f"{user.username} — {user.full_name}", user.username)
        self.field_edit = QLineEdit(self)
        self.field_edit.setPlaceholderText(self.tr("any field"))
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.to_edit.setDate(_NO_DATE)
        self.from_edit.setDate(_NO_DATE)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setDefault(True)
        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHANGE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CHANGE_COLUMN, 300)
        header.setStretchLastSection(True)
        self.count_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("Verify integrity"), self)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)

        filters = QHBoxLayout()
        for title, widget, stretch in (
            (self.tr("Patient:"), self.patient_combo, 0),
            (self.tr("User:"), self.user_combo, 2),
            (self.tr("Field:"), self.field_edit, 1),
            (self.tr("From:"), self.from_edit, 0),
            (self.tr("To:"), self.to_edit, 0),
        ):
            filters.addWidget(QLabel(title, self))
            filters.addWidget(widget, stretch)
            filters.addSpacing(6)
        filters.addWidget(self.apply_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1300, 700)
        self._connect_callbacks()
        if patient_id is not None:
            self.set_patient(patient_id)
        self.reload()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(DASH)
        return edit

    def _connect_callbacks(self) -> None:
        self.apply_button.clicked.connect(self.reload)
        self.patient_combo.currentIndexChanged.connect(self.reload)
        self.user_combo.currentIndexChanged.connect(self.reload)
        self.field_edit.returnPressed.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self._on_export)
        self.close_button.clicked.connect(self.accept)

    def set_patient(self, patient_id: int | None) -> None:
        index = self.patient_combo.findData(patient_id)
        self.patient_combo.setCurrentIndex(max(index, 0))

    def set_user(self, username: str | None) -> None:
        index = self.user_combo.findData(username)
        self.user_combo.setCurrentIndex(max(index, 0))

    def _date(self, edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == _NO_DATE else date(value.year(), value.month(), value.day())

    def reload(self) -> bool:
        """Read the entries matching the filters again."""
        first, last = self._date(self.from_edit), self._date(self.to_edit)
        try:
            authorize(self._factory, self._actor, Action.VIEW_AUDIT, self._clock)
        except HANDLED as exc:
            self.model.set_rows([])
            show_result(self.message, error_message(exc), ok=False)
            return False
        with read_session(self._factory) as session:
            rows = audit_entries(
                session,
                patient_id=self.patient_combo.currentData(),
                username=self.user_combo.currentData(),
                field=self.field_edit.text().strip() or None,
                since=_moscow_midnight(first) if first else None,
                until=_moscow_midnight(last + timedelta(days=1)) if last else None,
            )
        self.model.set_rows(rows)
        self.count_label.setText(fill(self.tr("Entries: %1"), len(rows)))
        self.table.scrollToBottom()
        return True

    def verify(self) -> int | None:
        """Recompute the whole hash chain; report the first broken entry, if any."""
        with read_session(self._factory) as session:
            broken = verify_chain(session)
        if broken is None:
            show_result(self.message, self.tr("The chain is intact."), ok=True)
        else:
            text = self.tr("Integrity violation at entry No. %1.")
            show_result(self.message, fill(text, broken), ok=False)
        return broken

    def _on_export(self) -> None:
        stamp = to_moscow(self._clock()).strftime("%Y%m%d-%H%M")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export audit trail"), f"audit-{stamp}.csv", self.tr("CSV (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Write the entries shown to a CSV file."""
        try:
            export_audit(self._factory, self._actor, self.model.rows(), path, self._clock)
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        text = fill(self.tr("%1 entries exported to %2"), self.model.rowCount(), path)
        show_result(self.message, text, ok=True)
        return True
