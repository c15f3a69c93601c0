"""The patient list model: Qt's model contract, what each cell shows, sorting and search."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from msc_desk.models.enums import Arm, PatientStatus
from msc_desk.scoring.visits import VisitState
from msc_desk.services.patients import PatientRow, VisitLine
from msc_desk.ui.patient_list_model import (
    PATIENT_ID_ROLE,
    Column,
    PatientFilterProxy,
    PatientListModel,
)
from msc_desk.ui.patient_list_panel import PatientListPanel
from msc_desk.ui.visit_schedule_model import VisitColumn, VisitScheduleModel


def _row(
    patient_id: int,
    study_id: str,
    status: PatientStatus,
    arm: Arm | None = None,
    day: int | None = None,
    next_day: int | None = None,
    next_date: date | None = None,
    overdue: bool = False,
    demo: bool = False,
) -> PatientRow:
    return PatientRow(patient_id, study_id, arm, status, day, next_day, next_date, overdue, demo)


ROWS = [
    _row(1, "MSC-003", PatientStatus.RANDOMIZED, Arm.MSC, 8, 7, date(2026, 11, 19), overdue=True),
    _row(2, "MSC-001", PatientStatus.SCREENING),
    _row(3, "MSC-002", PatientStatus.COMPLETED, Arm.CONTROL, demo=True),
    replace(
        _row(4, "MSC-004", PatientStatus.RANDOMIZED, Arm.CONTROL, 0, 0, date(2026, 11, 20)),
        open_queries=2,
    ),
    _row(5, "MSC-005", PatientStatus.SCREEN_FAILED),
    _row(6, "MSC-006", PatientStatus.DIED, Arm.MSC),
    _row(7, "MSC-007", PatientStatus.WITHDRAWN, Arm.CONTROL),
]


@pytest.fixture
def model() -> PatientListModel:
    model = PatientListModel()
    model.set_rows(ROWS)
    return model


def _text(model: PatientListModel, row: int, column: Column) -> str:
    return model.data(model.index(row, column))


def test_models_pass_qtmodeltester(qtmodeltester: ModelTester, model: PatientListModel) -> None:
    qtmodeltester.check(model)
    proxy = PatientFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.NEXT_VISIT)
    proxy.set_search_text("msc")
    qtmodeltester.check(proxy)
    visits = VisitScheduleModel()
    day = date(2026, 11, 12)
    visits.set_lines(
        [
            VisitLine(0, day, day, day, VisitState.DONE, None),
            VisitLine(7, date(2026, 11, 19), date(2026, 11, 18), date(2026, 11, 20),
                      VisitState.OVERDUE, None),
        ]
    )  # fmt: skip
    qtmodeltester.check(visits)
    assert visits.data(visits.index(1, VisitColumn.WINDOW)) == "18.11–20.11"
    assert visits.data(visits.index(0, VisitColumn.WINDOW)) == "12.11"
    visits.set_lines([VisitLine(0, day, day, day, VisitState.DONE, None, open_queries=2)])
    qtmodeltester.check(visits)
    marked = visits.index(0, VisitColumn.VISIT)
    assert marked.data() == "Baseline — queries: 2"
    assert marked.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_empty_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(PatientListModel())
    qtmodeltester.check(VisitScheduleModel())


@pytest.mark.usefixtures("russian")
def test_cells_read_in_russian(model: PatientListModel) -> None:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Номер", "Группа", "Сут.", "Следующий визит", "Статус", "Демо", "Запросы"]
    statuses = [_text(model, row, Column.STATUS) for row in range(len(ROWS))]
    assert statuses == [
        "Рандомизирован", "Скрининг", "Завершил исследование", "Рандомизирован",
        "Не включён", "Умер", "Выбыл",
    ]  # fmt: skip
    arms = [_text(model, row, Column.ARM) for row in range(len(ROWS))]
    assert arms == ["МСК", "—", "Контроль", "Контроль", "—", "МСК", "Контроль"]
    assert _text(model, 0, Column.NEXT_VISIT) == "19.11.2026 (сут. 7)"
    assert _text(model, 0, Column.STUDY_DAY) == "8"
    assert _text(model, 1, Column.STUDY_DAY) == "—"
    assert _text(model, 2, Column.DEMO) == "демо"
    assert _text(model, 0, Column.DEMO) == ""
    assert _text(model, 3, Column.QUERIES) == "2 откр."
    assert _text(model, 0, Column.QUERIES) == ""


def test_open_queries_are_marked_and_sort_first_when_descending(model: PatientListModel) -> None:
    marked = model.index(3, Column.QUERIES)
    assert model.data(marked, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, Column.QUERIES), Qt.ItemDataRole.BackgroundRole) is None
    proxy = PatientFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.QUERIES, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, Column.STUDY_ID).data() == "MSC-004"


def test_overdue_visit_is_flagged_by_colour_and_tooltip(model: PatientListModel) -> None:
    overdue = model.index(0, Column.NEXT_VISIT)
    assert model.data(overdue, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(overdue, Qt.ItemDataRole.ForegroundRole) is not None
    assert "19.11.2026" in model.data(overdue, Qt.ItemDataRole.ToolTipRole)
    on_time = model.index(3, Column.NEXT_VISIT)
    assert model.data(on_time, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(on_time, Qt.ItemDataRole.ToolTipRole) is None


def test_nothing_about_an_unrevealed_allocation_is_shown(model: PatientListModel) -> None:
    screening = model.index(1, 0)
    for column in Column:
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.data(screening.siblingAtColumn(column), role)
            assert value is None or ("Control" not in value and value != "MSC")
    assert model.data(screening.siblingAtColumn(Column.ARM)) == "—"


def _column(proxy: PatientFilterProxy, column: Column) -> list[str]:
    return [proxy.data(proxy.index(row, column)) for row in range(proxy.rowCount())]


def test_sorting_uses_natural_order(model: PatientListModel) -> None:
    proxy = PatientFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.STUDY_ID)
    assert _column(proxy, Column.STUDY_ID) == [f"MSC-00{n}" for n in range(1, 8)]
    proxy.sort(Column.STUDY_DAY, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, Column.STUDY_DAY)[:2] == ["8", "0"]
    proxy.sort(Column.NEXT_VISIT)  # soonest first, none last
    assert _column(proxy, Column.NEXT_VISIT)[:2] == ["19.11.2026 (day 7)", "20.11.2026 (day 0)"]
    assert set(_column(proxy, Column.NEXT_VISIT)[2:]) == {"—"}
    proxy.sort(Column.STATUS)  # in the order of the patient's path
    assert _column(proxy, Column.STATUS)[0] == "Screening"
    assert _column(proxy, Column.STATUS)[-1] == "Withdrawn"


def test_search_matches_study_id_and_status_only(model: PatientListModel) -> None:
    proxy = PatientFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("msc-00")
    assert proxy.rowCount() == len(ROWS)
    proxy.set_search_text("  MSC-004 ")
    assert _column(proxy, Column.STUDY_ID) == ["MSC-004"]
    assert proxy.data(proxy.index(0, 0), PATIENT_ID_ROLE) == 4
    proxy.set_search_text("random")
    assert sorted(_column(proxy, Column.STUDY_ID)) == ["MSC-003", "MSC-004"]
    proxy.set_search_text("control")  # the arm is not searched
    assert proxy.rowCount() == 0
    proxy.set_search_text("")
    assert proxy.rowCount() == len(ROWS)


@pytest.mark.usefixtures("russian")
def test_search_in_russian_ignores_case(model: PatientListModel) -> None:
    proxy = PatientFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("УМЕР")
    assert _column(proxy, Column.STUDY_ID) == ["MSC-006"]


def test_rows_can_be_found_and_cleared(model: PatientListModel) -> None:
    assert model.row_of(4) == 3
    assert model.row_of(99) is None
    assert model.row_at(3).study_id == "MSC-004"
    model.clear()
    assert model.rowCount() == 0


def test_sorting_keeps_the_selected_patient_selected(qtbot: QtBot) -> None:
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.set_rows(ROWS)
    assert panel.select_patient(4)
    panel.table.sortByColumn(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert panel.selected_patient_id() == 4
    assert panel.model.row_of(4) == next(
        row for row in range(len(ROWS)) if panel.model.row_at(row).patient_id == 4
    )
    panel.search_edit.setText("random")
    assert panel.selected_patient_id() == 4
    assert panel.count_label.text() == "Shown 2 of 7"


def test_the_list_is_read_off_the_gui_thread_with_progress_shown(qtbot: QtBot) -> None:
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.show()
    gui_thread = threading.get_ident()
    release = threading.Event()
    readers: list[int] = []

    def read() -> list[PatientRow]:
        readers.append(threading.get_ident())
        release.wait(10)
        return ROWS

    with qtbot.waitSignal(panel.loaded):
        panel.load(read)
        assert panel.is_loading and panel.loading.isVisible()
        assert panel.loading_label.text() == "Loading…"
        assert panel.count_label.text() == ""  # not "Patients: 0" before the rows arrive
        release.set()
    assert readers and readers[0] != gui_thread
    assert not panel.loading.isVisible()
    assert panel.model.rowCount() == len(ROWS)
    assert panel.proxy.index(0, Column.STUDY_ID).data() == "MSC-001"  # sorted by study id
    assert panel.count_label.text() == "Patients: 7"


def test_a_list_cleared_while_loading_stays_empty(qtbot: QtBot) -> None:
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    release = threading.Event()

    def read() -> list[PatientRow]:
        release.wait(10)
        return ROWS

    panel.load(read)
    panel.clear()  # the screen locks while the list is read
    release.set()
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert panel.model.rowCount() == 0
    assert not panel.loading.isVisible()


def test_a_failed_read_is_reported_not_lost(qtbot: QtBot) -> None:
    panel = PatientListPanel()
    qtbot.addWidget(panel)

    def read() -> list[PatientRow]:
        raise OSError("disk gone")

    with qtbot.waitSignal(panel.load_failed) as failed:
        panel.load(read)
    assert failed.args == ["OSError: disk gone"]
    assert not panel.loading.isVisible()
