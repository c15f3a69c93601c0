"""A randomized patient in a real database, and the staff who fill its visit forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from seeding import seed_site
from sqlalchemy import Engine

from msc_desk.catalogue import Field, FieldType
from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    Arm,
    Outcome,
    Patient,
    PatientStatus,
    Role,
)
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.session import audited_session_factory, unit_of_work
from msc_desk.services.visit_entries import Entry, fields_for_day

# 09:00 in Moscow on the day of randomization.
RANDOMIZED_AT = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
USERS = {
    "ivanov": (Role.INVESTIGATOR, True),
    "petrova": (Role.NURSE, False),
    "sidorov": (Role.MONITOR, False),
    "kuznetsova": (Role.BLINDED_REVIEWER, False),
    "admin": (Role.ADMIN, False),
}


@dataclass
class VisitTrial:
    factory: SessionFactory
    actors: dict[str, Actor]
    patient_id: int

    def day(self, days: float, hours: float = 0) -> datetime:
        return RANDOMIZED_AT + timedelta(days=days, hours=hours)


def build_trial(engine: Engine, now: datetime, outcome: Outcome | None = None) -> VisitTrial:
    factory = audited_session_factory(engine)
    actors = seed_site(factory, lambda: now, site_name="ОРИТ №2", device_uid="dev-1", users=USERS)
    with unit_of_work(factory, actors["ivanov"], clock=lambda: now) as session:
        patient = Patient(
            study_id="MSC-001", site_id=1, status=PatientStatus.RANDOMIZED, created_at=now
        )
        session.add(patient)
        allocation = AllocationList(
            list_uid="test-list",
            study="NCT01849237",
            device_uid="00000000-0000-0000-0000-000000000001",
            first_slot=1,
            slot_count=40,
            signer_fingerprint="0" * 64,
            signed_document="{}",
            imported_at=RANDOMIZED_AT - timedelta(days=60),
            sealed_list_key=b"sealed key",
            first_study_number=1,
            study_number_count=999,
        )
        session.add(allocation)
        session.flush()
        session.add(
            AllocationSlot(
                list_id=allocation.id,
                slot_number=1,
                sealed_arm=b"sealed",
                commitment="0" * 64,
                arm=Arm.MSC,
                patient_id=patient.id,
                revealed_at=RANDOMIZED_AT,
            )
        )
        if outcome is not None:
            outcome.patient_id = patient.id
            session.add(outcome)
        session.flush()
        patient_id = patient.id
    return VisitTrial(factory, actors, patient_id)


def typical_entries(study_day: int, now: datetime) -> dict[str, Entry]:
    """Every field of the visit filled from the catalogue: numbers mid-plausible, first choices."""
    entries: dict[str, Entry] = {}
    for item in fields_for_day(study_day):
        if item.computed or item.required_if is not None:
            continue
        entries[item.name] = Entry(typical_raw(item, now))
    return entries


def typical_raw(item: Field, now: datetime) -> object:
    if item.type in (FieldType.DECIMAL, FieldType.INTEGER):
        assert item.plausible is not None
        middle = (item.plausible.low + item.plausible.high) / 2
        return str(int(middle) if item.type is FieldType.INTEGER else middle)
    if item.type is FieldType.CHOICE:
        return item.choices[0].code
    if item.type is FieldType.BOOLEAN:
        return False
    if item.type is FieldType.INSTANT:
        return now - timedelta(hours=1)
    return "Острый миелобластный лейкоз"
