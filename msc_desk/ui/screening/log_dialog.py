"""The screening log dialog: every screened patient and the CONSORT counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.models.enums import Arm
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.screening import (
    ConsortCounts,
    ScreeningLogRow,
    count_consort,
    screening_log,
)
from msc_desk.timekeeping import Clock, system_clock
from msc_desk.ui.labels import fill
from msc_desk.ui.screening.criteria_text import FAILURE_TEXT, failure_text
from msc_desk.ui.screening.log_model import LogColumn, ScreeningLogModel
from msc_desk.ui.screening.randomize_dialog import RandomizeDialog


class ScreeningLogDialogView(QDialog):
    """Layout: the CONSORT counts above the log table, and a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Screening log"))
        self.counts_label = QLabel(self)
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        self.counts_label.setWordWrap(True)
        self.reasons_label = QLabel(self)
        self.reasons_label.setWordWrap(True)
        self.model = ScreeningLogModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in LogColumn:
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column is LogColumn.REASONS
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.randomize_button = QPushButton(self.tr("Randomize…"), self)
        self.randomize_button.setToolTip(
            self.tr("Randomize the chosen patient, found eligible but not randomized")
        )
        self.buttons.addButton(self.randomize_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.randomize_action = QAction(self.tr("Randomize…"), self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 560)


class ScreeningLogDialog(ScreeningLogDialogView):
    """Reads the screening log and the CONSORT flow when opened and on `reload()`.

    A patient saved eligible but not randomized can be randomized from here (button and
    context menu), by whoever may randomize, when `reveal_key` is given.

    Signals:
        patient_randomized(int): a patient (id) was randomized from the log.
    """

    patient_randomized = Signal(int)

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        include_demo: bool = False,
        clock: Clock = system_clock,
        reveal_key: Callable[[], bytes] | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._include_demo, self._reveal_key = include_demo, reveal_key
        self._may_randomize = reveal_key is not None and is_allowed(actor, Action.RANDOMIZE)
        self.randomize_button.setVisible(self._may_randomize)
        self.randomize_dialog: RandomizeDialog | None = None
        self._connect_callbacks()
        self.reload()

    def _connect_callbacks(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.randomize_button.clicked.connect(self.randomize_selected)
        self.randomize_action.triggered.connect(self.randomize_selected)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)

    def reload(self) -> None:
        rows = screening_log(
            self._factory, self._actor, include_demo=self._include_demo, clock=self._clock
        )
        self.model.set_rows(rows)
        self._show_counts(count_consort(rows))
        self.table.setFocus()

    def selected_row(self) -> ScreeningLogRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_actions(self) -> None:
        row = self.selected_row()
        enabled = self._may_randomize and row is not None and row.eligible_not_randomized
        self.randomize_button.setEnabled(enabled)
        self.randomize_action.setEnabled(enabled)

    def _on_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid() or not self._may_randomize:
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.randomize_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def randomize_selected(self) -> RandomizeDialog | None:
        """Open the randomization of the chosen patient (eligible, not yet randomized)."""
        row = self.selected_row()
        if row is None or not row.eligible_not_randomized or self._reveal_key is None:
            return None
        dialog = RandomizeDialog(
            self._factory,
            self._actor,
            self._clock,
            self._reveal_key,
            row.patient_id,
            row.study_id,
            row.shock_onset_at,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.randomized.connect(self._on_randomized)
        self.randomize_dialog = dialog
        dialog.destroyed.connect(self._forget_dialog)
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.randomize_dialog = None

    def _on_randomized(self, patient_id: int) -> None:
        self.reload()
        self.patient_randomized.emit(patient_id)

    def _show_counts(self, counts: ConsortCounts) -> None:
        self.counts_label.setText(
            fill(
                self.tr(
                    "Screened: %1 · not enrolled: %2 · eligible, not randomized: %3 ·"
                    " randomized: %4 (MSC arm %5, control arm %6)"
                ),
                counts.screened,
                counts.excluded,
                counts.eligible_not_randomized,
                sum(counts.randomized_by_arm.values()),
                counts.randomized_by_arm.get(Arm.MSC, 0),
                counts.randomized_by_arm.get(Arm.CONTROL, 0),
            )
        )
        order = list(FAILURE_TEXT)
        reasons = sorted(
            counts.excluded_by_reason.items(),
            key=lambda item: (-item[1], order.index(item[0]) if item[0] in order else len(order)),
        )
        if not reasons:
            self.reasons_label.setText(self.tr("Reasons for not enrolling: none so far."))
            return
        listed = "\n".join(f"    {failure_text(code)}: {count}" for code, count in reasons)
        title = self.tr("Reasons for not enrolling (a patient counts under each of them):")
        self.reasons_label.setText(f"{title}\n{listed}")
