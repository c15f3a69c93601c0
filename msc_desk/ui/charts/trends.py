"""Small multiples of SOFA (total and per organ) and labs across the visit days, with units.

SOFA panels come first and lab panels start a row of their own, in the order given; a row
holds as many panels as fit at a readable width and wraps (the view grows taller and its
scroll area scrolls). A value not measured leaves a gap in the line, never a zero. No
reference bands: the catalogue holds no normal ranges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from msc_desk.analysis.trends import PatientTrends, TrendMeasure, TrendSeries
from msc_desk.ui.charts.chart_widget import (
    AXIS_COLOUR,
    GRID_COLOUR,
    MUTED_TEXT,
    ChartWidget,
    series_colour,
)
from msc_desk.ui.labels import fill

DAY_TICKS = (0, 7, 14, 21, 28)
PANEL_MIN_WIDTH = 170
PANEL_MIN_HEIGHT = 150
"""The smallest panel whose title, value labels and day ticks still read without overlap."""
_CONTEXT = "TrendsView"
_TITLES = {
    TrendMeasure.SOFA_TOTAL: QT_TRANSLATE_NOOP("TrendsView", "SOFA total"),
    TrendMeasure.SOFA_RESPIRATION: QT_TRANSLATE_NOOP("TrendsView", "SOFA: respiration"),
    TrendMeasure.SOFA_COAGULATION: QT_TRANSLATE_NOOP("TrendsView", "SOFA: coagulation"),
    TrendMeasure.SOFA_LIVER: QT_TRANSLATE_NOOP("TrendsView", "SOFA: liver"),
    TrendMeasure.SOFA_CARDIOVASCULAR: QT_TRANSLATE_NOOP("TrendsView", "SOFA: cardiovascular"),
    TrendMeasure.SOFA_CNS: QT_TRANSLATE_NOOP("TrendsView", "SOFA: CNS"),
    TrendMeasure.SOFA_RENAL: QT_TRANSLATE_NOOP("TrendsView", "SOFA: renal"),
    TrendMeasure.IL6: QT_TRANSLATE_NOOP("TrendsView", "IL-6"),
    TrendMeasure.IL10: QT_TRANSLATE_NOOP("TrendsView", "IL-10"),
    TrendMeasure.PROCALCITONIN: QT_TRANSLATE_NOOP("TrendsView", "Procalcitonin"),
    TrendMeasure.CRP: QT_TRANSLATE_NOOP("TrendsView", "CRP"),
    TrendMeasure.LACTATE: QT_TRANSLATE_NOOP("TrendsView", "Lactate"),
    TrendMeasure.NEUTROPHILS: QT_TRANSLATE_NOOP("TrendsView", "Neutrophils"),
    TrendMeasure.PLATELETS: QT_TRANSLATE_NOOP("TrendsView", "Platelets"),
}
_LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def measure_title(measure: TrendMeasure) -> str:
    return QCoreApplication.translate(_CONTEXT, str(_TITLES[measure]))


def format_value(value: Decimal | float) -> str:
    """A measured value as the locale writes it: a Decimal as entered, a float to 4 digits."""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", QLocale().decimalPoint())
    return QLocale().toString(float(value), "g", 4)


def nice_ticks(top: float) -> list[float]:
    """0 and 3–6 round steps up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(top / step - 1e-9)
    return [i * step for i in range(count + 1)]


@dataclass(frozen=True)
class Panel:
    """One series' panel: the whole cell, and the plot inside it with its value range."""

    series: TrendSeries
    cell: QRectF
    plot: QRectF
    ticks: tuple[float, ...]
    last_day: int

    @property
    def top_value(self) -> float:
        return self.ticks[-1]

    def x_for_day(self, day: float) -> float:
        return self.plot.left() + self.plot.width() * day / self.last_day

    def y_for_value(self, value: float) -> float:
        return self.plot.bottom() - self.plot.height() * value / self.top_value


