"""The patient timeline: positions at both zoom extremes, keys and wheel, clicks and hover text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from msc_desk.analysis.timeline import (
    Ending,
    PatientTimeline,
    SupportKind,
    SupportPeriod,
    TimelineAdverseEvent,
    TimelineInfusion,
    TimelineVisit,
    study_day_start,
)
from msc_desk.scoring.visits import VisitState
from msc_desk.ui.charts.timeline import GUTTER, PatientTimelineView

ONSET = datetime(2026, 11, 1, 19, 40, tzinfo=UTC)  # 22:40 in Moscow
SCREENING = ONSET + timedelta(hours=3, minutes=10)
RANDOMIZATION = ONSET + timedelta(hours=5, minutes=25)  # 02.11 04:05 in Moscow: day 0 = 02.11


def _hours(value: float) -> datetime:
    return ONSET + timedelta(hours=value)


def _timeline(**changes: object) -> PatientTimeline:
    fields: dict[str, object] = {
        "shock_onset": ONSET,
        "screening": SCREENING,
        "randomization": RANDOMIZATION,
        "infusions": (TimelineInfusion(_hours(7), _hours(7.75)),),
        "visits": (
            TimelineVisit(101, 0, 0, 0, VisitState.DONE, _hours(9)),
            TimelineVisit(102, 2, 2, 2, VisitState.OVERDUE),
            TimelineVisit(107, 7, 6, 8, VisitState.UPCOMING),
        ),
        "adverse_events": (
            TimelineAdverseEvent("Фебрильная лихорадка", _hours(8), _hours(30), False),
            TimelineAdverseEvent("Острое почечное повреждение", _hours(26), None, True),
        ),
        "support": (
            SupportPeriod(SupportKind.VENTILATION, _hours(2), _hours(150)),
            SupportPeriod(SupportKind.VASOPRESSOR, _hours(0), None),
        ),
    }
    fields.update(changes)
    return PatientTimeline(**fields)  # type: ignore[arg-type]


@pytest.fixture
def view(qtbot: QtBot) -> PatientTimelineView:
    widget = PatientTimelineView()
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show_timeline(_timeline())
    return widget


def _left_right() -> tuple[float, float]:
    return GUTTER, 1300 - 16.0


def test_the_full_course_runs_from_onset_to_the_end_of_day_28(view: PatientTimelineView) -> None:
    left, right = _left_right()
    end = study_day_start(RANDOMIZATION, 29)  # 02.12 00:00 Moscow
    assert end == datetime(2026, 11, 30, 21, 0, tzinfo=UTC)
    assert view.visible_range() == (ONSET, end)
    total = (end - ONSET).total_seconds() / 3600  # 697 h 20 min
    assert total == pytest.approx(697 + 1 / 3)
    assert view.x_for(ONSET) == pytest.approx(left)
    assert view.x_for(end) == pytest.approx(right)
    # Randomization at 5 h 25 min of 697 h 20 min:
    assert view.x_for(RANDOMIZATION) == pytest.approx(left + (right - left) * (5 + 5 / 12) / total)
    day_14 = study_day_start(RANDOMIZATION, 14)  # 16.11 00:00 Moscow, 337 h 20 min after onset
    assert view.x_for(day_14) == pytest.approx(left + (right - left) * (337 + 1 / 3) / total)


def test_a_two_hour_view_places_events_minutes_apart(view: PatientTimelineView) -> None:
    left, right = _left_right()
    view.show_range(_hours(2), _hours(4))
    assert view.visible_range() == (_hours(2), _hours(4))
    # Screening at 3 h 10 min: 70 of the 120 visible minutes.
    assert view.x_for(SCREENING) == pytest.approx(left + (right - left) * 70 / 120)
    assert view.x_for(_hours(2)) == pytest.approx(left)
    assert view.x_for(_hours(4)) == pytest.approx(right)
    # The first night reads in hours: the axis labels are clock times.
    view.grab()
    texts = view.drawn_texts()
    assert {"01:00", "01:15", "01:30", "02:00"} <= set(texts)


def test_the_full_course_reads_in_days(view: PatientTimelineView) -> None:
    view.grab()
    texts = view.drawn_texts()
    assert "03.11" in texts and "day 1" in texts
    assert "14:00" not in texts


def test_keys_zoom_pan_and_reset(view: PatientTimelineView, qtbot: QtBot) -> None:
    full = view.visible_range()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    start, end = view.visible_range()
    assert end - start == pytest.approx((full[1] - full[0]) / 1.5, abs=timedelta(seconds=1))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    moved = view.visible_range()
    assert moved[0] > start and moved[1] - moved[0] == pytest.approx(
        end - start, abs=timedelta(seconds=1)
    )
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.visible_range()[0] < moved[0]
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.visible_range() == full
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    start, end = view.visible_range()
    assert end - start == timedelta(hours=2)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.visible_range() == full


def _wheel(view: PatientTimelineView, x: float, dy: int, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(
        QPointF(x, 300),
        QPointF(view.mapToGlobal(QPoint(int(x), 300))),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def test_the_wheel_zooms_around_the_pointer_and_pans_with_shift(
    view: PatientTimelineView,
) -> None:
    x = view.x_for(RANDOMIZATION)
    _wheel(view, x, 120)
    start, end = view.visible_range()
    assert end - start < timedelta(days=20)
    assert view.x_for(RANDOMIZATION) == pytest.approx(x, abs=0.5)
    _wheel(view, x, -120, shift=True)  # scrolling down with Shift moves later
    assert view.visible_range()[0] > start
    _wheel(view, x, 120, shift=True)
    assert view.visible_range()[0] == pytest.approx(start, abs=timedelta(seconds=1))


def test_a_click_on_a_visit_emits_its_id(view: PatientTimelineView, qtbot: QtBot) -> None:
    view.show_range(_hours(0), _hours(14))
    marker = next(hit for hit in view.hits() if hit.visit_id == 101)
    assert marker.rect.center().x() == pytest.approx(view.x_for(_hours(9)))
    with qtbot.waitSignal(view.visit_activated) as signal:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=marker.rect.center().toPoint())
    assert signal.args == [101]
    # An overdue visit not yet recorded sits at noon of its target day (day 2 = 04.11).
    view.show_all()
    overdue = next(hit for hit in view.hits() if hit.visit_id == 102)
    noon = study_day_start(RANDOMIZATION, 2) + timedelta(hours=12)
    assert overdue.rect.center().x() == pytest.approx(view.x_for(noon))


def test_a_click_elsewhere_emits_nothing(view: PatientTimelineView, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(view.visit_activated):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(700, 5))


def test_hover_texts(view: PatientTimelineView) -> None:
    view.show_range(_hours(0), _hours(14))
    tip = view.tooltip_at(QPointF(view.x_for(_hours(9)), _visit_y(view)))
    assert tip.split("\n") == [
        "Baseline: Done",
        "Window: 02.11",
        "Recorded: 02.11 07:40",
        "Click to open the form",
    ]
    texts = [hit.tooltip for hit in view.hits()]
    # Moscow wall clock: onset 01.11 22:40; screening +3 h 10 min; randomization +5 h 25 min.
    assert "Shock onset: 01.11 22:40" in texts
    assert "Screening: 02.11 01:50" in texts
    assert "Randomization: 02.11 04:05" in texts
    assert "MSC infusion: 02.11 05:40 – 02.11 06:25" in texts
    assert "Vasopressors: from 01.11 22:40, ongoing" in texts
    assert "Ventilation: 02.11 00:40 – 08.11 04:40" in texts
    assert "10 hours from shock onset: until 02.11 08:40" in texts
    assert "Фебрильная лихорадка\n02.11 06:40 – 03.11 04:40" in texts
    assert "Острое почечное повреждение\nfrom 03.11 00:40, ongoing\nSerious adverse event" in texts


def _visit_y(view: PatientTimelineView) -> float:
    return next(hit.rect.center().y() for hit in view.hits() if hit.visit_id is not None)


def test_window_of_a_later_visit_in_the_hover(view: PatientTimelineView) -> None:
    upcoming = next(hit for hit in view.hits() if hit.visit_id == 107)
    assert upcoming.tooltip.split("\n")[:2] == ["Day 7: Scheduled", "Window: 08.11 – 10.11"]


def test_death_ends_the_axis_and_is_marked(qtbot: QtBot) -> None:
    widget = PatientTimelineView()
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    death = _hours(100)
    widget.show_timeline(_timeline(ending=Ending.DEATH, ended_at=death))
    assert widget.visible_range() == (ONSET, death)
    widget.grab()
    assert "Death" in widget.drawn_texts()


def test_ending_without_instant_is_refused() -> None:
    with pytest.raises(ValueError):
        _timeline(ending=Ending.DISCHARGE)
    with pytest.raises(ValueError):
        _timeline(screening=datetime(2026, 11, 1, 22, 0))


def test_a_blinded_timeline_without_infusions_names_no_arm(qtbot: QtBot) -> None:
    # The services leave out infusions for a reader without VIEW_ALLOCATION; the view then
    # draws and tells nothing that reveals the arm.
    widget = PatientTimelineView()
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    for blinded, expected in ((True, False), (False, True)):
        infusions = () if blinded else (TimelineInfusion(_hours(7), _hours(7.75)),)
        widget.show_timeline(_timeline(infusions=infusions))
        for start, end in ((_hours(0), _hours(14)), (_hours(0), _hours(700))):
            widget.show_range(start, end)
            tips = [hit.tooltip for hit in widget.hits()]  # paints the current range
            seen = widget.drawn_texts() + tips
            assert any("MSC" in text for text in seen) is expected


@pytest.mark.usefixtures("russian")
def test_russian_axis_and_hover(view: PatientTimelineView) -> None:
    view.grab()
    texts = view.drawn_texts()
    assert {"События", "Визиты", "Нежелательные явления", "ИВЛ", "сут. 1"} <= set(texts)
    overdue = next(hit for hit in view.hits() if hit.visit_id == 102)
    assert overdue.tooltip.split("\n")[-1] == "Щёлкните, чтобы открыть форму"


def test_a_patient_never_randomized_has_28_days_from_onset(qtbot: QtBot) -> None:
    widget = PatientTimelineView()
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show_timeline(
        PatientTimeline(shock_onset=ONSET, screening=SCREENING, ending=None, ended_at=None)
    )
    assert widget.visible_range() == (ONSET, ONSET + timedelta(days=28))
    tips = [hit.tooltip for hit in widget.hits()]
    assert "Screening: 02.11 01:50" in tips
    assert not any("day" in text for text in widget.drawn_texts())  # no study days yet
    widget.show_timeline(None)
    assert widget.hits() == []
    assert widget.drawn_texts() == ["No patient chosen"]
