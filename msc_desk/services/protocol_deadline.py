"""The 10-hour protocol deadline from shock onset, shared by the screening and the infusion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from msc_desk.scoring import eligibility
from msc_desk.services.screening import ScreeningInput, evaluate

LIMIT = eligibility.MAX_ONSET_TO_SCREENING
AMBER_WINDOW = timedelta(hours=2)


class ClockState(StrEnum):
    NO_ONSET = "no_onset"
    ONSET_IN_FUTURE = "onset_in_future"
    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ClockReading:
    """What the clock shows at one instant.

    Attributes:
        state: the colour band, or why there is nothing to count.
        since_onset: time since shock onset, or None.
        left: time left to the 10-hour limit (zero once expired), or None.
        deadline: shock onset + 10 h, or None.
    """

    state: ClockState
    since_onset: timedelta | None = None
    left: timedelta | None = None
    deadline: datetime | None = None


def read_clock(onset: datetime | None, now: datetime, preparation: timedelta) -> ClockReading:
    """The clock at `now`; whether the window is closed is the eligibility rule's decision."""
    if onset is None:
        return ClockReading(ClockState.NO_ONSET)
    since = now.astimezone(UTC) - onset.astimezone(UTC)
    deadline = onset + LIMIT
    failed = evaluate(ScreeningInput(shock_onset=onset), now).failed_criteria
    if eligibility.SCREENING_BEFORE_SHOCK_ONSET in failed:
        return ClockReading(ClockState.ONSET_IN_FUTURE, deadline=deadline)
    if eligibility.SHOCK_ONSET_GT_10H in failed:
        return ClockReading(ClockState.EXPIRED, since, timedelta(0), deadline)
    left = LIMIT - since
    if left < preparation:
        state = ClockState.RED
    elif left <= AMBER_WINDOW:
        state = ClockState.AMBER
    else:
        state = ClockState.NORMAL
    return ClockReading(state, since, left, deadline)


def format_duration(value: timedelta | None) -> str:
    """Hours, minutes and seconds as HH:MM:SS (hours may exceed 24), or a dash."""
    if value is None:
        return "—"
    seconds = max(int(value.total_seconds()), 0)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def preparation_delta(hours: Decimal) -> timedelta:
    return timedelta(seconds=float(hours * 3600))
