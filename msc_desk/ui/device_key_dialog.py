"""File → Laptop enrolment file for the center: the signed key file and its paper fingerprint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.device_enrolment import EnrolmentRefused, export_device_key
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.center_key_dialog import fingerprint_label, fingerprint_lines
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill
from msc_desk.ui.refusals import HANDLED, error_message

SUGGESTED_NAME = "msc-desk-device.json"


class DeviceKeyDialog(QDialog):
    """Writes the enrolment file once, then shows what the center compares it with on paper."""

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self.setWindowTitle(self.tr("Enrolment file for the coordinating center"))
        explanation = QLabel(
            self.tr(
                "The coordinating center accepts this laptop's export batches only after it has "
                "enrolled the laptop from this file. Save it to a USB stick or attach it to an "
                "e-mail, and give the center the key fingerprint shown after saving on paper or "
                "by telephone: the center compares the two before enrolling."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.device_label = QLabel(self)
        self.fingerprint_title = QLabel(self.tr("Device key fingerprint (for the center):"), self)
        self.fingerprint_label = fingerprint_label(self)
        self.registry_label = QLabel(self)
        self.registry_label.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save the file…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        # What only a saved file has to show.
        self._saved_widgets = (
            self.device_label,
            self.fingerprint_title,
            self.fingerprint_label,
            self.registry_label,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        for widget in (*self._saved_widgets, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
        self._show_fingerprints(False)
        self.save_button.clicked.connect(self._on_save)
        self.close_button.clicked.connect(self.accept)

    def _show_fingerprints(self, shown: bool) -> None:
        for widget in self._saved_widgets:
            widget.setVisible(shown)

    def _on_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the enrolment file"),
            SUGGESTED_NAME,
            self.tr("Enrolment files (*.json);;All files (*)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the enrolment file to `path` (never over an existing file); show the outcome."""
        try:
            done = export_device_key(self._factory, self._actor, path, self._clock)
        except FileExistsError:
            text = self.tr("A file with this name already exists: choose another name.")
            show_result(self.message, text, ok=False)
            return False
        except EnrolmentRefused:
            text = self.tr(
                "This laptop cannot be enrolled yet: it has no site record or no user keys. "
                "Finish the first set-up, then try again."
            )
            show_result(self.message, text, ok=False)
            return False
        except OSError as exc:
            text = fill(self.tr("The file could not be written: %1"), exc.strerror or str(exc))
            show_result(self.message, text, ok=False)
            return False
        except HANDLED as exc:
            show_result(self.message, error_message(exc), ok=False)
            return False
        self.device_label.setText(fill(self.tr("Laptop (device): %1"), done.device_id))
        self.fingerprint_label.setText(fingerprint_lines(done.key_fingerprint))
        self.registry_label.setText(
            fill(self.tr("User key registry fingerprint: %1"), done.registry_fingerprint)
        )
        self._show_fingerprints(True)
        show_result(self.message, fill(self.tr("Saved: %1"), str(done.path)), ok=True)
        return True
