"""The status bar: demo marker, database file, signed-in user and device."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from msc_desk.ui.labels import fill
from msc_desk.ui.summary_tab import DEMO_BADGE_STYLE


def shorten_path(path: Path, limit: int = 40) -> str:
    """The path with the home folder as ~ and, if still long, only its last two parts."""
    text = str(path)
    home = str(Path.home())
    if text.startswith(home + "/"):
        text = "~" + text[len(home) :]
    if len(text) <= limit:
        return text
    return "…/" + "/".join(path.parts[-2:])


class TrialStatusBar(QStatusBar):
    """Permanent fields; temporary messages use the left side as usual."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.demo_label = QLabel(self.tr("DEMO DATA"), self)
        self.demo_label.setStyleSheet(DEMO_BADGE_STYLE)
        self.demo_label.setToolTip(self.tr("Synthetic patients for training; not trial data"))
        self.database_label = QLabel(self)
        self.user_label = QLabel(self)
        self.device_label = QLabel(self)
        self.addWidget(self.demo_label)
        for label in (self.database_label, self.user_label, self.device_label):
            self.addPermanentWidget(label)

    def set_fields(
        self, *, db_path: Path, user: str, role: str, device: str, is_demo: bool
    ) -> None:
        self.demo_label.setVisible(is_demo)
        self.database_label.setText(fill(self.tr("Database: %1"), shorten_path(db_path)))
        self.database_label.setToolTip(str(db_path))
        self.user_label.setText(fill(self.tr("%1 (%2)"), user, role))
        self.device_label.setText(fill(self.tr("Device: %1"), device))
