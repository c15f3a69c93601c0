"""The «Нежелательные явления» tab: the patient's adverse events, serious ones first in sight."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
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

from msc_desk.services.adverse_events import AdverseEventRow, list_adverse_events
from msc_desk.services.permissions import Action
from msc_desk.services.queries import QueryRow, list_queries
from msc_desk.services.signatures import casebook_signature
from msc_desk.ui.follow_up.adverse_event_dialog import (
    COMPLETION_STYLE,
    SERIOUS_STYLE,
    AdverseEventDialog,
)
from msc_desk.ui.follow_up.adverse_event_model import AdverseEventModel, Column
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.messages import HANDLED, follow_up_message
from msc_desk.ui.follow_up.queries_dialog import QueriesDialog
from msc_desk.ui.labels import fill
from msc_desk.ui.patient_parts import EventsRead


class AdverseEventsTab(QWidget):
    """The list, a banner when serious events need expedited reporting, and the actions.

    Signals:
        changed(): an event or a query changed (the patient list may need reloading).
    """

    changed = Signal()

    def __init__(self, context: FollowUpContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._patient: tuple[int, str] | None = None
        self.dialog: QDialog | None = None
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(SERIOUS_STYLE)
        self.incomplete_banner = QLabel(self)
        self.incomplete_banner.setWordWrap(True)
        self.incomplete_banner.setStyleSheet(COMPLETION_STYLE)
        self.incomplete_banner.hide()
        self.model = AdverseEventModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.empty = QLabel(self.tr("No adverse events recorded."), self)
        self.add_button = QPushButton(self.tr("New adverse event…"), self)
        self.open_button = QPushButton(self.tr("Open…"), self)
        self.queries_button = QPushButton(self.tr("Monitor queries…"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.lock_label = QLabel(self)
        self.lock_label.setWordWrap(True)
        self.lock_label.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.queries_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.incomplete_banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addWidget(self.lock_label)
        layout.addLayout(buttons)
        self.add_button.setVisible(context.may(Action.ENTER_DATA))
        self.add_button.clicked.connect(self.new_event)
        self.open_button.clicked.connect(self.open_selected)
        self.queries_button.clicked.connect(self.open_queries)

    def show_patient(
        self, patient_id: int, study_id: str, read: EventsRead | Exception | None = None
    ) -> None:
        """Show a patient's events: `read` already read off the GUI thread, or read now."""
        self._patient = (patient_id, study_id)
        if read is None:
            self.reload()
        else:
            self.show_read(read)

    def clear(self) -> None:
        self._patient = None
        self.model.set_rows([], {}, blinded=False)
        self.banner.hide()
        self.incomplete_banner.hide()
        self.message.clear()

    def reload(self) -> None:
        if self._patient is None:
            return
        context = self._context
        try:
            rows = list_adverse_events(
                context.factory, context.actor, self._patient[0], context.clock
            )
            queries = list_queries(context.factory, context.actor, self._patient[0], context.clock)
            signed = casebook_signature(
                context.factory, context.actor, self._patient[0], context.clock
            ).signed
        except HANDLED as exc:
            self.show_read(exc)
            return
        self.show_read(EventsRead(rows, queries, signed))

    def show_read(self, read: EventsRead | Exception) -> None:
        """Fill the tab from what was read, or say why it could not be read."""
        if isinstance(read, Exception):
            self.model.set_rows([], {}, blinded=False)
            self.message.setText(follow_up_message(read))
            return
        context = self._context
        rows, queries, signed = read.rows, read.queries, read.signed
        self.model.set_rows(
            rows, _open_per_event(queries), blinded=not context.may(Action.VIEW_ALLOCATION)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, max(220, min(self.table.sizeHintForColumn(0), 320)))
        serious = sum(1 for row in rows if row.serious)
        self.banner.setVisible(serious > 0)
        self.banner.setText(
            fill(
                self.tr(
                    "Serious adverse events: %1. Each is reported within 24 hours to the sponsor"
                    " and the ethics committee (expedited reporting)."
                ),
                serious,
            )
        )
        incomplete = sum(1 for row in rows if row.incomplete)
        self.incomplete_banner.setVisible(incomplete > 0)
        self.incomplete_banner.setText(
            fill(
                self.tr(
                    "Adverse events to be completed: %1. Open each and fill in the grade,"
                    " seriousness, action taken and outcome."
                ),
                incomplete,
            )
        )
        self.empty.setVisible(not rows)
        self.open_button.setEnabled(bool(rows))
        self.add_button.setEnabled(not signed)
        self.lock_label.setVisible(signed)
        self.lock_label.setText(
            self.tr(
                "The casebook is signed: adverse events are locked. An investigator removes the"
                " signature, with a reason, before any change."
            )
            if signed
            else ""
        )
        open_total = sum(1 for query in queries if query.is_open)
        self.queries_button.setText(
            fill(self.tr("Monitor queries (%1 open)…"), open_total)
            if open_total
            else self.tr("Monitor queries…")
        )

    def selected(self) -> AdverseEventRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def new_event(self, initial: dict[str, object] | None = None) -> QDialog | None:
        if self._patient is None:
            return None
        dialog = AdverseEventDialog(self._context, *self._patient, initial=initial, parent=self)
        return self._show(dialog)

    def open_selected(self) -> QDialog | None:
        event = self.selected()
        if self._patient is None or event is None:
            return None
        dialog = AdverseEventDialog(self._context, *self._patient, event=event, parent=self)
        return self._show(dialog)

    def open_queries(self) -> QDialog | None:
        if self._patient is None:
            return None
        event = self.selected()
        dialog = QueriesDialog(
            self._context,
            *self._patient,
            form="adverse_event",
            record_id=None if event is None else event.event_id,
            parent=self,
        )
        return self._show(dialog)

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(self._after_dialog)
        dialog.open()
        return dialog

    def _after_dialog(self) -> None:
        self.reload()
        self.changed.emit()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.open_selected()


def _open_per_event(queries: list[QueryRow]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for query in queries:
        if query.is_open and query.form == "adverse_event" and query.record_id is not None:
            counts[query.record_id] = counts.get(query.record_id, 0) + 1
    return counts


__all__ = ["AdverseEventsTab", "Column"]
