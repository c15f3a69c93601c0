"""Kaplan–Meier curves by arm to day 28, with the number at risk, mortality counts and p-values.

Arms are shown only by the labels in the analysis (a blinded reader's "A"/"B"): the view adds
no arm name of its own anywhere, tooltips and saved PNGs included.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from msc_desk.analysis.survival import HORIZON_DAYS, KaplanMeierCurve, SurvivalAnalysis
from msc_desk.ui.charts.chart_widget import (
    AXIS_COLOUR,
    GRID_COLOUR,
    MUTED_TEXT,
    ChartWidget,
    format_number,
    series_colour,
)
from msc_desk.ui.labels import fill

_LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
_DAY_TICKS = (0, 7, 14, 21, 28)
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class KmFrame:
    """Where the plot sits: day 0–28 left to right, survival 0–1 bottom to top."""

    plot: QRectF

    def x_for_day(self, day: float) -> float:
        return self.plot.left() + self.plot.width() * day / HORIZON_DAYS

    def y_for_survival(self, survival: float) -> float:
        return self.plot.bottom() - self.plot.height() * survival

    def day_at(self, x: float) -> float:
        return (x - self.plot.left()) / self.plot.width() * HORIZON_DAYS


class KaplanMeierView(ChartWidget):
    """Shows one `SurvivalAnalysis`; `show_analysis(None)` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._analysis: SurvivalAnalysis | None = None
        self._area_left = 0.0
        self.setMinimumSize(640, 400)

    def show_analysis(self, analysis: SurvivalAnalysis | None) -> None:
        self._analysis = analysis
        self.update()

    def analysis(self) -> SurvivalAnalysis | None:
        return self._analysis

    # --- geometry -------------------------------------------------------------------------
    def _line_height(self) -> float:
        return QFontMetricsF(self.font()).height()

    def _panel_width(self, area: QRectF) -> float:
        return min(340.0, max(220.0, area.width() * 0.27))

    def frame(self, area: QRectF | None = None) -> KmFrame:
        """The plot's frame for a paint area (default: the widget's rectangle)."""
        area = QRectF(self.rect()) if area is None else area
        line = self._line_height()
        arms = len(self._analysis.arms) if self._analysis is not None else 2
        metrics = QFontMetricsF(self.font())
        labels = self._analysis.arms if self._analysis is not None else ()
        widest = max((metrics.horizontalAdvance(arm) for arm in labels), default=0.0)
        left = area.left() + 8 + line * 1.6 + max(metrics.horizontalAdvance("100"), widest) + 40
        top = area.top() + line * 2.6
        right = area.right() - self._panel_width(area) - 24
        bottom = area.bottom() - line * (3.4 + 1.3 * (arms + 1))
        return KmFrame(QRectF(QPointF(left, top), QPointF(right, bottom)))

    # --- painting -------------------------------------------------------------------------
    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        frame = self.frame(area)
        self._area_left = area.left()
        line = self._line_height()
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() * 1.15)
        painter.setFont(title_font)
        self.text(
            painter,
            QRectF(area.left() + 8, area.top() + 4, area.width() - 16, line * 1.6),
            _ALIGN_LEFT,
            self.tr("Survival to day 28 (Kaplan–Meier)"),
        )
        painter.setFont(self.font())
        self._paint_axes(painter, frame)
        if self._analysis is None or not any(c.follow_up for c in self._analysis.curves):
            self.text(painter, frame.plot, _ALIGN_CENTER, self.tr("No randomized patients"))
            return
        for index, curve in enumerate(self._analysis.curves):
            self._paint_curve(painter, frame, curve, index)
        self._paint_at_risk(painter, frame, area)
        self._paint_panel(painter, frame, area)

    def _paint_axes(self, painter: QPainter, frame: KmFrame) -> None:
        plot = frame.plot
        line = self._line_height()
        painter.setPen(QPen(GRID_COLOUR, 1))
        for percent in range(0, 101, 20):
            y = frame.y_for_survival(percent / 100)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            self.text(
                painter,
                QRectF(plot.left() - 68, y - line / 2, 60, line),
                _ALIGN_RIGHT,
                str(percent),
            )
        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for day in range(0, int(HORIZON_DAYS) + 1):
            x = frame.x_for_day(day)
            length = 7 if day in _DAY_TICKS else 3
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + length))
        for day in _DAY_TICKS:
            x = frame.x_for_day(day)
            self.text(painter, QRectF(x - 30, plot.bottom() + 8, 60, line), _ALIGN_CENTER, str(day))
        self.text(
            painter,
            QRectF(plot.left(), plot.bottom() + 8 + line, plot.width(), line * 1.2),
            _ALIGN_CENTER,
            self.tr("Days since randomization"),
        )
        painter.save()
        painter.translate(self._area_left + 8 + line / 2, plot.center().y())
        painter.rotate(-90)
        self.text(
            painter,
            QRectF(-plot.height() / 2, -line / 2, plot.height(), line * 1.2),
            _ALIGN_CENTER,
            self.tr("Survival, %"),
        )
        painter.restore()

    def _paint_curve(
        self, painter: QPainter, frame: KmFrame, curve: KaplanMeierCurve, index: int
    ) -> None:
        # One path per curve and band, one tick per pixel: thousands of patients paint in
        # about the time of a few dozen.
        if not curve.steps:
            return
        colour = series_colour(index)
        band = QColor(colour)
        band.setAlpha(24)
        painter.fillPath(_band_path(frame, curve), band)
        survival = 1.0
        points = [QPointF(frame.x_for_day(0), frame.y_for_survival(1.0))]
        for step in curve.steps:
            x = frame.x_for_day(step.time)
            points.append(QPointF(x, frame.y_for_survival(survival)))
            points.append(QPointF(x, frame.y_for_survival(step.survival)))
            survival = step.survival
        last_time = max(step.time for step in curve.steps)
        points.append(QPointF(frame.x_for_day(last_time), frame.y_for_survival(survival)))
        path = QPainterPath()
        path.addPolygon(QPolygonF(points))
        pen = QPen(colour, 2.2, _LINE_STYLES[index % len(_LINE_STYLES)])
        painter.setPen(pen)
        painter.drawPath(path)
        painter.setPen(QPen(colour, 1.6))
        ticks: dict[tuple[int, int], QLineF] = {}
        for time in sorted(set(curve.censor_times)):
            x, y = frame.x_for_day(time), frame.y_for_survival(curve.survival_at(time))
            ticks.setdefault((round(x), round(y)), QLineF(x, y - 5, x, y + 5))
        painter.drawLines(list(ticks.values()))

    def _paint_at_risk(self, painter: QPainter, frame: KmFrame, area: QRectF) -> None:
        assert self._analysis is not None
        line = self._line_height()
        top = frame.plot.bottom() + 8 + line * 2.4
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        self.text(
            painter,
            QRectF(area.left() + 8, top, area.width() - 16, line * 1.2),
            _ALIGN_LEFT,
            self.tr("Number at risk"),
        )
        for row, (arm, counts) in enumerate(
            zip(self._analysis.arms, self._analysis.at_risk, strict=True)
        ):
            y = top + line * 1.3 * (row + 1)
            colour = series_colour(row)
            painter.setFont(bold)
            self.text(
                painter,
                QRectF(area.left() + 8, y, frame.plot.left() - area.left() - 40, line * 1.2),
                _ALIGN_RIGHT,
                arm,
                colour,
            )
            painter.setFont(self.font())
            for day, count in zip(self._analysis.at_risk_days, counts, strict=True):
                x = frame.x_for_day(day)
                self.text(painter, QRectF(x - 30, y, 60, line * 1.2), _ALIGN_CENTER, str(count))

    def _paint_panel(self, painter: QPainter, frame: KmFrame, area: QRectF) -> None:
        assert self._analysis is not None
        line = self._line_height()
        left = frame.plot.right() + 24
        width = area.right() - left - 8
        y = frame.plot.top()
        bold = QFont(self.font())
        bold.setBold(True)
        for index, count in enumerate(self._analysis.mortality):
            colour = series_colour(index)
            painter.setPen(QPen(colour, 2.2, _LINE_STYLES[index % len(_LINE_STYLES)]))
            painter.drawLine(QPointF(left, y + line * 0.6), QPointF(left + 30, y + line * 0.6))
            painter.setFont(bold)
            heading = fill(self.tr("%1 (n = %2)"), count.arm, count.patients)
            self.text(painter, QRectF(left + 38, y, width - 38, line * 1.2), _ALIGN_LEFT, heading)
            painter.setFont(self.font())
            y += line * 1.3
            for detail in self._mortality_lines(count.deaths, count.known, count.lost):
                rect = QRectF(left + 38, y, width - 38, line * 2.4)
                flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                bounds = self.text(painter, rect, flags | Qt.TextFlag.TextWordWrap, detail)
                y += bounds.height() + line * 0.15
            y += line * 0.8
        y += line * 0.2
        for label, p in (
            (self.tr("Log-rank test:"), self._analysis.logrank_p),
            (self.tr("Fisher's exact test, day 28:"), self._analysis.fisher_p),
        ):
            self.text(painter, QRectF(left, y, width, line * 1.2), _ALIGN_LEFT, label)
            y += line * 1.15
            painter.setFont(bold)
            self.text(painter, QRectF(left, y, width, line * 1.2), _ALIGN_LEFT, self._p_text(p))
            painter.setFont(self.font())
            y += line * 1.6
        for note in (self.tr("Shading: 95% CI (log-log)"), self.tr("Vertical tick: censored")):
            self.text(painter, QRectF(left, y, width, line * 1.2), _ALIGN_LEFT, note, MUTED_TEXT)
            y += line * 1.25

    def _mortality_lines(self, deaths: int, known: int, lost: int) -> list[str]:
        if known:
            percent = format_number(100 * deaths / known, 0)
            lines = [fill(self.tr("Died by day 28: %1 of %2 (%3%)"), deaths, known, percent)]
        else:
            lines = [self.tr("Died by day 28: no patient with a known outcome")]
        if lost:
            lines.append(fill(self.tr("Censored before day 28 (status not yet known): %1"), lost))
        return lines

    def _p_text(self, p: float | None) -> str:
        if p is None:
            return self.tr("not computed")
        if p < 0.001:
            return fill(self.tr("p < %1"), format_number(0.001, 3))
        return fill(self.tr("p = %1"), format_number(p, 3))

    # --- hover ----------------------------------------------------------------------------
    def tooltip_at(self, point: QPointF) -> str:
        if self._analysis is None:
            return ""
        frame = self.frame()
        if not frame.plot.adjusted(-4, -4, 4, 4).contains(point):
            return ""
        day = min(max(frame.day_at(point.x()), 0.0), HORIZON_DAYS)
        lines = [fill(self.tr("Day %1"), format_number(day, 1))]
        for curve in self._analysis.curves:
            if not curve.follow_up:
                continue
            step = curve.step_at(day)
            survival = format_number(100 * curve.survival_at(day), 0)
            at_risk = curve.at_risk(day)
            if step is not None and step.lower is not None and step.upper is not None:
                lines.append(
                    fill(
                        self.tr("%1: survival %2% (95% CI %3–%4%), at risk %5"),
                        curve.arm,
                        survival,
                        format_number(100 * step.lower, 0),
                        format_number(100 * step.upper, 0),
                        at_risk,
                    )
                )
            else:
                lines.append(
                    fill(self.tr("%1: survival %2%, at risk %3"), curve.arm, survival, at_risk)
                )
        return "\n".join(lines)


