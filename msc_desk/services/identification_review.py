"""Reading the identification trail: only with VIEW_IDENTIFICATION, and a denial is audited."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select

from msc_desk.models import IdentificationAuditEntry
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session
from msc_desk.timekeeping import Clock, system_clock


@dataclass(frozen=True)
class IdentificationChange:
    """One change of one identifier, as the identification trail shows it."""

    id: int
    at: datetime
    username: str | None
    role: str | None
    action: str
    patient_id: int | None
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None


def identification_history(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int | None = None,
    clock: Clock = system_clock,
) -> list[IdentificationChange]:
    """The identification trail, oldest first (one patient's, or all).

    Raises:
        PermissionDenied: the actor may not see identifiers (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_IDENTIFICATION, clock)
    table = IdentificationAuditEntry.__table__
    query = select(table).order_by(table.c.id)
    if patient_id is not None:
        query = query.where(table.c.patient_id == patient_id)
    names = [item.name for item in fields(IdentificationChange)]
    with read_session(factory) as session:
        return [
            IdentificationChange(**{name: row[name] for name in names})
            for row in session.execute(query).mappings()
        ]
