"""The screening log dialog: every screened patient and the CONSORT counts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.models.enums import Arm
from msc_desk.services.screening import ConsortCounts, count_consort, screening_log
from msc_desk.ui.labels import fill
from msc_desk.ui.screening.criteria_text import FAILURE_TEXT, failure_text
from msc_desk.ui.screening.log_model import LogColumn, ScreeningLogModel


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 560)


class ScreeningLogDialog(ScreeningLogDialogView):
    """Reads the screening log and the CONSORT flow when opened and on `reload()`."""

    def __init__(
        self, factory: SessionFactory, parent: QWidget | None = None, *, include_demo: bool = False
    ) -> None:
        super().__init__(parent)
        self._factory, self._include_demo = factory, include_demo
        self._connect_callbacks()
        self.reload()

    def _connect_callbacks(self) -> None:
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        rows = screening_log(self._factory, include_demo=self._include_demo)
        self.model.set_rows(rows)
        self._show_counts(count_consort(rows))
        self.table.setFocus()

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
