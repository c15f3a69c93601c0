"""28-day outcome for Kaplan–Meier, and ventilator-, vasopressor- and RRT-free days."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from msc_desk.scoring import InvalidInput, outcomes
from msc_desk.scoring.outcomes import Outcome28, VitalStatus, outcome_28d, support_free_days

MSK = ZoneInfo("Europe/Moscow")
R = datetime(2020, 6, 15, 14, 0, tzinfo=MSK)
HORIZON = R + timedelta(days=28)


@pytest.mark.parametrize(
    ("death", "seen", "expected"),
    [
        (R + timedelta(days=10), None, Outcome28(VitalStatus.DIED, True, Decimal(10))),
        (R + timedelta(hours=12), None, Outcome28(VitalStatus.DIED, True, Decimal("0.5"))),
        (R + timedelta(hours=8), None, Outcome28(VitalStatus.DIED, True, Decimal(1) / Decimal(3))),
        (R, None, Outcome28(VitalStatus.DIED, True, Decimal(0))),
        (HORIZON, None, Outcome28(VitalStatus.DIED, True, Decimal(28))),
        (HORIZON, HORIZON, Outcome28(VitalStatus.DIED, True, Decimal(28))),
        (
            R + timedelta(days=10),
            R + timedelta(days=9),
            Outcome28(VitalStatus.DIED, True, Decimal(10)),
        ),
        # died after day 28: alive at day 28, censored administratively
        (
            HORIZON + timedelta(microseconds=1),
            None,
            Outcome28(VitalStatus.ALIVE, False, Decimal(28)),
        ),
        (
            R + timedelta(days=40),
            R + timedelta(days=5),
            Outcome28(VitalStatus.ALIVE, False, Decimal(28)),
        ),
        # alive confirmed at or after day 28
        (None, HORIZON, Outcome28(VitalStatus.ALIVE, False, Decimal(28))),
        (None, R + timedelta(days=90), Outcome28(VitalStatus.ALIVE, False, Decimal(28))),
        # lost before day 28 (e.g. discharged alive, no later contact): censored when last seen
        (
            None,
            HORIZON - timedelta(seconds=1),
            Outcome28(VitalStatus.CENSORED, False, Decimal(28 * 86400 - 1) / Decimal(86400)),
        ),
        (
            None,
            R + timedelta(days=12, hours=6),
            Outcome28(VitalStatus.CENSORED, False, Decimal("12.25")),
        ),
        (None, None, Outcome28(VitalStatus.CENSORED, False, Decimal(0))),
    ],
)
def test_outcome_28d(death: datetime | None, seen: datetime | None, expected: Outcome28) -> None:
    assert outcome_28d(randomization=R, death=death, last_known_alive=seen) == expected


def test_outcome_counts_absolute_time_across_the_offset_change() -> None:
    # UTC+4 until 2014-10-26 02:00, UTC+3 after: 7 wall-clock days are 7 days and 1 hour
    randomized = datetime(2014, 10, 20, 12, 0, tzinfo=MSK)
    died = datetime(2014, 10, 27, 12, 0, tzinfo=MSK)
    result = outcome_28d(randomization=randomized, death=died)
    assert result.time_days == Decimal(169) / Decimal(24)
    assert result.event is True


def test_horizon_is_28_days_of_24_hours_from_randomization() -> None:
    randomized = datetime(2014, 10, 1, 12, 0, tzinfo=MSK)  # UTC+4
    # 28 x 24 h later is 11:00 on 29 October on the (UTC+3) Moscow wall clock
    at_horizon = datetime(2014, 10, 29, 11, 0, tzinfo=MSK)
    assert outcome_28d(randomization=randomized, death=at_horizon).status == VitalStatus.DIED
    later = at_horizon + timedelta(minutes=1)
    assert outcome_28d(randomization=randomized, death=later).status == VitalStatus.ALIVE
    assert outcome_28d(randomization=randomized, last_known_alive=at_horizon).status == "alive"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"randomization": datetime(2020, 6, 15)}, "randomization"),
        ({"randomization": None}, "randomization"),
        ({"death": R - timedelta(seconds=1)}, "death"),
        ({"death": datetime(2020, 6, 20)}, "death"),
        ({"last_known_alive": R - timedelta(days=1)}, "last_known_alive"),
        ({"last_known_alive": "2020-07-01"}, "last_known_alive"),
        (
            {"death": R + timedelta(days=3), "last_known_alive": R + timedelta(days=4)},
            "last_known_alive",
        ),
    ],
)
def test_outcome_invalid(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        outcome_28d(**{"randomization": R, **values})
    assert caught.value.field == field


def days(n: float) -> timedelta:
    return timedelta(days=n)


@pytest.mark.parametrize(
    ("intervals", "death", "free"),
    [
        ([], None, Decimal(28)),
        ([(R, R + days(2.5))], None, Decimal("25.5")),
        ([(R + days(1), R + days(3)), (R + days(10), R + days(11))], None, Decimal(25)),
        # overlaps count once, in any order
        ([(R + days(2), R + days(6)), (R + days(1), R + days(4))], None, Decimal(23)),
        ([(R + days(1), R + days(10)), (R + days(2), R + days(3))], None, Decimal(19)),
        ([(R + days(1), R + days(3)), (R + days(3), R + days(5))], None, Decimal(24)),
        # support before randomization is ignored; support after day 28 too
        ([(R - days(3), R + days(1))], None, Decimal(27)),
        ([(R - days(3), R - days(1))], None, Decimal(28)),
        ([(R + days(27), R + days(40))], None, Decimal(27)),
        ([(R + days(30), R + days(31))], None, Decimal(28)),
        # still on support: to the horizon
        ([(R + days(20), None)], None, Decimal(20)),
        ([(R, None)], None, Decimal(0)),
        # died by day 28: 0 whatever the support
        ([], R + days(5), Decimal(0)),
        ([], HORIZON, Decimal(0)),
        # died after day 28: alive throughout the 28 days
        ([(R, R + days(4))], HORIZON + timedelta(seconds=1), Decimal(24)),
        ([(R, R + timedelta(hours=8))], None, Decimal(28) - Decimal(1) / Decimal(3)),
        ([(R + days(1), R + days(1))], None, Decimal(28)),
    ],
)
def test_support_free_days(
    intervals: list[tuple[datetime, datetime | None]], death: datetime | None, free: Decimal
) -> None:
    assert support_free_days(randomization=R, intervals=intervals, death=death) == free
    for specific in (
        outcomes.ventilator_free_days,
        outcomes.vasopressor_free_days,
        outcomes.rrt_free_days,
    ):
        assert specific(randomization=R, intervals=intervals, death=death) == free


def test_free_days_across_the_offset_change() -> None:
    randomized = datetime(2014, 10, 20, 12, 0, tzinfo=MSK)
    # wall clock says 7 days, the absolute duration is 7 days and 1 hour
    support = [(randomized, datetime(2014, 10, 27, 12, 0, tzinfo=MSK))]
    free = support_free_days(randomization=randomized, intervals=support)
    assert free == Decimal(28) - Decimal(169) / Decimal(24)


def test_intervals_may_be_lists() -> None:
    assert support_free_days(randomization=R, intervals=[[R, R + days(1)]]) == Decimal(27)


def test_free_days_in_mixed_zones() -> None:
    support = [(R.astimezone(UTC), (R + days(1)).astimezone(UTC))]
    assert support_free_days(randomization=R, intervals=support) == Decimal(27)


@pytest.mark.parametrize(
    ("intervals", "death", "field"),
    [
        ([(R + days(2), R + days(1))], None, "intervals"),
        ([(datetime(2020, 6, 16), None)], None, "intervals"),
        ([(R, datetime(2020, 6, 16))], None, "intervals"),
        ([(None, R + days(1))], None, "intervals"),
        ([(R,)], None, "intervals"),
        ([f"{R}/{R + days(1)}"], None, "intervals"),
        ([(R, R + days(1), R + days(2))], None, "intervals"),
        ([], R - days(1), "death"),
        ([(R + days(2), R + days(1))], R + days(3), "intervals"),
    ],
)
def test_free_days_invalid(intervals: list[Any], death: datetime | None, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        support_free_days(randomization=R, intervals=intervals, death=death)
    assert caught.value.field == field
