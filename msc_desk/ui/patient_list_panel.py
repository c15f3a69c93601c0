"""The patient list: a search field over a sortable table, reporting the selected patient.

The list is read and prepared on the thread pool (`load`); meanwhile a progress line says so
and the GUI stays responsive. Column widths come from the longest text of each column, not
from measuring every row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.services.patients import PatientRow
from msc_desk.ui.labels import all_status_labels, fill
from msc_desk.ui.patient_list_model import (
    PATIENT_ID_ROLE,
    Column,
    PatientFilterProxy,
    PatientListModel,
    PreparedRows,
)
from msc_desk.ui.trial.background import BackgroundRead

_CELL_PADDING = 16  # the cell's margins and focus frame around the text


class PatientListPanel(QWidget):
    """Search field, patient table and a count line.

    Signals:
        patient_selected(int): the patient id of the newly selected row.
        selection_cleared(): no row is selected any more.
        loaded(): the rows of the latest `load` are shown.
        load_failed(str): the latest `load` raised; the text names the error.
    """

    patient_selected = Signal(int)
    selection_cleared = Signal()
    loaded = Signal()
    load_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PatientListModel(self)
        self.proxy = PatientFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search: study ID or status (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.STUDY_ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.count_label = QLabel(self)

        self.loading = QWidget(self)
        self.loading_label = QLabel(self.tr("Loading…"), self.loading)
        self.loading_progress = QProgressBar(self.loading)
        self.loading_progress.setRange(0, 0)  # busy: how long the read takes is not known
        self.loading_progress.setTextVisible(False)
        self.loading_progress.setMaximumHeight(self.fontMetrics().height())
        loading_row = QHBoxLayout(self.loading)
        loading_row.setContentsMargins(0, 0, 0, 0)
        loading_row.addWidget(self.loading_label)
        loading_row.addWidget(self.loading_progress, 1)
        self.loading.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.loading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.reader = BackgroundRead(self)
        self._connect_callbacks()
        self._fit_columns()
        self._update_count()

    def _fit_columns(self) -> None:
        """Size each column to its title and longest text (status: any patient's, listed or not)."""
        header = self.table.horizontalHeader()
        bold = QFont(self.table.font())
        bold.setBold(True)
        cell, strong = QFontMetrics(self.table.font()), QFontMetrics(bold)
        title = QFontMetrics(header.font())
        sort_arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
        titles = self.model.titles()
        for column in Column:
            texts = all_status_labels() if column is Column.STATUS else [self.model.longest[column]]
            # The study id is bold, and so is an overdue next visit.
            metrics = strong if column in (Column.STUDY_ID, Column.NEXT_VISIT) else cell
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            heading = title.horizontalAdvance(titles[column]) + sort_arrow
            header.resizeSection(column, max(widest, heading) + _CELL_PADDING)
        self._keep_columns_whole()

    def _keep_columns_whole(self) -> None:
        # The splitter may not narrow the list below its columns: the patient view gives way.
        columns = self.table.horizontalHeader().length()
        scroll_bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.table.setMinimumWidth(columns + scroll_bar + 2 * self.table.frameWidth())

    def _connect_callbacks(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.reader.finished.connect(self._on_loaded)
        self.reader.failed.connect(self._on_load_failed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)

    def _on_section_resized(self, _column: int, _old: int, _new: int) -> None:
        self._keep_columns_whole()

    def set_rows(self, rows: list[PatientRow]) -> None:
        """Show these patients now, keeping the selected one selected if still listed."""
        self.reader.cancel()
        self._show(self.model.prepare(rows))

    def load(self, read: Callable[[], list[PatientRow]]) -> None:
        """Read the patients with `read` on the thread pool, then show them (`loaded`).

        A load still running is superseded. `read` must not touch Qt widgets.
        """
        model = self.model
        self.loading.show()
        self._update_count()
        self.reader.run(lambda: model.prepare(read()))

    @property
    def is_loading(self) -> bool:
        return self.reader.busy

    def wait_loaded(self, msecs: int = 30_000) -> bool:
        """Block until the running load is shown (tests, benchmarks); whether it is."""
        return self.reader.wait_shown(msecs)

    def _on_loaded(self, prepared: object) -> None:
        assert isinstance(prepared, PreparedRows)
        self._show(prepared)
        self.loaded.emit()

    def _on_load_failed(self, message: str) -> None:
        self.loading.hide()
        self._update_count()
        self.load_failed.emit(message)

    def _show(self, prepared: PreparedRows) -> None:
        self.loading.hide()
        keep = self.selected_patient_id()
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.set_prepared(prepared)
        self.table.selectionModel().blockSignals(blocker)
        self._fit_columns()
        if keep is not None and not self.select_patient(keep):
            self.selection_cleared.emit()

    def clear(self) -> None:
        """Forget every patient shown, and the search text; a load running is dropped."""
        self.reader.cancel()
        self.loading.hide()
        self.search_edit.clear()
        self.model.clear()
        self.selection_cleared.emit()

    def selected_patient_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(PATIENT_ID_ROLE) if rows else None

    def select_patient(self, patient_id: int) -> bool:
        """Select a patient's row if it is listed and passes the search; whether it is."""
        row = self.model.row_of(patient_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        patient_id = self.selected_patient_id()
        if patient_id is None:
            self.selection_cleared.emit()
        else:
            self.patient_selected.emit(patient_id)

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_count()

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected (Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not self.loading.isHidden() and total == 0:
            self.count_label.clear()  # not "Patients: 0" before the first rows arrive
        elif shown == total:
            self.count_label.setText(fill(self.tr("Patients: %1"), total))
        else:
            self.count_label.setText(fill(self.tr("Shown %1 of %2"), shown, total))
