"""One patient's visit observations, read once and shared by the timeline and the trends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import Observation, Visit, VisitStatus

_TRUE = frozenset({"true", "1", "yes", "да"})


@dataclass(frozen=True)
class RecordedVisit:
    """A stored visit with its observations by code (deleted observations left out)."""

    visit_id: int
    study_day: int
    status: VisitStatus
    performed_at: datetime | None
    values: dict[str, Decimal | None] = field(default_factory=dict)
    texts: dict[str, str | None] = field(default_factory=dict)
    units: dict[str, str | None] = field(default_factory=dict)
    measured_at: dict[str, datetime | None] = field(default_factory=dict)

    def number(self, code: str) -> Decimal | None:
        return self.values.get(code)

    def text(self, code: str) -> str | None:
        return self.texts.get(code)

    def flag(self, code: str) -> bool | None:
        """A yes/no answer: stored as text ("true"/"false") or as 1/0; None when not given."""
        text = self.texts.get(code)
        if text is not None:
            return text.strip().lower() in _TRUE
        value = self.values.get(code)
        return None if value is None else value != 0

    def unit(self, code: str) -> str | None:
        return self.units.get(code) if code in self.values else None

    def instant(self) -> datetime | None:
        """When the visit's data were taken: the visit, else its first measurement."""
        if self.performed_at is not None:
            return self.performed_at
        times = [t for t in self.measured_at.values() if t is not None]
        return min(times, default=None)


def recorded_visits(session: Session, patient_id: int) -> list[RecordedVisit]:
    """The patient's stored visits by study day, with their observations (two queries)."""
    visits = {
        row.id: RecordedVisit(row.id, row.study_day, VisitStatus(row.status), row.performed_at)
        for row in session.scalars(
            select(Visit).where(Visit.patient_id == patient_id).order_by(Visit.study_day)
        )
    }
    if visits:
        for obs in session.scalars(
            select(Observation).where(
                Observation.visit_id.in_(list(visits)), Observation.deleted_at.is_(None)
            )
        ):
            visit = visits[obs.visit_id]
            visit.values[obs.code] = obs.value
            visit.texts[obs.code] = obs.value_text
            visit.units[obs.code] = obs.unit
            visit.measured_at[obs.code] = obs.measured_at
    return sorted(visits.values(), key=lambda visit: visit.study_day)
