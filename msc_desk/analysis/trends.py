"""What the trends show: SOFA and chosen labs across the visit days, as the data services fill it.

A value is None when it was not measured (or not assessable): the chart leaves a gap there,
never a zero. Units come with each series as the reader should see them (e.g. "пг/мл");
SOFA series may leave the unit empty (points).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from msc_desk.scoring.visits import SCHEDULE

VISIT_DAYS: tuple[int, ...] = tuple(visit.day for visit in SCHEDULE)


class TrendMeasure(StrEnum):
    SOFA_TOTAL = "sofa_total"
    SOFA_RESPIRATION = "sofa_respiration"
    SOFA_COAGULATION = "sofa_coagulation"
    SOFA_LIVER = "sofa_liver"
    SOFA_CARDIOVASCULAR = "sofa_cardiovascular"
    SOFA_CNS = "sofa_cns"
    SOFA_RENAL = "sofa_renal"
    IL6 = "il6"
    IL10 = "il10"
    PROCALCITONIN = "procalcitonin"
    CRP = "crp"
    LACTATE = "lactate"
    NEUTROPHILS = "neutrophils"
    PLATELETS = "platelets"

    @property
    def is_sofa(self) -> bool:
        return self.value.startswith("sofa_")

    @property
    def fixed_maximum(self) -> int | None:
        """The top of a SOFA scale (24 for the total, 4 per organ); None for labs."""
        if not self.is_sofa:
            return None
        return 24 if self is TrendMeasure.SOFA_TOTAL else 4


SOFA_MEASURES = tuple(m for m in TrendMeasure if m.is_sofa)
LAB_MEASURES = tuple(m for m in TrendMeasure if not m.is_sofa)


@dataclass(frozen=True)
class TrendPoint:
    """One visit's value; `value` None: not measured."""

    day: int
    value: Decimal | float | None


@dataclass(frozen=True)
class TrendSeries:
    measure: TrendMeasure
    unit: str
    points: tuple[TrendPoint, ...]

    def measured(self) -> list[tuple[int, float]]:
        """(day, value) of the measured points, by day."""
        return sorted((p.day, float(p.value)) for p in self.points if p.value is not None)

    def runs(self) -> list[list[tuple[int, float]]]:
        """Measured points joined by a line: a missing value between two points breaks it."""
        runs: list[list[tuple[int, float]]] = []
        current: list[tuple[int, float]] = []
        for point in sorted(self.points, key=lambda p: p.day):
            if point.value is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append((point.day, float(point.value)))
        if current:
            runs.append(current)
        return runs


@dataclass(frozen=True)
class PatientTrends:
    """The panels to draw, in order (the view puts SOFA in the first row, labs in the second)."""

    series: tuple[TrendSeries, ...]
    last_day: int = 28
