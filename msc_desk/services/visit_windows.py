"""Recording a visit as performed: a visit outside its window is flagged as a protocol deviation."""

from __future__ import annotations

from datetime import datetime

from msc_desk.models import Visit, VisitDeviation, VisitStatus
from msc_desk.scoring.visits import in_window, visit_on_day


def window_deviation(
    study_day: int, *, randomized_at: datetime, performed_at: datetime
) -> VisitDeviation | None:
    """OUTSIDE_WINDOW when `performed_at` falls outside the window of the visit of `study_day`.

    Raises:
        InvalidInput: no visit is scheduled on `study_day`, or an instant is naive.
    """
    visit = visit_on_day(study_day)
    inside = in_window(visit, randomization=randomized_at, at=performed_at)
    return None if inside else VisitDeviation.OUTSIDE_WINDOW


def mark_performed(visit: Visit, *, randomized_at: datetime, performed_at: datetime) -> None:
    """Set `visit` done at `performed_at`, with its deviation flag (inside a unit of work)."""
    visit.status = VisitStatus.DONE
    visit.performed_at = performed_at
    visit.deviation = window_deviation(
        visit.study_day, randomized_at=randomized_at, performed_at=performed_at
    )
