"""The main window's menu commands that open a report or an administration dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMainWindow

from msc_desk.models.database import SessionFactory
from msc_desk.reports.progress import Progress
from msc_desk.services.actor import Actor
from msc_desk.services.casebook import print_casebook
from msc_desk.services.reports import print_blank_forms, print_screening_log
from msc_desk.services.trial_summary import print_summary
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.allocation_dialog import AllocationImportDialog
from msc_desk.ui.admin.center_bundle_dialog import CenterBundleDialog
from msc_desk.ui.admin.center_key_dialog import CenterKeyDialog
from msc_desk.ui.admin.users_dialog import UsersDialog
from msc_desk.ui.device_key_dialog import DeviceKeyDialog
from msc_desk.ui.dialog_tracker import DialogTracker
from msc_desk.ui.export_dialog import ExportDialog
from msc_desk.ui.integrity.integrity_dialog import IntegrityDialog
from msc_desk.ui.labels import fill
from msc_desk.ui.report_dialog import ReportDialog


@dataclass(frozen=True)
class WindowContext:
    """Where and as what the window runs: the open database, the site, this laptop."""

    db_path: Path
    site_name: str
    device_name: str
    is_demo: bool


class WindowCommands(QMainWindow):
    """Reports and administration commands; MainWindow sets what they read in its __init__."""

    _factory: SessionFactory
    _actor: Actor
    _clock: Clock
    _context: WindowContext
    _dialogs: DialogTracker

    def _show_dialog(self, dialog: QDialog) -> QDialog:
        return self._dialogs.show(dialog)

    def _open_report(
        self, title: str, build: Callable[[Progress], bytes], file_name: str
    ) -> QDialog:
        return self._show_dialog(ReportDialog(title, build, file_name, self))

    def open_screening_log_report(self) -> QDialog:
        factory, actor, clock, demo = self._factory, self._actor, self._clock, self._context.is_demo
        return self._open_report(
            QCoreApplication.translate("MainWindow", "Screening log"),
            lambda progress: print_screening_log(
                factory, actor, clock, include_demo=demo, progress=progress
            ),
            "screening-log.pdf",
        )

    def open_summary_report(self) -> QDialog:
        factory, actor, clock, demo = self._factory, self._actor, self._clock, self._context.is_demo
        return self._open_report(
            QCoreApplication.translate("MainWindow", "Trial summary"),
            lambda progress: print_summary(
                factory, actor, include_demo=demo, clock=clock, progress=progress
            ),
            "trial-summary.pdf",
        )

    def open_blank_forms_report(self) -> QDialog:
        clock = self._clock
        return self._open_report(
            QCoreApplication.translate("MainWindow", "Blank paper forms"),
            lambda progress: print_blank_forms(clock, progress=progress),
            "blank-forms.pdf",
        )

    def open_printout_check(self) -> IntegrityDialog:
        """The integrity check, ready to take the audit head printed at the foot of a page."""
        dialog = IntegrityDialog(self._factory, self)
        self._show_dialog(dialog)
        dialog.head_edit.setFocus()
        return dialog

    def open_casebook_report(self, study_id: str) -> QDialog:
        factory, actor, clock = self._factory, self._actor, self._clock
        return self._open_report(
            fill(QCoreApplication.translate("MainWindow", "Casebook of %1"), study_id),
            lambda progress: print_casebook(factory, actor, study_id, clock, progress=progress),
            f"casebook-{study_id}.pdf",
        )

    def open_users(self) -> QDialog:
        data_dir = self._context.db_path.parent
        return self._show_dialog(
            UsersDialog(self._factory, self._actor, data_dir, self._clock, self)
        )

    def open_center_key(self) -> QDialog:
        return self._show_dialog(CenterKeyDialog(self._factory, self._actor, self._clock, self))

    def open_center_bundle(self) -> QDialog:
        dialog = CenterBundleDialog(self._factory, self._actor, self._clock, self)
        return self._show_dialog(dialog)

    def open_device_key(self) -> QDialog:
        return self._show_dialog(DeviceKeyDialog(self._factory, self._actor, self._clock, self))

    def open_export(self) -> QDialog:
        return self._show_dialog(ExportDialog(self._factory, self._actor, self._clock, self))

    def open_allocation_import(self) -> QDialog:
        data_dir = self._context.db_path.parent
        dialog = AllocationImportDialog(self._factory, self._actor, data_dir, self._clock, self)
        return self._show_dialog(dialog)
