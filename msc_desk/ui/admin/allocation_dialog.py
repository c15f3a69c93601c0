"""Administration → Import allocation list…: this laptop's device ID, then a signed list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import remaining_slots
from msc_desk.services.randomization_key import randomization_public_key
from msc_desk.services.trial_setup import center_key_info, import_allocation_file, this_device_uid
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED, error_message

MONO_STYLE = "QLabel { font-family: monospace; font-weight: bold; }"


class AllocationImportDialog(QDialog):
    """Import a signed allocation list; shows what was imported or why it was refused."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        data_dir: Path,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._data_dir, self._clock = factory, actor, data_dir, clock
        self.setWindowTitle(self.tr("Import allocation list"))
        self.device_label = QLabel(this_device_uid(factory), self)
        self.device_label.setStyleSheet(MONO_STYLE)
        self.device_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.public_key = randomization_public_key(factory)
        self.randomization_key_label = QLabel(self.public_key or "", self)
        self.randomization_key_label.setStyleSheet(MONO_STYLE)
        self.randomization_key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.copy_button = QPushButton(self.tr("Copy the device ID and key"), self)
        self.copy_button.setEnabled(self.public_key is not None)
        if self.public_key is None:
            self.randomization_key_label.setText(
                self.tr(
                    "none yet: it is made at an investigator's first sign-in on this laptop."
                    " Ask the investigator to sign in, then open this window again."
                )
            )
            self.randomization_key_label.setStyleSheet("")
            self.randomization_key_label.setWordWrap(True)
        self.key_label = QLabel(self)
        self.remaining_label = QLabel(self)
        note = QLabel(
            self.tr(
                "Send this device ID and the randomization key to the coordinating center: the"
                " list it signs is valid on this laptop only, and only this laptop's key opens"
                " it."
            ),
            self,
        )
        note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("Choose list file…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        form = QFormLayout()
        form.addRow(self.tr("Device ID:"), self.device_label)
        form.addRow(self.tr("Randomization key:"), self.randomization_key_label)
        form.addRow("", self.copy_button)
        form.addRow(self.tr("Center key:"), self.key_label)
        form.addRow(self.tr("Slots remaining:"), self.remaining_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
        self.import_button.clicked.connect(self._on_choose)
        self.close_button.clicked.connect(self.accept)
        self.copy_button.clicked.connect(self.copy_for_center)
        self._refresh()

    def copy_for_center(self) -> str:
        """Put the device ID and the randomization public key on the clipboard, for the center."""
        text = fill(
            self.tr("Device ID: %1\nRandomization key: %2"),
            self.device_label.text(),
            self.public_key or "",
        )
        QGuiApplication.clipboard().setText(text)
        show_result(self.message, self.tr("Copied. Send it to the coordinating center."), ok=True)
        return text

    def _refresh(self) -> None:
        info = center_key_info(self._factory)
        self.key_label.setText(info.paper_fingerprint if info else self.tr("not set"))
        self.remaining_label.setText(str(remaining_slots(self._factory)))

    def _on_choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Signed allocation list"),
            "",
            self.tr("Allocation lists (*.json);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Import one signed list file; the outcome is shown in the dialog."""
        try:
            imported = import_allocation_file(self._factory, self._actor, path, self._clock)
        except HANDLED as exc:
            text = fill(self.tr("The list was not imported. %1"), error_message(exc))
            show_result(self.message, text, ok=False)
            self._refresh()
            return False
        last = imported.first_slot + imported.slot_count - 1
        text = fill(
            self.tr("Imported %1 slots (numbers %2–%3). Slots remaining on this laptop: %4."),
            imported.slot_count,
            imported.first_slot,
            last,
            remaining_slots(self._factory),
        )
        show_result(self.message, text, ok=True)
        self._refresh()
        return True
