"""What a sign-in sets going beside the main window: the clock, the integrity pass, the keys."""

# One guard per signed-in window (its child): the randomization key made or shared at sign-in,
# the clock compared with the last instant seen (a banner and a status-bar field while a
# backward jump waits for an investigator's confirmation, checked again every minute), the
# quick integrity pass in the thread pool, and the menu entries for the integrity check, the
# time confirmation and the randomization delegation.

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from msc_desk.models.enums import Role
from msc_desk.services.clock_guard import (
    ClockStatus,
    RunningClockWatch,
    check_clock,
    clock_status,
    record_last_seen,
)
from msc_desk.services.integrity import Finding, quick_check
from msc_desk.services.integrity_identities import register_identity_checks
from msc_desk.services.randomization_key import (
    RevealKeyError,
    ensure_randomization_key,
    grant_pending_seals,
)
from msc_desk.services.workspace import OpenWorkspace
from msc_desk.timekeeping import Clock
from msc_desk.ui.clock_banner import ClockBanner, ConfirmClockDialog
from msc_desk.ui.delegation_dialog import DelegationDialog
from msc_desk.ui.integrity.background import BackgroundTask
from msc_desk.ui.integrity.integrity_dialog import IntegrityDialog
from msc_desk.ui.labels import fill
from msc_desk.ui.main_window import MainWindow
from msc_desk.ui.own_password_dialog import notice_text

CLOCK_CHECK_MS = 60_000
_ALERT_STYLE = "color: #b3261e; font-weight: bold;"


def run_quick_check(workspace: OpenWorkspace) -> list[Finding]:
    """The sign-in pass (runs in the thread pool)."""
    register_identity_checks()
    return quick_check(workspace.factory)


