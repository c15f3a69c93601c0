"""The application after start-up: first run or sign-in, the main window, and the idle lock.

The start-up itself (the first window, before the database stack is loaded) is ui/startup.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog

from msc_desk.services.patients import signed_in_name
from msc_desk.services.users import idle_lock_minutes, record_lock, record_unlock
from msc_desk.services.workspace import OpenWorkspace, workspace_exists
from msc_desk.timekeeping import Clock
from msc_desk.ui.first_run import FirstRunDialog, RecoveryCodeDialog
from msc_desk.ui.idle_lock import IdleWatcher
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.screening_launcher import ScreeningLauncher
from msc_desk.ui.sign_in import LockDialog, SignInDialog


class DeskController(QObject):
    """Owns the open workspace and its window; locks and unlocks them."""

    def __init__(self, data_dir: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.clock = data_dir, clock
        self.workspace: OpenWorkspace | None = None
        self.window: MainWindow | None = None
        self.launcher: ScreeningLauncher | None = None
        self.idle: IdleWatcher | None = None
        self.lock_dialog: LockDialog | None = None

    def start(self) -> bool:
        """Sign in (or set up on first run) and show the main window; False if cancelled."""
        if workspace_exists(self.data_dir):
            dialog = SignInDialog(
                self.data_dir, self.clock, demo_accounts=_demo_accounts(self.data_dir)
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.workspace is None:
                return False
            self.open_workspace(dialog.workspace)
            return True
        setup = FirstRunDialog(self.data_dir, self.clock)
        if setup.exec() != QDialog.DialogCode.Accepted or setup.workspace is None:
            return False
        RecoveryCodeDialog(setup.recovery_code).exec()
        self.open_workspace(setup.workspace)
        return True

    def open_workspace(self, workspace: OpenWorkspace) -> None:
        """Show the main window of a signed-in workspace and start the idle countdown."""
        self.workspace = workspace
        context = WindowContext(
            db_path=workspace.db_path,
            site_name=workspace.site_name,
            device_name=workspace.device_name,
            is_demo=workspace.is_demo,
        )
        self.window = MainWindow(workspace.factory, workspace.actor, context, self.clock)
        self.launcher = ScreeningLauncher(workspace, self.clock, self.window)
        self.window.new_screening_requested.connect(self.launcher.open_wizard)
        self.launcher.patients_changed.connect(self.window.reload)
        self.window.show()
        app = QApplication.instance()
        assert app is not None
        if self.idle is None:
            self.idle = IdleWatcher(idle_lock_minutes(workspace.factory), self)
            app.installEventFilter(self.idle)
            self.idle.idle.connect(self.lock)
        self.idle.start()

    def lock(self) -> None:
        """Clear patient data from every widget, hide the windows, and ask for the password."""
        if self.lock_dialog is not None or self.window is None or self.workspace is None:
            return
        assert self.idle is not None and self.launcher is not None
        self.idle.stop()
        self.launcher.suspend()
        self.window.clear_patient_data()
        self.window.hide()
        actor = self.workspace.actor
        record_lock(self.workspace.factory, actor, self.clock)
        self.lock_dialog = LockDialog(
            self.data_dir,
            actor.username,
            signed_in_name(self.workspace.factory, actor),
            self.clock,
        )
        self.lock_dialog.accepted.connect(self._on_unlocked)
        self.lock_dialog.open()

    def _on_unlocked(self) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        assert dialog is not None
        dialog.deleteLater()
        if dialog.workspace is None:
            self._resume()
        else:
            self._switch_to(dialog.workspace, same_user=dialog.unlocked_same_user)

    def _resume(self) -> None:
        assert self.window is not None and self.launcher is not None and self.idle is not None
        assert self.workspace is not None
        record_unlock(self.workspace.factory, self.workspace.actor, self.clock)
        self.window.reload()
        self.window.show()
        self.launcher.resume()
        self.idle.start()

    def _switch_to(self, workspace: OpenWorkspace, *, same_user: bool) -> None:
        if same_user:
            workspace.close()
            self._resume()
            return
        old_window, old_workspace, old_launcher = self.window, self.workspace, self.launcher
        assert old_window is not None and old_workspace is not None and old_launcher is not None
        old_launcher.discard()
        # The new window first: closing the last visible window would quit the application.
        self.open_workspace(workspace)
        old_window.close()
        old_window.deleteLater()
        old_workspace.close()


def _demo_accounts(data_dir: Path) -> str | None:
    from msc_desk.services.demo import demo_accounts_text

    return demo_accounts_text(data_dir)
