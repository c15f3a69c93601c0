"""Randomized patients over time, a step line against the enrollment target."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from msc_desk.ui.charts.chart_widget import AXIS_COLOUR, GRID_COLOUR, ChartWidget, series_colour
from msc_desk.ui.labels import fill, format_date

_TARGET_COLOUR = QColor("#D55E00")


class EnrollmentChart(ChartWidget):
    """Cumulative randomizations by Moscow date, with the target as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[tuple[date, int], ...] = ()
        self._target = 0
        self._today: date | None = None
        self.setMinimumSize(360, 220)

    def show_enrollment(
        self, points: tuple[tuple[date, int], ...], target: int, today: date
    ) -> None:
        self._points, self._target, self._today = points, target, today
        self.update()

    def plot_rect(self, area: QRectF) -> QRectF:
        line = QFontMetricsF(self.font()).height()
        return area.adjusted(line * 3, line * 2.2, -line, -line * 2.2)

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        line = QFontMetricsF(self.font()).height()
        total = self._points[-1][1] if self._points else 0
        title = fill(self.tr("Randomized: %1 of %2"), total, self._target)
        self.text(painter, QRectF(area.left() + 8, area.top() + 4, area.width(), line), 0, title)
        plot = self.plot_rect(area)
        if self._today is None:
            return
        first = self._points[0][0] if self._points else self._today
        last = max(self._today, first + timedelta(days=1))
        span = (last - first).days or 1
        top = max(self._target, total, 1)

        def x(day: date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        def y(count: float) -> float:
            return plot.bottom() - plot.height() * count / top

        painter.setPen(QPen(GRID_COLOUR))
        for tick in range(0, top + 1, _round_step(top)):
            painter.drawLine(QPointF(plot.left(), y(tick)), QPointF(plot.right(), y(tick)))
            label = QRectF(area.left(), y(tick) - line / 2, plot.left() - area.left() - 6, line)
            self.text(painter, label, Qt.AlignmentFlag.AlignRight, str(tick))
        painter.setPen(QPen(AXIS_COLOUR))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for day, flags in (
            (first, Qt.AlignmentFlag.AlignLeft),
            (last, Qt.AlignmentFlag.AlignRight),
        ):
            rect = QRectF(x(day) - 120 if day == last else x(day), plot.bottom() + 4, 120, line)
            self.text(painter, rect, flags, format_date(day))

        target = QPen(_TARGET_COLOUR, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(target)
        painter.drawLine(
            QPointF(plot.left(), y(self._target)), QPointF(plot.right(), y(self._target))
        )
        label = QRectF(plot.left() + 4, y(self._target) - line - 2, plot.width() - 8, line)
        self.text(
            painter,
            label,
            Qt.AlignmentFlag.AlignRight,
            fill(self.tr("target %1"), self._target),
            _TARGET_COLOUR,
        )

        path = QPainterPath(QPointF(x(first), y(0)))
        for day, count in self._points:
            path.lineTo(QPointF(x(day), path.currentPosition().y()))
            path.lineTo(QPointF(x(day), y(count)))
        path.lineTo(QPointF(x(last), path.currentPosition().y()))
        painter.setPen(QPen(series_colour(0), 2.2))
        painter.drawPath(path)


def _round_step(top: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most about six ticks up to `top`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top // (step * factor) <= 6:
                return step * factor
        step *= 10
