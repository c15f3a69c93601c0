"""The identification log: who a study id is, for those allowed to know, and every look audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from msc_desk.models import Patient, PatientIdentification
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

MAX_SEARCH_LENGTH = 200


@dataclass(frozen=True)
class IdentificationRow:
    """One patient of the identification log."""

    patient_id: int
    study_id: str
    full_name: str
    medical_record_number: str | None
    date_of_birth: date | None
    is_demo: bool


def identification_log(
    factory: SessionFactory,
    actor: Actor,
    search: str = "",
    *,
    clock: Clock = system_clock,
) -> list[IdentificationRow]:
    """The identification log, or the rows whose name, record number or study id hold `search`.

    Every reading is audited as "identification_viewed"; the audit row names neither the search
    words nor any identifier (they could be a name), only whether it was a search and how many
    rows it showed.

    Raises:
        PermissionDenied: the role may not view identifiers (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_IDENTIFICATION, clock)
    words = search.strip()[:MAX_SEARCH_LENGTH].casefold()
    query = (
        select(PatientIdentification, Patient.study_id, Patient.is_demo)
        .join(Patient, Patient.id == PatientIdentification.patient_id)
        .where(Patient.deleted_at.is_(None))
        .order_by(Patient.study_id)
    )
    with read_session(factory) as session:
        rows = [
            IdentificationRow(
                patient_id=ident.patient_id,
                study_id=study_id,
                full_name=ident.full_name,
                medical_record_number=ident.medical_record_number,
                date_of_birth=ident.date_of_birth,
                is_demo=bool(is_demo),
            )
            for ident, study_id, is_demo in session.execute(query)
        ]
    if words:
        rows = [row for row in rows if words in _haystack(row)]
    with unit_of_work(factory, actor, clock=clock) as session:
        kind = "search" if words else "list"
        record_event(session, "identification_viewed", detail=f"{kind}: {len(rows)} row(s)")
    return rows


def _haystack(row: IdentificationRow) -> str:
    # Searched in Python: SQLite's LIKE folds only ASCII case, and names are Cyrillic.
    return " ".join((row.study_id, row.full_name, row.medical_record_number or "")).casefold()
