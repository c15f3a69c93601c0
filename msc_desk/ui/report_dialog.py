"""One report: built off the GUI thread with its progress and «Cancel», then shown or saved."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.reports.progress import Progress, ReportCancelled
from msc_desk.security.files import atomic_write_bytes
from msc_desk.services.patients import PatientNotFound
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.reports import ReportError
from msc_desk.ui.labels import fill


class ReportBuilder(QThread):
    """Runs `build(progress)` on its own thread and relays its progress.

    Signals:
        progressed(int, int, str): steps done, steps in all, the step under way (Russian).
        built(bytes): the PDF. failed(str): why not. cancelled(): stopped by `cancel()`.
    """

    progressed = Signal(int, int, str)
    built = Signal(bytes)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, build: Callable[[Progress], bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the build to stop at its next step (it returns no PDF)."""
        self._cancel.set()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, step: str) -> None:
        if self._cancel.is_set():
            raise ReportCancelled
        self.progressed.emit(done, total, step)

    def run(self) -> None:
        try:
            pdf = self._build(self._progress)
        except ReportCancelled:
            self.cancelled.emit()
            return
        except (PermissionDenied, PatientNotFound, ReportError) as exc:
            self.failed.emit(type(exc).__name__)
            return
        except Exception as exc:  # noqa: BLE001 (a surprise must not leave the dialog waiting)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        # A cancel that came after the last step is too late: the print is already audited,
        # so the report is offered like any other.
        self.built.emit(pdf)


class ReportDialog(QDialog):
    """«Preview» opens the PDF in the system viewer; «Save as…» writes it where the user says.

    The report is built once, when the dialog opens, and stamped with that moment's audit head.
    While it is built, a progress bar counts its steps and names the section under way, and
    «Cancel» stops it (nothing is kept). `build` is given the progress callable to report to.
    `open_url` is how a preview is shown (the system viewer; tests pass their own).
    """

    def __init__(
        self,
        title: str,
        build: Callable[[Progress], bytes],
        file_name: str,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._file_name = file_name
        self._open_url = open_url
        self.pdf: bytes | None = None
        self.preview_path: Path | None = None
        self.status = QLabel(self.tr("Preparing the report…"), self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%p %")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.save_button = QPushButton(self.tr("Save as…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{title}</b>", self))
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        for button in (self.preview_button, self.save_button):
            button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self._ask_and_save)
        self.builder = ReportBuilder(build, self)
        self.builder.progressed.connect(self._on_progress)
        self.builder.built.connect(self._on_built)
        self.builder.failed.connect(self._on_failed)
        self.builder.cancelled.connect(self._on_cancelled)
        self.builder.start()

    def cancel(self) -> None:
        """Stop the report being built; it is not kept."""
        if self.pdf is not None or not self.cancel_button.isEnabled():
            return
        self.builder.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int, step: str) -> None:
        if self.builder.cancel_requested():
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        shown = str(min(done + 1, total))
        self.status.setText(fill(self.tr("%1… (step %2 of %3)"), step, shown, str(total)))

    def _on_built(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.progress.setValue(self.progress.maximum())
        self.cancel_button.setEnabled(False)
        size = max(len(pdf) // 1024, 1)
        self.status.setText(fill(self.tr("The report is ready (%1 KB)."), str(size)))
        for button in (self.preview_button, self.save_button):
            button.setEnabled(True)

    def _on_cancelled(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("The report was cancelled; nothing was saved."))

    def _on_failed(self, reason: str) -> None:
        self.cancel_button.setEnabled(False)
        messages = {
            "PermissionDenied": self.tr("Your role may not print this report."),
            "PatientNotFound": self.tr("The patient is no longer in the database."),
            "ReportError": self.tr(
                "The record kept changing while the report was read. Print it again."
            ),
        }
        self.status.setText(messages.get(reason, self.tr("The report could not be printed.")))

    def preview(self) -> Path | None:
        """Write the PDF to a private temporary folder and open it in the system viewer."""
        if self.pdf is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="msc-desk-report-"))
        os.chmod(folder, 0o700)
        path = folder / self._file_name
        atomic_write_bytes(path, self.pdf, mode=0o600)
        self.preview_path = path
        self._open_url(QUrl.fromLocalFile(str(path)))
        return path

    def _ask_and_save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), self._file_name, self.tr("PDF documents (*.pdf)")
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> None:
        if self.pdf is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            atomic_write_bytes(path, self.pdf, mode=0o600)
        except OSError:
            self.status.setText(fill(self.tr("Could not write %1."), str(path)))
            return
        self.status.setText(fill(self.tr("Saved to %1."), str(path)))

    def done(self, result: int) -> None:
        if self.pdf is None:
            self.builder.cancel()  # closing while it is built cancels it
        self.builder.wait()  # a closed dialog never leaves its thread running
        super().done(result)
