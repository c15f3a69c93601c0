"""The timeline's painting: header and legend, lanes, the 10-hour window, grid and axis, marks.

Every mark painted is also recorded as a `Hit` (its rectangle and tooltip), which the view
answers hovering and clicks with.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from msc_desk.analysis.timeline import (
    ELIGIBILITY_WINDOW,
    Ending,
    SupportKind,
    TimelineVisit,
)
from msc_desk.scoring.visits import VisitState
from msc_desk.timekeeping import MOSCOW
from msc_desk.ui.charts.chart_widget import AXIS_COLOUR, GRID_COLOUR, MUTED_TEXT
from msc_desk.ui.charts.timeline_geometry import GUTTER, Hit, TimelineGeometry, pack_spans
from msc_desk.ui.labels import fill, visit_label, visit_state_label

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter

VISIT_COLOURS = {
    VisitState.DONE: QColor("#009E73"),
    VisitState.DUE: QColor("#0072B2"),
    VisitState.OVERDUE: QColor("#E69F00"),
    VisitState.MISSED: QColor("#D55E00"),
    VisitState.NOT_APPLICABLE: QColor("#9a9a9a"),
    VisitState.UPCOMING: QColor("#b8c4d6"),
}
SUPPORT_COLOURS = {
    SupportKind.VENTILATION: QColor("#56B4E9"),
    SupportKind.VASOPRESSOR: QColor("#CC79A7"),
    SupportKind.RENAL_REPLACEMENT: QColor("#8c6bb1"),
}
EVENT_COLOUR = QColor("#333333")
INFUSION_COLOUR = QColor("#0b7a4b")
AE_COLOUR = QColor("#8a8a8a")
SERIOUS_AE_COLOUR = QColor("#c0392b")
WINDOW_COLOUR = QColor(255, 214, 102, 70)
NOW_COLOUR = QColor("#c0392b")


class TimelinePainting(TimelineGeometry):
    """Paints the course the geometry placed (`paint_chart`), recording what can be hovered."""

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        self._hits = []
        if self._timeline is None:
            self.text(painter, area, _CENTER, self.tr("No patient chosen"))
            self._hits_size = QSize(int(area.width()), int(area.height()))
            return
        self._place_scale(area)
        lanes = self._lanes(area)
        plot = QRectF(
            QPointF(self.scale.left, lanes["events"].top()),
            QPointF(self.scale.right, lanes[SupportKind.RENAL_REPLACEMENT].bottom()),
        )
        painter.save()
        self._paint_header(painter, area)
        self._paint_lane_titles(painter, lanes)
        painter.setClipRect(plot.adjusted(-1, -2, 1, 2))
        self._paint_window(painter, plot)
        self._paint_grid(painter, plot)
        self._paint_support(painter, lanes)
        self._paint_adverse_events(painter, lanes["adverse"])
        self._paint_visits(painter, lanes["visits"])
        self._paint_events(painter, lanes["events"], plot)
        painter.setClipping(False)
        self._paint_axis(painter, plot)
        painter.restore()
        self._hits_size = QSize(int(area.width()), int(area.height()))

    def _paint_header(self, painter: QPainter, area: QRectF) -> None:
        line = self._line()
        start, end = self.visible_range()
        shown = fill(self.tr("Shown: %1 – %2"), _clock(start, True), _clock(end, True))
        hint = self.tr("+/− zoom, ←/→ move, Home: whole course")
        row = QRectF(area.left() + 8, area.top() + 4, area.width() - 16, line * 1.2)
        self.text(painter, row, _LEFT, shown)
        self.text(
            painter,
            row,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            hint,
            MUTED_TEXT,
        )
        # Legend of the visit states and the serious adverse event mark.
        x = area.left() + GUTTER
        y = area.top() + 4 + line * 1.35
        for state in (
            VisitState.UPCOMING,
            VisitState.DONE,
            VisitState.DUE,
            VisitState.OVERDUE,
            VisitState.MISSED,
            VisitState.NOT_APPLICABLE,
        ):
            _diamond(painter, QPointF(x + 6, y + line * 0.55), 5.5, VISIT_COLOURS[state])
            label = visit_state_label(state)
            bounds = self.text(painter, QRectF(x + 16, y, 200, line * 1.2), _LEFT, label)
            x += 16 + bounds.width() + 18
        painter.fillRect(QRectF(x, y + line * 0.3, 18, line * 0.5), SERIOUS_AE_COLOUR)
        self.text(
            painter, QRectF(x + 24, y, 260, line * 1.2), _LEFT, self.tr("serious adverse event")
        )

    def _paint_lane_titles(self, painter: QPainter, lanes: dict[str, QRectF]) -> None:
        titles = {
            "events": self.tr("Events"),
            "visits": self.tr("Visits"),
            "adverse": self.tr("Adverse events"),
            SupportKind.VENTILATION: self.tr("Ventilation"),
            SupportKind.VASOPRESSOR: self.tr("Vasopressors"),
            SupportKind.RENAL_REPLACEMENT: self.tr("Renal replacement"),
        }
        for index, (name, rect) in enumerate(lanes.items()):
            if index % 2:
                painter.fillRect(
                    QRectF(rect.left(), rect.top(), rect.width(), rect.height()), QColor("#f7f7f7")
                )
            title = QRectF(rect.left() + 8, rect.top(), GUTTER - 16, rect.height())
            flags = _LEFT | Qt.TextFlag.TextWordWrap
            self.text(painter, title, flags, titles[name])

    def _paint_window(self, painter: QPainter, plot: QRectF) -> None:
        assert self._timeline is not None
        left = self.scale.x_for(0.0)
        right = self.scale.x_for(ELIGIBILITY_WINDOW.total_seconds() / 3600)
        painter.fillRect(
            QRectF(QPointF(left, plot.top()), QPointF(right, plot.bottom())), WINDOW_COLOUR
        )
        window_end = self._timeline.shock_onset + ELIGIBILITY_WINDOW
        caption = self.tr("10 h from shock onset")
        metrics = QFontMetricsF(self.font())
        if right - max(left, plot.left()) > metrics.horizontalAdvance(caption) + 12:
            line = self._line()
            box = QRectF(
                QPointF(left, plot.bottom() - line * 1.2), QPointF(right - 6, plot.bottom())
            )
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            self.text(painter, box, flags, caption, QColor("#8a6d00"))
        self._hits.append(
            Hit(
                QRectF(QPointF(left, plot.top()), QPointF(right, plot.bottom())),
                fill(self.tr("10 hours from shock onset: until %1"), _clock(window_end, True)),
            )
        )

    def _paint_grid(self, painter: QPainter, plot: QRectF) -> None:
        step = self.scale.tick_step(self._tick_width())
        painter.setPen(QPen(GRID_COLOUR, 1))
        for hours in self.scale.ticks(step, self._tick_phase()):
            x = self.scale.x_for(hours)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        if step < 24:  # midnights stand out in the hour view
            painter.setPen(QPen(QColor("#b0b0b0"), 1.4))
            for hours in self.scale.ticks(24.0, self._tick_phase()):
                x = self.scale.x_for(hours)
                painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))

    def _paint_axis(self, painter: QPainter, plot: QRectF) -> None:
        assert self._timeline is not None
        line = self._line()
        onset = self._timeline.shock_onset
        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        step = self.scale.tick_step(self._tick_width())
        bold = QFont(self.font())
        bold.setBold(True)
        for hours in self.scale.ticks(step, self._tick_phase()):
            x = self.scale.x_for(hours)
            instant = onset + timedelta(hours=hours)
            local = instant.astimezone(MOSCOW)
            midnight = local.hour == 0 and local.minute == 0
            painter.setPen(QPen(AXIS_COLOUR, 1))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 5))
            first = QRectF(x - 60, plot.bottom() + 6, 120, line)
            second = QRectF(x - 60, plot.bottom() + 6 + line, 120, line)
            if x + self._tick_width() / 2 > self.scale.right + 14:
                continue  # a label at the very end would be cut off
            if step >= 24:
                self.text(painter, first, _CENTER, local.strftime("%d.%m"))
                day = self._study_day_text(local)
                if day:
                    self.text(painter, second, _CENTER, day, MUTED_TEXT)
            else:
                self.text(painter, first, _CENTER, local.strftime("%H:%M"))
                if midnight:
                    painter.setFont(bold)
                    self.text(painter, second, _CENTER, local.strftime("%d.%m"))
                    painter.setFont(self.font())

    def _study_day_text(self, local: datetime) -> str:
        assert self._timeline is not None
        if self._timeline.randomization is None:
            return ""
        day0 = self._timeline.randomization.astimezone(MOSCOW).date()
        return fill(self.tr("day %1"), (local.date() - day0).days)

    def _paint_support(self, painter: QPainter, lanes: dict[str, QRectF]) -> None:
        assert self._timeline is not None
        names = {
            SupportKind.VENTILATION: self.tr("Ventilation"),
            SupportKind.VASOPRESSOR: self.tr("Vasopressors"),
            SupportKind.RENAL_REPLACEMENT: self.tr("Renal replacement"),
        }
        for period in self._timeline.support:
            lane = lanes[period.kind]
            thickness = min(lane.height() * 0.56, self._line() * 1.6)
            rect = self._span_rect(
                period.start, period.end, lane.center().y() - thickness / 2, thickness
            )
            painter.fillRect(rect, SUPPORT_COLOURS[period.kind])
            tip = f"{names[period.kind]}: {self._period(period.start, period.end)}"
            self._hits.append(Hit(rect, tip))

    def _period(self, start: datetime, end: datetime | None) -> str:
        if end is None:
            return fill(self.tr("from %1, ongoing"), _clock(start, True))
        return f"{_clock(start, True)} – {_clock(end, True)}"

    def _paint_adverse_events(self, painter: QPainter, lane: QRectF) -> None:
        assert self._timeline is not None
        events = self._timeline.adverse_events
        rows = pack_spans([(a.onset, a.end) for a in events])
        line = self._line()
        height = line * 0.95
        for row_index, row in enumerate(rows):
            top = lane.top() + line * 0.2 + row_index * line * 1.15
            for index in row:
                event = events[index]
                rect = self._span_rect(event.onset, event.end, top, height)
                colour = SERIOUS_AE_COLOUR if event.serious else AE_COLOUR
                fill_colour = QColor(colour)
                fill_colour.setAlpha(60)
                painter.fillRect(rect, fill_colour)
                painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), colour)
                label = QRectF(rect.left() + 6, rect.top(), max(rect.width() - 8, 0), rect.height())
                if label.width() > 40:
                    painter.save()
                    painter.setClipRect(label.intersected(painter.clipBoundingRect()))
                    self.text(painter, label, _LEFT, event.term, colour.darker(150))
                    painter.restore()
                details = [event.term, self._period(event.onset, event.end)]
                if event.serious:
                    details.append(self.tr("Serious adverse event"))
                self._hits.append(Hit(rect, "\n".join(details)))

    def _paint_visits(self, painter: QPainter, lane: QRectF) -> None:
        assert self._timeline is not None
        centre_y = lane.center().y()
        for visit in self._timeline.visits:
            window = self._timeline.visit_window(visit)
            colour = VISIT_COLOURS[visit.state]
            if window is not None:
                rect = self._span_rect(window[0], window[1], centre_y - 7, 14)
                band = QColor(colour)
                band.setAlpha(45)
                painter.fillRect(rect, band)
            marker_time = self._timeline.visit_marker_time(visit)
            if marker_time is None:
                continue
            centre = QPointF(self.scale.x_for(self.hours_for(marker_time)), centre_y)
            _diamond(painter, centre, 7.5, colour)
            hit = QRectF(centre.x() - 9, centre.y() - 9, 18, 18)
            self._hits.append(Hit(hit, self._visit_tooltip(visit, window), visit.visit_id))

    def _visit_tooltip(self, visit: TimelineVisit, window: tuple[datetime, datetime] | None) -> str:
        lines = [f"{visit_label(visit.study_day)}: {visit_state_label(visit.state)}"]
        if window is not None:
            last = window[1] - timedelta(days=1)
            span = (
                _date(window[0])
                if visit.first_day == visit.last_day
                else (f"{_date(window[0])} – {_date(last)}")
            )
            lines.append(fill(self.tr("Window: %1"), span))
        if visit.recorded_at is not None:
            lines.append(fill(self.tr("Recorded: %1"), _clock(visit.recorded_at, True)))
        lines.append(self.tr("Click to open the form"))
        return "\n".join(lines)

    def _paint_events(self, painter: QPainter, lane: QRectF, plot: QRectF) -> None:
        assert self._timeline is not None
        timeline = self._timeline
        marks: list[tuple[datetime, str, QColor]] = [
            (timeline.shock_onset, self.tr("Shock onset"), EVENT_COLOUR)
        ]
        if timeline.screening is not None:
            marks.append((timeline.screening, self.tr("Screening"), EVENT_COLOUR))
        if timeline.randomization is not None:
            marks.append((timeline.randomization, self.tr("Randomization"), EVENT_COLOUR))
        for infusion in timeline.infusions:
            rect = self._span_rect(
                infusion.start, infusion.end or infusion.start, lane.top() + lane.height() * 0.55, 6
            )
            painter.fillRect(rect, INFUSION_COLOUR)
            marks.append((infusion.start, self.tr("MSC infusion"), INFUSION_COLOUR))
            tip = fill(self.tr("MSC infusion: %1"), self._period(infusion.start, infusion.end))
            self._hits.append(Hit(rect.adjusted(-4, -6, 4, 6), tip))
        if timeline.ending is not None and timeline.ended_at is not None:
            word = self.tr("Death") if timeline.ending is Ending.DEATH else self.tr("Discharge")
            marks.append((timeline.ended_at, word, QColor("black")))
        if timeline.now is not None and self.scale.is_visible(self.hours_for(timeline.now)):
            x = self.scale.x_for(self.hours_for(timeline.now))
            painter.setPen(QPen(NOW_COLOUR, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            marks.append((timeline.now, self.tr("Now"), NOW_COLOUR))
        line = self._line()
        row_ends = [-1e9, -1e9]
        metrics = QFontMetricsF(self.font())
        for instant, word, colour in sorted(marks, key=lambda mark: mark[0]):
            x = self.scale.x_for(self.hours_for(instant))
            painter.setPen(QPen(colour, 1.4))
            painter.drawLine(QPointF(x, lane.top() + 2), QPointF(x, plot.bottom()))
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x, lane.top() + 4), 3.5, 3.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            width = metrics.horizontalAdvance(word) + 6
            # Right of the mark when there is room, else (at the end of the axis) left of it.
            left = x + 5 if x + 5 + width < plot.right() + 4 else x - 5 - width
            for row, end in enumerate(row_ends):
                if left > end:
                    rect = QRectF(left, lane.top() + row * line * 1.1, width, line)
                    self.text(painter, rect, _LEFT, word, colour)
                    row_ends[row] = left + width + 4
                    break
            tip = f"{word}: {_clock(instant, True)}"
            self._hits.append(Hit(QRectF(x - 5, lane.top(), 10, plot.bottom() - lane.top()), tip))


def _diamond(painter: QPainter, centre: QPointF, radius: float, colour: QColor) -> None:
    path = QPainterPath(QPointF(centre.x(), centre.y() - radius))
    path.lineTo(centre.x() + radius, centre.y())
    path.lineTo(centre.x(), centre.y() + radius)
    path.lineTo(centre.x() - radius, centre.y())
    path.closeSubpath()
    painter.fillPath(path, colour)
    painter.setPen(QPen(colour.darker(140), 1))
    painter.drawPath(path)


def _clock(instant: datetime, with_date: bool = False) -> str:
    local = instant.astimezone(MOSCOW)
    return local.strftime("%d.%m %H:%M") if with_date else local.strftime("%H:%M")


def _date(instant: datetime) -> str:
    return instant.astimezone(MOSCOW).strftime("%d.%m")
