"""«Исход исследования»: Kaplan–Meier by arm, 28-day mortality, log-rank, Fisher; saved as PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.analysis.survival import SurvivalAnalysis
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.trial_outcomes import trial_outcome
from msc_desk.timekeeping import Clock
from msc_desk.ui.charts.km_view import KaplanMeierView
from msc_desk.ui.labels import arm_label, fill
from msc_desk.ui.trial.background import BackgroundRead

REPORT_SIZE = QSize(1600, 900)


class TrialOutcomeWindow(QDialog):
    """The 28-day outcome of every randomized patient, read off the GUI thread."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        include_demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._include_demo = include_demo
        self.setWindowTitle(self.tr("Trial outcome"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1200, 660)
        self.view = KaplanMeierView(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("Reading…"))
        self.progress.setTextVisible(True)
        self.status = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.save_button = QPushButton(self.tr("Save PNG…"), self)
        self.save_button.setEnabled(False)
        close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.reader = BackgroundRead(self)
        self.reader.started.connect(self._on_started)
        self.reader.finished.connect(self._on_read)
        self.reader.failed.connect(self._on_failed)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self._on_save)
        close_button.clicked.connect(self.close)
        self.refresh()

    def refresh(self) -> None:
        """Read the outcome again (after a change to the data)."""
        factory, actor, clock = self._factory, self._actor, self._clock
        include_demo, now = self._include_demo, clock()
        self.reader.run(
            lambda: trial_outcome(
                factory,
                actor,
                include_demo=include_demo,
                now=now,
                arm_name=arm_label,
                clock=clock,
            )
        )

    def save_png(self, path: str | Path) -> bool:
        """Save the curves, counts and p-values at report size."""
        return self.view.save_png(path, REPORT_SIZE)

    def _on_started(self) -> None:
        self.progress.setVisible(True)
        self.status.setText("")

    def _on_read(self, analysis: object) -> None:
        assert isinstance(analysis, SurvivalAnalysis)
        self.progress.setVisible(False)
        self.view.show_analysis(analysis)
        randomized = sum(count.patients for count in analysis.mortality)
        self.status.setText(fill(self.tr("Randomized patients: %1"), randomized))
        self.save_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.status.setText(fill(self.tr("Could not read the outcome: %1"), message))

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PNG"), "km-28d.png", self.tr("PNG image (*.png)")
        )
        if path and not self.save_png(path):
            self.status.setText(fill(self.tr("Could not write %1"), path))
