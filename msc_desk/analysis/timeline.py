"""What a patient's timeline shows: the input the data services fill, and where things fall in time.

All instants are timezone-aware. Study days are Moscow calendar days from the randomization
date (msc_desk.scoring.visits); a visit window runs from the Moscow midnight that starts its
first day to the one that ends its last day.

Blinding is the caller's duty: for a reader without VIEW_ALLOCATION, leave `infusions` empty
and put nothing in an adverse event's `term` that reveals the arm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from msc_desk.scoring.visits import VisitState
from msc_desk.timekeeping import MOSCOW

HORIZON = timedelta(days=28)
ELIGIBILITY_WINDOW = timedelta(hours=10)


class SupportKind(StrEnum):
    VENTILATION = "ventilation"
    VASOPRESSOR = "vasopressor"
    RENAL_REPLACEMENT = "renal_replacement"


class Ending(StrEnum):
    DEATH = "death"
    DISCHARGE = "discharge"


@dataclass(frozen=True)
class TimelineInfusion:
    """One MSC infusion; `end` None while it runs (or when not recorded)."""

    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class TimelineVisit:
    """One scheduled visit.

    Attributes:
        visit_id: passed back when the reader clicks the visit (to open its form).
        study_day: the target day (0 = baseline); first_day/last_day bound the window.
        state: as msc_desk.scoring.visits computes it.
        recorded_at: when the visit was recorded; the marker sits there, else at noon of the
            target day.
    """

    visit_id: int
    study_day: int
    first_day: int
    last_day: int
    state: VisitState
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class TimelineAdverseEvent:
    term: str
    onset: datetime
    end: datetime | None
    serious: bool


@dataclass(frozen=True)
class SupportPeriod:
    """A period on ventilation, a vasopressor or renal replacement; `end` None: still on it."""

    kind: SupportKind
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class PatientTimeline:
    """Everything on one patient's timeline.

    Attributes:
        ending: death or discharge, at `ended_at` (both or neither).
        now: the current instant, drawn as a line while it falls on the axis (optional).
        end: where the axis stops; by default `default_end()`.
    """

    shock_onset: datetime
    screening: datetime | None = None
    randomization: datetime | None = None
    infusions: tuple[TimelineInfusion, ...] = ()
    visits: tuple[TimelineVisit, ...] = ()
    adverse_events: tuple[TimelineAdverseEvent, ...] = ()
    support: tuple[SupportPeriod, ...] = ()
    ending: Ending | None = None
    ended_at: datetime | None = None
    now: datetime | None = None
    end: datetime | None = None

    def __post_init__(self) -> None:
        if (self.ending is None) != (self.ended_at is None):
            raise ValueError("give both ending and ended_at, or neither")
        for instant in (self.shock_onset, self.screening, self.randomization, self.ended_at):
            if instant is not None and instant.utcoffset() is None:
                raise ValueError("naive datetime: give timezone-aware instants")

    def axis_end(self) -> datetime:
        """Where the axis stops: `end` if given, else `default_end()`; never before onset + 1 h."""
        end = self.end if self.end is not None else self.default_end()
        return max(end, self.shock_onset + timedelta(hours=1))

    def default_end(self) -> datetime:
        """Death or discharge; else the end of study day 28 (or 28 days from shock onset)."""
        if self.ended_at is not None:
            return self.ended_at
        if self.randomization is None:
            return self.shock_onset + HORIZON
        return study_day_start(self.randomization, 29)

    def visit_window(self, visit: TimelineVisit) -> tuple[datetime, datetime] | None:
        """The visit's window as instants, or None before randomization."""
        if self.randomization is None:
            return None
        return (
            study_day_start(self.randomization, visit.first_day),
            study_day_start(self.randomization, visit.last_day + 1),
        )

    def visit_marker_time(self, visit: TimelineVisit) -> datetime | None:
        """Where the visit's marker sits: when recorded, else noon of the target day."""
        if visit.recorded_at is not None:
            return visit.recorded_at
        if self.randomization is None:
            return None
        return study_day_start(self.randomization, visit.study_day) + timedelta(hours=12)


def study_day_start(randomization: datetime, day: int) -> datetime:
    """The Moscow midnight that starts study `day` (day 0: the randomization date)."""
    day0 = randomization.astimezone(MOSCOW).date()
    return datetime.combine(day0 + timedelta(days=day), time(0), tzinfo=MOSCOW)


def hours_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600.0
