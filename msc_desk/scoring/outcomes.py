"""28-day survival outcome and support-free days, both counted from the randomization instant.

Horizon: randomization + 28 days as an absolute instant (28 × 24 h, computed in UTC, so the
2011 and 2014 Moscow offset changes do not shift it).

28-day outcome, for Kaplan–Meier (time in exact days, event = death by the horizon):

- died: death at or before the horizon; time = randomization to death.
- alive: death after the horizon, or alive confirmed at or after it (a contact, a visit);
  censored administratively at 28.
- censored: otherwise, at the last instant known alive (randomization when none is given).
  Hospital discharge alive is not survival to day 28: pass the discharge instant as the last
  known alive unless a later contact confirms the patient alive.

Support-free days (ventilator, vasopressor, RRT): 0 when the patient died at or before the
horizon; otherwise 28 minus the exact time on support within [randomization, horizon], in
days. Overlapping intervals count once; an interval without an end lasts to the horizon; any
support before randomization is ignored. The patient's vital status at day 28 must be known
(`death=None` means alive at day 28).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from msc_desk.scoring import _numbers as num
from msc_desk.scoring._numbers import InvalidInput

HORIZON_DAYS = 28
HORIZON = timedelta(days=HORIZON_DAYS)

SupportInterval = Sequence[datetime | None]
"""(start, end) of a period on support, as a tuple or list; end None means still on it."""


class VitalStatus(StrEnum):
    DIED = "died"
    ALIVE = "alive"
    CENSORED = "censored"


@dataclass(frozen=True)
class Outcome28:
    """The 28-day outcome.

    Attributes:
        status: died, alive (confirmed at day 28) or censored (lost before day 28).
        event: True when the patient died by day 28 (the Kaplan–Meier event).
        time_days: exact days from randomization to death or censoring, at most 28.
    """

    status: VitalStatus
    event: bool
    time_days: Decimal


def _death(start: datetime, death: object) -> datetime | None:
    died = num.instant("death", death)
    if died is not None and died < start:
        raise InvalidInput("death", "is before randomization")
    return died


def outcome_28d(
    *,
    randomization: datetime,
    death: datetime | None = None,
    last_known_alive: datetime | None = None,
) -> Outcome28:
    """Derive the 28-day outcome from the instants of death and of last confirmed contact.

    Raises:
        InvalidInput: for a naive or missing instant, a death or a last contact before
            randomization, or a last contact after death ("last_known_alive").
    """
    start = num.required_instant("randomization", randomization)
    died = _death(start, death)
    seen = num.instant("last_known_alive", last_known_alive)
    if seen is not None and seen < start:
        raise InvalidInput("last_known_alive", "is before randomization")
    if seen is not None and died is not None and seen > died:
        raise InvalidInput("last_known_alive", "is after death")

    horizon = start + HORIZON
    if died is not None and died <= horizon:
        return Outcome28(VitalStatus.DIED, True, num.to_decimal(num.days(died - start)))
    if died is not None or (seen is not None and seen >= horizon):
        return Outcome28(VitalStatus.ALIVE, False, Decimal(HORIZON_DAYS))
    censored_at = start if seen is None else seen
    return Outcome28(VitalStatus.CENSORED, False, num.to_decimal(num.days(censored_at - start)))


def _intervals(
    start: datetime, horizon: datetime, intervals: Iterable[object]
) -> list[tuple[datetime, datetime]]:
    clipped = []
    for interval in intervals:
        if not isinstance(interval, tuple | list) or len(interval) != 2:
            raise InvalidInput("intervals", "each interval must be a (start, end) pair")
        begin = num.required_instant("intervals", interval[0])
        end = num.instant("intervals", interval[1])
        end = horizon if end is None else end
        if end < begin:
            raise InvalidInput("intervals", "an interval ends before it starts")
        begin, end = max(begin, start), min(end, horizon)
        if begin < end:
            clipped.append((begin, end))
    return sorted(clipped)


def support_free_days(
    *,
    randomization: datetime,
    intervals: Iterable[SupportInterval],
    death: datetime | None = None,
) -> Decimal:
    """Days alive and free of one kind of support within 28 days of randomization.

    Args:
        randomization: the randomization instant (timezone-aware).
        intervals: (start, end) of each period on support; end None means still on it.
        death: the instant of death, or None when the patient was alive at day 28.

    Raises:
        InvalidInput: for a naive instant, an interval ending before it starts or that is not
            a pair ("intervals"), or a death before randomization ("death").
    """
    start = num.required_instant("randomization", randomization)
    horizon = start + HORIZON
    periods = _intervals(start, horizon, intervals)
    died = _death(start, death)
    if died is not None and died <= horizon:
        return Decimal(0)

    on_support = timedelta(0)
    covered_until = start
    for begin, end in periods:
        begin = max(begin, covered_until)
        if end > begin:
            on_support += end - begin
            covered_until = end
    return num.to_decimal(HORIZON_DAYS - num.days(on_support))


def ventilator_free_days(
    *,
    randomization: datetime,
    intervals: Iterable[SupportInterval],
    death: datetime | None = None,
) -> Decimal:
    """Ventilator-free days to day 28: invasive ventilation or NIV/CPAP/BiPAP periods."""
    return support_free_days(randomization=randomization, intervals=intervals, death=death)


def vasopressor_free_days(
    *,
    randomization: datetime,
    intervals: Iterable[SupportInterval],
    death: datetime | None = None,
) -> Decimal:
    """Vasopressor-free days to day 28: periods on any vasopressor or inotrope."""
    return support_free_days(randomization=randomization, intervals=intervals, death=death)


def rrt_free_days(
    *,
    randomization: datetime,
    intervals: Iterable[SupportInterval],
    death: datetime | None = None,
) -> Decimal:
    """RRT-free days to day 28: periods on renal replacement therapy."""
    return support_free_days(randomization=randomization, intervals=intervals, death=death)