def _band_path(frame: KmFrame, curve: KaplanMeierCurve) -> QPainterPath:
    """The 95 % band as polygons: each step's limits up to the next step (the last to day 28).

    Where the limits are undefined (an estimate of 1 or 0) the band breaks.
    """
    path = QPainterPath()
    run: list[tuple[float, float, float, float]] = []  # x from, x to, y upper, y lower
    ends = [*(step.time for step in curve.steps[1:]), float(HORIZON_DAYS)]
    for step, end in zip(curve.steps, ends, strict=True):
        if step.lower is None:
            _add_band(path, run)
            run = []
            continue
        upper = step.upper if step.upper is not None else 1.0
        run.append(
            (
                frame.x_for_day(step.time),
                frame.x_for_day(end),
                frame.y_for_survival(upper),
                frame.y_for_survival(step.lower),
            )
        )
    _add_band(path, run)
    return path


def _add_band(path: QPainterPath, run: list[tuple[float, float, float, float]]) -> None:
    if not run:
        return
    points = [QPointF(x, y) for left, right, top, _ in run for x, y in ((left, top), (right, top))]
    points += [
        QPointF(x, y)
        for left, right, _, bottom in reversed(run)
        for x, y in ((right, bottom), (left, bottom))
    ]
    path.addPolygon(QPolygonF(points))
    path.closeSubpath()
