"""The main window: menus, the patient list beside the patient view, and the status bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QSplitter, QWidget

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.blinding import rows_for_reader
from msc_desk.services.patients import (
    PatientNotFound,
    list_patients,
    patient_summary,
    signed_in_name,
)
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.timekeeping import Clock, to_moscow
from msc_desk.ui.about_dialog import AboutDialog
from msc_desk.ui.admin.settings_dialog import SiteSettingsDialog
from msc_desk.ui.audit.audit_dialog import AuditDialog
from msc_desk.ui.dialog_tracker import DialogTracker, Reopen
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.i18n import interface_language, store_language, stored_language
from msc_desk.ui.identification_dialog import IdentificationDialog
from msc_desk.ui.infusion.tab import InfusionTab
from msc_desk.ui.labels import fill, role_label
from msc_desk.ui.patient_list_panel import PatientListPanel
from msc_desk.ui.patient_read import read_patient
from msc_desk.ui.patient_view import PatientView
from msc_desk.ui.screening.log_dialog import ScreeningLogDialog
from msc_desk.ui.screening.randomize_dialog import RandomizeDialog
from msc_desk.ui.signature_dialog import SignatureDialog, UnsignDialog
from msc_desk.ui.status_bar import TrialStatusBar
from msc_desk.ui.trial.dashboard_window import TrialDashboardWindow
from msc_desk.ui.trial.outcome_window import TrialOutcomeWindow
from msc_desk.ui.visits.visit_dialog import VisitFormDialog
from msc_desk.ui.window_commands import WindowCommands, WindowContext
from msc_desk.version import app_version

_DAY_CHECK_MS = 60_000


class MainWindow(WindowCommands):
    """Patient list on the left, the chosen patient's tabs on the right.

    Signals:
        new_screening_requested(): File → New screening… was chosen.
        lock_requested(): File → Lock (Ctrl+L).
        sign_out_requested(): File → Sign out.
        switch_user_requested(): File → Switch user….
        settings_changed(): the site settings were saved (the idle lock reads them again).
        patients_changed(): a patient was randomized from the patient view or the log.
    """

    new_screening_requested = Signal()
    lock_requested = Signal()
    sign_out_requested = Signal()
    switch_user_requested = Signal()
    settings_changed = Signal()
    patients_changed = Signal()

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        context: WindowContext,
        clock: Clock,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._context, self._clock = factory, actor, context, clock
        self._settings = settings if settings is not None else QSettings(self)
        self._loaded_on: date | None = None
        self._may_view = is_allowed(actor, Action.VIEW_CLINICAL)
        self._dialogs = DialogTracker(self)

        title = fill(self.tr("MSC Desk %1 — %2"), app_version(), context.site_name)
        if context.is_demo:
            title = fill(self.tr("%1 — DEMO DATA"), title)
        self.setWindowTitle(title)
        self.resize(1280, 680)
        self.setMinimumSize(1024, 640)

        self.patient_list = PatientListPanel(self)
        self.patient_view = PatientView(self)
        self._add_follow_up_tabs()
        self.patient_view.enable_infusion(
            InfusionTab(factory, actor, clock, context.db_path.parent, self.patient_view)
        )
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.patient_view)
        # The list keeps its width (its words must stay whole); the patient view gives way.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 680])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.status_bar = TrialStatusBar(self)
        self.setStatusBar(self.status_bar)
        self.status_bar.set_fields(
            db_path=context.db_path,
            user=signed_in_name(factory, actor),
            role=role_label(actor.role),
            device=context.device_name,
            is_demo=context.is_demo,
        )
        self._build_menus()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(_DAY_CHECK_MS)
        self._connect_callbacks()
        self.reload()
        self.patient_list.table.setFocus()

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        self.new_screening_action = QAction(self.tr("&New screening…"), self)
        self.new_screening_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_screening_action.setVisible(is_allowed(self._actor, Action.SCREEN))
        file_menu.addAction(self.new_screening_action)
        self.screening_log_action = QAction(self.tr("Screening &log…"), self)
        self.screening_log_action.setVisible(self._may_view)
        file_menu.addAction(self.screening_log_action)
        self.identification_action = QAction(self.tr("&Identification log…"), self)
        self.identification_action.setVisible(is_allowed(self._actor, Action.VIEW_IDENTIFICATION))
        file_menu.addAction(self.identification_action)
        self.export_action = QAction(self.tr("&Export for the coordinating center…"), self)
        self.device_key_action = QAction(self.tr("Laptop &enrolment file for the center…"), self)
        if is_allowed(self._actor, Action.EXPORT):
            file_menu.addAction(self.export_action)
            file_menu.addAction(self.device_key_action)
        file_menu.addSeparator()
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.switch_user_action = QAction(self.tr("S&witch user…"), self)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        for action in (self.lock_action, self.switch_user_action, self.sign_out_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        file_menu.addAction(self.quit_action)

        view_menu = menu_bar.addMenu(self.tr("&View"))
        self.reload_action = QAction(self.tr("&Refresh"), self)
        self.reload_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.find_action = QAction(self.tr("&Find patient"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        view_menu.addAction(self.reload_action)
        view_menu.addAction(self.find_action)
        self.audit_action = QAction(self.tr("&Audit trail…"), self)
        self.audit_action.setVisible(is_allowed(self._actor, Action.VIEW_AUDIT))
        view_menu.addAction(self.audit_action)
        self.dashboard_action = QAction(self.tr("Trial &dashboard…"), self)
        self.dashboard_action.setVisible(self._may_view)
        view_menu.addAction(self.dashboard_action)
        self.outcome_action = QAction(self.tr("Trial &outcome…"), self)
        self.outcome_action.setVisible(self._may_view)
        view_menu.addAction(self.outcome_action)

        reports_menu = menu_bar.addMenu(self.tr("&Reports"))
        reports_menu.menuAction().setVisible(self._may_view)
        self.screening_log_report_action = QAction(self.tr("Screening log (PDF)…"), self)
        self.summary_report_action = QAction(self.tr("Trial summary (PDF)…"), self)
        self.blank_forms_action = QAction(self.tr("Blank paper forms (PDF)…"), self)
        for action in (
            self.screening_log_report_action,
            self.summary_report_action,
            self.blank_forms_action,
        ):
            reports_menu.addAction(action)
        reports_menu.addSeparator()
        self.printout_check_action = QAction(self.tr("Check a printout against the audit…"), self)
        reports_menu.addAction(self.printout_check_action)

        self.users_action = QAction(self.tr("&Users…"), self)
        self.center_key_action = QAction(self.tr("Coordinating &center key…"), self)
        self.center_bundle_action = QAction(self.tr("Center &encryption keys…"), self)
        self.allocation_action = QAction(self.tr("&Import allocation list…"), self)
        self.settings_action = QAction(self.tr("Site &settings…"), self)
        self.admin_menu: QMenu | None = None
        if is_allowed(self._actor, Action.MANAGE_USERS):  # only administrators see the menu
            self.admin_menu = menu_bar.addMenu(self.tr("&Administration"))
            self.admin_menu.addAction(self.users_action)
            if is_allowed(self._actor, Action.MANAGE_KEYS):
                self.admin_menu.addAction(self.center_key_action)
                self.admin_menu.addAction(self.center_bundle_action)
            if is_allowed(self._actor, Action.IMPORT_ALLOCATION):
                self.admin_menu.addAction(self.allocation_action)
            if is_allowed(self._actor, Action.MANAGE_SETTINGS):
                self.admin_menu.addAction(self.settings_action)

        language_menu = menu_bar.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        current = stored_language(self._settings)
        for code, name in (("ru", "Русский"), ("en", "English")):
            action = QAction(name, self.language_group)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            language_menu.addAction(action)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About MSC Desk"), self)
        help_menu.addAction(self.about_action)

    def _connect_callbacks(self) -> None:
        self.new_screening_action.triggered.connect(self.new_screening_requested)
        self.quit_action.triggered.connect(self.close)
        self.lock_action.triggered.connect(self.lock_requested)
        self.switch_user_action.triggered.connect(self.switch_user_requested)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.identification_action.triggered.connect(self.open_identification)
        self.settings_action.triggered.connect(self.open_settings)
        self.reload_action.triggered.connect(self.reload)
        self.find_action.triggered.connect(self.patient_list.focus_search)
        self.language_group.triggered.connect(self._on_language_chosen)
        self.about_action.triggered.connect(self._on_about)
        self.patient_list.patient_selected.connect(self._on_patient_selected)
        self.patient_view.patient_gone.connect(lambda _patient: self.reload())
        self.patient_list.selection_cleared.connect(self._on_selection_cleared)
        self.patient_list.loaded.connect(self._on_list_loaded)
        self.patient_list.load_failed.connect(self._on_list_failed)
        self._day_timer.timeout.connect(self._on_day_check)
        self.screening_log_action.triggered.connect(self.open_screening_log)
        self.audit_action.triggered.connect(lambda: self.open_audit())
        self.dashboard_action.triggered.connect(self.open_dashboard)
        self.outcome_action.triggered.connect(self.open_outcome)
        self.users_action.triggered.connect(self.open_users)
        self.center_key_action.triggered.connect(self.open_center_key)
        self.center_bundle_action.triggered.connect(self.open_center_bundle)
        self.export_action.triggered.connect(self.open_export)
        self.device_key_action.triggered.connect(self.open_device_key)
        self.allocation_action.triggered.connect(self.open_allocation_import)
        self.screening_log_report_action.triggered.connect(self.open_screening_log_report)
        self.summary_report_action.triggered.connect(self.open_summary_report)
        self.blank_forms_action.triggered.connect(self.open_blank_forms_report)
        self.printout_check_action.triggered.connect(self.open_printout_check)
        self.patient_view.summary_tab.print_requested.connect(self.open_casebook_report)
        summary = self.patient_view.summary_tab
        summary.set_permissions(
            view_audit=is_allowed(self._actor, Action.VIEW_AUDIT),
            sign=is_allowed(self._actor, Action.SIGN),
            unlock=is_allowed(self._actor, Action.UNLOCK_SIGNED),
            randomize=is_allowed(self._actor, Action.RANDOMIZE),
        )
        summary.randomize_requested.connect(self.open_randomize)
        summary.audit_requested.connect(self.open_audit)
        summary.sign_requested.connect(self.open_signature)
        summary.unsign_requested.connect(self.open_unsign)
        self.patient_view.visits_tab.visit_requested.connect(self.open_visit_form)
        self.patient_view.visit_requested.connect(self._open_visit_from_chronology)

    def close_dialogs(self) -> list[Reopen]:
        """Close every dialog and message of this window (the lock calls this).

        Returns:
            how to open again the windows the same user gets back after unlocking (the
            screening log, the audit trail, the identification log), read afresh.
        """
        return self._dialogs.close_all()

    def open_screening_log(self) -> QDialog:
        dialog = ScreeningLogDialog(
            self._factory,
            self._actor,
            self,
            include_demo=self._context.is_demo,
            clock=self._clock,
        )
        dialog.patient_randomized.connect(self._on_randomized)
        return self._dialogs.show(dialog, self.open_screening_log)

    def open_audit(self, patient_id: int | None = None) -> QDialog:
        args = (self._factory, self._actor, self._clock)
        dialog = AuditDialog(*args, patient_id=patient_id, parent=self)
        return self._dialogs.show(dialog, lambda: self.open_audit(patient_id))

    def open_dashboard(self) -> TrialDashboardWindow:
        """Вид → «Панель исследования»; read again when the patients change and at F5."""
        args = (self._factory, self._actor, self._clock)
        window = TrialDashboardWindow(*args, self, include_demo=self._context.is_demo)
        self.patients_changed.connect(window.refresh)
        self.patient_list.loaded.connect(window.refresh)  # after every save, F5, midnight
        self._dialogs.show(window, self.open_dashboard)
        return window

    def open_outcome(self) -> TrialOutcomeWindow:
        """Вид → «Исход исследования»; read again when the patients change and at F5."""
        args = (self._factory, self._actor, self._clock)
        window = TrialOutcomeWindow(*args, self, include_demo=self._context.is_demo)
        self.patients_changed.connect(window.refresh)
        self.patient_list.loaded.connect(window.refresh)  # after every save, F5, midnight
        self._dialogs.show(window, self.open_outcome)
        return window

    def open_identification(self) -> QDialog:
        dialog = IdentificationDialog(self._factory, self._actor, self._clock, self)
        return self._dialogs.show(dialog, self.open_identification)

    def open_settings(self) -> SiteSettingsDialog:
        dialog = SiteSettingsDialog(self._factory, self._actor, self._clock, self)
        dialog.saved.connect(self.settings_changed)
        self._show_dialog(dialog)
        return dialog

    def open_randomize(self, patient_id: int) -> QDialog | None:
        """Randomize a patient saved eligible but not randomized (from the patient view)."""
        try:
            summary = patient_summary(self._factory, self._actor, patient_id, self._clock())
        except PatientNotFound:
            self.reload()
            return None
        dialog = RandomizeDialog(
            self._factory,
            self._actor,
            self._clock,
            patient_id,
            summary.study_id,
            summary.shock_onset_at,
            self,
        )
        dialog.randomized.connect(self._on_randomized)
        return self._show_dialog(dialog)

    def _on_randomized(self, _patient_id: int) -> None:
        self.reload()
        self.patients_changed.emit()

    def _add_follow_up_tabs(self) -> None:
        follow_up = FollowUpContext(
            self._factory, self._actor, self._clock, self._context.db_path.parent
        )
        self.patient_view.add_follow_up_tabs(follow_up)
        assert self.patient_view.events_tab is not None
        assert self.patient_view.outcome_tab is not None
        self.patient_view.events_tab.changed.connect(self.reload)
        self.patient_view.outcome_tab.changed.connect(self.reload)

    def open_signature(self, patient_id: int, study_id: str) -> QDialog:
        data_dir = self._context.db_path.parent
        args = (self._factory, self._actor, data_dir, self._clock, patient_id, study_id)
        dialog = SignatureDialog(*args, parent=self)
        dialog.signed.connect(self.reload)
        return self._show_dialog(dialog)

    def open_unsign(self, patient_id: int, study_id: str) -> QDialog:
        args = (self._factory, self._actor, self._clock, patient_id, study_id)
        dialog = UnsignDialog(*args, parent=self)
        dialog.unsigned.connect(self.reload)
        return self._show_dialog(dialog)

    def open_visit_form(self, patient_id: int, study_id: str, study_day: int) -> QDialog:
        args = (self._factory, self._actor, self._clock, patient_id, study_id, study_day)
        data_dir = self._context.db_path.parent
        dialog = VisitFormDialog(*args, parent=self, progressive=True, data_dir=data_dir)
        dialog.saved.connect(lambda _patient: self.reload())
        return self._show_dialog(dialog)

    def _open_visit_from_chronology(self, patient_id: int, study_day: int) -> None:
        shown = self.patient_view.summary
        if shown is not None and shown.patient_id == patient_id:
            self.open_visit_form(patient_id, shown.study_id, study_day)

    def reload(self) -> None:
        """Read the patient list again (and the chosen patient), e.g. after a change or at F5."""
        now = self._clock()
        self._loaded_on = to_moscow(now).date()
        self._day_timer.start()
        if not self._may_view:
            self.patient_list.clear()
            self.patient_list.setEnabled(False)
            message = self.tr("Your role (%1) has no access to clinical data.")
            self.patient_view.clear(fill(message, role_label(self._actor.role)))
            return
        self.patient_list.setEnabled(True)
        factory, actor, clock = self._factory, self._actor, self._clock
        # Read on the thread pool: with thousands of patients the GUI must not freeze.
        self.patient_list.load(
            lambda: rows_for_reader(actor, list_patients(factory, actor, now, clock))
        )

    def _on_list_loaded(self) -> None:
        if self.patient_list.selected_patient_id() is None:
            self._on_selection_cleared()

    def _on_list_failed(self, message: str) -> None:
        self.status_bar.showMessage(fill(self.tr("Could not read the patient list: %1"), message))

    def clear_patient_data(self) -> None:
        """Empty every widget that shows patient data (the idle lock calls this).

        Nothing is read again, not even at midnight, until `reload()` is called.
        """
        self._day_timer.stop()
        self._loaded_on = None
        self.patient_list.clear()
        self.patient_view.clear()
        self.status_bar.clearMessage()

    def _on_patient_selected(self, patient_id: int) -> None:
        factory, actor, clock, language = (
            self._factory,
            self._actor,
            self._clock,
            interface_language(),
        )
        # Read on the thread pool: the list stays responsive while the tabs fill.
        self.patient_view.load(
            patient_id, lambda: read_patient(factory, actor, clock, patient_id, language)
        )

    def _on_selection_cleared(self) -> None:
        if not self._may_view:
            return
        if self.patient_list.model.rowCount() == 0:
            self.patient_view.clear(self.tr("No patients yet. Start with File → New screening…"))
        else:
            self.patient_view.clear()

    def _on_day_check(self) -> None:
        # Study days and visit states change at Moscow midnight (never refill a cleared window).
        if self._loaded_on is not None and to_moscow(self._clock()).date() != self._loaded_on:
            self.reload()

    def _on_language_chosen(self, action: QAction) -> None:
        code = action.data()
        if code == stored_language(self._settings):
            return
        store_language(self._settings, code)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Interface language"),
            self.tr("The new interface language will be used after MSC Desk is restarted."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_about(self) -> None:
        self.open_about()

    def open_about(self) -> AboutDialog:
        dialog = AboutDialog(self._factory, self)
        self._show_dialog(dialog)
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        self._day_timer.stop()
        super().closeEvent(event)
