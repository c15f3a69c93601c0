"""The screening wizard: seven pages, a live protocol clock, then the randomization result."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from msc_desk.models.enums import Sex
from msc_desk.services.screening import ScreeningInput
from msc_desk.ui.screening.actions import ScreeningActions
from msc_desk.ui.screening.consent_pages import ConsentPage, ExclusionsPage
from msc_desk.ui.screening.context import ScreeningContext
from msc_desk.ui.screening.decision_page import DecisionPage
from msc_desk.ui.screening.fields import ScreeningPage, ask
from msc_desk.ui.screening.lab_pages import AgePage, NeutrophilsPage
from msc_desk.ui.screening.patient_pages import OnsetPage, PatientPage
from msc_desk.ui.screening.protocol_clock import ClockState, ProtocolClock
from msc_desk.ui.screening.result_page import ResultPage

TICK_MS = 1000
_OPEN = (ClockState.NORMAL, ClockState.AMBER, ClockState.RED)
WizardButton = QWizard.WizardButton


class PageId(IntEnum):
    PATIENT = 0
    ONSET = 1
    NEUTROPHILS = 2
    AGE = 3
    EXCLUSIONS = 4
    CONSENT = 5
    DECISION = 6
    RESULT = 7


class ScreeningWizardView(QWizard):
    """Layout: the protocol clock on the left of every page, the pages, the buttons."""

    def __init__(
        self, context: ScreeningContext, actions: ScreeningActions, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New screening"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(WizardButton.FinishButton, self.tr("&Done"))
        self.clock = ProtocolClock(context.preparation_hours, self)
        self.setSideWidget(self.clock)
        self.patient_page = PatientPage(self)
        self.onset_page = OnsetPage(self)
        self.neutrophils_page = NeutrophilsPage(context.clock, self)
        self.age_page = AgePage(context.clock, self)
        self.exclusions_page = ExclusionsPage(self)
        self.consent_page = ConsentPage(context.clock, self)
        self.input_pages: tuple[ScreeningPage, ...] = (
            self.patient_page,
            self.onset_page,
            self.neutrophils_page,
            self.age_page,
            self.exclusions_page,
            self.consent_page,
        )
        self.decision_page = DecisionPage(
            context, actions, self.screening_input, self.window_closed, self
        )
        self.result_page = ResultPage(context, actions, self.onset_page.onset, self)
        for page_id, page in zip(PageId, (*self.input_pages, self.decision_page), strict=False):
            self.setPage(page_id, page)
        self.setPage(PageId.RESULT, self.result_page)
        # Tab from a page's last field reaches the step forward first; «Back» comes after it.
        QWidget.setTabOrder(
            self.button(WizardButton.FinishButton), self.button(WizardButton.BackButton)
        )
        self.setMinimumSize(1000, 640)
        self.resize(1180, 680)

    def screening_input(self) -> ScreeningInput:
        """Everything entered so far (the locked onset once the 10-hour window has closed)."""
        values: dict[str, Any] = {}
        for page in self.input_pages:
            values.update(page.collect())
        return ScreeningInput(**values)

    def window_closed(self) -> bool:
        return False


class ScreeningWizard(ScreeningWizardView):
    """Screen a patient and, when eligible, save and randomize in one go.

    Keyboard: Tab moves between fields, Enter goes to the next page, Esc asks before
    discarding. The clock is read from `context.clock` every second (`tick()`).

    Signals:
        patient_saved(int): a screened patient was saved (patient id).
        patient_randomized(int): the patient was randomized (patient id).
    """

    patient_saved = Signal(int)
    patient_randomized = Signal(int)

    def __init__(self, context: ScreeningContext, parent: QWidget | None = None) -> None:
        self._context = context
        self._actions = ScreeningActions(context)
        self._open_for: datetime | None = None
        self._locked = False
        self._dirty = False
        super().__init__(context, self._actions, parent)
        self.patient_page.set_study_id(self._actions.preview_study_id(), issued=False)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._connect_callbacks()
        self.tick()
        self._timer.start()

    @property
    def screening_actions(self) -> ScreeningActions:
        """What was saved and revealed."""
        return self._actions

    def _connect_callbacks(self) -> None:
        self._timer.timeout.connect(self.tick)
        self.currentIdChanged.connect(self._on_page_changed)
        for page in self.input_pages:
            page.changed.connect(self._on_input_changed)
        self.onset_page.onset_changed.connect(self.tick)
        self.age_page.changed.connect(self._on_sex_maybe_changed)
        self.decision_page.saved.connect(self._on_saved)
        self.decision_page.randomized.connect(self._on_randomized)

    def onset_seen_open(self) -> datetime | None:
        """The onset whose 10-hour window this wizard saw open (kept across the idle lock)."""
        return self._open_for

    def carry_over(self, onset_seen_open: datetime | None) -> None:
        """After a draft is restored: a window that closed meanwhile locks as if watched."""
        self._open_for = onset_seen_open
        self.tick()

    def window_closed(self) -> bool:
        """Whether the 10-hour window is closed (for good, once it closed while open here)."""
        return self._locked or self.clock.reading.state is ClockState.EXPIRED

    def tick(self) -> None:
        """Read the clock; lock the onset when the window closes while the wizard is open."""
        onset = self.onset_page.onset()
        reading = self.clock.update_at(onset, self._context.clock())
        if reading.state in _OPEN:
            self._open_for = onset
        elif (
            reading.state is ClockState.EXPIRED
            and onset is not None
            and onset == self._open_for
            and not self._locked
            and self._actions.randomized is None
        ):
            self._locked = True
            self.onset_page.lock(onset)
        page = self.currentPage()
        if page is self.decision_page:
            self.decision_page.refresh()
        elif page is self.result_page:
            self.result_page.refresh()

    def reject(self) -> None:
        if self._dirty and self._actions.saved is None and not self.confirm_discard():
            return
        super().reject()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

    def confirm_discard(self) -> bool:
        """Ask before discarding unsaved entries (a seam: tests answer it themselves)."""
        return ask(
            self,
            self.tr("Discard the screening?"),
            self.tr("Nothing has been saved yet. Close the wizard and discard what was entered?"),
            self.tr("Discard"),
            default_yes=False,
        )

    def _on_page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, ScreeningPage | DecisionPage | ResultPage):
            page.first_field().setFocus(Qt.FocusReason.TabFocusReason)

    def _on_input_changed(self) -> None:
        self._dirty = True

    def _on_sex_maybe_changed(self) -> None:
        self.exclusions_page.set_sex(self.age_page.sex())

    def _on_saved(self, patient_id: int) -> None:
        saved = self._actions.saved
        self.patient_page.set_study_id(None if saved is None else saved.study_id, issued=True)
        # What is saved is final: no going back to edit it, and no randomizing the ineligible.
        if saved is not None and saved.eligible:
            buttons = [WizardButton.NextButton, WizardButton.FinishButton]
        else:
            buttons = []
            female = self.age_page.sex() is Sex.FEMALE
            self.clock.set_note(
                self.tr("Saved as not enrolled.", "female patient")
                if female
                else self.tr("Saved as not enrolled.")
            )
        self.setButtonLayout([WizardButton.Stretch, *buttons, WizardButton.CancelButton])
        self.setButtonText(WizardButton.CancelButton, self.tr("Close"))
        self.patient_saved.emit(patient_id)

    def _on_randomized(self, patient_id: int) -> None:
        result = self._actions.randomized
        self.clock.set_arm(
            None if result is None else result.arm, female=self.age_page.sex() is Sex.FEMALE
        )
        self.patient_randomized.emit(patient_id)
