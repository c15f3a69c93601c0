"""The audit's views hide identifiers from everyone and arms from blinded readers."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from conftest_randomization import ELIGIBLE, Trial, make_trial
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from msc_desk.models import Arm, AuditEntry, Infusion, PatientIdentification, Role, Setting
from msc_desk.services.actor import Actor
from msc_desk.services.audit_masking import HIDDEN, mask_rows, reveals_arm
from msc_desk.services.audit_review import (
    audit_chain_head,
    audit_entries,
    export_audit,
    export_audit_csv,
    read_audit,
)
from msc_desk.services.blinding import arm_for_reader, arm_letters
from msc_desk.services.identification_review import identification_history
from msc_desk.services.identification_trail import verify_identification_trail
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import read_session, unit_of_work

IDENTIFIERS = (ELIGIBLE.full_name, ELIGIBLE.medical_record_number)
ARMS = {arm.value for arm in Arm}


def _reviewer(trial: Trial) -> Actor:
    return Actor(
        user_id=None,
        username="statistician",
        role=Role.BLINDED_REVIEWER,
        device=trial.investigator.device,
        can_randomize=False,
    )


@pytest.fixture
def trial(tmp_path: Path) -> Trial:
    """A randomized MSC-arm patient with an infusion, and a control patient."""
    trial = make_trial(tmp_path)
    trial.import_list(slot_count=10)
    arms: dict[Arm, int] = {}
    while len(arms) < 2:
        saved = trial.screen()
        result = trial.randomize(saved.patient_id)
        arms.setdefault(result.arm, saved.patient_id)
    with unit_of_work(trial.factory, trial.investigator, clock=trial.clock) as session:
        session.add(Infusion(patient_id=arms[Arm.MSC], weight_kg=Decimal("70")))
    trial.arms = arms  # type: ignore[attr-defined]
    return trial


def _values(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [v for row in rows for v in (row.old_value, row.new_value, row.reason) if v]


def test_the_general_audit_view_never_shows_an_identifier(trial: Trial) -> None:
    with read_session(trial.factory) as session:
        raw = audit_entries(session)
    assert not any(name in value for value in _values(raw) for name in IDENTIFIERS)
    assert "[identifier]" in _values(raw)  # the stored rows hold a marker, never the value

    rows, _head = read_audit(trial.factory, trial.monitor, trial.clock)
    assert not any(name in value for value in _values(rows) for name in IDENTIFIERS)
    hidden = [row for row in rows if row.table_name == "patient_identification"]
    names = {row.field: row.new_value for row in hidden}
    assert names["full_name"] == HIDDEN and names["medical_record_number"] == HIDDEN
    assert names["patient_id"] != HIDDEN  # the link is not an identifier
    assert ARMS & set(_values(rows))  # a monitor verifies the allocation


def test_the_audit_csv_holds_no_identifier_whatever_rows_it_is_given(
    trial: Trial, tmp_path: Path
) -> None:
    with read_session(trial.factory) as session:
        raw = audit_entries(session)
    direct = tmp_path / "direct.csv"
    export_audit_csv(raw, direct)
    through_service = tmp_path / "service.csv"
    export_audit(trial.factory, trial.investigator, raw, through_service, trial.clock)
    for path in (direct, through_service):
        content = path.read_text(encoding="utf-8")
        assert not any(name in content for name in IDENTIFIERS)
        with path.open(encoding="utf-8", newline="") as handle:
            assert len(list(csv.reader(handle))) == len(raw) + 1
        assert HIDDEN in content


def test_a_blinded_reviewers_audit_view_shows_no_arm(trial: Trial, tmp_path: Path) -> None:
    reviewer = _reviewer(trial)
    arm_letters(trial.factory, trial.investigator, trial.clock)  # the mapping is in the trail
    rows, _head = read_audit(trial.factory, reviewer, trial.clock)
    assert rows
    assert not any(reveals_arm(value) or value in ARMS for value in _values(rows))
    assert not [row for row in rows if row.table_name == "infusion"]
    slots = [row for row in rows if row.table_name == "allocation_slot" and row.field == "arm"]
    assert len(slots) >= 2 and {row.new_value for row in slots} == {HIDDEN}
    randomizations = [row for row in rows if row.action == "randomize"]
    assert len(randomizations) == len(slots)
    assert {row.new_value for row in randomizations} == {HIDDEN}
    mapping = [row for row in rows if row.record_id == "blinding.arm_labels"]
    assert mapping and all(row.new_value == HIDDEN for row in mapping)

    out = tmp_path / "blinded.csv"
    export_audit(trial.factory, reviewer, rows, out, trial.clock)
    export_audit(trial.factory, reviewer, mask_rows(rows, None), out, trial.clock)
    content = out.read_text(encoding="utf-8").lower()
    assert "control" not in content and ",msc," not in content and "infusion" not in content


def test_the_arm_word_is_told_from_the_study_id() -> None:
    assert reveals_arm("slot 3: msc") and reveals_arm("CONTROL")
    assert not reveals_arm("MSC-001") and not reveals_arm("controlled") and not reveals_arm(None)


def test_arm_letters_are_drawn_once_per_workspace(trial: Trial) -> None:
    reviewer = _reviewer(trial)
    first = arm_letters(trial.factory, reviewer, trial.clock)
    assert sorted(first.values()) == ["A", "B"] and set(first) == set(Arm)
    assert arm_letters(trial.factory, trial.investigator, trial.clock) == first
    assert arm_for_reader(trial.factory, reviewer, Arm.MSC, trial.clock) == first[Arm.MSC]
    assert arm_for_reader(trial.factory, trial.nurse, Arm.MSC, trial.clock) == "msc"
    assert arm_for_reader(trial.factory, reviewer, None, trial.clock) is None
    with read_session(trial.factory) as session:
        stored = session.scalars(select(Setting.value)).all()
    assert len([value for value in stored if "=A" in value]) == 1


def test_changes_to_the_identification_log_have_a_trail_of_their_own(trial: Trial) -> None:
    patient = trial.arms[Arm.MSC]  # type: ignore[attr-defined]
    with unit_of_work(
        trial.factory, trial.investigator, reason="опечатка в фамилии", clock=trial.clock
    ) as session:
        record = session.scalars(
            select(PatientIdentification).where(PatientIdentification.patient_id == patient)
        ).one()
        record.full_name = "Иванов Иван Ильич"

    history = identification_history(trial.factory, trial.investigator, patient, trial.clock)
    names = [(c.action, c.old_value, c.new_value) for c in history if c.field == "full_name"]
    assert names[-1] == ("update", ELIGIBLE.full_name, "Иванов Иван Ильич")
    assert history[-1].reason == "опечатка в фамилии" and history[-1].username == "investigator"
    assert {c.patient_id for c in history} == {patient}
    with read_session(trial.factory) as session:
        assert verify_identification_trail(session) is None


def test_the_identification_trail_needs_view_identification_and_a_denial_is_audited(
    trial: Trial,
) -> None:
    for actor in (trial.monitor, _reviewer(trial), trial.admin):
        with pytest.raises(PermissionDenied):
            identification_history(trial.factory, actor, clock=trial.clock)
        with read_session(trial.factory) as session:
            last = session.execute(
                select(AuditEntry.action, AuditEntry.new_value, AuditEntry.username)
                .order_by(AuditEntry.id.desc())
                .limit(1)
            ).one()
        assert tuple(last) == (
            "permission_denied",
            "view_identification",
            actor.username,
        )
    assert identification_history(trial.factory, trial.nurse, clock=trial.clock)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE identification_audit SET new_value = 'x'",
        "DELETE FROM identification_audit",
        "INSERT OR REPLACE INTO identification_audit SELECT * FROM identification_audit LIMIT 1",
        "INSERT INTO identification_audit SELECT * FROM identification_audit LIMIT 1 "
        "ON CONFLICT DO NOTHING",
    ],
)
def test_the_identification_trail_is_append_only(trial: Trial, statement: str) -> None:
    with trial.engine.begin() as connection:
        before = connection.execute(text("SELECT count(*) FROM identification_audit")).scalar()
    with pytest.raises(DBAPIError, match="append-only"), trial.engine.begin() as connection:
        connection.execute(text(statement))
    with trial.engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM identification_audit")).scalar() == (
            before
        )


def test_a_trail_row_rewritten_behind_the_triggers_is_found(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER identification_audit_no_update"))
        connection.execute(text("UPDATE identification_audit SET new_value = 'X' WHERE id = 2"))
    with read_session(trial.factory) as session:
        assert verify_identification_trail(session) == 2


def test_the_chain_head_counts_the_rows_and_groups_the_hash(trial: Trial) -> None:
    with read_session(trial.factory) as session:
        head = audit_chain_head(session)
        rows = audit_entries(session)
    assert head.count == len(rows) and head.entry_hash == rows[-1].entry_hash
    groups = head.grouped().split(" ")
    assert len(groups) == 16 and all(len(group) == 4 for group in groups)
    assert "".join(groups) == head.entry_hash
