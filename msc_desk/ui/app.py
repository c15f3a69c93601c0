"""The application after start-up: first run or sign-in, the main window, and the idle lock.

The start-up itself (the first window, before the database stack is loaded) is ui/startup.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog

from msc_desk.services.handover import record_sign_out
from msc_desk.services.patients import signed_in_name
from msc_desk.services.users import idle_lock_minutes, record_lock, record_unlock
from msc_desk.services.workspace import OpenWorkspace, workspace_exists
from msc_desk.timekeeping import Clock
from msc_desk.ui.first_run import FirstRunDialog, RecoveryCodeDialog
from msc_desk.ui.idle_lock import IdleWatcher
from msc_desk.ui.labels import fill
from msc_desk.ui.main_window import MainWindow
from msc_desk.ui.own_password_dialog import OwnPasswordDialog
from msc_desk.ui.screening_launcher import ScreeningLauncher
from msc_desk.ui.session_guard import SessionGuard
from msc_desk.ui.sign_in import LockDialog, SignInDialog
from msc_desk.ui.window_commands import WindowContext


class DeskController(QObject):
    """Owns the open workspace and its window; locks and unlocks them."""

    def __init__(self, data_dir: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.clock = data_dir, clock
        self.workspace: OpenWorkspace | None = None
        self.window: MainWindow | None = None
        self.launcher: ScreeningLauncher | None = None
        self.guard: SessionGuard | None = None
        self.idle: IdleWatcher | None = None
        self.lock_dialog: LockDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None  # after a sign-out, or to switch user
        # What the same user gets back after unlocking: the windows the lock closed.
        self._reopen: list[Callable[[], QDialog]] = []

    def start(self) -> bool:
        """Sign in (or set up on first run) and show the main window; False if cancelled."""
        if workspace_exists(self.data_dir):
            dialog = SignInDialog(
                self.data_dir, self.clock, demo_accounts=_demo_accounts(self.data_dir)
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.workspace is None:
                return False
            return self.open_workspace(dialog.workspace)
        setup = FirstRunDialog(self.data_dir, self.clock)
        if setup.exec() != QDialog.DialogCode.Accepted or setup.workspace is None:
            return False
        RecoveryCodeDialog(
            setup.recovery_code,
            site_name=setup.workspace.site_name,
            created_at=self.clock(),
            fingerprint=setup.recovery_fingerprint,
        ).exec()
        return self.open_workspace(setup.workspace)

    def open_workspace(self, workspace: OpenWorkspace) -> bool:
        """Show the main window of a signed-in workspace and start the idle countdown.

        A password the administrator chose is replaced first by the user's own (Cancel closes
        the workspace and returns False: nothing else is reachable with it).
        """
        shown: tuple[str, ...] = ()
        if workspace.must_change_password:
            change = OwnPasswordDialog(workspace, self.clock)
            accepted = change.exec() == QDialog.DialogCode.Accepted
            if not accepted or change.workspace is None:
                workspace.close()
                return False
            workspace, shown = change.workspace, workspace.notices
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
        self.window.lock_requested.connect(self.lock_now)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.settings_changed.connect(self._apply_settings)
        self.window.show()
        app = QApplication.instance()
        assert app is not None
        if self.idle is None:
            self.idle = IdleWatcher(idle_lock_minutes(workspace.factory), self)
            app.installEventFilter(self.idle)
            self.idle.idle.connect(self.lock)
        self._apply_settings()
        self.idle.start()
        self.guard = SessionGuard(self.window, workspace, self.clock)
        self.guard.after_sign_in(shown)
        return True

    def _apply_settings(self) -> None:
        if self.idle is not None and self.workspace is not None:
            self.idle.set_minutes(idle_lock_minutes(self.workspace.factory))

    def lock_now(self) -> None:
        """File → Lock (Ctrl+L): the same lock as after inactivity, said as such."""
        self.lock()
        if self.lock_dialog is not None and self.workspace is not None:
            name = signed_in_name(self.workspace.factory, self.workspace.actor)
            self.lock_dialog.message.setText(
                fill(self.tr("The screen is locked. Signed in: %1."), name)
            )

    def lock(self) -> None:
        """Close every window and dialog, clear patient data, and ask for the password."""
        if self.lock_dialog is not None or self.window is None or self.workspace is None:
            return
        assert self.idle is not None and self.launcher is not None
        self.idle.stop()
        self.launcher.suspend()
        self._reopen = self.window.close_dialogs()
        self.window.clear_patient_data()
        self.window.hide()
        actor = self.workspace.actor
        record_lock(self.workspace.factory, actor, self.clock)
        if self.guard is not None:
            self.guard.record_last_seen()
        self.lock_dialog = LockDialog(
            self.data_dir,
            actor.username,
            signed_in_name(self.workspace.factory, actor),
            self.clock,
        )
        self.lock_dialog.accepted.connect(self._on_unlocked)
        self.lock_dialog.open()

    def switch_user(self) -> None:
        """File → Switch user…: lock, and ask another user to sign in (Cancel leaves the lock)."""
        self.lock_now()
        lock = self.lock_dialog
        if lock is None or self.workspace is None:
            return
        dialog = SignInDialog(self.data_dir, self.clock, parent=lock)
        dialog.setWindowTitle(self.tr("MSC Desk — switch user"))
        self.sign_in_dialog = dialog
        dialog.accepted.connect(lambda: self._on_switch_signed_in(dialog))
        dialog.finished.connect(self._forget_sign_in_dialog)
        dialog.open()

    def _on_switch_signed_in(self, dialog: SignInDialog) -> None:
        lock = self.lock_dialog
        if lock is None or dialog.workspace is None or self.workspace is None:
            return
        lock.unlocked_same_user = dialog.workspace.actor.username == self.workspace.actor.username
        lock.workspace = dialog.workspace
        lock.accept()

    def _forget_sign_in_dialog(self) -> None:
        dialog, self.sign_in_dialog = self.sign_in_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def sign_out(self) -> None:
        """File → Sign out: close the session and its windows, and show the sign-in again.

        Cancelling the sign-in closes the application.
        """
        if self.window is None or self.workspace is None or self.lock_dialog is not None:
            return
        assert self.idle is not None and self.launcher is not None
        self.idle.stop()
        self.launcher.discard()
        self._reopen = []
        window, workspace = self.window, self.workspace
        window.close_dialogs()
        window.clear_patient_data()
        record_sign_out(workspace.factory, workspace.actor, self.clock)
        if self.guard is not None:
            self.guard.record_last_seen()
        # The sign-in first: closing the last visible window would quit the application.
        self._ask_sign_in()
        self.window = self.workspace = self.launcher = self.guard = None
        window.close()
        window.deleteLater()
        workspace.close()

    def _ask_sign_in(self) -> None:
        dialog = SignInDialog(
            self.data_dir, self.clock, demo_accounts=_demo_accounts(self.data_dir)
        )
        self.sign_in_dialog = dialog
        dialog.accepted.connect(lambda: self._on_signed_in_again(dialog))
        dialog.finished.connect(self._forget_sign_in_dialog)
        dialog.open()

    def _on_signed_in_again(self, dialog: SignInDialog) -> None:
        if dialog.workspace is not None and not self.open_workspace(dialog.workspace):
            self._ask_sign_in()  # the own password was not chosen: back to the sign-in

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
        if self.guard is not None:
            self.guard.resume()
        self.window.reload()
        self.window.show()
        self.launcher.resume()
        reopen, self._reopen = self._reopen, []
        for open_again in reopen:
            open_again()
        self.idle.start()

    def _switch_to(self, workspace: OpenWorkspace, *, same_user: bool) -> None:
        if same_user:
            workspace.close()
            self._resume()
            return
        old_window, old_workspace, old_launcher = self.window, self.workspace, self.launcher
        assert old_window is not None and old_workspace is not None and old_launcher is not None
        old_launcher.discard()
        self._reopen = []  # another user starts clean
        record_sign_out(old_workspace.factory, old_workspace.actor, self.clock)
        if self.guard is not None:
            self.guard.record_last_seen()
        # The new window first: closing the last visible window would quit the application.
        if not self.open_workspace(workspace):
            self._ask_sign_in()  # the own password was not chosen: back to the sign-in
            self.window = self.workspace = self.launcher = self.guard = None
        old_window.close()
        old_window.deleteLater()
        old_workspace.close()


def _demo_accounts(data_dir: Path) -> str | None:
    from msc_desk.services.demo import demo_accounts_text

    return demo_accounts_text(data_dir)
