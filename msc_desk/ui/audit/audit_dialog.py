"""Service → Audit trail…: filtered audit entries in words, one in full, chain head, CSV export."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import msc_desk.catalogue as catalogue
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.audit_review import ChainHead, export_audit, read_audit, verify_chain
from msc_desk.services.patients import patient_study_ids
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.session import read_session
from msc_desk.services.users import list_users
from msc_desk.timekeeping import MOSCOW, Clock, to_moscow
from msc_desk.ui.audit.audit_detail import AuditDetail
from msc_desk.ui.audit.audit_model import AuditColumn, AuditModel
from msc_desk.ui.audit.audit_text import language
from msc_desk.ui.audit.identification_dialog import IdentificationTrailDialog
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import DASH, fill
from msc_desk.ui.refusals import HANDLED, error_message

_NO_DATE = QDate(2000, 1, 1)


def _moscow_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), MOSCOW)


class AuditDialog(QDialog):
    """The audit trail, filtered by patient, form, field, user and Moscow dates (read-only)."""

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
        self.head: ChainHead | None = None
        self.setWindowTitle(self.tr("Audit trail"))
        self._study_ids: dict[int, str] = {}
        self.patient_combo = QComboBox(self)
        self.patient_combo.addItem(self.tr("All patients"), None)
        for listed_id, study_id in patient_study_ids(factory, actor, clock):
            self._study_ids[listed_id] = study_id
            self.patient_combo.addItem(study_id, listed_id)
        self.form_combo = QComboBox(self)
        self.form_combo.addItem(self.tr("All forms"), None)
        lang = language()
        for table in sorted(catalogue.TABLES, key=lambda item: item.title(lang)):
            self.form_combo.addItem(table.title(lang), table.name)
        self.field_combo = QComboBox(self)
        self.user_combo = QComboBox(self)
        self.user_combo.addItem(self.tr("All users"), None)
        for user in list_users(factory):
            self.user_combo.addItem(f"{user.username} — {user.full_name}", user.username)
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setDefault(True)
        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((AuditColumn.CHANGE, 280), (AuditColumn.FIELD, 180)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.detail = AuditDetail(self)
        self.head_label = QLabel(self)
        self.head_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("Verify integrity"), self)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        # Identifiers have a trail of their own; the button is there only for those who may read it.
        self.identification_button = QPushButton(self.tr("Identification trail…"), self)
        self.identification_button.setVisible(is_allowed(actor, Action.VIEW_IDENTIFICATION))
        self.close_button = QPushButton(self.tr("Close"), self)
        self._lay_out()
        self._fill_fields()
        self._connect_callbacks()
        if patient_id is not None:
            self.set_patient(patient_id)
        self.reload()

    def _lay_out(self) -> None:
        filters = QGridLayout()
        cells = (
            (self.tr("Patient:"), self.patient_combo),
            (self.tr("Form:"), self.form_combo),
            (self.tr("Field:"), self.field_combo),
            (self.tr("User:"), self.user_combo),
            (self.tr("From:"), self.from_edit),
            (self.tr("To:"), self.to_edit),
        )
        for index, (title, widget) in enumerate(cells):
            row, column = divmod(index, 3)
            filters.addWidget(QLabel(title, self), row, column * 2)
            filters.addWidget(widget, row, column * 2 + 1)
        for column in (1, 3, 5):
            filters.setColumnStretch(column, 1)
        filters.addWidget(self.apply_button, 1, 6)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.identification_button)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.head_label)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1340, 680)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(DASH)
        edit.setDate(_NO_DATE)
        return edit

    def _connect_callbacks(self) -> None:
        self.apply_button.clicked.connect(self.reload)
        self.patient_combo.currentIndexChanged.connect(self.reload)
        self.form_combo.currentIndexChanged.connect(self._on_form_changed)
        self.field_combo.currentIndexChanged.connect(self.reload)
        self.user_combo.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self._on_export)
        self.identification_button.clicked.connect(self.open_identification_trail)
        self.close_button.clicked.connect(self.accept)

    def _fill_fields(self) -> None:
        self.field_combo.blockSignals(True)
        self.field_combo.clear()
        self.field_combo.addItem(self.tr("All fields"), None)
        table = catalogue.table(self.form_combo.currentData() or "")
        if table is not None:
            lang = language()
            for column in table.columns:
                self.field_combo.addItem(column.label(lang), column.name)
        self.field_combo.setEnabled(table is not None)
        self.field_combo.blockSignals(False)

    def _on_form_changed(self) -> None:
        self._fill_fields()
        self.reload()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        row = self.model.row_at(indexes[0].row()) if indexes else None
        self.detail.show_row(row, self.model.study_id(row.patient_id) if row else "")

    def open_identification_trail(self) -> IdentificationTrailDialog:
        dialog = IdentificationTrailDialog(
            self._factory,
            self._actor,
            self._clock,
            self._study_ids,
            patient_id=self.patient_combo.currentData(),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_patient(self, patient_id: int | None) -> None:
        index = self.patient_combo.findData(patient_id)
        self.patient_combo.setCurrentIndex(max(index, 0))

    def set_user(self, username: str | None) -> None:
        index = self.user_combo.findData(username)
        self.user_combo.setCurrentIndex(max(index, 0))

    def set_form(self, table: str | None, field: str | None = None) -> None:
        self.form_combo.setCurrentIndex(max(self.form_combo.findData(table), 0))
        if field is not None:
            self.field_combo.setCurrentIndex(max(self.field_combo.findData(field), 0))

    def _date(self, edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == _NO_DATE else date(value.year(), value.month(), value.day())

    def reload(self) -> bool:
        """Read the entries matching the filters again."""
        first, last = self._date(self.from_edit), self._date(self.to_edit)
        try:
            rows, head = read_audit(
                self._factory,
                self._actor,
                self._clock,
                patient_id=self.patient_combo.currentData(),
                table=self.form_combo.currentData(),
                field=self.field_combo.currentData(),
                username=self.user_combo.currentData(),
                since=_moscow_midnight(first) if first else None,
                until=_moscow_midnight(last + timedelta(days=1)) if last else None,
            )
        except HANDLED as exc:
            self.model.set_rows([])
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.model.set_rows(rows, self._study_ids)
        self.detail.show_row(None)
        self.head = head
        self.count_label.setText(fill(self.tr("Entries: %1"), len(rows)))
        self.head_label.setText(
            fill(
                self.tr("Chain head to write down: %1 entries, hash %2"),
                head.count,
                head.grouped(),
            )
        )
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
