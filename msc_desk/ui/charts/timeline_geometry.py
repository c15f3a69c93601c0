"""The timeline's geometry: the visible range, the lanes and where an instant falls in x.

No painting here (timeline_painting.py) and no input (timeline.py): what is drawn where, at
the widget's size and the range shown, so the places are the same for painting and clicks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from msc_desk.analysis.timeline import PatientTimeline, SupportKind, hours_between
from msc_desk.timekeeping import MOSCOW
from msc_desk.ui.charts.chart_widget import ChartWidget
from msc_desk.ui.charts.time_scale import TimeScale

GUTTER = 150.0


@dataclass(frozen=True)
class Hit:
    """A drawn thing the pointer can hover (and, for a visit, click)."""

    rect: QRectF
    tooltip: str
    visit_id: int | None = None


class TimelineGeometry(ChartWidget):
    """A patient's course placed on a zoomable time scale; subclasses paint and take input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: PatientTimeline | None = None
        self.scale = TimeScale(24.0)
        self._hits: list[Hit] = []
        self._hits_size: QSize | None = None

    # --- content and view ---------------------------------------------------------------
    def show_timeline(self, timeline: PatientTimeline | None) -> None:
        """Show a patient's course, all of it (the visible range resets)."""
        self._timeline = timeline
        if timeline is not None:
            self.scale = TimeScale(hours_between(timeline.shock_onset, timeline.axis_end()))
        self._changed()

    def timeline(self) -> PatientTimeline | None:
        return self._timeline

    def hours_for(self, instant: datetime) -> float:
        assert self._timeline is not None
        return hours_between(self._timeline.shock_onset, instant)

    def x_for(self, instant: datetime) -> float:
        """The x of an instant at the widget's current size and visible range."""
        self._place_scale(QRectF(self.rect()))
        return self.scale.x_for(self.hours_for(instant))

    def visible_range(self) -> tuple[datetime, datetime]:
        assert self._timeline is not None
        onset = self._timeline.shock_onset
        return (
            onset + timedelta(hours=self.scale.start),
            onset + timedelta(hours=self.scale.end),
        )

    def show_range(self, start: datetime, end: datetime) -> None:
        """Show from `start` to `end` (at least 2 hours, within the course)."""
        self.scale.show(self.hours_for(start), self.hours_for(end))
        self._changed()

    def show_all(self) -> None:
        self.scale.show_all()
        self._changed()

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        anchor = None if anchor_x is None else self.scale.hours_at(anchor_x)
        self.scale.zoom(factor, anchor)
        self._changed()

    def pan(self, fraction: float) -> None:
        self.scale.pan(fraction)
        self._changed()

    def _changed(self) -> None:
        self._hits_size = None
        self.update()

    # --- geometry -----------------------------------------------------------------------
    def _line(self) -> float:
        return QFontMetricsF(self.font()).height()

    def _place_scale(self, area: QRectF) -> None:
        self.scale.set_pixels(area.left() + GUTTER, area.right() - 16)

    def _lanes(self, area: QRectF) -> dict[str, QRectF]:
        line = self._line()
        assert self._timeline is not None
        ae_rows = max(1, len(pack_spans([(a.onset, a.end) for a in self._timeline.adverse_events])))
        heights = {
            "events": line * 2.6,
            "visits": line * 1.9,
            "adverse": max(line * 1.6, ae_rows * line * 1.15 + line * 0.4),
            SupportKind.VENTILATION: line * 1.4,
            SupportKind.VASOPRESSOR: line * 1.4,
            SupportKind.RENAL_REPLACEMENT: line * 1.4,
        }
        top = area.top() + line * 3.0
        room = area.bottom() - line * 3.2 - top
        stretch = min(max(1.0, room / sum(heights.values())), 6.0)
        lanes = {}
        for name, height in heights.items():
            lanes[name] = QRectF(area.left(), top, area.width(), height * stretch)
            top += height * stretch
        return lanes

    def _tick_phase(self) -> float:
        assert self._timeline is not None
        local = self._timeline.shock_onset.astimezone(MOSCOW)
        return local.hour + local.minute / 60 + local.second / 3600

    def _tick_width(self) -> float:
        return QFontMetricsF(self.font()).horizontalAdvance("00:00") * 2.2

    def _span_rect(
        self, start: datetime, end: datetime | None, top: float, height: float
    ) -> QRectF:
        assert self._timeline is not None
        stop = end if end is not None else self._timeline.axis_end()
        left = self.scale.x_for(self.hours_for(start))
        right = max(self.scale.x_for(self.hours_for(stop)), left + 3)
        return QRectF(QPointF(left, top), QPointF(right, top + height))


def pack_spans(spans: list[tuple[datetime, datetime | None]]) -> list[list[int]]:
    """Indices of the spans in rows where none overlap (first fit, by start)."""
    rows: list[list[int]] = []
    ends: list[datetime | None] = []
    for index in sorted(range(len(spans)), key=lambda i: spans[i][0]):
        start, end = spans[index]
        for row, row_end in enumerate(ends):
            if row_end is not None and row_end <= start:
                rows[row].append(index)
                ends[row] = end
                break
        else:
            rows.append([index])
            ends.append(end)
    return rows
