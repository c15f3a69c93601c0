"""The audit trail: append-only in the database, reasons, hash chain, filtered views, CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from seeding import Staff, new_workspace
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from msc_desk.models import (
    AuditEntry,
    Observation,
    Patient,
    PatientStatus,
    Role,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import DATABASE_FILENAME
from msc_desk.security.keyed_factory import database_key
from msc_desk.services.audit import ReasonRequired
from msc_desk.services.audit_review import (
    audit_entries,
    export_audit_csv,
    neutralize,
    verify_chain,
)
from msc_desk.services.audit_writer import entry_hash
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.workspace import OpenWorkspace, sign_in

T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


@dataclass
class Ward:
    doctor: OpenWorkspace
    visit_id: int
    observation_id: int
    patient_id: int


@pytest.fixture
def ward(tmp_path: Path, fixed_clock: Any) -> Iterator[Ward]:
    data_dir = tmp_path / "ws"
    ivanov = Staff("ivanov", "Иванов", Role.INVESTIGATOR, "ivanov-password")
    new_workspace(data_dir, fixed_clock, [ivanov]).workspace.close()
    doctor = sign_in(data_dir, "ivanov", "ivanov-password", clock=fixed_clock)
    with unit_of_work(doctor.factory, doctor.actor, clock=fixed_clock) as session:
        patient = Patient(
            study_id="MSC-001", site_id=1, status=PatientStatus.SCREENING, created_at=T0
        )
        session.add(patient)
        session.flush()
        visit = Visit(patient_id=patient.id, study_day=0, status=VisitStatus.DONE)
        session.add(visit)
        session.flush()
        observation = Observation(visit_id=visit.id, code="lactate", value=Decimal("3.4"))
        session.add(observation)
        session.flush()
        ids = (visit.id, observation.id, patient.id)
    yield Ward(doctor, *ids)
    doctor.close()


def _count(ws: OpenWorkspace) -> int:
    with read_session(ws.factory) as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET new_value = 'forged' WHERE id = 3",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
    ],
)
def test_the_database_refuses_to_rewrite_the_audit_log(ward: Ward, statement: str) -> None:
    before = _count(ward.doctor)
    with pytest.raises(IntegrityError, match="append-only"), ward.doctor.engine.begin() as conn:
        conn.exec_driver_sql(statement)
    key = database_key(ward.doctor.factory, ward.doctor.data_dir).reveal()
    raw = sqlcipher3.connect(str(ward.doctor.data_dir / DATABASE_FILENAME))
    try:
        raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            raw.execute(statement)
        raw.commit()
    finally:
        raw.close()
    assert _count(ward.doctor) == before
    with read_session(ward.doctor.factory) as session:
        assert verify_chain(session) is None


@pytest.mark.parametrize(("field", "value"), [("value", Decimal("2.0")), ("deleted_at", T0)])
def test_changing_a_saved_value_without_a_reason_saves_nothing(
    ward: Ward, field: str, value: Any
) -> None:
    before = _count(ward.doctor)
    with pytest.raises(ReasonRequired), unit_of_work(ward.doctor.factory, ward.doctor.actor) as s:
        setattr(s.get_one(Observation, ward.observation_id), field, value)
    with read_session(ward.doctor.factory) as session:
        saved = session.get_one(Observation, ward.observation_id)
        assert (saved.value, saved.deleted_at) == (Decimal("3.4"), None)
    assert _count(ward.doctor) == before


def test_a_change_with_a_reason_is_attributed_and_justified(ward: Ward, fixed_clock: Any) -> None:
    fixed_clock.now += timedelta(hours=1)
    ws = ward.doctor
    with unit_of_work(ws.factory, ws.actor, reason="mistyped", clock=fixed_clock) as session:
        session.get_one(Observation, ward.observation_id).value = Decimal("2.0")
    with read_session(ws.factory) as session:
        row = audit_entries(session, table="observation", field="value")[-1]
    assert (row.action, row.old_value, row.new_value, row.reason) == (
        "update",
        "3.4",
        "2.0",
        "mistyped",
    )
    assert (row.username, row.role, row.device, row.at) == (
        "ivanov",
        "investigator",
        ws.actor.device,
        fixed_clock.now,
    )
    assert row.patient_id == ward.patient_id and row.record_id == str(ward.observation_id)


def _tamper(ws: OpenWorkspace, statement: str) -> None:
    """What an attacker with the key would do: drop the triggers, then rewrite history."""
    with ws.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        connection.exec_driver_sql(statement)


def test_the_chain_finds_a_modified_row(ward: Ward) -> None:
    with read_session(ward.doctor.factory) as session:
        assert verify_chain(session) is None
        target = audit_entries(session, field="value")[0].id
    _tamper(ward.doctor, f"UPDATE audit_log SET new_value = '1.1' WHERE id = {target}")
    with read_session(ward.doctor.factory) as session:
        assert verify_chain(session) == target


def test_the_chain_finds_a_row_rehashed_or_removed(ward: Ward) -> None:
    with read_session(ward.doctor.factory) as session:
        rows = audit_entries(session)
    middle = rows[len(rows) // 2]
    _tamper(ward.doctor, f"DELETE FROM audit_log WHERE id = {middle.id}")
    with read_session(ward.doctor.factory) as session:
        assert verify_chain(session) == rows[len(rows) // 2 + 1].id
    # A forger who recomputes the changed row's hash still breaks the next row's link.
    first = rows[1]
    forged = entry_hash(first.entry_hash, {"action": "login"})
    with ward.doctor.engine.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE audit_log SET entry_hash = '{forged}' WHERE id = {first.id}"
        )
    with read_session(ward.doctor.factory) as session:
        assert verify_chain(session) == first.id


def test_the_audit_view_filters_by_patient_form_user_field_and_time(
    ward: Ward, fixed_clock: Any
) -> None:
    ws = ward.doctor
    fixed_clock.now += timedelta(days=1)
    with unit_of_work(ws.factory, ws.actor, reason="repeat sample", clock=fixed_clock) as session:
        session.get_one(Observation, ward.observation_id).value = Decimal("2.9")
    with read_session(ws.factory) as session:
        patient_rows = audit_entries(session, patient_id=ward.patient_id)
        assert {r.table_name for r in patient_rows} == {"patient", "visit", "observation"}
        form = audit_entries(session, table="visit", record_id=str(ward.visit_id))
        assert {r.field for r in form} == {
            "id",
            "patient_id",
            "study_day",
            "status",
            "locked",
        }
        assert audit_entries(session, username="nobody") == []
        later = audit_entries(session, field="value", since=T0 + timedelta(hours=12))
        assert [r.new_value for r in later] == ["2.9"]
        earlier = audit_entries(session, table="observation", field="value", until=fixed_clock.now)
        assert [r.new_value for r in earlier] == ["3.4"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("-5", "-5"),
        ("+3.25", "+3.25"),
        ("Пётр", "Пётр"),
    ],
)
def test_formula_like_text_is_neutralized(cell: str, expected: str) -> None:
    assert neutralize(cell) == expected


def test_the_csv_export_is_utf8_rfc4180_and_neutralized(ward: Ward, tmp_path: Path) -> None:
    ws = ward.doctor
    with unit_of_work(ws.factory, ws.actor) as session:
        session.add(
            Observation(
                visit_id=ward.visit_id, code="note", value_text='=1+1, "Пётр"\nвторая строка'
            )
        )
    with read_session(ws.factory) as session:
        rows = audit_entries(session, patient_id=ward.patient_id)
    target = tmp_path / "audit.csv"
    export_audit_csv(rows, target)
    raw = target.read_bytes()
    assert raw.startswith(b"id,at,username,") and b"\r\n" in raw
    with target.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert len(table) == len(rows) + 1
    texts = [line[table[0].index("new_value")] for line in table[1:]]
    assert '\'=1+1, "Пётр"\nвторая строка' in texts
    assert "3.4" in texts
    ats = [line[table[0].index("at")] for line in table[1:]]
    assert all(at.endswith("+00:00") for at in ats)
