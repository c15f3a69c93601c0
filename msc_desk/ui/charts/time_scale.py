"""The timeline's hours↔x mapping with zoom and pan; plain Python, tested on its own.

Time is in hours from the axis origin (shock onset); the whole axis is [0, total_hours].
The visible part is never shorter than MIN_SPAN_HOURS nor longer than the whole axis, and
never leaves it.
"""

from __future__ import annotations

import math

MIN_SPAN_HOURS = 2.0
# Tick steps in hours, from a quarter hour to a week; the first that leaves room is used.
TICK_STEPS = (0.25, 0.5, 1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 96.0, 168.0)


class TimeScale:
    """Maps hours to x between `left` and `right` pixels for the visible range."""

    def __init__(self, total_hours: float, left: float = 0.0, right: float = 1.0) -> None:
        if total_hours <= 0:
            raise ValueError("the axis must last some time")
        self.total_hours = float(total_hours)
        self.left = left
        self.right = right
        self.start = 0.0
        self.end = self.total_hours

    @property
    def span(self) -> float:
        return self.end - self.start

    @property
    def min_span(self) -> float:
        return min(MIN_SPAN_HOURS, self.total_hours)

    def set_pixels(self, left: float, right: float) -> None:
        self.left, self.right = left, max(right, left + 1.0)

    def x_for(self, hours: float) -> float:
        return self.left + (hours - self.start) / self.span * (self.right - self.left)

    def hours_at(self, x: float) -> float:
        return self.start + (x - self.left) / (self.right - self.left) * self.span

    def is_visible(self, hours: float) -> bool:
        return self.start <= hours <= self.end

    def show(self, start: float, end: float) -> None:
        """Show [start, end], widened to the minimum span and kept within the axis."""
        span = min(max(end - start, self.min_span), self.total_hours)
        centre = (start + end) / 2
        self.start = min(max(centre - span / 2, 0.0), self.total_hours - span)
        self.end = self.start + span

    def show_all(self) -> None:
        self.start, self.end = 0.0, self.total_hours

    def zoom(self, factor: float, anchor: float | None = None) -> None:
        """Zoom in (`factor` > 1) or out (< 1), keeping the hour `anchor` at the same x."""
        anchor = (self.start + self.end) / 2 if anchor is None else anchor
        span = min(max(self.span / factor, self.min_span), self.total_hours)
        share = (anchor - self.start) / self.span
        start = anchor - share * span
        start = min(max(start, 0.0), self.total_hours - span)
        self.start, self.end = start, start + span

    def pan(self, fraction: float) -> None:
        """Move by `fraction` of the visible span (positive: later)."""
        start = self.start + fraction * self.span
        start = min(max(start, 0.0), self.total_hours - self.span)
        self.start, self.end = start, start + self.span

    def tick_step(self, min_pixels: float = 70.0) -> float:
        """The smallest step whose ticks stand at least `min_pixels` apart."""
        pixels_per_hour = (self.right - self.left) / self.span
        for step in TICK_STEPS:
            if step * pixels_per_hour >= min_pixels:
                return step
        return TICK_STEPS[-1]

    def ticks(self, step: float, phase: float = 0.0) -> list[float]:
        """Visible hours h where h + phase is a multiple of `step` (phase: the origin's hour)."""
        first = math.ceil((self.start + phase) / step - 1e-9)
        last = math.floor((self.end + phase) / step + 1e-9)
        return [index * step - phase for index in range(first, last + 1)]
