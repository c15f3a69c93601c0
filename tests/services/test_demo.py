"""`msc-desk demo`: a synthetic trial at every stage, marked as demo data, never over real data."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from msc_desk.cli import main
from msc_desk.models import Arm, Patient, PatientStatus
from msc_desk.services.audit_review import verify_chain
from msc_desk.services.demo import DemoExistsError, create_demo_trial, demo_accounts_text
from msc_desk.services.patients import list_patients
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in


def test_demo_trial_covers_every_stage_and_is_marked_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--data-dir", str(tmp_path)]) == 0
    assert "36 screened, 30 randomized" in capsys.readouterr().out

    workspace = sign_in(tmp_path, "ivanova", "demo-doctor")
    rows = list_patients(workspace.factory, workspace.actor, datetime.now(UTC))
    statuses = Counter(row.status for row in rows)
    arms = Counter(row.arm for row in rows if row.arm is not None)
    assert len(rows) == 36 and workspace.is_demo
    assert statuses[PatientStatus.SCREEN_FAILED] == 6
    for status in (PatientStatus.RANDOMIZED, PatientStatus.COMPLETED, PatientStatus.DIED):
        assert statuses[status] > 0
    assert arms[Arm.MSC] > 0 and arms[Arm.CONTROL] > 0 and sum(arms.values()) == 30
    with read_session(workspace.factory) as session:
        assert all(session.scalars(select(Patient.is_demo)))
        assert verify_chain(session) is None
    workspace.close()
    accounts = demo_accounts_text(tmp_path)
    assert accounts is not None and "ivanova / demo-doctor" in accounts


def test_demo_never_writes_over_an_existing_database(tmp_path: Path) -> None:
    create_demo_trial(tmp_path, screened=8)
    with pytest.raises(DemoExistsError):
        create_demo_trial(tmp_path, screened=8)
    assert main(["demo", "--data-dir", str(tmp_path)]) == 2
