"""Visit schedule, windows and states; study days are Moscow calendar days from randomization.

Day 0 is the Moscow calendar date of the randomization instant; day n is n calendar days later
(so day 1 starts at the first Moscow midnight after randomization, whatever the hour).

Schedule and windows (study days, inclusive):

    =========  ======  ==============
    visit      target  window
    =========  ======  ==============
    baseline   0       0 (SOFA of the 24 h before randomization)
    day_2      2       2
    day_3      3       3
    day_7      7       6–8   (±1)
    day_14     14      12–16 (±2)
    day_21     21      19–23 (±2)
    day_28     28      26–30 (±2)
    =========  ======  ==============

States at a given instant `now`, first match wins:

- done: a record exists (even one made after death or outside the window);
- not_applicable: the patient died (at or before `now`) on or before the last day of the window;
- upcoming: the window has not opened;
- missed: the window has closed;
- due: the window is open and the target day has not passed;
- overdue: the window is open and the target day has passed.

A death after a window closed leaves that visit missed, not not_applicable: it was missed alive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from msc_desk.scoring import _numbers as num
from msc_desk.scoring._numbers import InvalidInput


@dataclass(frozen=True)
class Visit:
    name: str
    day: int
    days_before: int
    days_after: int

    @property
    def first_day(self) -> int:
        return self.day - self.days_before

    @property
    def last_day(self) -> int:
        return self.day + self.days_after


@dataclass(frozen=True)
class VisitWindow:
    """A visit's window as Moscow calendar dates, inclusive."""

    first: date
    target: date
    last: date


class VisitState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    MISSED = "missed"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


SCHEDULE: tuple[Visit, ...] = (
    Visit("baseline", 0, 0, 0),
    Visit("day_2", 2, 0, 0),
    Visit("day_3", 3, 0, 0),
    Visit("day_7", 7, 1, 1),
    Visit("day_14", 14, 2, 2),
    Visit("day_21", 21, 2, 2),
    Visit("day_28", 28, 2, 2),
)
_BY_DAY = {visit.day: visit for visit in SCHEDULE}


def visit_on_day(day: int) -> Visit:
    """The scheduled visit whose target is `day`.

    Raises:
        InvalidInput: ("day") when no visit targets that day.
    """
    if not _is_visit_day(day):
        raise InvalidInput("day", f"no visit is scheduled on day {day!r}")
    return _BY_DAY[day]


def _is_visit_day(day: object) -> bool:
    return isinstance(day, int) and not isinstance(day, bool) and day in _BY_DAY


def study_day(*, randomization: datetime, at: datetime) -> int:
    """The study day of an instant: Moscow calendar days since the randomization date."""
    start = num.required_instant("randomization", randomization)
    moment = num.required_instant("at", at)
    return (num.moscow_date(moment) - num.moscow_date(start)).days


def window(visit: Visit, *, randomization: datetime) -> VisitWindow:
    """The visit's window as Moscow calendar dates."""
    day0 = num.moscow_date(num.required_instant("randomization", randomization))
    return VisitWindow(
        first=day0 + timedelta(days=visit.first_day),
        target=day0 + timedelta(days=visit.day),
        last=day0 + timedelta(days=visit.last_day),
    )


def in_window(visit: Visit, *, randomization: datetime, at: datetime) -> bool:
    """Whether an assessment at `at` falls within the visit's window."""
    return visit.first_day <= study_day(randomization=randomization, at=at) <= visit.last_day


def _state(visit: Visit, today: int, recorded: bool, death_day: int | None) -> VisitState:
    if recorded:
        return VisitState.DONE
    if death_day is not None and death_day <= visit.last_day:
        return VisitState.NOT_APPLICABLE
    if today < visit.first_day:
        return VisitState.UPCOMING
    if today > visit.last_day:
        return VisitState.MISSED
    return VisitState.DUE if today <= visit.day else VisitState.OVERDUE


def visit_states(
    *,
    randomization: datetime,
    now: datetime,
    recorded_days: Iterable[int] = (),
    death: datetime | None = None,
) -> tuple[tuple[Visit, VisitState], ...]:
    """Every scheduled visit with its state at `now`.

    Args:
        randomization: the randomization instant (timezone-aware).
        now: the instant the states are for (timezone-aware).
        recorded_days: target days of the visits that have a record.
        death: the instant of death, if any; a death after `now` is not yet known.

    Raises:
        InvalidInput: for a naive or missing instant, a death before randomization, or a
            recorded day that is not a scheduled visit ("recorded_days").
    """
    start = num.required_instant("randomization", randomization)
    moment = num.required_instant("now", now)
    died = num.instant("death", death)
    if died is not None and died < start:
        raise InvalidInput("death", "is before randomization")
    recorded: set[int] = set()
    for day in recorded_days:
        if not _is_visit_day(day):
            raise InvalidInput("recorded_days", f"no visit is scheduled on day {day!r}")
        recorded.add(day)

    day0 = num.moscow_date(start)
    today = (num.moscow_date(moment) - day0).days
    death_day = None if died is None or died > moment else (num.moscow_date(died) - day0).days
    return tuple(
        (visit, _state(visit, today, visit.day in recorded, death_day)) for visit in SCHEDULE
    )


def visit_state(
    visit: Visit,
    *,
    randomization: datetime,
    now: datetime,
    recorded_days: Iterable[int] = (),
    death: datetime | None = None,
) -> VisitState:
    """The state of one scheduled visit at `now`; arguments as for `visit_states`."""
    states = dict(
        visit_states(randomization=randomization, now=now, recorded_days=recorded_days, death=death)
    )
    if visit not in states:
        raise InvalidInput("visit", f"{visit.name!r} is not a scheduled visit")
    return states[visit]


def next_visit_due(
    *,
    randomization: datetime,
    now: datetime,
    recorded_days: Iterable[int] = (),
    death: datetime | None = None,
) -> Visit | None:
    """The first visit due or overdue at `now`, else the next upcoming one, else None."""
    states = visit_states(
        randomization=randomization, now=now, recorded_days=recorded_days, death=death
    )
    for wanted in ((VisitState.DUE, VisitState.OVERDUE), (VisitState.UPCOMING,)):
        for visit, state in states:
            if state in wanted:
                return visit
    return None
