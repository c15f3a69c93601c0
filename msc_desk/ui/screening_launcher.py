"""Opens the screening wizard from the main window and keeps its draft across the idle lock."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from msc_desk.services.settings import setting_value
from msc_desk.services.workspace import OpenWorkspace
from msc_desk.timekeeping import Clock
from msc_desk.ui.drafts import Draft, capture_draft, restore_draft
from msc_desk.ui.screening.context import DEFAULT_PREPARATION_HOURS, ScreeningContext
from msc_desk.ui.screening.wizard import ScreeningWizard


class ScreeningLauncher(QObject):
    """One screening wizard at a time, for the signed-in user.

    Signals:
        patients_changed(): a patient was saved or randomized; the list should reload.
    """

    patients_changed = Signal()

    def __init__(self, workspace: OpenWorkspace, clock: Clock, window: QWidget) -> None:
        super().__init__(window)
        self._workspace, self._clock, self._window = workspace, clock, window
        self.wizard: ScreeningWizard | None = None
        self._draft: Draft | None = None
        self._onset_seen_open: datetime | None = None

    def open_wizard(self) -> None:
        """Show the wizard (bring the open one to the front rather than start a second)."""
        if self.wizard is None:
            self.wizard = self._new_wizard()
        self.wizard.show()
        self.wizard.raise_()
        self.wizard.activateWindow()

    def _new_wizard(self) -> ScreeningWizard:
        factory = self._workspace.factory
        context = ScreeningContext(
            factory=factory,
            actor=self._workspace.actor,
            clock=self._clock,
            preparation_hours=_preparation_hours(setting_value(factory, "cell_preparation_hours")),
        )
        wizard = ScreeningWizard(context, self._window)
        wizard.patient_saved.connect(self.patients_changed)
        wizard.patient_randomized.connect(self.patients_changed)
        wizard.finished.connect(self._on_finished)
        return wizard

    def _on_finished(self) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    def suspend(self) -> None:
        """Before the lock: keep an unsaved draft in memory and remove the wizard's widgets."""
        wizard = self.wizard
        if wizard is None:
            return
        unsaved = wizard.screening_actions.saved is None
        self._draft = capture_draft(wizard) if unsaved else None
        self._onset_seen_open = wizard.onset_seen_open()
        self.wizard = None
        wizard.finished.disconnect(self._on_finished)
        wizard.done(0)
        wizard.deleteLater()

    def resume(self) -> None:
        """After the same user unlocks: reopen the wizard with the draft typed back in."""
        draft, self._draft = self._draft, None
        if draft is None:
            return
        self.open_wizard()
        assert self.wizard is not None
        restore_draft(self.wizard, draft)
        # The 10-hour limit may have passed during the lock: it stops the wizard all the same.
        self.wizard.carry_over(self._onset_seen_open)

    def discard(self) -> None:
        """Another user signed in: the draft is not theirs."""
        self._draft = None
        if self.wizard is not None:
            self.suspend()
            self._draft = None


def _preparation_hours(text: str | None) -> Decimal:
    try:
        return Decimal(text) if text else DEFAULT_PREPARATION_HOURS
    except InvalidOperation:
        return DEFAULT_PREPARATION_HOURS
