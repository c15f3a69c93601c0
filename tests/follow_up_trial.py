"""A randomized patient in a real encrypted workspace, with the staff who follow them up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from seeding import Staff, new_workspace

from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    Arm,
    Observation,
    Patient,
    PatientStatus,
    Role,
    Visit,
    VisitStatus,
)
from msc_desk.services.session import unit_of_work
from msc_desk.services.workspace import OpenWorkspace, sign_in

RANDOMIZED_AT = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
MSK = timedelta(hours=3)
STAFF = (
    ("ivanov", Role.INVESTIGATOR),
    ("petrova", Role.NURSE),
    ("sidorov", Role.MONITOR),
    ("kuznetsova", Role.BLINDED_REVIEWER),
)


@dataclass
class FollowUpTrial:
    data_dir: Path
    investigator: OpenWorkspace
    nurse: OpenWorkspace
    monitor: OpenWorkspace
    reviewer: OpenWorkspace
    patient_id: int
    day0: int
    day2: int
    lactate: int

    def password(self, ws: OpenWorkspace) -> str:
        return f"{ws.actor.username}-password"


@contextmanager
def follow_up_trial(data_dir: Path, clock: Any) -> Iterator[FollowUpTrial]:
    """Four signed-in users and patient MSC-001 randomized (MSC arm) at RANDOMIZED_AT.

    Day 0 is done (with a lactate of 3.4 mmol/L), day 2 is done too, both unsigned.
    """
    staff = [Staff(name, name.title(), role, f"{name}-password") for name, role in STAFF]
    new_workspace(data_dir, clock, staff).workspace.close()
    users = [sign_in(data_dir, name, f"{name}-password", clock=clock) for name, _r in STAFF]
    investigator = users[0]
    with unit_of_work(investigator.factory, investigator.actor, clock=clock) as session:
        patient = Patient(
            study_id="MSC-001", site_id=1, status=PatientStatus.RANDOMIZED, created_at=RANDOMIZED_AT
        )
        session.add(patient)
        allocation = AllocationList(
            list_uid="test-list", study="NCT01849237",
            device_uid="00000000-0000-0000-0000-000000000001", first_slot=1, slot_count=4,
            signer_fingerprint="0" * 64, signed_document="{}",
            imported_at=RANDOMIZED_AT - timedelta(days=30), sealed_list_key=b"sealed key",
            first_study_number=1, study_number_count=9,
        )  # fmt: skip
        session.add(allocation)
        session.flush()
        session.add(
            AllocationSlot(
                list_id=allocation.id, slot_number=1, sealed_arm=b"sealed", commitment="0" * 64,
                arm=Arm.MSC, patient_id=patient.id, revealed_at=RANDOMIZED_AT,
                reveal_hash="0" * 64, eligibility_sha256="0" * 64,
            )
        )  # fmt: skip
        day0 = Visit(
            patient_id=patient.id, study_day=0, status=VisitStatus.DONE, performed_at=RANDOMIZED_AT
        )
        day2 = Visit(
            patient_id=patient.id,
            study_day=2,
            status=VisitStatus.DONE,
            performed_at=RANDOMIZED_AT + timedelta(days=2),
        )
        session.add_all([day0, day2])
        session.flush()
        lactate = Observation(visit_id=day0.id, code="lactate", value=Decimal("3.4"), unit="mmol/L")
        session.add(lactate)
        session.flush()
        ids = (patient.id, day0.id, day2.id, lactate.id)
    try:
        yield FollowUpTrial(data_dir, *users, *ids)
    finally:
        for ws in users:
            ws.close()
