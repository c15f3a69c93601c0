"""A patient saved eligible but not randomized is randomized later, or told why it is too late."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from screening_trial import ScreeningTrial
from sqlalchemy import select

from msc_desk.models import AuditEntry, ConsentSigner, PatientStatus, Sex
from msc_desk.services.actor import Actor
from msc_desk.services.patients import list_patients
from msc_desk.services.screening import ScreeningInput, save_screening, screening_log
from msc_desk.services.session import read_session
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.patient_list_model import Column, PatientListModel
from msc_desk.ui.screening import ScreeningLogDialog
from msc_desk.ui.screening.log_model import LogColumn
from msc_desk.ui.screening.randomize_dialog import RandomizeDialog

ONSET_HOURS_AGO = 3


def stranded(screening_db: ScreeningTrial) -> int:
    """An eligible patient saved while no randomization list was imported; its id."""
    onset = screening_db.clock.now - timedelta(hours=ONSET_HOURS_AGO)
    saved = save_screening(
        screening_db.factory,
        screening_db.investigator,
        ScreeningInput(
            shock_onset=onset,
            anc_10e9_per_l=Decimal("0.2"),
            age_years=58,
            sex=Sex.FEMALE,
            pregnant=False,
            chemo_resistant_oncohematologic=False,
            consent_signed=True,
            consent_signer=ConsentSigner.REPRESENTATIVE,
            consent_at=onset + timedelta(minutes=40),
        ),
        screening_db.clock,
    )
    assert saved.eligible
    return saved.patient_id


def log_dialog(qtbot: QtBot, screening_db: ScreeningTrial, actor: Actor) -> ScreeningLogDialog:
    dialog = ScreeningLogDialog(screening_db.factory, actor, clock=screening_db.clock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_list_shows_the_same_status_as_the_screening_log(
    qtbot: QtBot, screening_db: ScreeningTrial
) -> None:
    stranded(screening_db)
    doctor = screening_db.investigator
    [log_row] = screening_log(screening_db.factory, doctor)
    dialog = log_dialog(qtbot, screening_db, doctor)
    logged = dialog.model.index(0, LogColumn.DECISION).data()
    model = PatientListModel()
    model.set_rows(list_patients(screening_db.factory, doctor, screening_db.clock.now))
    assert model.index(0, Column.STATUS).data() == logged == "Eligible, not randomized"
    assert log_row.eligible_not_randomized


def test_a_stranded_patient_is_randomized_from_the_screening_log(
    qtbot: QtBot, screening_db: ScreeningTrial
) -> None:
    patient_id = stranded(screening_db)
    dialog = log_dialog(qtbot, screening_db, screening_db.investigator)
    assert not dialog.randomize_button.isEnabled()  # nothing chosen yet
    dialog.table.selectRow(0)
    assert dialog.randomize_button.isEnabled() and dialog.randomize_action.isEnabled()
    screening_db.import_list(slot_count=4)  # the list arrives later

    randomize = dialog.randomize_selected()
    assert isinstance(randomize, RandomizeDialog)
    with qtbot.waitSignal(dialog.patient_randomized) as caught:
        randomize.randomize_button.click()
    assert caught.args == [patient_id]
    assert randomize.outcome is not None
    assert "Randomized at" in randomize.message.text()
    [row] = screening_log(screening_db.factory, screening_db.investigator)
    assert row.status is PatientStatus.RANDOMIZED and row.arm is randomize.outcome.arm
    assert dialog.model.index(0, LogColumn.DECISION).data().startswith("Randomized")
    dialog.table.selectRow(0)
    assert not dialog.randomize_button.isEnabled()


def test_after_10_hours_the_refusal_says_the_window_closed(
    qtbot: QtBot, screening_db: ScreeningTrial
) -> None:
    patient_id = stranded(screening_db)
    screening_db.import_list(slot_count=4)
    screening_db.clock.now += timedelta(hours=10 - ONSET_HOURS_AGO, minutes=1)
    dialog = log_dialog(qtbot, screening_db, screening_db.investigator)
    dialog.table.selectRow(0)
    randomize = dialog.randomize_selected()
    assert randomize is not None
    assert "closed at" in randomize.window_label.text()
    assert not randomize.randomize()
    text = randomize.message.text()
    assert "no longer possible" in text and "10 hours" in text and "window closed at" in text
    assert randomize.randomize_button.isHidden()  # nothing more to try
    [row] = screening_log(screening_db.factory, screening_db.investigator)
    assert row.status is PatientStatus.SCREENING and row.arm is None
    with read_session(screening_db.factory) as session:
        refused = session.scalars(
            select(AuditEntry.new_value).where(
                AuditEntry.action == "randomize_refused", AuditEntry.patient_id == patient_id
            )
        ).all()
    assert refused == ["not_eligible,shock_onset_gt_10h"]


def test_the_patient_view_offers_randomize_only_to_who_may(
    qtbot: QtBot, screening_db: ScreeningTrial, tmp_path: Path
) -> None:
    patient_id = stranded(screening_db)
    screening_db.import_list(slot_count=4)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = WindowContext(tmp_path / "msc-desk.db", "ОРИТ №2", "Ноутбук-1", False)

    def window_for(actor: Actor) -> MainWindow:
        window = MainWindow(
            screening_db.factory,
            actor,
            context,
            screening_db.clock,
            settings=settings,
        )
        qtbot.addWidget(window)
        window.show()
        assert window.patient_list.wait_loaded()
        assert window.patient_view.wait_loaded()
        window.patient_list.select_patient(patient_id)
        assert window.patient_view.wait_loaded()
        return window

    nurse = window_for(screening_db.nurse)  # not delegated
    assert nurse.patient_view.summary_tab.randomize_note.isVisible()
    assert not nurse.patient_view.summary_tab.randomize_button.isVisible()

    window = window_for(screening_db.investigator)
    summary = window.patient_view.summary_tab
    assert summary.fields["status"].text() == "Eligible, not randomized"
    assert "closes at" in summary.randomize_note.text()
    assert summary.randomize_button.isVisible()
    summary.randomize_button.click()
    [dialog] = window.findChildren(RandomizeDialog)
    with qtbot.waitSignal(window.patients_changed):
        dialog.randomize_button.click()
    assert window.patient_list.wait_loaded()
    assert window.patient_view.wait_loaded()
    assert summary.fields["status"].text() == "Randomized"
    assert not summary.randomize_button.isVisible() and not summary.randomize_note.isVisible()


# The offscreen platform cannot grab the keyboard for a popup menu; the menu is still built.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_log_context_menu_offers_randomize_for_the_row_clicked(
    qtbot: QtBot, screening_db: ScreeningTrial
) -> None:
    stranded(screening_db)
    dialog = log_dialog(qtbot, screening_db, screening_db.investigator)
    position = dialog.table.visualRect(dialog.model.index(0, LogColumn.STUDY_ID)).center()
    dialog.table.customContextMenuRequested.emit(position)
    [menu] = dialog.findChildren(QMenu)
    assert menu.actions() == [dialog.randomize_action]
    assert dialog.randomize_action.isEnabled() and dialog.selected_row() is not None
    menu.close()

    nurse = log_dialog(qtbot, screening_db, screening_db.nurse)  # not delegated
    assert nurse.randomize_button.isHidden()
    nurse.table.customContextMenuRequested.emit(position)
    assert nurse.findChildren(QMenu) == []


def test_the_closed_window_is_explained_in_russian(
    qtbot: QtBot, screening_db: ScreeningTrial, russian: None
) -> None:
    stranded(screening_db)
    screening_db.import_list(slot_count=4)
    screening_db.clock.now += timedelta(hours=10 - ONSET_HOURS_AGO, minutes=1)
    dialog = log_dialog(qtbot, screening_db, screening_db.investigator)
    dialog.table.selectRow(0)
    assert dialog.model.index(0, LogColumn.DECISION).data() == "Подходит, не рандомизирована"
    randomize = dialog.randomize_selected()
    assert randomize is not None and not randomize.randomize()
    text = randomize.message.text()
    assert text.startswith("Рандомизация уже невозможна: по протоколу она допускается в течение")
    assert "окно закрылось в" in text and "МСК" in text