class SessionGuard(QObject):
    """Attached to a main window for one signed-in user.

    Signals:
        quick_check_finished(list): the findings of the sign-in pass (empty: nothing wrong).
        clock_changed(object): the ClockStatus after a check.
    """

    quick_check_finished = Signal(list)
    clock_changed = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        workspace: OpenWorkspace,
        clock: Clock,
        *,
        watch: RunningClockWatch | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.workspace, self.clock = window, workspace, clock
        self.data_dir: Path = workspace.data_dir
        actor = workspace.actor
        self.is_investigator = actor.role is Role.INVESTIGATOR
        self.status: ClockStatus | None = None
        self.quick_findings: list[Finding] = []
        self.quick_task: BackgroundTask | None = None
        self._watch = watch if watch is not None else RunningClockWatch(clock)

        self.banner = ClockBanner(self.is_investigator, window)
        self._wrap_central_widget()
        self.clock_label = QLabel(window)
        self.clock_label.setStyleSheet(_ALERT_STYLE)
        self.clock_label.hide()
        self.findings_button = QPushButton(window)
        self.findings_button.setFlat(True)
        self.findings_button.setStyleSheet(_ALERT_STYLE)
        self.findings_button.hide()
        window.status_bar.addPermanentWidget(self.clock_label)
        window.status_bar.addPermanentWidget(self.findings_button)
        self._add_actions()

        self.timer = QTimer(self)
        self.timer.setInterval(CLOCK_CHECK_MS)
        self.timer.timeout.connect(self.watch_clock)
        self.banner.confirm_requested.connect(self.open_confirm_clock)
        self.findings_button.clicked.connect(lambda: self.open_integrity())

    def _wrap_central_widget(self) -> None:
        central = self.window.takeCentralWidget()
        container = QWidget(self.window)
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        if central is not None:
            layout.addWidget(central, 1)
            central.show()  # taken out of a window already shown, it stays hidden otherwise
        self.window.setCentralWidget(container)
        container.show()

    def _add_actions(self) -> None:
        window = self.window
        self.integrity_action = QAction(self.tr("&Integrity check…"), window)
        self.confirm_clock_action = QAction(self.tr("Confirm the &time…"), window)
        self.confirm_clock_action.setVisible(self.is_investigator)
        self.delegation_action = QAction(self.tr("Randomization &delegation…"), window)
        self.delegation_action.setVisible(self.is_investigator)
        view_menu = _menu_of(window.audit_action)
        if view_menu is not None:
            view_menu.addAction(self.integrity_action)
        file_menu = _menu_of(window.lock_action)
        if file_menu is not None:
            file_menu.insertAction(window.lock_action, self.confirm_clock_action)
            file_menu.insertAction(window.lock_action, self.delegation_action)
            file_menu.insertSeparator(window.lock_action)
        self.integrity_action.triggered.connect(lambda: self.open_integrity())
        self.confirm_clock_action.triggered.connect(self.open_confirm_clock)
        self.delegation_action.triggered.connect(self.open_delegation)

    # --- at sign-in, unlock, lock ---------------------------------------------------------

    def after_sign_in(self, shown_notices: tuple[str, ...] = ()) -> None:
        """Keys, clock, the quick pass in the background, and the notices not yet shown."""
        self.prepare_randomization_key()
        self.check_clock()
        self.start_quick_check()
        self.timer.start()
        for code in self.workspace.notices:
            if code not in shown_notices:
                self._inform(notice_text(code))

    def prepare_randomization_key(self) -> None:
        """An investigator's sign-in makes the laptop's key; a holder shares it with colleagues."""
        factory, actor = self.workspace.factory, self.workspace.actor
        if actor.keys is None:
            return
        if self.is_investigator:
            # A registry that does not let this user randomize: nothing is made.
            with suppress(RevealKeyError):
                ensure_randomization_key(factory, actor, self.clock)
        grant_pending_seals(factory, actor, self.clock)

    def check_clock(self) -> ClockStatus:
        """At sign-in and unlock: audit a backward jump; show it until it is confirmed."""
        factory, actor = self.workspace.factory, self.workspace.actor
        status = check_clock(factory, actor, self.data_dir, self.clock)
        self._show_clock(status)
        return status

    def watch_clock(self) -> None:
        """Every minute: a jump while running is audited; the banner follows the status."""
        self._watch.check(self.workspace.factory, self.workspace.actor)
        self._show_clock(clock_status(self.workspace.factory, self.data_dir, self.clock))

    def record_last_seen(self) -> None:
        """At lock and sign-out: the instant seen, copied beside the database."""
        self.timer.stop()
        record_last_seen(self.workspace.factory, self.data_dir, self.clock)

    def resume(self) -> None:
        self.check_clock()
        self.timer.start()

    def _show_clock(self, status: ClockStatus) -> None:
        self.status = status
        self.banner.show_status(status)
        self.clock_label.setVisible(status.unconfirmed)
        self.clock_label.setText(self.tr("Clock set back: randomization blocked"))
        self.confirm_clock_action.setEnabled(status.unconfirmed)
        self.clock_changed.emit(status)

    # --- the quick integrity pass ------------------------------------------------------------

    def start_quick_check(self) -> BackgroundTask:
        workspace = self.workspace
        task = BackgroundTask(lambda: run_quick_check(workspace))
        task.relay.done.connect(self._on_quick_done)
        task.relay.failed.connect(self._on_quick_failed)
        self.quick_task = task
        task.start()
        return task

    def _on_quick_done(self, findings: list[Finding]) -> None:
        self.quick_task = None
        self.quick_findings = list(findings)
        if findings:
            text = fill(self.tr("Integrity: problems found (%1)"), len(findings))
            self.findings_button.setText(text)
            self.findings_button.setToolTip(self.tr("Open the integrity check"))
            self.findings_button.show()
        self.quick_check_finished.emit(self.quick_findings)

    def _on_quick_failed(self, text: str) -> None:
        self.quick_task = None
        self.findings_button.setText(fill(self.tr("Integrity check failed: %1"), text))
        self.findings_button.show()
        self.quick_check_finished.emit([])

    # --- dialogs -----------------------------------------------------------------------------

    def open_integrity(self) -> IntegrityDialog:
        dialog = IntegrityDialog(
            self.workspace.factory, self.window, quick_findings=self.quick_findings
        )
        self.window._show_dialog(dialog)
        return dialog

    def open_confirm_clock(self) -> ConfirmClockDialog | None:
        status = self.status or clock_status(self.workspace.factory, self.data_dir, self.clock)
        if not self.is_investigator:
            return None
        dialog = ConfirmClockDialog(
            self.workspace.factory,
            self.workspace.actor,
            status,
            self.data_dir,
            self.clock,
            self.window,
        )
        dialog.confirmed.connect(self._after_confirmation)
        self.window._show_dialog(dialog)
        return dialog

    def _after_confirmation(self) -> None:
        self._show_clock(clock_status(self.workspace.factory, self.data_dir, self.clock))
        self.window.status_bar.showMessage(self.tr("The time is confirmed."), 10_000)

    def open_delegation(self) -> DelegationDialog:
        dialog = DelegationDialog(
            self.workspace.factory, self.workspace.actor, self.clock, self.window
        )
        self.window._show_dialog(dialog)
        return dialog

    def _inform(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("MSC Desk"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        self.window._show_dialog(box)


def _menu_of(action: QAction) -> QMenu | None:
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None
