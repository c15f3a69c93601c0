"""A visit performed outside its window is flagged as a protocol deviation, one inside is not."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from msc_desk.models import Visit, VisitDeviation, VisitStatus
from msc_desk.scoring._numbers import InvalidInput
from msc_desk.scoring.visits import SCHEDULE
from msc_desk.scoring.visits import Visit as ScheduledVisit
from msc_desk.services.visit_windows import mark_performed, window_deviation
from msc_desk.timekeeping import MOSCOW

# 23:30 in Moscow: study day 1 starts half an hour later.
RANDOMIZED = datetime(2026, 11, 2, 23, 30, tzinfo=MOSCOW)


def _on_day(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, 2, hour, 0, tzinfo=MOSCOW) + timedelta(days=day)


@pytest.mark.parametrize("visit", SCHEDULE, ids=lambda visit: visit.name)
def test_each_day_of_the_window_is_on_time_and_the_days_around_it_are_not(
    visit: ScheduledVisit,
) -> None:
    for day in range(visit.first_day, visit.last_day + 1):
        performed = RANDOMIZED if day == 0 else _on_day(day)
        assert window_deviation(visit.day, randomized_at=RANDOMIZED, performed_at=performed) is None
    for day in (visit.first_day - 1, visit.last_day + 1):
        if day < 0:
            continue
        deviation = window_deviation(visit.day, randomized_at=RANDOMIZED, performed_at=_on_day(day))
        assert deviation is VisitDeviation.OUTSIDE_WINDOW


def test_the_window_follows_moscow_calendar_days() -> None:
    # 00:10 the next Moscow morning is study day 1: a baseline then is late.
    late = RANDOMIZED + timedelta(minutes=40)
    assert window_deviation(0, randomized_at=RANDOMIZED, performed_at=late) is not None


def test_mark_performed_sets_the_flag_and_clears_it_when_corrected() -> None:
    visit = Visit(patient_id=1, study_day=7, status=VisitStatus.SCHEDULED)
    mark_performed(visit, randomized_at=RANDOMIZED, performed_at=_on_day(10))
    assert visit.status is VisitStatus.DONE and visit.performed_at == _on_day(10)
    assert visit.deviation is VisitDeviation.OUTSIDE_WINDOW
    mark_performed(visit, randomized_at=RANDOMIZED, performed_at=_on_day(8))
    assert visit.deviation is None


def test_a_day_without_a_visit_is_refused() -> None:
    with pytest.raises(InvalidInput):
        window_deviation(5, randomized_at=RANDOMIZED, performed_at=_on_day(5))
