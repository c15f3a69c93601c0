"""File → Export for the coordinating center…: a batch written off the GUI thread, the outbox."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.exchange import BatchFileError
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.export import ExportCancelled, ExportResult, export_batch, outbox
from msc_desk.services.export_identifiers import Finding, IdentifiersFound
from msc_desk.services.export_keys import ExportKeyError, center_keys_info
from msc_desk.services.export_receipts import ReceiptRefused, import_receipt
from msc_desk.services.permissions import PermissionDenied
from msc_desk.timekeeping import Clock
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.labels import fill


class ExportWorker(QThread):
    """Runs `export_batch` in its own thread; the dialog only hears its signals."""

    progressed = Signal(int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, factory: SessionFactory, actor: Actor, out_dir: Path, clock: Clock,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._factory, self._actor, self._out_dir, self._clock = factory, actor, out_dir, clock
        self.cancel_requested = threading.Event()

    def run(self) -> None:
        try:
            result = export_batch(
                self._factory, self._actor, self._out_dir, self._clock,
                progress=lambda percent, _step: self.progressed.emit(percent),
                cancelled=self.cancel_requested.is_set,
            )  # fmt: skip
        except Exception as exc:  # reported to the person in the dialog, never lost
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


class ExportDialog(QDialog):
    """Export a batch to a chosen folder, watch it, cancel it; the outbox and its receipts."""

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self.worker: ExportWorker | None = None
        self.setWindowTitle(self.tr("Export for the coordinating center"))
        self.keys_label = QLabel(self)
        self.keys_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export to a folder…"), self)
        self.cancel_button = QPushButton(self.tr("Cancel export"), self)
        self.cancel_button.setEnabled(False)
        self.receipt_button = QPushButton(self.tr("Import receipt…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.outbox_list = QListWidget(self)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.cancel_button, self.receipt_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Batches not yet acknowledged by the center:"), self))
        layout.addWidget(self.outbox_list, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)
        self.export_button.clicked.connect(self._choose_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.receipt_button.clicked.connect(self._choose_receipt)
        self.close_button.clicked.connect(self.accept)
        self._refresh()

    def _refresh(self) -> None:
        info = center_keys_info(self._factory)
        if info is None:
            self.keys_label.setText(
                self.tr("No center keys have been imported: ask the site administrator.")
            )
        else:
            self.keys_label.setText(
                fill(self.tr("Encrypted for the center key %1"), info.operational_fingerprint)
            )
        self.export_button.setEnabled(info is not None and self.worker is None)
        self.outbox_list.clear()
        for entry in outbox(self._factory):
            when = entry.created_at.strftime("%d.%m.%Y %H:%M")
            self.outbox_list.addItem(
                fill(self.tr("Batch %1 of %2: %3"), entry.sequence, when, entry.folder_name)
            )

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the batch"))
        if folder:
            self.start_export(Path(folder))

    def start_export(self, out_dir: Path) -> ExportWorker:
        """Start writing a batch into `out_dir` in a worker thread."""
        self.progress.setValue(0)
        self.message.clear()
        self.worker = ExportWorker(self._factory, self._actor, out_dir, self._clock, self)
        self.worker.progressed.connect(self.progress.setValue)
        self.worker.succeeded.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_finished)
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.worker.start()
        return self.worker

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel_requested.set()

    def _on_done(self, result: ExportResult) -> None:
        self.progress.setValue(100)
        text = fill(self.tr("Exported: batch %1, %2"), result.sequence, str(result.path))
        show_result(self.message, text, ok=True)

    def _on_failed(self, error: Exception) -> None:
        self.progress.setValue(0)
        show_result(self.message, self.refusal_text(error), ok=False)

    def _on_finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self.cancel_button.setEnabled(False)
        self._refresh()

    def refusal_text(self, error: Exception) -> str:
        if isinstance(error, ExportCancelled):
            return self.tr("The export was cancelled; nothing was written.")
        if isinstance(error, IdentifiersFound):
            places = "\n".join(self._place(finding) for finding in error.findings[:12])
            return fill(
                self.tr("Export refused: free text identifies a patient. Correct it here:\n%1"),
                places,
            )
        if isinstance(error, ExportKeyError):
            return self.tr("Export refused: the center keys are missing or do not verify.")
        if isinstance(error, PermissionDenied):
            return self.tr("Your role does not allow exporting.")
        if isinstance(error, FileExistsError | BatchFileError | OSError):
            return fill(self.tr("The batch could not be written: %1"), str(error))
        return fill(self.tr("The export failed: %1"), str(error))

    def _place(self, finding: Finding) -> str:
        what = {
            "name": self.tr("a patient's name"),
            "record_number": self.tr("a medical record number"),
            "phone": self.tr("a phone number"),
            "record_number_pattern": self.tr("something like a record number"),
        }.get(finding.what, finding.what)
        return fill(self.tr("%1, record %2, field %3: %4"), finding.table, finding.record,
                    finding.field, what)  # fmt: skip

    def _choose_receipt(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Receipt from the center"),
            "",
            self.tr("Receipts (*.json);;All files (*)"),
        )
        if path:
            self.load_receipt(Path(path))

    def load_receipt(self, path: Path) -> bool:
        try:
            done = import_receipt(self._factory, self._actor, path.read_bytes(), self._clock)
        except (ReceiptRefused, ExportKeyError, OSError):
            refused = self.tr(
                "The receipt was refused: it does not verify or is not for a batch of this laptop."
            )
            show_result(self.message, refused, ok=False)
            return False
        except PermissionDenied:
            show_result(self.message, self.tr("Your role does not allow exporting."), ok=False)
            return False
        show_result(self.message, fill(self.tr("The center acknowledged batch %1."), done.sequence),
                    ok=True)  # fmt: skip
        self._refresh()
        return True
