"""Monitor queries on the visit form: field markers, and raise, answer and close from the form."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMenu, QPushButton, QWidget

from msc_desk.services.permissions import Action
from msc_desk.services.queries import QueryRow, close_query, list_queries
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.messages import HANDLED, follow_up_message
from msc_desk.ui.follow_up.queries_dialog import QueriesDialog
from msc_desk.ui.follow_up.query_dialogs import AnswerQueryDialog, RaiseQueryDialog
from msc_desk.ui.labels import fill
from msc_desk.ui.locale_input import DateTimeInput
from msc_desk.ui.visits.field_row import FieldRow, set_style, set_text

MARKED_LABEL = (
    "QLabel { background: #fef3c7; color: #7c2d12; border-left: 3px solid #d97706;"
    " padding-left: 4px; }"
)
MARKED_VALUE = "border: 2px solid #d97706;"
_FORM_NOTE = (
    "QLabel { background: #fef3c7; color: #7c2d12; border: 1px solid #d97706;"
    " border-radius: 4px; padding: 6px 10px; }"
)
_ERROR = "QLabel { color: #b71c1c; }"
_SHORT = 48


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _SHORT else line[: _SHORT - 1] + "…"


class FormQueries(QObject):
    """The open queries of one visit, marked on their fields and on the form.

    A field with an open query (not yet closed) gets an amber frame, a marked label and the
    query in its tooltip. The right-click menu of a field offers what the role may do: the
    monitor raises a query on it and closes an answered one; the investigator or nurse
    answers (correcting the value with a reason where needed). Its widgets belong to the
    form, which lays them out.

    Signals:
        changed(): a query was raised, answered or closed (a correction may change values).
    """

    changed = Signal()

    def __init__(
        self,
        context: FollowUpContext | None,
        patient_id: int,
        study_id: str,
        rows: Mapping[str, FieldRow],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._form, self._context = parent, context
        self._patient = (patient_id, study_id)
        self._rows = rows
        self.visit_id: int | None = None
        self.queries: list[QueryRow] = []
        self.child: QDialog | None = None
        self._labels: dict[str, str] = {}
        self._tips: dict[str, str] = {}
        self.form_note = QLabel(parent)
        self.form_note.setWordWrap(True)
        self.form_note.setStyleSheet(_FORM_NOTE)
        self.form_note.hide()
        self.list_button = QPushButton(self.tr("Queries…"), parent)
        self.raise_button = QPushButton(self.tr("Query on the form…"), parent)
        for button in (self.list_button, self.raise_button):
            button.setAutoDefault(False)
            button.hide()
        self.list_button.clicked.connect(self.open_list)
        self.raise_button.clicked.connect(lambda: self.open_raise(None))

    def attach(self) -> None:
        """Take the form's fields once they are all built: their labels and right-click menus."""
        self._labels = {name: row.label.text() for name, row in self._rows.items()}
        self._tips = {name: row.value_widget.toolTip() for name, row in self._rows.items()}
        for name, row in self._rows.items():
            if row.item.computed:
                continue
            for widget in (row.label, self._target(row)):
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                widget.customContextMenuRequested.connect(
                    lambda point, name=name, widget=widget: self._show_menu(name, widget, point)
                )

    def _may(self, action: Action) -> bool:
        return self._context is not None and self._context.may(action)

    @staticmethod
    def _target(row: FieldRow) -> QWidget:
        widget = row.value_widget
        return widget.date_edit if isinstance(widget, DateTimeInput) else widget

    # -- reading ------------------------------------------------------------------------------

    def set_visit(self, visit_id: int | None) -> None:
        """The visit record of the form (None until it is first saved: nothing to query)."""
        self.visit_id = visit_id
        self.reload()

    def reload(self) -> None:
        context = self._context
        if context is None or self.visit_id is None:
            self.queries = []
            self._show()
            return
        try:
            rows = list_queries(context.factory, context.actor, self._patient[0], context.clock)
        except HANDLED as exc:
            self.form_note.setStyleSheet(_ERROR)
            self.form_note.setText(follow_up_message(exc))
            self.form_note.show()
            return
        self.queries = [
            row for row in rows if row.form == "visit" and row.visit_id == self.visit_id
        ]
        self._show()

    def open_on(self, field: str | None) -> list[QueryRow]:
        """The open queries on a field (None: on the whole form), oldest first."""
        found = [row for row in self.queries if row.is_open and row.field == field]
        return sorted(found, key=lambda row: (row.raised_at, row.query_id))

    def _show(self) -> None:
        known = self.visit_id is not None and self._context is not None
        self.list_button.setVisible(known)
        self.raise_button.setVisible(known and self._may(Action.RAISE_QUERY))
        open_total = sum(1 for row in self.queries if row.is_open)
        self.list_button.setText(
            fill(self.tr("Queries (%1 open)…"), open_total) if open_total else self.tr("Queries…")
        )
        for name, row in self._rows.items():
            if not row.item.computed:
                self._mark(name, row, self.open_on(name))
        whole = self.open_on(None)
        if whole:
            lines = [self._line(query) for query in whole]
            self.form_note.setStyleSheet(_FORM_NOTE)
            self.form_note.setText(
                self.tr("Open query on the whole form:") + "\n" + "\n".join(lines)
            )
            self.form_note.show()
        else:
            self.form_note.hide()
            self.form_note.clear()

    def _mark(self, name: str, row: FieldRow, found: list[QueryRow]) -> None:
        target = self._target(row)
        if not found:
            set_text(row.label, self._labels[name])
            set_style(row.label, "")
            set_style(target, "")
            row.label.setToolTip("")
            target.setToolTip(self._tips[name])
            return
        tip = "\n".join(self._line(query) for query in found)
        tip += "\n" + self.tr("Right-click the field name to answer or close the query.")
        set_text(row.label, fill(self.tr("%1 · query"), self._labels[name]))
        set_style(row.label, MARKED_LABEL)
        set_style(target, MARKED_VALUE)
        row.label.setToolTip(tip)
        target.setToolTip(tip)

    def _line(self, query: QueryRow) -> str:
        if query.answer is None:
            return fill(self.tr("Query from %1: %2"), query.raised_by, query.text)
        return fill(
            self.tr("Query from %1: %2 — answered: %3 (awaiting the monitor)"),
            query.raised_by,
            query.text,
            query.answer,
        )

    # -- acting -------------------------------------------------------------------------------

    def field_menu(self, name: str, widget: QWidget | None = None) -> QMenu:
        """The right-click menu of a field: the standard edit actions, then the query actions."""
        if isinstance(widget, QLineEdit):
            menu = widget.createStandardContextMenu()
            menu.setParent(self._form, menu.windowFlags())
            menu.addSeparator()
        else:
            menu = QMenu(self._form)
        known = self.visit_id is not None
        label = self._labels[name]
        if known and self._may(Action.RAISE_QUERY):
            action = menu.addAction(fill(self.tr("Raise a query on «%1»…"), label))
            action.triggered.connect(lambda: self.open_raise(name))
        for query in self.open_on(name) if known else []:
            if self._may(Action.ANSWER_QUERY):
                action = menu.addAction(fill(self.tr("Answer the query «%1»…"), _short(query.text)))
                action.triggered.connect(lambda _=False, query=query: self.open_answer(query))
            if self._may(Action.RAISE_QUERY) and query.answer is not None:
                action = menu.addAction(fill(self.tr("Close the query «%1»"), _short(query.text)))
                action.triggered.connect(lambda _=False, query=query: self.close(query))
        if not known:
            action = menu.addAction(self.tr("Queries are raised on a saved form"))
            action.setEnabled(False)
        return menu

    def _show_menu(self, name: str, widget: QWidget, point: QPoint) -> None:
        menu = self.field_menu(name, widget)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(widget.mapToGlobal(point))

    def open_raise(self, field: str | None) -> QDialog | None:
        if self._context is None or self.visit_id is None:
            return None
        dialog = RaiseQueryDialog(
            self._context, *self._patient, target=("visit", self.visit_id, None), field=field,
            parent=self._form,
        )  # fmt: skip
        return self._open(dialog)

    def open_answer(self, query: QueryRow) -> QDialog | None:
        if self._context is None:
            return None
        return self._open(AnswerQueryDialog(self._context, query, parent=self._form))

    def open_list(self) -> QDialog | None:
        if self._context is None or self.visit_id is None:
            return None
        dialog = QueriesDialog(
            self._context, *self._patient, form="visit", visit_id=self.visit_id,
            parent=self._form,
        )  # fmt: skip
        self.child = dialog
        dialog.finished.connect(lambda _result: self._after())
        dialog.open()
        return dialog

    def close(self, query: QueryRow) -> bool:
        context = self._context
        if context is None:
            return False
        try:
            close_query(context.factory, context.actor, query.query_id, context.clock)
        except HANDLED as exc:
            self.form_note.setStyleSheet(_ERROR)
            self.form_note.setText(follow_up_message(exc))
            self.form_note.show()
            return False
        self._after()
        return True

    def _open(self, dialog: QDialog) -> QDialog:
        self.child = dialog
        dialog.accepted.connect(self._after)
        dialog.open()
        return dialog

    def _after(self) -> None:
        self.reload()
        self.changed.emit()
