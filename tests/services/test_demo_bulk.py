"""The demo's bulk writer audits exactly as the flush hook does: the same rows, the same chain."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from msc_desk.models import (
    AuditEntry,
    Observation,
    Patient,
    PatientStatus,
    Site,
    Visit,
    VisitDeviation,
    VisitStatus,
)
from msc_desk.models.database import create_database_engine
from msc_desk.models.migrate import prepare_database
from msc_desk.services.actor import system_actor
from msc_desk.services.audit_review import current_state, replay, verify_chain
from msc_desk.services.demo_bulk import BulkWriter
from msc_desk.services.session import audited_session_factory, read_session, unit_of_work

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DONE_AT = datetime(2026, 11, 22, 7, 30, tzinfo=UTC)
ACTOR = system_actor("laptop-1")


def _seeded(folder: Path) -> Engine:
    folder.mkdir()
    engine = create_database_engine(folder / "msc-desk.db", None)
    prepare_database(engine, folder / "msc-desk.db")
    factory = audited_session_factory(engine)
    with unit_of_work(factory, ACTOR, clock=lambda: NOW) as session:
        site = Site(code="01", name="ОРИТ", created_at=NOW)
        session.add(site)
        session.flush()
        patient = Patient(study_id="MSC-01-001", site_id=site.id,
                          status=PatientStatus.RANDOMIZED, created_at=NOW)  # fmt: skip
        session.add(patient)
        session.flush()
        session.add(Visit(patient_id=patient.id, study_day=7, status=VisitStatus.SCHEDULED))
    return engine


def _audit(engine: Engine) -> list[tuple[Any, ...]]:
    factory = audited_session_factory(engine)
    with read_session(factory) as session:
        assert verify_chain(session) is None
        assert replay(session) == current_state(session)
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [
            (e.action, e.table_name, e.record_id, e.patient_id, e.field, e.old_value,
             e.new_value, e.reason, e.entry_hash)
            for e in entries
        ]  # fmt: skip


def test_bulk_rows_and_their_audit_equal_what_the_orm_flush_writes(tmp_path: Path) -> None:
    through_orm, in_bulk = _seeded(tmp_path / "orm"), _seeded(tmp_path / "bulk")
    observation = {"code": "map", "value": Decimal("64"), "unit": "mmHg", "measured_at": DONE_AT}
    changes = {
        "status": VisitStatus.DONE,
        "performed_at": DONE_AT,
        "deviation": VisitDeviation.OUTSIDE_WINDOW,
    }

    factory = audited_session_factory(through_orm)
    with unit_of_work(factory, ACTOR, reason="demo data", clock=lambda: NOW) as session:
        visit = session.scalars(select(Visit)).one()
        session.add(Observation(visit_id=visit.id, **observation))
        session.flush()
        for key, value in changes.items():
            setattr(visit, key, value)

    factory = audited_session_factory(in_bulk)
    with unit_of_work(factory, ACTOR, reason="demo data", clock=lambda: NOW) as session:
        connection = session.connection()
        visit_row = connection.execute(select(Visit.__table__)).mappings().one()
        writer = BulkWriter(connection, ACTOR, lambda: NOW, "demo data")
        writer.insert(Observation, {"visit_id": visit_row["id"], **observation},
                      patient_id=visit_row["patient_id"])  # fmt: skip
        writer.update(Visit, visit_row["id"], dict(visit_row), changes,
                      patient_id=visit_row["patient_id"])  # fmt: skip
        writer.write()

    expected, written = _audit(through_orm), _audit(in_bulk)
    through_orm.dispose()
    in_bulk.dispose()
    assert len(expected) > 3
    assert written == expected
