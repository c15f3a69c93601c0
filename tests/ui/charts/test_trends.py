"""Trends: panels with units, points at day and value, and gaps (never zeros) where not measured."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from msc_desk.analysis.trends import (
    VISIT_DAYS,
    PatientTrends,
    TrendMeasure,
    TrendPoint,
    TrendSeries,
)
from msc_desk.ui.charts.trends import (
    PANEL_MIN_HEIGHT,
    PANEL_MIN_WIDTH,
    Panel,
    TrendsView,
    nice_ticks,
)

GREEN = QColor("#009E73")  # lab panels
BLUE = QColor("#0072B2")  # SOFA panels


def _series(measure: TrendMeasure, unit: str, values: list[object]) -> TrendSeries:
    points = tuple(TrendPoint(d, v) for d, v in zip(VISIT_DAYS, values, strict=True))  # type: ignore[arg-type]
    return TrendSeries(measure, unit, points)


# Visit days 0, 2, 3, 7, 14, 21, 28.
SOFA = _series(TrendMeasure.SOFA_TOTAL, "", [16, 15, 13, 10, None, 6, 4])
IL6 = _series(
    TrendMeasure.IL6,
    "pg/mL",
    [Decimal(1250), Decimal(830), None, Decimal(120), Decimal("45.5"), None, Decimal(12)],
)
LACTATE = _series(TrendMeasure.LACTATE, "mmol/L", [None] * 7)


@pytest.fixture
def view(qtbot: QtBot) -> TrendsView:
    widget = TrendsView()
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show_trends(PatientTrends((SOFA, IL6, LACTATE)))
    return widget


def _panel(view: TrendsView, measure: TrendMeasure) -> Panel:
    return next(p for p in view.panels() if p.series.measure is measure)


def test_titles_carry_the_units(view: TrendsView) -> None:
    view.grab()
    texts = view.drawn_texts()
    assert "SOFA total, points" in texts
    assert "IL-6, pg/mL" in texts
    assert "Lactate, mmol/L" in texts
    assert "not measured" in texts  # the lactate panel has no value at all


def test_sofa_on_the_first_row_labs_on_the_second(view: TrendsView) -> None:
    sofa, il6, lactate = (_panel(view, m) for m in (SOFA.measure, IL6.measure, LACTATE.measure))
    assert sofa.cell.top() < il6.cell.top() == lactate.cell.top()
    assert il6.cell.left() < lactate.cell.left()


def test_points_sit_at_their_day_and_value(view: TrendsView) -> None:
    sofa = _panel(view, TrendMeasure.SOFA_TOTAL)
    plot = sofa.plot
    assert sofa.ticks == (0, 4, 8, 12, 16, 20, 24)  # SOFA total on its own 0–24 scale
    assert sofa.x_for_day(0) == plot.left() and sofa.x_for_day(28) == pytest.approx(plot.right())
    assert sofa.x_for_day(7) == pytest.approx(plot.left() + plot.width() / 4)
    assert sofa.y_for_value(0) == plot.bottom()
    assert sofa.y_for_value(12) == pytest.approx(plot.bottom() - plot.height() / 2)
    il6 = _panel(view, TrendMeasure.IL6)
    assert il6.ticks == (0, 500, 1000, 1500)  # 1250 × 1.05 rounded up to a 500 step
    assert il6.y_for_value(750) == pytest.approx(il6.plot.bottom() - il6.plot.height() / 2)
    image = view.render_image(QSize(1300, 600))
    assert _near(image, sofa.x_for_day(7), sofa.y_for_value(10), BLUE)
    assert _near(image, il6.x_for_day(2), il6.y_for_value(830), GREEN)


def _near(image: QImage, x: float, y: float, colour: QColor, reach: int = 2) -> bool:
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            got = image.pixelColor(round(x) + dx, round(y) + dy)
            if all(
                abs(a - b) < 40 for a, b in zip(got.getRgb()[:3], colour.getRgb()[:3], strict=True)
            ):
                return True
    return False


def test_a_missing_value_is_a_gap_not_a_zero(view: TrendsView) -> None:
    assert SOFA.runs() == [[(0, 16.0), (2, 15.0), (3, 13.0), (7, 10.0)], [(21, 6.0), (28, 4.0)]]
    assert IL6.runs() == [[(0, 1250.0), (2, 830.0)], [(7, 120.0), (14, 45.5)], [(28, 12.0)]]
    image = view.render_image(QSize(1300, 600))
    sofa = _panel(view, TrendMeasure.SOFA_TOTAL)
    # Drawn between days 3 and 7 (both measured) ...
    assert _near(image, sofa.x_for_day(5), sofa.y_for_value(11.5), BLUE, reach=1)
    # ... but nothing between day 7 and 21 (day 14 missing): neither a line nor a point at 0.
    assert not _near(image, sofa.x_for_day(14), sofa.y_for_value(8), BLUE, reach=3)
    assert not _near(image, sofa.x_for_day(14), sofa.y_for_value(0), BLUE, reach=3)
    il6 = _panel(view, TrendMeasure.IL6)
    assert not _near(image, il6.x_for_day(3), il6.y_for_value(0), GREEN, reach=3)
    assert not _near(image, il6.x_for_day(2.5), il6.y_for_value(475), GREEN, reach=3)


def test_hover_gives_the_value_or_not_measured(view: TrendsView) -> None:
    il6 = _panel(view, TrendMeasure.IL6)
    centre = il6.plot.center().y()
    assert view.tooltip_at(QPointF(il6.x_for_day(14) + 3, centre)) == "IL-6, pg/mL\nDay 14: 45.5"
    assert view.tooltip_at(QPointF(il6.x_for_day(21), centre)) == (
        "IL-6, pg/mL\nDay 21: not measured"
    )
    assert view.tooltip_at(QPointF(il6.x_for_day(10), centre)) == ""


def test_nothing_to_show(qtbot: QtBot) -> None:
    widget = TrendsView()
    qtbot.addWidget(widget)
    widget.show_trends(None)
    widget.grab()
    assert widget.drawn_texts() == ["No visit data yet"]
    assert widget.panels() == []


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (3.7, [0, 1, 2, 3, 4]),
        (1312.5, [0, 500, 1000, 1500]),
        (9.8, [0, 2.5, 5, 7.5, 10]),
        (0.42, [0, 0.2, 0.4, 0.6]),
    ],
)
def test_nice_ticks(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == pytest.approx(ticks)


@pytest.mark.usefixtures("russian")
def test_russian_titles_and_decimal_comma(view: TrendsView) -> None:
    view.grab()
    texts = view.drawn_texts()
    assert {"SOFA, сумма, баллы", "ИЛ-6, pg/mL", "не измерялось"} <= set(texts)
    il6 = _panel(view, TrendMeasure.IL6)
    tip = view.tooltip_at(QPointF(il6.x_for_day(14), il6.plot.center().y()))
    assert tip == "ИЛ-6, pg/mL\nСутки 14: 45,5"


ALL_SERIES = tuple(_series(measure, "", [1] * 7) for measure in TrendMeasure)


@pytest.mark.parametrize(
    ("width", "rows"),
    [
        (1300, [7, 7]),  # SOFA on one row, the labs on the next
        (1100, [4, 3, 4, 3]),  # 6 fit a row: 7 panels as 4 + 3, not 6 + 1
        (600, [3, 3, 1, 3, 3, 1]),  # beside the patient list on a 1366-pixel screen
        (320, [1] * 14),
    ],
)
def test_panels_wrap_to_stay_readable_and_the_view_grows_to_scroll(
    qtbot: QtBot, width: int, rows: list[int]
) -> None:
    widget = TrendsView()
    qtbot.addWidget(widget)
    widget.show_trends(PatientTrends(ALL_SERIES))
    widget.show()
    widget.resize(width, 400)
    qtbot.waitUntil(lambda: widget.width() == width)
    panels = widget.panels()
    tops = sorted({panel.cell.top() for panel in panels})
    assert [sum(1 for p in panels if p.cell.top() == top) for top in tops] == rows
    assert all(panel.cell.width() >= PANEL_MIN_WIDTH for panel in panels)
    assert [panel.series.measure for panel in panels] == list(TrendMeasure)
    sofa_rows = {panel.cell.top() for panel in panels if panel.series.measure.is_sofa}
    lab_rows = {panel.cell.top() for panel in panels if not panel.series.measure.is_sofa}
    assert not sofa_rows & lab_rows
    assert widget.minimumHeight() >= len(rows) * PANEL_MIN_HEIGHT
