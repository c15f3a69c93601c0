"""The main window on a real database: list, summary, clearing, menus and status bar."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from trial_builder import NOW, add_patient

from msc_desk.models import PatientStatus, Role, User
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor, system_actor
from msc_desk.services.session import unit_of_work
from msc_desk.ui.i18n import stored_language
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.patient_list_model import PATIENT_ID_ROLE
from msc_desk.ui.screening import ScreeningLogDialog
from msc_desk.ui.visits.visit_dialog import VisitFormDialog

INVESTIGATOR = Actor(user_id=None, username="ivanov", role=Role.INVESTIGATOR, device="laptop-1")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def _context(tmp_path: Path, *, demo: bool = False) -> WindowContext:
    return WindowContext(
        db_path=tmp_path / "a" / "rather" / "long" / "folder" / "name" / "msc-desk.db",
        site_name="ОРИТ №2",
        device_name="Ноутбук ОРИТ-2",
        is_demo=demo,
    )


def _window(
    qtbot: QtBot,
    factory: SessionFactory,
    settings: QSettings,
    tmp_path: Path,
    actor: Actor = INVESTIGATOR,
    *,
    demo: bool = False,
    clock: Clock | None = None,
) -> MainWindow:
    window = MainWindow(
        factory, actor, _context(tmp_path, demo=demo), clock or Clock(), settings=settings
    )
    qtbot.addWidget(window)
    assert window.patient_list.wait_loaded()
    return window


def _select(window: MainWindow, study_id: str) -> None:
    model = window.patient_list.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).study_id == study_id)
    assert window.patient_list.select_patient(model.row_at(row).patient_id)
    assert window.patient_view.wait_loaded()


def _visible_texts(root: QWidget) -> list[str]:
    """Every text a widget tree shows: labels, line edits, item views' cells and tooltips."""
    texts = [root.windowTitle()]
    for label in root.findChildren(QLabel):
        texts += [label.text(), label.toolTip()]
    for edit in root.findChildren(QLineEdit):
        texts += [edit.text(), edit.placeholderText()]
    for view in root.findChildren(QAbstractItemView):
        model: QAbstractItemModel = view.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    texts.append(str(model.data(index, role) or ""))
    return texts


