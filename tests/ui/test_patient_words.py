"""Patient list and summary in Russian: sex agreement, the ANC's origin, whole status words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from trial_builder import ACTOR, NOW, add_patient, open_trial

from msc_desk.models import Arm, Outcome, PatientStatus, Role, Screening, Sex
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.session import unit_of_work
from msc_desk.ui.labels import all_status_labels, status_label
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.patient_list_model import Column
from msc_desk.ui.summary_tab import SummaryTab

pytestmark = pytest.mark.usefixtures("russian")


@pytest.fixture
def trial_folder(tmp_path: Path) -> Iterator[SessionFactory]:
    """A migrated database with a site and no patient."""
    with open_trial(tmp_path) as factory:
        yield factory


INVESTIGATOR = Actor(user_id=None, username="ivanov", role=Role.INVESTIGATOR, device="laptop-1")


def _screening(factory: SessionFactory, patient_id: int, **values: Any) -> None:
    with unit_of_work(factory, ACTOR) as session:
        session.execute(
            update(Screening).where(Screening.patient_id == patient_id).values(**values)
        )


def _window(qtbot: QtBot, factory: SessionFactory, tmp_path: Path) -> MainWindow:
    context = WindowContext(tmp_path / "msc-desk.db", "ОРИТ №2", "Ноутбук-1", False)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(factory, INVESTIGATOR, context, lambda: NOW, settings=settings)
    qtbot.addWidget(window)
    assert window.patient_list.wait_loaded()
    return window


def _summary(window: MainWindow, study_id: str) -> SummaryTab:
    ids = {window.patient_list.model.row_at(n).study_id: window.patient_list.model.row_at(n)
           for n in range(window.patient_list.model.rowCount())}  # fmt: skip
    assert window.patient_list.select_patient(ids[study_id].patient_id)
    assert window.patient_view.wait_loaded()
    return window.patient_view.summary_tab


def _list_status(window: MainWindow, study_id: str) -> str:
    model = window.patient_list.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).study_id == study_id)
    return str(model.index(row, Column.STATUS).data())


def test_status_and_outcome_agree_with_the_patients_sex(
    qtbot: QtBot, trial_folder: SessionFactory, tmp_path: Path
) -> None:
    factory = trial_folder
    day = timedelta(days=1)
    her = add_patient(factory, "MSC-101", PatientStatus.RANDOMIZED, screened_at=NOW - 3 * day,
                      randomized_at=NOW - 3 * day, arm=Arm.MSC)  # fmt: skip
    him = add_patient(factory, "MSC-102", PatientStatus.DIED, screened_at=NOW - 5 * day,
                      randomized_at=NOW - 5 * day, died_at=NOW - day)  # fmt: skip
    died = add_patient(factory, "MSC-103", PatientStatus.DIED, screened_at=NOW - 5 * day,
                       randomized_at=NOW - 5 * day, died_at=NOW - day)  # fmt: skip
    _screening(factory, her, sex=Sex.FEMALE)
    _screening(factory, him, sex=Sex.MALE)
    _screening(factory, died, sex=Sex.FEMALE)
    with unit_of_work(factory, ACTOR) as session:
        session.add(Outcome(patient_id=her, last_known_alive_at=NOW - day))
    window = _window(qtbot, factory, tmp_path)
    assert _list_status(window, "MSC-101") == "Рандомизирована"
    assert _list_status(window, "MSC-102") == "Умер"
    assert _list_status(window, "MSC-103") == "Умерла"
    summary = _summary(window, "MSC-101")
    assert summary.fields["status"].text() == "Рандомизирована"
    assert summary.fields["outcome"].text().startswith("Жива на ")
    summary = _summary(window, "MSC-103")
    assert summary.fields["status"].text() == "Умерла"
    assert summary.fields["outcome"].text().startswith("Умерла ")
    assert _summary(window, "MSC-102").fields["outcome"].text().startswith("Умер ")


def test_every_female_status_has_its_own_russian_form() -> None:
    for status in PatientStatus:
        if status is not PatientStatus.SCREENING:
            assert status_label(status, Sex.FEMALE) != status_label(status, Sex.MALE)
    assert status_label(PatientStatus.RANDOMIZED, None) == "Рандомизирован"


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ({"anc_10e9_per_l": Decimal("0.3")}, "0,3 ×10⁹/л"),
        (
            {"anc_10e9_per_l": None, "wbc_10e9_per_l": Decimal("2.0"),
             "neutrophils_segmented_percent": Decimal("20"),
             "neutrophils_band_percent": Decimal("5")},
            "0,5 ×10⁹/л (рассчитано: лейкоциты × (с/я + п/я)/100)",
        ),
        (
            {"anc_10e9_per_l": None, "wbc_10e9_per_l": Decimal("0.7")},
            "≤ 1,0 ×10⁹/л (лейкоциты ≤ 1,0, без формулы)",
        ),
        ({"anc_10e9_per_l": None}, "—"),
    ],
)  # fmt: skip
def test_the_summary_shows_the_anc_and_how_it_was_obtained(
    qtbot: QtBot, trial_folder: SessionFactory, tmp_path: Path, values: dict[str, Any], shown: str
) -> None:
    patient = add_patient(trial_folder, "MSC-201", PatientStatus.SCREENING, screened_at=NOW)
    _screening(trial_folder, patient, **values)
    window = _window(qtbot, trial_folder, tmp_path)
    assert _summary(window, "MSC-201").fields["anc"].text() == shown


def test_a_computed_anc_above_the_limit_never_reads_as_the_limit(
    qtbot: QtBot, trial_folder: SessionFactory, tmp_path: Path
) -> None:
    patient = add_patient(trial_folder, "MSC-202", PatientStatus.SCREEN_FAILED, screened_at=NOW,
                          failed="anc_gt_1.0")  # fmt: skip
    _screening(trial_folder, patient, anc_10e9_per_l=None, wbc_10e9_per_l=Decimal("3.0001"),
               neutrophils_segmented_percent=Decimal("30"),
               neutrophils_band_percent=Decimal("3.34"))  # fmt: skip
    window = _window(qtbot, trial_folder, tmp_path)
    assert _summary(window, "MSC-202").fields["anc"].text().startswith("1,001 ×10⁹/л")


@pytest.mark.parametrize("size", [(1366, 700), (1280, 680), (1024, 640)])
def test_the_status_column_holds_its_longest_word(
    qtbot: QtBot, trial: SessionFactory, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = _window(qtbot, trial, tmp_path)
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    _summary(window, "MSC-005")  # the patient view wants its room too
    window.resize(*size)  # a user narrows the window: the patient view gives way, not the list
    QApplication.processEvents()
    table = window.patient_list.table
    metrics = QFontMetrics(table.font())
    longest = max(metrics.horizontalAdvance(text) for text in all_status_labels())
    assert table.columnWidth(Column.STATUS) >= longest + 6
    for column in Column:
        shown = table.columnViewportPosition(column) + table.columnWidth(column)
        assert shown <= table.viewport().width(), f"column {column.name} is cut"
