"""Administration → Coordinating center key…: load the key file, compare with the paper copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.center.allocation import key_fingerprint, paper_fingerprint
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.trial_setup import center_key_info, read_center_public_key, trust_center_key
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.refusals import HANDLED, error_message

FINGERPRINT_STYLE = "QLabel { font-family: monospace; font-size: 13pt; font-weight: bold; }"
GROUPS_PER_LINE = 4


def fingerprint_lines(paper: str) -> str:
    """A paper fingerprint's 16 groups in 4 lines of 4, as it is read aloud and compared."""
    groups = paper.split()
    return "\n".join(
        " ".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    )


def fingerprint_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(FINGERPRINT_STYLE)
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CenterKeyDialog(QDialog):
    """Shows the trusted key's paper fingerprint; a loaded key is trusted only once confirmed."""

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._pending: bytes | None = None
        self.setWindowTitle(self.tr("Coordinating center key"))
        self.current_label = fingerprint_label(self)
        self.pending_label = fingerprint_label(self)
        self.compare_note = QLabel(
            self.tr(
                "Compare this fingerprint, character by character, with the paper copy "
                "received from the coordinating center. Confirm only if they are identical."
            ),
            self,
        )
        self.compare_note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.load_button = QPushButton(self.tr("Load key file…"), self)
        self.confirm_button = QPushButton(self.tr("Fingerprints match — trust this key"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Trusted key (paper fingerprint):"), self))
        layout.addWidget(self.current_label)
        layout.addSpacing(8)
        self.pending_title = QLabel(self.tr("Loaded key, not yet trusted:"), self)
        layout.addWidget(self.pending_title)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.compare_note)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
        self._connect_callbacks()
        self._refresh()

    def _connect_callbacks(self) -> None:
        self.load_button.clicked.connect(self._on_load)
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button.clicked.connect(self.accept)

    def _refresh(self) -> None:
        info = center_key_info(self._factory)
        self.current_label.setText(
            fingerprint_lines(info.paper_fingerprint) if info else self.tr("not set")
        )
        waiting = self._pending is not None
        for widget in (self.pending_title, self.pending_label, self.compare_note):
            widget.setVisible(waiting)
        self.confirm_button.setEnabled(waiting)

    def _on_load(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Center public key"),
            "",
            self.tr("Key files (*.pem *.pub *.txt);;All files (*)"),
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        """Read a key file and show its fingerprint for comparison (nothing is trusted yet)."""
        try:
            key = read_center_public_key(path.read_bytes())
        except HANDLED as exc:
            self._pending = None
            show_result(self.message, error_message(exc), ok=False)
            self._refresh()
            return False
        self._pending = key
        self.pending_label.setText(fingerprint_lines(paper_fingerprint(key_fingerprint(key))))
        self.message.clear()
        self._refresh()
        return True

    def confirm(self) -> bool:
        if self._pending is None:
            return False
        try:
            trust_center_key(self._factory, self._actor, self._pending, self._clock)
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self._pending = None
        show_result(self.message, self.tr("The center key is now trusted."), ok=True)
        self._refresh()
        return True
