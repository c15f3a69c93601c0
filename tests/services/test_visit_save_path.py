"""Saving a visit: batched audit rows verify, heads count every row, a failed save is undone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from seeding import Staff, new_workspace
from sqlalchemy import func, select
from visit_trial import RANDOMIZED_AT, typical_entries

from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    Arm,
    AuditEntry,
    AuditHeadSignature,
    Observation,
    Patient,
    PatientStatus,
    Role,
    Visit,
    VisitDraft,
)
from msc_desk.security.form_locks import FormLocked
from msc_desk.services import audit, audit_writer
from msc_desk.services import session as session_module
from msc_desk.services.audit_writer import _ChainHasher, append_entries, entry_hash
from msc_desk.services.head_signatures import verify_head_signatures
from msc_desk.services.integrity import Finding, full_check
from msc_desk.services.integrity_identities import register_identity_checks
from msc_desk.services.session import next_ids, read_session, unit_of_work
from msc_desk.services.visit_drafts import save_draft
from msc_desk.services.visit_entries import Entry
from msc_desk.services.visit_forms import VisitFormRefused, save_visit
from msc_desk.services.workspace import OpenWorkspace, sign_in

NOW = RANDOMIZED_AT + timedelta(days=7, hours=4)  # study day 7
PERFORMED = RANDOMIZED_AT + timedelta(days=7, hours=2)


@dataclass
class Ward:
    nurse: OpenWorkspace
    patients: list[int]


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    data_dir = tmp_path / "ws"
    nurse = Staff("petrova", "Петрова Ольга", Role.NURSE, "nurse-password-1")
    new_workspace(data_dir, lambda: NOW, [nurse]).workspace.close()
    workspace = sign_in(data_dir, "petrova", "nurse-password-1", clock=lambda: NOW)
    assert workspace.actor.keys is not None  # every unit of work signs the head
    with unit_of_work(workspace.factory, workspace.actor, clock=lambda: NOW) as session:
        allocation = AllocationList(
            list_uid="ward", study="NCT01849237", device_uid="ward", first_slot=1,
            slot_count=3, signer_fingerprint="0" * 64, signed_document="{}",
            imported_at=RANDOMIZED_AT - timedelta(days=30), sealed_list_key=b"k",
            first_study_number=1, study_number_count=3,
        )  # fmt: skip
        session.add(allocation)
        session.flush()
        patients = []
        for number in range(3):
            patient = Patient(
                study_id=f"MSC-{number + 1:03d}", site_id=1, status=PatientStatus.RANDOMIZED,
                created_at=RANDOMIZED_AT,
            )  # fmt: skip
            session.add(patient)
            session.flush()
            session.add(
                AllocationSlot(
                    list_id=allocation.id, slot_number=number + 1, sealed_arm=b"s",
                    commitment="0" * 64, arm=Arm.MSC, patient_id=patient.id,
                    revealed_at=RANDOMIZED_AT,
                )
            )  # fmt: skip
            patients.append(patient.id)
    yield Ward(workspace, patients)
    workspace.close()


def _save(ward: Ward, patient_id: int, entries: dict[str, Entry], **kwargs: Any) -> Any:
    return save_visit(
        ward.nurse.factory, ward.nurse.actor, patient_id, 7, entries,
        performed_at=PERFORMED, complete=kwargs.pop("complete", True), clock=lambda: NOW,
        **kwargs,
    )  # fmt: skip


def _audit_findings(ward: Ward) -> list[Finding]:
    """The full check, but for the reveal chain of the allocation slots made up for the ward."""
    return [item for item in full_check(ward.nurse.factory) if item.table != "allocation_slot"]


def _counts(ward: Ward) -> dict[str, int]:
    with read_session(ward.nurse.factory) as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Visit, Observation, AuditEntry, AuditHeadSignature, VisitDraft)
        }


def test_a_saved_visit_and_its_change_pass_the_full_integrity_check(ward: Ward) -> None:
    register_identity_checks()
    entries = typical_entries(7, NOW)
    saved = _save(ward, ward.patients[0], entries)
    changed = dict(entries, lactate=Entry("3.1"))
    _save(ward, ward.patients[0], changed, reason="misread the monitor")
    _save(ward, ward.patients[1], entries)
    assert _audit_findings(ward) == []
    with read_session(ward.nurse.factory) as session:
        assert verify_head_signatures(session) == []
        rows = session.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "observation", AuditEntry.field == "value"
            )
        ).all()
        observations = session.scalars(
            select(Observation).where(Observation.visit_id == saved.visit_id)
        ).all()
        # Every observation's value is audited under its own id, the change with its reason.
        audited = {row.record_id for row in rows if row.action == "insert"}
        assert {str(row.id) for row in observations if row.value is not None} <= audited
        (update,) = [row for row in rows if row.action == "update"]
        assert (update.new_value, update.reason) == ("3.1", "misread the monitor")


def test_each_signed_head_counts_the_whole_log_up_to_it(ward: Ward) -> None:
    """The count of a head is carried from the last signed one: it must still be every row."""
    entries = typical_entries(7, NOW)
    for patient_id in ward.patients:
        _save(ward, patient_id, entries)
    with read_session(ward.nurse.factory) as session:
        heads = session.scalars(select(AuditHeadSignature)).all()
        assert len(heads) >= 4
        for head in heads:
            rows = session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.id <= head.audit_id)
            )
            assert head.audit_count == rows


def test_an_interrupted_save_leaves_nothing(ward: Ward, monkeypatch: pytest.MonkeyPatch) -> None:
    patient_id = ward.patients[0]
    entries = typical_entries(7, NOW)
    save_draft(ward.nurse.factory, ward.nurse.actor, patient_id, 7, entries, clock=lambda: NOW)
    before = _counts(ward)

    def power_cut(*_args: object) -> None:
        raise RuntimeError("power cut before the commit")

    # The last step before the commit: every row and audit row is written by then.
    monkeypatch.setattr(session_module, "sign_head", power_cut)
    with pytest.raises(RuntimeError):
        _save(ward, patient_id, entries)
    assert _counts(ward) == before
    monkeypatch.undo()
    saved = _save(ward, patient_id, entries)
    after = _counts(ward)
    assert after["visit"] == before["visit"] + 1
    assert after["visit_draft"] == before["visit_draft"] - 1
    assert _audit_findings(ward) == []
    with read_session(ward.nurse.factory) as session:
        assert session.get(Visit, saved.visit_id) is not None


def test_a_refused_save_writes_no_row_and_no_audit(ward: Ward) -> None:
    before = _counts(ward)
    entries = dict(typical_entries(7, NOW), map=Entry("900"))
    with pytest.raises(VisitFormRefused):
        _save(ward, ward.patients[0], entries)
    assert _counts(ward) == before


def test_next_ids_are_the_ids_sqlite_would_give(ward: Ward) -> None:
    _save(ward, ward.patients[0], typical_entries(7, NOW))
    with unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=lambda: NOW) as session:
        largest = session.scalar(select(func.max(Observation.id)))
        assert largest is not None
        assert list(next_ids(session, Observation, 3)) == [largest + 1, largest + 2, largest + 3]
        assert next_ids(session, AllocationList, 0) == range(2, 2)


_AWKWARD: list[Any] = [
    None, "", 'quote " and \\ backslash', "строка по-русски", "emoji 🫀", "tab\tnew\nline\x01",
    "\u2028 separator", 0, 1, True, False, -12, Decimal("1.0"), Decimal("1.00"), Decimal("-0"),
    datetime(2026, 11, 8, 10, 0, tzinfo=UTC),
    datetime(2026, 11, 8, 13, 0, tzinfo=ZoneInfo("Europe/Moscow")),
    datetime(2026, 11, 8, 10, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 11, 8, 10, 0),
    # Equal datetimes (same tzinfo, fold ignored) that are different instants:
    datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York")),
    datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")),
    b"\x00\xff", datetime(2026, 11, 8).date(),
]  # fmt: skip


def test_the_batch_hash_is_entry_hash_byte_for_byte() -> None:
    """Every awkward value, in every field, in one batch that memoises what repeats."""
    hasher = _ChainHasher()
    previous = audit_writer.GENESIS_HASH
    fields = audit_writer._HASHED_FIELDS
    for offset, value in enumerate(_AWKWARD * 2):
        row = {name: _AWKWARD[(offset + at) % len(_AWKWARD)] for at, name in enumerate(fields)}
        row["field"] = value
        values = tuple(row[name] for name in fields)
        expected = entry_hash(previous, row)
        assert hasher(previous, values) == expected
        previous = expected


def test_batched_audit_rows_with_awkward_text_replay_in_the_chain(ward: Ward) -> None:
    texts = [value for value in _AWKWARD if isinstance(value, str)]
    rows = [
        {
            "at": NOW,
            "user_id": ward.nurse.actor.user_id,
            "username": ward.nurse.actor.username,
            "action": "note",
            "field": f"f{index}",
            "new_value": text,
            "old_value": texts[-1 - index],
        }
        for index, text in enumerate(texts)
    ]
    with unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=lambda: NOW) as session:
        append_entries(session.connection(), rows)
    assert _audit_findings(ward) == []
    with read_session(ward.nurse.factory) as session:
        stored = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "note").order_by(AuditEntry.id)
        ).all()
        assert [row.new_value for row in stored] == texts
        for row in stored:
            fields = {name: getattr(row, name) for name in audit_writer._HASHED_FIELDS}
            assert entry_hash(row.prev_hash, fields) == row.entry_hash


def test_rows_of_one_record_hash_as_entry_hash_when_heads_only_look_alike() -> None:
    """The head a record's rows share is encoded once, but never for a look-alike head."""
    new_york = ZoneInfo("America/New_York")
    moments = [
        datetime(2026, 11, 1, 1, 30, tzinfo=new_york),
        datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=new_york),  # equal, an hour later
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC),  # the same instant as the second
    ]
    patients: list[Any] = [1, True, Decimal("1.0"), Decimal("1.00"), "1", None]
    hasher = _ChainHasher()
    previous = audit_writer.GENESIS_HASH
    for at in moments:
        for patient in patients:
            for field in ("value", "unit"):
                row = {
                    "at": at, "user_id": 3, "username": "petrova", "role": "nurse",
                    "device": "ward-1", "action": "insert", "table_name": "observation",
                    "record_id": "7", "patient_id": patient, "field": field,
                    "old_value": None, "new_value": "5", "reason": None,
                }  # fmt: skip
                expected = entry_hash(previous, row)
                values = tuple(row[name] for name in audit_writer._HASHED_FIELDS)
                assert hasher(previous, values) == expected
                previous = expected


