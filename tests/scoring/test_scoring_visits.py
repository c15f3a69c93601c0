"""Visit schedule: Moscow study days, windows, states and the next visit due."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from msc_desk.scoring import InvalidInput, visits
from msc_desk.scoring.visits import SCHEDULE, Visit, VisitState

MSK = ZoneInfo("Europe/Moscow")
RANDOMIZED = datetime(2020, 6, 15, 14, 0, tzinfo=MSK)


def on_day(day: int, hour: int = 12) -> datetime:
    return datetime(2020, 6, 15, hour, 0, tzinfo=MSK) + timedelta(days=day)


def test_schedule_and_windows() -> None:
    assert [(v.name, v.day, v.first_day, v.last_day) for v in SCHEDULE] == [
        ("baseline", 0, 0, 0),
        ("day_2", 2, 2, 2),
        ("day_3", 3, 3, 3),
        ("day_7", 7, 6, 8),
        ("day_14", 14, 12, 16),
        ("day_21", 21, 19, 23),
        ("day_28", 28, 26, 30),
    ]
    for earlier, later in zip(SCHEDULE, SCHEDULE[1:], strict=False):
        assert earlier.last_day < later.first_day


@pytest.mark.parametrize(
    ("randomization", "at", "day"),
    [
        (RANDOMIZED, RANDOMIZED, 0),
        (RANDOMIZED, on_day(0, 23), 0),
        (RANDOMIZED, on_day(1, 0), 1),
        (RANDOMIZED, on_day(-1), -1),
        # 23:30 MSK is 20:30 UTC; 00:10 MSK next day is still the same UTC date
        (
            datetime(2024, 5, 10, 23, 30, tzinfo=MSK),
            datetime(2024, 5, 11, 0, 10, tzinfo=MSK),
            1,
        ),
        (
            datetime(2024, 5, 10, 20, 30, tzinfo=UTC),
            datetime(2024, 5, 10, 21, 10, tzinfo=UTC),
            1,
        ),
        # across the 2014-10-26 offset change: calendar days, not 24-hour periods
        (
            datetime(2014, 10, 25, 23, 30, tzinfo=MSK),
            datetime(2014, 10, 26, 0, 30, tzinfo=MSK),
            1,
        ),
        (
            datetime(2014, 10, 20, 0, 30, tzinfo=MSK),
            datetime(2014, 10, 27, 0, 10, tzinfo=MSK),
            7,
        ),
    ],
)
def test_study_day_is_a_moscow_calendar_day(
    randomization: datetime, at: datetime, day: int
) -> None:
    assert visits.study_day(randomization=randomization, at=at) == day


def test_window_dates_and_in_window() -> None:
    day_7 = visits.visit_on_day(7)
    assert visits.window(day_7, randomization=RANDOMIZED) == visits.VisitWindow(
        first=date(2020, 6, 21), target=date(2020, 6, 22), last=date(2020, 6, 23)
    )
    assert not visits.in_window(day_7, randomization=RANDOMIZED, at=on_day(5, 23))
    assert visits.in_window(day_7, randomization=RANDOMIZED, at=on_day(6, 0))
    assert visits.in_window(day_7, randomization=RANDOMIZED, at=on_day(8, 23))
    assert not visits.in_window(day_7, randomization=RANDOMIZED, at=on_day(9, 0))


@pytest.mark.parametrize(
    ("visit_day", "today", "state"),
    [
        (0, -1, VisitState.UPCOMING),
        (0, 0, VisitState.DUE),
        (0, 1, VisitState.MISSED),
        (2, 1, VisitState.UPCOMING),
        (2, 2, VisitState.DUE),
        (2, 3, VisitState.MISSED),
        (3, 3, VisitState.DUE),
        (7, 5, VisitState.UPCOMING),
        (7, 6, VisitState.DUE),
        (7, 7, VisitState.DUE),
        (7, 8, VisitState.OVERDUE),
        (7, 9, VisitState.MISSED),
        (14, 11, VisitState.UPCOMING),
        (14, 12, VisitState.DUE),
        (14, 15, VisitState.OVERDUE),
        (14, 16, VisitState.OVERDUE),
        (14, 17, VisitState.MISSED),
        (21, 23, VisitState.OVERDUE),
        (28, 25, VisitState.UPCOMING),
        (28, 26, VisitState.DUE),
        (28, 30, VisitState.OVERDUE),
        (28, 31, VisitState.MISSED),
    ],
)
def test_state_over_time(visit_day: int, today: int, state: VisitState) -> None:
    visit = visits.visit_on_day(visit_day)
    assert visits.visit_state(visit, randomization=RANDOMIZED, now=on_day(today)) == state
    recorded = visits.visit_state(
        visit, randomization=RANDOMIZED, now=on_day(today), recorded_days=[visit_day]
    )
    assert recorded == VisitState.DONE


@pytest.mark.parametrize(
    ("death_day", "now_day", "expected"),
    [
        # died on day 5: the day-3 visit was missed alive; later ones are not applicable
        (5, 10, {0: "done", 2: "done", 3: "missed", 7: "not_applicable", 28: "not_applicable"}),
        # died inside the day-7 window before it was done
        (7, 7, {7: "not_applicable", 14: "not_applicable"}),
        (8, 20, {7: "not_applicable", 14: "not_applicable"}),
        (9, 20, {7: "missed", 14: "not_applicable"}),
        # a death after `now` is not yet known
        (12, 10, {7: "missed", 14: "upcoming"}),
        # a record stays done after death
        (2, 4, {0: "done", 2: "done", 3: "not_applicable"}),
    ],
)
def test_states_after_death(death_day: int, now_day: int, expected: dict[int, str]) -> None:
    states = {
        visit.day: state
        for visit, state in visits.visit_states(
            randomization=RANDOMIZED,
            now=on_day(now_day),
            recorded_days=(0, 2),
            death=on_day(death_day, 9),
        )
    }
    for day, state in expected.items():
        assert states[day] == state


@pytest.mark.parametrize(
    ("now_day", "recorded", "death_day", "expected"),
    [
        (0, (), None, "baseline"),
        (0, (0,), None, "day_2"),
        (1, (0,), None, "day_2"),
        (3, (0,), None, "day_3"),  # day 2 missed
        (8, (0, 2, 3), None, "day_7"),  # overdue first
        (9, (0, 2, 3), None, "day_14"),
        (13, (0, 2, 3, 7), None, "day_14"),
        (29, (0, 2, 3, 7, 14, 21), None, "day_28"),
        (29, (0, 2, 3, 7, 14, 21, 28), None, None),
        (31, (0, 2, 3, 7, 14, 21), None, None),
        (10, (0, 2, 3, 7), 9, None),
        (-1, (), None, "baseline"),
    ],
)
def test_next_visit_due(
    now_day: int, recorded: tuple[int, ...], death_day: int | None, expected: str | None
) -> None:
    death = None if death_day is None else on_day(death_day, 3)
    found = visits.next_visit_due(
        randomization=RANDOMIZED, now=on_day(now_day), recorded_days=recorded, death=death
    )
    assert (None if found is None else found.name) == expected


def test_states_are_strings() -> None:
    assert {state.value for state in VisitState} == {
        "upcoming",
        "due",
        "overdue",
        "missed",
        "done",
        "not_applicable",
    }
    assert str(VisitState.NOT_APPLICABLE) == "not_applicable"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"randomization": datetime(2020, 6, 15, 14, 0)}, "randomization"),
        ({"randomization": None}, "randomization"),
        ({"now": datetime(2020, 6, 16)}, "now"),
        ({"now": "today"}, "now"),
        ({"death": datetime(2020, 6, 20)}, "death"),
        ({"death": RANDOMIZED - timedelta(seconds=1)}, "death"),
        ({"recorded_days": [5]}, "recorded_days"),
        ({"recorded_days": [True]}, "recorded_days"),
        ({"recorded_days": ["7"]}, "recorded_days"),
    ],
)
def test_invalid_input(values: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"randomization": RANDOMIZED, "now": on_day(3), **values}
    with pytest.raises(InvalidInput) as caught:
        visits.visit_states(**arguments)
    assert caught.value.field == field


def test_study_day_needs_aware_instants() -> None:
    with pytest.raises(InvalidInput) as caught:
        visits.study_day(randomization=RANDOMIZED, at=datetime(2020, 6, 16))
    assert caught.value.field == "at"


@pytest.mark.parametrize("day", [1, 5, -7, "7", 7.0, None])
def test_visit_on_day_unknown(day: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        visits.visit_on_day(day)
    assert caught.value.field == "day"


def test_visit_state_of_an_unscheduled_visit() -> None:
    with pytest.raises(InvalidInput) as caught:
        visits.visit_state(Visit("day_5", 5, 0, 0), randomization=RANDOMIZED, now=on_day(5))
    assert caught.value.field == "visit"