def test_window_fits_a_ward_laptop(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    assert window.width() <= 1366 and window.height() <= 768
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 640


def test_list_shows_every_patient(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    model = window.patient_list.model
    assert model.rowCount() == 10
    assert window.patient_list.count_label.text() == "Patients: 10"
    assert not window.patient_view.summary_tab.study_id_label.text()


def test_selecting_a_patient_fills_the_summary(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    _select(window, "MSC-005")
    summary = window.patient_view.summary_tab
    assert window.patient_view.stack.currentWidget() is window.patient_view.tabs
    tabs = window.patient_view.tabs
    visible = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert visible == ["Summary", "Visits", "Chronology", "Adverse events", "Outcome"]
    outcome = window.patient_view.outcome_tab
    assert outcome is not None and "Not established" in outcome.day28_label.text()
    assert summary.study_id_label.text() == "MSC-005"
    assert summary.fields["arm"].text() == "Control"
    assert summary.fields["day"].text() == "8"
    assert summary.fields["randomized"].text() == "12.11.2026 02:40 MSK"
    assert summary.fields["eligibility"].text() == "Met"
    assert summary.visit_model.rowCount() == 7
    states = [summary.visit_model.index(r, 3).data() for r in range(7)]
    assert states == ["Done", "Done", "Done", "Overdue", "Scheduled", "Scheduled", "Scheduled"]


def test_enter_on_a_visit_opens_its_form(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    _select(window, "MSC-005")
    visits = window.patient_view.visits_tab
    window.patient_view.tabs.setCurrentWidget(visits)
    assert [visits.model.index(r, 3).data() for r in range(4)][3] == "Overdue"
    visits.table.setCurrentIndex(visits.model.index(3, 0))
    qtbot.keyClick(visits.table, Qt.Key.Key_Return)
    opened = [d for d in window.findChildren(VisitFormDialog) if d.isVisible()]
    assert len(opened) == 1
    assert opened[0].form.study_day == 7
    assert "SOFA" in opened[0].sofa_panel.title.text()


def test_a_visit_clicked_on_the_chronology_opens_its_form(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    _select(window, "MSC-005")
    shown = window.patient_view.summary
    assert shown is not None and shown.study_id == "MSC-005"
    window.patient_view.chronology_tab.visit_requested.emit(shown.patient_id, 7)
    opened = [d for d in window.findChildren(VisitFormDialog) if d.isVisible()]
    assert [dialog.form.study_day for dialog in opened] == [7]


def test_saving_a_death_moves_the_patient_to_died_in_the_list_and_the_summary(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    _select(window, "MSC-005")
    outcome = window.patient_view.outcome_tab
    assert outcome is not None
    died = outcome.editors["died"].widget
    assert isinstance(died, QComboBox)
    died.setCurrentIndex(died.findData(True))
    outcome.editors["died_at"].set_value(NOW - timedelta(days=1))
    outcome.editors["cause_of_death"].set_value("Refractory septic shock")
    assert outcome.save(), outcome.message.text()
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    assert window.patient_view.summary_tab.fields["status"].text() == "Died"
    row = window.patient_list.model.row_of(window.patient_list.selected_patient_id() or -1)
    assert row is not None
    assert window.patient_list.model.row_at(row).status.value == "died"
    assert outcome.message.text() == "The outcome is saved."


def test_a_screen_failure_shows_its_reasons_and_no_schedule(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    _select(window, "MSC-006")
    summary = window.patient_view.summary_tab
    assert summary.fields["arm"].text() == "—"
    assert "Age over 75" in summary.fields["eligibility"].text()
    assert summary.visit_table.isHidden() and not summary.schedule_note.isHidden()
    tabs = window.patient_view.tabs
    assert [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)] == ["Summary"]


def test_clear_patient_data_leaves_no_study_id_anywhere(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    window.patient_list.search_edit.setText("MSC-00")
    _select(window, "MSC-005")
    assert any("MSC-005" in text for text in _visible_texts(window))
    window.clear_patient_data()
    leaks = [text for text in _visible_texts(window) if "MSC-" in text]
    assert leaks == []
    assert window.patient_list.model.rowCount() == 0
    window.reload()  # after unlocking
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    assert window.patient_list.model.rowCount() == 10


def test_reload_keeps_the_selection_and_finds_new_patients(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    _select(window, "MSC-007")
    add_patient(trial, "MSC-011", PatientStatus.SCREENING, screened_at=NOW)
    window.reload_action.trigger()
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    assert window.patient_list.model.rowCount() == 11
    assert window.patient_view.summary_tab.study_id_label.text() == "MSC-007"


def test_search_filters_the_list(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    qtbot.keyClicks(window.patient_list.search_edit, "not enrolled")
    proxy = window.patient_list.proxy
    ids = sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))
    assert ids == ["MSC-003", "MSC-006"]
    assert window.patient_list.count_label.text() == "Shown 2 of 10"
    assert proxy.index(0, 0).data(PATIENT_ID_ROLE) is not None


def test_midnight_in_moscow_refreshes_study_days(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    clock = Clock()
    window = _window(qtbot, trial, settings, tmp_path, clock=clock)
    _select(window, "MSC-009")
    assert window.patient_view.summary_tab.fields["day"].text() == "0"
    clock.now = NOW + timedelta(hours=21)  # 00:40 the next day in Moscow
    window._day_timer.timeout.emit()
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    assert window.patient_view.summary_tab.fields["day"].text() == "1"


def test_a_cleared_window_stays_empty_past_midnight(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    clock = Clock()
    window = _window(qtbot, trial, settings, tmp_path, clock=clock)
    window.clear_patient_data()
    assert not window._day_timer.isActive()
    clock.now = NOW + timedelta(hours=21)
    window._day_timer.timeout.emit()
    assert window.patient_list.model.rowCount() == 0
    window.reload()
    assert window._day_timer.isActive()


def test_new_screening_is_a_signal_and_only_for_those_who_screen(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    assert window.new_screening_action.isVisible()
    with qtbot.waitSignal(window.new_screening_requested):
        window.new_screening_action.trigger()
    monitor = Actor(None, "monitor", Role.MONITOR, "laptop-1")
    assert not _window(qtbot, trial, settings, tmp_path, monitor).new_screening_action.isVisible()


def test_the_screening_log_opens_from_the_file_menu_for_clinical_roles(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    assert window.screening_log_action.isVisible()
    window.screening_log_action.trigger()
    dialogs = window.findChildren(ScreeningLogDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert dialogs[0].model.rowCount() == window.patient_list.model.rowCount()
    admin = _window(qtbot, trial, settings, tmp_path, system_actor("laptop-1"))
    assert not admin.screening_log_action.isVisible()


def test_a_demo_workspace_lists_its_demo_patients_in_the_screening_log(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    add_patient(
        trial, "DEMO-001", PatientStatus.SCREEN_FAILED, screened_at=NOW, failed="anc_gt_1.0",
        is_demo=True,
    )  # fmt: skip
    real = _window(qtbot, trial, settings, tmp_path).open_screening_log()
    demo = _window(qtbot, trial, settings, tmp_path, demo=True).open_screening_log()
    assert isinstance(real, ScreeningLogDialog) and isinstance(demo, ScreeningLogDialog)
    assert demo.model.rowCount() == real.model.rowCount() + 1


def test_a_role_without_clinical_access_sees_no_patients(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path, system_actor("laptop-1"))
    assert window.patient_list.model.rowCount() == 0
    assert not window.patient_list.isEnabled()
    assert "no access" in window.patient_view.placeholder.text()


def test_language_choice_is_stored_and_applies_after_restart(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    actions = {action.data(): action for action in window.language_group.actions()}
    assert actions["ru"].isChecked()
    actions["en"].trigger()
    assert stored_language(settings) == "en"
    boxes = window.findChildren(QMessageBox)
    assert len(boxes) == 1 and "restart" in boxes[0].text()
    boxes[0].close()


def test_status_bar_shows_database_user_device_and_demo(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    with unit_of_work(trial, system_actor("t")) as session:
        user = User(username="petrova", full_name="Петрова А. С.", role=Role.NURSE, created_at=NOW)
        session.add(user)
        session.flush()
        nurse = Actor(user.id, "petrova", Role.NURSE, "laptop-1")
    window = _window(qtbot, trial, settings, tmp_path, nurse, demo=True)
    bar = window.status_bar
    assert bar.user_label.text() == "Петрова А. С. (Nurse)"
    assert bar.device_label.text() == "Device: Ноутбук ОРИТ-2"
    assert bar.database_label.text() == "Database: …/name/msc-desk.db"
    assert bar.database_label.toolTip().endswith("name/msc-desk.db")
    assert not bar.demo_label.isHidden() and bar.demo_label.text() == "DEMO DATA"
    assert "DEMO DATA" in window.windowTitle()
    plain = _window(qtbot, trial, settings, tmp_path)
    assert plain.status_bar.demo_label.isHidden()
    assert "DEMO" not in plain.windowTitle()


@pytest.mark.usefixtures("russian")
def test_the_window_reads_in_russian(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path, demo=True)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Файл", "&Вид", "&Отчёты", "&Язык", "&Справка"]
    assert window.status_bar.demo_label.text() == "ДЕМО-ДАННЫЕ"
    assert window.status_bar.user_label.text() == "ivanov (Исследователь)"
    _select(window, "MSC-005")
    assert window.patient_view.tabs.tabText(0) == "Сводка"
    assert window.patient_view.summary_tab.fields["status"].text() == "Рандомизирован"


def test_trial_windows_open_from_the_view_menu_and_follow_changes(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    assert window.dashboard_action.isVisible() and window.outcome_action.isVisible()
    dashboard = window.open_dashboard()
    outcome = window.open_outcome()
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    qtbot.waitUntil(lambda: outcome.view.analysis() is not None)
    dashboard.dashboard = None
    outcome.view.show_analysis(None)
    window.patients_changed.emit()  # e.g. a randomization from the patient view
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    qtbot.waitUntil(lambda: outcome.view.analysis() is not None)
    _select(window, "MSC-004")
    chronology = window.patient_view.chronology_tab
    timeline = chronology.timeline.timeline()
    assert timeline is not None and len(timeline.infusions) == 0 and len(timeline.visits) == 7
    with qtbot.waitSignal(window.patient_view.visit_requested) as signal:
        chronology.timeline.visit_activated.emit(14)  # as a click on the day-14 marker does
    assert signal.args == [window.patient_list.selected_patient_id(), 14]


def test_the_dashboard_reads_again_whenever_the_list_is_read_again(
    qtbot: QtBot, trial: SessionFactory, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, trial, settings, tmp_path)
    dashboard = window.open_dashboard()
    qtbot.waitUntil(lambda: dashboard.dashboard is not None)
    assert dashboard.dashboard is not None and dashboard.dashboard.consort.screened == 10
    add_patient(trial, "MSC-011", PatientStatus.SCREENING, screened_at=NOW)
    window.reload()  # as after saving a form
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    qtbot.waitUntil(lambda: dashboard.dashboard.consort.screened == 11)  # type: ignore[union-attr]
