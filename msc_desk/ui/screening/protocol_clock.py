"""The live protocol clock: time since shock onset and time left to the 10-hour limit."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from msc_desk.models.enums import Arm
from msc_desk.services.protocol_deadline import (
    AMBER_WINDOW,
    LIMIT,
    ClockReading,
    ClockState,
    format_duration,
    preparation_delta,
    read_clock,
)
from msc_desk.timekeeping import to_moscow
from msc_desk.ui.labels import fill, format_decimal

_STYLE = {
    ClockState.NO_ONSET: ("#eceff1", "#37474f", "#b0bec5"),
    ClockState.ONSET_IN_FUTURE: ("#fdecea", "#b71c1c", "#c62828"),
    ClockState.NORMAL: ("#eceff1", "#263238", "#b0bec5"),
    ClockState.AMBER: ("#fff3cd", "#6d4500", "#d08c00"),
    ClockState.RED: ("#fdecea", "#b71c1c", "#c62828"),
    ClockState.EXPIRED: ("#c62828", "#ffffff", "#8e0000"),
}


class ProtocolClockView(QFrame):
    """The clock's layout: a title, two big counters, the deadline and a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProtocolClock")
        self.setMinimumWidth(250)
        self.setMaximumWidth(290)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.title_label = QLabel(self.tr("Protocol clock"), self)
        self.since_caption = QLabel(self.tr("Since shock onset"), self)
        self.since_value = QLabel(self)
        self.left_caption = QLabel(self)
        self.left_value = QLabel(self)
        self.deadline_label = QLabel(self)
        self.message_label = QLabel(self)
        self.preparation_label = QLabel(self)
        bold = self.title_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title_label.setFont(bold)
        big = self.since_value.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setStyleHint(big.StyleHint.Monospace)
        for value in (self.since_value, self.left_value):
            value.setFont(big)
        message_font = self.message_label.font()
        message_font.setBold(True)
        message_font.setPointSizeF(message_font.pointSizeF() * 1.1)
        self.message_label.setFont(message_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addSpacing(10)
        for widget in (self.since_caption, self.since_value):
            layout.addWidget(widget)
        layout.addSpacing(8)
        for widget in (self.left_caption, self.left_value, self.deadline_label):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self.message_label)
        layout.addWidget(self.preparation_label)
        layout.addStretch(1)
        for label in (
            self.since_caption,
            self.left_caption,
            self.deadline_label,
            self.message_label,
            self.preparation_label,
        ):
            label.setWordWrap(True)
        for label in self.findChildren(QLabel):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)


class ProtocolClock(ProtocolClockView):
    """Counts from the shock onset to the 10-hour limit for randomization and the MSC infusion.

    Amber in the last 2 hours, red when less time is left than the cell product needs to be
    prepared, and "10 hours have passed" once the window is closed. `show_reading` is called
    by the wizard every second.
    """

    def __init__(self, preparation_hours: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preparation_hours = preparation_hours
        self._arm: Arm | None = None
        self._female = False
        self._note = ""
        self.reading = ClockReading(ClockState.NO_ONSET)
        self.show_reading(self.reading)

    @property
    def preparation(self) -> timedelta:
        return preparation_delta(self._preparation_hours)

    def set_arm(self, arm: Arm | None, *, female: bool = False) -> None:
        """After randomization: count to the infusion (MSC arm) or stop counting (control)."""
        self._arm, self._female = arm, female
        self.show_reading(self.reading)

    def set_note(self, note: str) -> None:
        """A message that replaces the advice once the screening is over (e.g. not enrolled)."""
        self._note = note
        self.show_reading(self.reading)

    def update_at(self, onset: datetime | None, now: datetime) -> ClockReading:
        """Read the clock for an onset at `now` and show it."""
        self.show_reading(read_clock(onset, now, self.preparation))
        return self.reading

    def show_reading(self, reading: ClockReading) -> None:
        self.reading = reading
        background, text, border = _STYLE[reading.state]
        if self._arm == Arm.CONTROL:
            background, text, border = _STYLE[ClockState.NORMAL]
        style = (
            f"QFrame#ProtocolClock {{ background: {background}; border: 3px solid {border};"
            f" border-radius: 6px; }} QLabel {{ color: {text}; background: transparent;"
            " border: none; }"
        )
        if style != self.styleSheet():  # restyle only when the colour band changes
            self.setStyleSheet(style)
        self.setProperty("clock_state", reading.state.value)
        self.since_value.setText(format_duration(reading.since_onset))
        self.left_value.setText(format_duration(reading.left))
        self.left_caption.setText(self._left_caption())
        for widget in (self.left_caption, self.left_value, self.deadline_label):
            widget.setVisible(self._arm != Arm.CONTROL)
        deadline = reading.deadline
        self.deadline_label.setText(
            ""
            if deadline is None
            else fill(self.tr("Limit: %1 MSK"), to_moscow(deadline).strftime("%H:%M, %d.%m"))
        )
        self.message_label.setText(self._message(reading))
        self.preparation_label.setText(self._preparation_note(reading))

    def _left_caption(self) -> str:
        if self._arm == Arm.MSC:
            return self.tr("Left for the MSC infusion (10 h)")
        return self.tr("Left to 10 h: randomization and MSC infusion")

    def _message(self, reading: ClockReading) -> str:
        state = reading.state
        if self._note:
            return self._note
        if self._arm == Arm.CONTROL:
            if self._female:
                return self.tr("Randomized to the control arm.", "female patient")
            return self.tr("Randomized to the control arm.")
        if state is ClockState.NO_ONSET:
            return self.tr("Shock onset not entered yet: the clock starts once it is.")
        if state is ClockState.ONSET_IN_FUTURE:
            return self.tr("Shock onset is later than now: check its date and time.")
        if state is ClockState.EXPIRED:
            if self._arm == Arm.MSC:
                return self.tr("10 hours have passed: the MSC infusion is outside the protocol.")
            return self.tr("10 hours have passed: randomization is impossible.")
        if state is ClockState.RED:
            return fill(
                self.tr("Less time left than the cells need to be prepared (%1 h)."),
                format_decimal(self._preparation_hours.normalize()),
            )
        if state is ClockState.AMBER:
            return self.tr("Less than 2 hours left.")
        return ""

    def _preparation_note(self, reading: ClockReading) -> str:
        if self._arm is not None or self._note or reading.deadline is None:
            return ""
        if reading.state not in (ClockState.NORMAL, ClockState.AMBER):
            return ""
        latest = to_moscow(reading.deadline - self.preparation).strftime("%H:%M")
        return fill(
            self.tr("Cell preparation takes %1 h: randomize by %2 MSK."),
            format_decimal(self._preparation_hours.normalize()),
            latest,
        )


__all__ = [
    "AMBER_WINDOW",
    "LIMIT",
    "ClockReading",
    "ClockState",
    "ProtocolClock",
    "ProtocolClockView",
    "format_duration",
    "preparation_delta",
    "read_clock",
]
