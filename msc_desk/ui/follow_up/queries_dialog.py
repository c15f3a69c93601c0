"""A patient's monitor queries: raised, answered, closed; each step through its service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msc_desk.services.permissions import Action
from msc_desk.services.queries import QueryRow, close_query, list_queries
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.follow_up.adverse_event_model import QUERY_BACKGROUND
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.messages import HANDLED, field_name, follow_up_message
from msc_desk.ui.follow_up.query_dialogs import AnswerQueryDialog, RaiseQueryDialog
from msc_desk.ui.labels import fill, format_moscow, visit_label


class QueriesDialog(QDialog):
    """Every query of one patient, newest first; open ones are shaded."""

    def __init__(
        self,
        context: FollowUpContext,
        patient_id: int,
        study_id: str,
        *,
        form: str | None = None,
        visit_id: int | None = None,
        record_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context, self._patient = context, (patient_id, study_id)
        self._target = None if form is None else (form, visit_id, record_id)
        self.rows: list[QueryRow] = []
        self.child: QDialog | None = None
        self.setWindowTitle(fill(self.tr("Monitor queries — %1"), study_id))
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("State"), self.tr("Form"), self.tr("Field"), self.tr("Query"),
             self.tr("Raised"), self.tr("Answer")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.raise_button = QPushButton(self.tr("Raise query…"), self)
        self.answer_button = QPushButton(self.tr("Answer…"), self)
        self.close_button = QPushButton(self.tr("Close query"), self)
        self.raise_button.setVisible(context.may(Action.RAISE_QUERY))
        self.close_button.setVisible(context.may(Action.RAISE_QUERY))
        self.answer_button.setVisible(context.may(Action.ANSWER_QUERY))
        self.raise_button.clicked.connect(self.raise_new)
        self.answer_button.clicked.connect(self.answer_selected)
        self.close_button.clicked.connect(self.close_selected)
        actions = QHBoxLayout()
        for button in (self.raise_button, self.answer_button, self.close_button):
            actions.addWidget(button)
        actions.addStretch(1)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        done.rejected.connect(self.reject)
        actions.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.resize(1000, 420)
        self.reload()

    def reload(self) -> None:
        context = self._context
        try:
            self.rows = list_queries(
                context.factory, context.actor, self._patient[0], context.clock
            )
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            cells = [
                self._state(row),
                self._where(row),
                self.tr("the whole form") if row.field is None else field_name(row.field),
                row.text,
                fill(self.tr("%1, %2"), row.raised_by, format_moscow(row.raised_at)),
                ""
                if row.answer is None
                else fill(self.tr("%1 (%2)"), row.answer, row.answered_by or ""),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if row.is_open:
                    item.setBackground(QBrush(QUERY_BACKGROUND))
                item.setData(Qt.ItemDataRole.UserRole, row.query_id)
                self.table.setItem(number, column, item)
        if not self.rows:
            self.message.setText(self.tr("No queries."))

    def _answer(self, row: QueryRow) -> str:
        if row.answer is None:
            return ""
        return fill(self.tr("%1 (%2)"), row.answer, row.answered_by or "")

    def _state(self, row: QueryRow) -> str:
        return {
            "open": self.tr("open"),
            "answered": self.tr("answered, awaiting the monitor"),
            "closed": self.tr("closed"),
        }[row.state]

    def _where(self, row: QueryRow) -> str:
        if row.form == "visit":
            return visit_label(row.study_day) if row.study_day is not None else self.tr("Visit")
        if row.form == "adverse_event":
            return self.tr("Adverse event")
        return self.tr("Outcome")

    def selected(self) -> QueryRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def raise_new(self) -> QDialog:
        dialog = RaiseQueryDialog(self._context, *self._patient, target=self._target, parent=self)
        return self._show(dialog)

    def answer_selected(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            show_result(self.message, self.tr("Choose a query in the list."), ok=False)
            return None
        return self._show(AnswerQueryDialog(self._context, row, parent=self))

    def close_selected(self) -> bool:
        row = self.selected()
        if row is None:
            show_result(self.message, self.tr("Choose a query in the list."), ok=False)
            return False
        context = self._context
        try:
            close_query(context.factory, context.actor, row.query_id, context.clock)
        except HANDLED as exc:
            show_result(self.message, follow_up_message(exc), ok=False)
            return False
        show_result(self.message, self.tr("The query is closed."), ok=True)
        self.reload()
        return True

    def _show(self, dialog: QDialog) -> QDialog:
        self.child = dialog
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog
