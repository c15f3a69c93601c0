"""Builds small trials in a real database, for the UI tests and the screenshot script."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    Arm,
    Outcome,
    Patient,
    PatientStatus,
    Screening,
    Site,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import DATABASE_FILENAME, SessionFactory, create_database_engine
from msc_desk.models.migrate import prepare_database
from msc_desk.services.actor import system_actor
from msc_desk.services.session import audited_session_factory, unit_of_work

ACTOR = system_actor("test-laptop")


@contextmanager
def open_trial(folder: Path) -> Iterator[SessionFactory]:
    """A migrated plain database in `folder`, with one site, and its audited session factory."""
    engine = create_database_engine(folder / DATABASE_FILENAME, None)
    try:
        prepare_database(engine, folder / DATABASE_FILENAME)
        factory = audited_session_factory(engine)
        with unit_of_work(factory, ACTOR) as session:
            session.add(Site(code="MOW01", name="ОРИТ №2", created_at=datetime.now(UTC)))
        yield factory
    finally:
        engine.dispose()


def add_patient(
    factory: SessionFactory,
    study_id: str,
    status: PatientStatus,
    *,
    screened_at: datetime,
    randomized_at: datetime | None = None,
    arm: Arm | None = None,
    failed: str = "",
    visits: dict[int, VisitStatus] | None = None,
    died_at: datetime | None = None,
    is_demo: bool = False,
) -> int:
    """Insert one patient with screening, allocation, visits and outcome as given; its id."""
    with unit_of_work(factory, ACTOR) as session:
        site_id = session.scalars(select(Site.id)).first()
        assert site_id is not None
        patient = Patient(
            study_id=study_id,
            site_id=site_id,
            status=status,
            is_demo=is_demo,
            created_at=screened_at,
        )
        session.add(patient)
        session.flush()
        session.add(
            Screening(
                patient_id=patient.id,
                screened_at=screened_at,
                screened_at_offset_min=180,
                shock_onset_at=screened_at - timedelta(hours=4),
                shock_onset_offset_min=180,
                anc_10e9_per_l=Decimal("0.3"),
                age_years=45,
                eligible=not failed,
                failed_criteria=failed,
            )
        )
        if randomized_at is not None:
            session.add(_slot(session, patient.id, arm or Arm.CONTROL, randomized_at))
        for day, visit_status in (visits or {}).items():
            performed = randomized_at + timedelta(days=day) if randomized_at else None
            done = visit_status is VisitStatus.DONE
            session.add(
                Visit(
                    patient_id=patient.id,
                    study_day=day,
                    status=visit_status,
                    performed_at=performed if done else None,
                )
            )
        if died_at is not None:
            session.add(Outcome(patient_id=patient.id, died_at=died_at))
        return patient.id


def _slot(session: Session, patient_id: int, arm: Arm, at: datetime) -> AllocationSlot:
    allocation = session.scalars(select(AllocationList)).first()
    if allocation is None:
        allocation = AllocationList(
            list_uid="test-list",
            study="NCT01849237",
            device_uid="00000000-0000-0000-0000-000000000001",
            first_slot=1,
            slot_count=40,
            signer_fingerprint="0" * 64,
            signed_document="{}",
            imported_at=at - timedelta(days=60),
            sealed_list_key=b"sealed key",
            first_study_number=1,
            study_number_count=999,
        )
        session.add(allocation)
        session.flush()
    used = session.scalars(select(AllocationSlot.slot_number)).all()
    return AllocationSlot(
        list_id=allocation.id,
        slot_number=max(used, default=0) + 1,
        sealed_arm=b"sealed",
        commitment="0" * 64,
        arm=arm,
        patient_id=patient_id,
        revealed_at=at,
    )


def seed_ward(factory: SessionFactory, now: datetime, *, is_demo: bool = False) -> list[int]:
    """Ten patients across every stage of the trial, relative to `now`; their ids.

    With `now` at least two hours after Moscow midnight: MSC-005 is at day 8 with its day-7
    visit overdue, MSC-007 has its day-3 visit due today, MSC-009 was randomized today.
    """
    done, missed = VisitStatus.DONE, VisitStatus.MISSED

    def ago(days: float, hours: float = 0) -> datetime:
        return now - timedelta(days=days, hours=hours)

    def add(study_id: str, status: PatientStatus, **kwargs: Any) -> int:
        return add_patient(factory, study_id, status, is_demo=is_demo, **kwargs)

    ids = [
        add("MSC-001", PatientStatus.COMPLETED, screened_at=ago(40, 2), randomized_at=ago(40),
            arm=Arm.MSC, visits=dict.fromkeys((0, 2, 3, 7, 14, 21, 28), done)),
        add("MSC-002", PatientStatus.DIED, screened_at=ago(30, 3), randomized_at=ago(30),
            arm=Arm.CONTROL, visits={0: done, 2: done, 3: done}, died_at=ago(25)),
        add("MSC-003", PatientStatus.SCREEN_FAILED, screened_at=ago(22),
            failed="shock_onset_gt_10h"),
        add("MSC-004", PatientStatus.RANDOMIZED, screened_at=ago(15, 2), randomized_at=ago(15, 1),
            arm=Arm.MSC, visits={0: done, 2: done, 3: missed, 7: done, 14: done}),
        add("MSC-005", PatientStatus.RANDOMIZED, screened_at=ago(8, 2), randomized_at=ago(8, 1),
            arm=Arm.CONTROL, visits={0: done, 2: done, 3: done}),
        add("MSC-006", PatientStatus.SCREEN_FAILED, screened_at=ago(6),
            failed="anc_gt_1.0, age_gt_75"),
        add("MSC-007", PatientStatus.RANDOMIZED, screened_at=ago(3, 2), randomized_at=ago(3, 1),
            arm=Arm.MSC, visits={0: done, 2: done}),
        add("MSC-008", PatientStatus.WITHDRAWN, screened_at=ago(12, 2), randomized_at=ago(12, 1),
            arm=Arm.CONTROL, visits={0: done, 2: done, 3: done, 7: done}),
        add("MSC-009", PatientStatus.RANDOMIZED, screened_at=ago(0, 2), randomized_at=ago(0, 1),
            arm=Arm.CONTROL),
        add("MSC-010", PatientStatus.SCREENING, screened_at=ago(0, 0.5)),
    ]  # fmt: skip
    return ids


# 03:40 in Moscow: the ward at night. seed_ward's patients are placed relative to it.
NOW = datetime(2026, 11, 20, 0, 40, tzinfo=UTC)
# The screened patient of the app-lock ward: a name that must never stay on a locked screen.
CANARY = "Канарейкин Пётр"


def tool(name: str) -> str:
    """A PySide6 command-line tool of the running virtualenv."""
    path = Path(sys.executable).with_name(name)
    return str(path) if path.exists() else name
