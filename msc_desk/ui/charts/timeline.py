"""One patient's course on a time axis: from shock onset to day 28, death or discharge.

Lanes from top to bottom: events (screening, randomization, infusions, death or discharge),
visits (window and a marker coloured by state), adverse events, and the periods on
ventilation, vasopressors and renal replacement. The first 10 hours after shock onset are
shaded. Keys: + and − zoom, ← and → pan, Home shows the whole course; the wheel zooms
around the pointer (with Shift it pans). Hovering shows details; clicking a visit emits
`visit_activated`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from msc_desk.ui.charts.timeline_geometry import GUTTER, Hit
from msc_desk.ui.charts.timeline_painting import (
    SERIOUS_AE_COLOUR,
    SUPPORT_COLOURS,
    VISIT_COLOURS,
    TimelinePainting,
)

ZOOM_STEP = 1.5
PAN_STEP = 0.2

__all__ = [
    "GUTTER",
    "PAN_STEP",
    "SERIOUS_AE_COLOUR",
    "SUPPORT_COLOURS",
    "VISIT_COLOURS",
    "ZOOM_STEP",
    "Hit",
    "PatientTimelineView",
]


class PatientTimelineView(TimelinePainting):
    """Shows one `PatientTimeline`; `show_timeline(None)` empties it.

    Signals:
        visit_activated(int): a visit marker was clicked (its visit_id).
    """

    visit_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(600, 300)

    def hits(self) -> list[Hit]:
        """What the pointer can hover at the widget's current size (for tooltips and clicks)."""
        if self._hits_size != self.size():
            self.render_image()
        return list(self._hits)

    # --- Qt input -----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Left:
            self.pan(-PAN_STEP)
        elif key == Qt.Key.Key_Right:
            self.pan(PAN_STEP)
        elif key == Qt.Key.Key_Home:
            self.show_all()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self._timeline is None:
            return
        delta = event.angleDelta()
        steps = (delta.y() or delta.x()) / 120.0
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or delta.y() == 0:
            self.pan(-steps * PAN_STEP)
        elif steps:
            self.zoom(ZOOM_STEP**steps, event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            for hit in reversed(self.hits()):
                if hit.visit_id is not None and hit.rect.contains(event.position()):
                    self.visit_activated.emit(hit.visit_id)
                    return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._hits_size = None
        super().resizeEvent(event)

    def tooltip_at(self, point: QPointF) -> str:
        for hit in reversed(self.hits()):
            if hit.rect.contains(point):
                return hit.tooltip
        return ""