def _observation_audit(ward: Ward, record_id: str) -> list[tuple[Any, ...]]:
    with read_session(ward.nurse.factory) as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == "observation", AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id)
        ).all()
        return [(r.action, r.field, r.old_value, r.new_value, r.patient_id) for r in rows]


def test_an_audited_insert_writes_the_rows_a_flush_would(ward: Ward) -> None:
    saved = _save(ward, ward.patients[0], {}, complete=False)
    columns = {
        "visit_id": saved.visit_id, "value": Decimal("4.25"), "unit": "mmol/L",
        "entered_value": Decimal("4.250"), "out_of_range_confirmed": True,
    }  # fmt: skip
    with unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=lambda: NOW) as session:
        session.add(Observation(code="lactate", **columns))
    with unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=lambda: NOW) as session:
        (row_id,) = next_ids(session, Observation, 1)
        record = {"id": row_id, "code": "crp", **columns}
        audit.insert_audited(session, Observation, [record], ward.patients[0])
    with read_session(ward.nurse.factory) as session:
        flushed = session.scalars(select(Observation.id).where(Observation.code == "lactate"))
        flushed_id = str(flushed.one())
    by_flush = _observation_audit(ward, flushed_id)
    by_insert = _observation_audit(ward, str(row_id))
    assert by_insert == [
        (*row[:3], "crp" if row[1] == "code" else str(row_id) if row[1] == "id" else row[3], row[4])
        for row in by_flush
    ]
    assert ("insert", "out_of_range_confirmed", None, "true", ward.patients[0]) in by_insert
    assert _audit_findings(ward) == []


