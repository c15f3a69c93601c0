"""Dashboard and outcome windows and the chronology tab: a known ward, no arm when blinded."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.models import Role
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.patient_timeline import patient_timeline
from msc_desk.services.patient_trends import patient_trends
from msc_desk.ui.chronology_tab import ChronologyTab
from msc_desk.ui.trial.dashboard_window import TrialDashboardWindow
from msc_desk.ui.trial.enrollment_chart import EnrollmentChart
from msc_desk.ui.trial.outcome_window import TrialOutcomeWindow
from msc_desk.ui.trial.text_table import TextTable

INVESTIGATOR = Actor(None, "ivanov", Role.INVESTIGATOR, "test-laptop")
REVIEWER = Actor(None, "statistician", Role.BLINDED_REVIEWER, "test-laptop")
ARM_WORDS = ("MSC", "МСК", "Control", "Контроль", "Infused", "Введены", "мезенх", "mesenchym")


def _clock() -> object:
    return NOW


def _table_texts(table: QTableWidget | TextTable) -> list[str]:
    if isinstance(table, TextTable):
        return table.texts()
    texts = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            item = table.item(r, c)
            if item is not None:
                texts.append(item.text())
    return texts


def _row(table: QTableWidget, title: str) -> list[str]:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.text().strip() == title:
            return [table.item(r, c).text() for c in range(1, table.columnCount())]
    raise AssertionError(f"no row {title!r}")


def _dashboard(qtbot: QtBot, trial: SessionFactory, actor: Actor) -> TrialDashboardWindow:
    window = TrialDashboardWindow(trial, actor, _clock)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1300, 680)
    qtbot.waitUntil(lambda: window.dashboard is not None)
    qtbot.waitUntil(lambda: window.completeness_forms is not None)
    return window


def _outcome(qtbot: QtBot, trial: SessionFactory, actor: Actor) -> TrialOutcomeWindow:
    window = TrialOutcomeWindow(trial, actor, _clock)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1300, 680)
    qtbot.waitUntil(lambda: window.view.analysis() is not None)
    return window


def test_dashboard_window_shows_the_ward(qtbot: QtBot, trial: SessionFactory) -> None:
    window = _dashboard(qtbot, trial, INVESTIGATOR)
    assert _row(window.consort, "Screened")[-1] == "10"
    headers = _table_texts(window.consort)[:4]
    assert headers == ["CONSORT flow", "Control", "MSC", "Total"]
    assert _row(window.consort, "Randomized") == ["4", "3", "7"]
    assert _row(window.consort, "Died by day 28") == ["1", "0", "1"]
    assert window.visits.rowCount() == 3
    visits = window.visits.text_model
    assert {visits.text(row, 4) for row in range(3)} <= {"due", "overdue"}
    assert all(visits.text(row, 2).count(".") == 2 for row in range(3))  # dd.MM.yyyy
    assert window.tabs.tabText(0) == "Visits due (3)"
    window.enrollment.grab()
    assert "Randomized: 7 of 30" in window.enrollment.drawn_texts()
    forms = [window.completeness.item(r, 0).text() for r in range(window.completeness.rowCount())]
    assert forms[-2:] == ["Adverse event", "Outcome"]
    assert window.tabs.tabText(3) == "Data completeness"


def test_blinded_reviewer_sees_no_arm_anywhere(
    qtbot: QtBot, trial: SessionFactory, tmp_path: Path
) -> None:
    dashboard = _dashboard(qtbot, trial, REVIEWER)
    outcome = _outcome(qtbot, trial, REVIEWER)
    seen = []
    tables = (dashboard.consort, dashboard.visits, dashboard.events, dashboard.queries)
    for table in (*tables, dashboard.completeness):
        seen += _table_texts(table)
    seen += [dashboard.tabs.tabText(i) for i in range(dashboard.tabs.count())]
    dashboard.enrollment.grab()
    seen += dashboard.enrollment.drawn_texts()
    outcome.view.grab()
    seen += outcome.view.drawn_texts()
    assert outcome.save_png(tmp_path / "km.png")
    seen += outcome.view.drawn_texts()
    plot = outcome.view.frame().plot
    for step in range(57):
        point = QPointF(plot.left() + plot.width() * step / 56, plot.center().y())
        seen.append(outcome.view.tooltip_at(point))
    # Study ids begin with the trial's prefix "MSC-" for every patient: not an arm.
    text = re.sub(r"MSC-\d+", "", "\n".join(seen))
    assert _table_texts(dashboard.consort)[1:3] == ["A", "B"]
    assert "A (n = " in text
    for word in ARM_WORDS:
        assert word.lower() not in text.lower(), word
    png = (tmp_path / "km.png").read_bytes()
    assert all(word.encode() not in png for word in ARM_WORDS)


def test_the_text_check_finds_arm_names_for_an_unblinded_reader(
    qtbot: QtBot, trial: SessionFactory
) -> None:
    outcome = _outcome(qtbot, trial, INVESTIGATOR)
    outcome.view.grab()
    text = "\n".join(outcome.view.drawn_texts())
    assert "MSC (n = 3)" in text and "Control (n = 4)" in text
    dashboard = _dashboard(qtbot, trial, INVESTIGATOR)
    assert _row(dashboard.consort, "Infused") == ["0", "0", "0"]


def test_a_click_on_a_visit_asks_for_its_form(qtbot: QtBot, trial: SessionFactory) -> None:
    patient_id = 1  # MSC-001: every visit done
    tab = ChronologyTab()
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    qtbot.waitExposed(tab)
    timeline = patient_timeline(trial, INVESTIGATOR, patient_id, NOW)
    tab.show_patient(patient_id, timeline, patient_trends(trial, INVESTIGATOR, patient_id))
    tab.timeline.show_all()
    tab.timeline.grab()
    marker = next(hit for hit in tab.timeline.hits() if hit.visit_id == 7)
    with qtbot.waitSignal(tab.visit_requested) as signal:
        qtbot.mouseClick(
            tab.timeline, Qt.MouseButton.LeftButton, pos=marker.rect.center().toPoint()
        )
    assert signal.args == [patient_id, 7]


def test_the_enrollment_axis_counts_in_round_steps(qtbot: QtBot) -> None:
    chart = EnrollmentChart()
    qtbot.addWidget(chart)
    chart.resize(600, 360)
    start = date(2026, 1, 1)
    chart.show_enrollment(((start, 1), (start + timedelta(days=300), 834)), 30, start)
    chart.grab()
    texts = chart.drawn_texts()
    assert {"0", "200", "400", "600", "800"} <= set(texts)
    assert "166" not in texts