class TrendsView(ChartWidget):
    """Shows one patient's `PatientTrends`; `show_trends(None)` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trends: PatientTrends | None = None
        self.setMinimumWidth(PANEL_MIN_WIDTH + 16)

    def show_trends(self, trends: PatientTrends | None) -> None:
        self._trends = trends
        self._fit_height()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for every wrapped row at its smallest readable height."""
        lines = len(self._lines(float(self.width())))
        self.setMinimumHeight(max(220, lines * PANEL_MIN_HEIGHT + 8))

    def title_of(self, series: TrendSeries) -> str:
        """The panel title with the unit (SOFA without a unit reads in points)."""
        unit = series.unit or (self.tr("points") if series.measure.is_sofa else "")
        title = measure_title(series.measure)
        return fill(self.tr("%1, %2"), title, unit) if unit else title

    # --- geometry -------------------------------------------------------------------------
    @staticmethod
    def columns_for(width: float) -> int:
        """How many panels a row of `width` holds at a readable width (at least one)."""
        return max(1, int((width - 16) // PANEL_MIN_WIDTH))

    def _lines(self, width: float) -> list[list[TrendSeries]]:
        """The rows of panels: SOFA first, labs from a new row, each wrapped to fit `width`."""
        if self._trends is None:
            return []
        sofa = [s for s in self._trends.series if s.measure.is_sofa]
        labs = [s for s in self._trends.series if not s.measure.is_sofa]
        fit = self.columns_for(width)
        lines = []
        for group in (sofa, labs):
            if not group:
                continue
            # Balanced: 7 panels where 6 fit make rows of 4 and 3, not 6 and 1.
            per_row = math.ceil(len(group) / math.ceil(len(group) / fit))
            lines += [group[start : start + per_row] for start in range(0, len(group), per_row)]
        return lines

    def panels(self, area: QRectF | None = None) -> list[Panel]:
        """The panels at a paint area (default: the widget's rectangle)."""
        area = QRectF(self.rect()) if area is None else area
        lines = self._lines(area.width())
        if self._trends is None or not lines:
            return []
        columns = max(len(line) for line in lines)
        line_height = QFontMetricsF(self.font()).height()
        width = (area.width() - 16) / columns
        height = (area.height() - 8) / len(lines)
        y_labels = QFontMetricsF(self.font()).horizontalAdvance("0000") + 12
        found = []
        for row_index, row in enumerate(lines):
            for column, series in enumerate(row):
                cell = QRectF(
                    area.left() + 8 + column * width,
                    area.top() + 4 + row_index * height,
                    width,
                    height,
                )
                plot = QRectF(
                    QPointF(cell.left() + y_labels, cell.top() + line_height * 2.6),
                    QPointF(cell.right() - 14, cell.bottom() - line_height * 1.8),
                )
                found.append(
                    Panel(series, cell, plot, tuple(self._ticks(series)), self._trends.last_day)
                )
        return found

    def _ticks(self, series: TrendSeries) -> list[float]:
        fixed = series.measure.fixed_maximum
        if fixed is not None:
            step = 1 if fixed == 4 else 4
            return [float(v) for v in range(0, fixed + 1, step)]
        values = [value for _, value in series.measured()]
        return nice_ticks(max(values, default=0.0) * 1.05)

    # --- painting -------------------------------------------------------------------------
    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        panels = self.panels(area)
        if not panels:
            self.text(painter, area, _CENTER, self.tr("No visit data yet"))
            return
        for panel in panels:
            self._paint_panel(painter, panel)

    def _paint_panel(self, painter: QPainter, panel: Panel) -> None:
        line = QFontMetricsF(self.font()).height()
        plot = panel.plot
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        title = QRectF(
            panel.cell.left() + 4, panel.cell.top() + 2, panel.cell.width() - 8, line * 2.4
        )
        self.text(painter, title, _LEFT_TOP | Qt.TextFlag.TextWordWrap, self.title_of(panel.series))
        painter.setFont(self.font())
        for value in panel.ticks:
            y = panel.y_for_value(value)
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = QRectF(
                panel.cell.left(), y - line / 2, plot.left() - panel.cell.left() - 5, line
            )
            self.text(painter, label, _RIGHT, format_value(value), MUTED_TEXT)
        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for day in DAY_TICKS:
            if day > panel.last_day:
                continue
            x = panel.x_for_day(day)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            self.text(
                painter, QRectF(x - 20, plot.bottom() + 4, 40, line), _CENTER, str(day), MUTED_TEXT
            )
        measured = panel.series.measured()
        if not measured:
            self.text(painter, plot, _CENTER, self.tr("not measured"), MUTED_TEXT)
            return
        colour = series_colour(0 if panel.series.measure.is_sofa else 2)
        painter.setPen(QPen(colour, 2))
        for run in panel.series.runs():
            if len(run) > 1:
                path = QPainterPath(
                    QPointF(panel.x_for_day(run[0][0]), panel.y_for_value(run[0][1]))
                )
                for day, value in run[1:]:
                    path.lineTo(panel.x_for_day(day), panel.y_for_value(value))
                painter.drawPath(path)
        painter.setBrush(colour)
        painter.setPen(QPen(QColor("white"), 1))
        for day, value in measured:
            painter.drawEllipse(QPointF(panel.x_for_day(day), panel.y_for_value(value)), 4, 4)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    # --- hover ----------------------------------------------------------------------------
    def tooltip_at(self, point: QPointF) -> str:
        for panel in self.panels():
            if not panel.cell.contains(point):
                continue
            points = sorted(panel.series.points, key=lambda p: p.day)
            near = [p for p in points if abs(panel.x_for_day(p.day) - point.x()) <= 10]
            if not near:
                return ""
            nearest = min(near, key=lambda p: abs(panel.x_for_day(p.day) - point.x()))
            title = self.title_of(panel.series)
            if nearest.value is None:
                return fill(self.tr("%1\nDay %2: not measured"), title, nearest.day)
            value = format_value(nearest.value)
            return fill(self.tr("%1\nDay %2: %3"), title, nearest.day, value)
        return ""