@pytest.mark.parametrize(
    ("record", "why"),
    [
        ({"code": "crp", "visit_id": 1}, "no id"),
        ({"id": 900, "code": "crp", "visit_id": 1, "colour": "red"}, "a column of no table"),
    ],
)
def test_an_audited_insert_refuses_rows_it_cannot_audit_whole(
    ward: Ward, record: dict[str, Any], why: str
) -> None:
    before = _counts(ward)
    writing = unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=lambda: NOW)
    with pytest.raises(audit.AuditError), writing as session:
        audit.insert_audited(session, Observation, [record], None)
    # A read session has no acting user to audit.
    with pytest.raises(audit.AuditError), read_session(ward.nurse.factory) as session:
        audit.insert_audited(session, Observation, [dict(record, id=901)], None)
    writing = unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=lambda: NOW)
    with pytest.raises(audit.AuditError), writing as session:  # drafts are never audited data
        audit.insert_audited(session, VisitDraft, [{"id": 1}], None)
    assert _counts(ward) == before, why


def test_a_new_value_on_a_signed_visit_is_refused(ward: Ward) -> None:
    """No flush sees a form's new values: the save itself checks the lock."""
    entries = typical_entries(7, NOW)
    first = {code: entry for code, entry in entries.items() if code != "crp"}
    saved = _save(ward, ward.patients[0], first, complete=False)
    locking = unit_of_work(ward.nurse.factory, ward.nurse.actor, reason="signed", clock=lambda: NOW)
    with locking as session:
        visit = session.get(Visit, saved.visit_id)
        assert visit is not None
        visit.locked = True
    before = _counts(ward)
    with pytest.raises(FormLocked):
        _save(ward, ward.patients[0], entries, complete=False)
    assert _counts(ward) == before
