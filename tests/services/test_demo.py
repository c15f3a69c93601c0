"""`msc-desk demo`: a synthetic trial at every stage, marked as demo data, never over real data."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from msc_desk.cli import main
from msc_desk.models import (
    AdverseEvent,
    AllocationSlot,
    Arm,
    AuditEntry,
    Infusion,
    Outcome,
    Patient,
    PatientStatus,
    Visit,
    VisitDeviation,
    VisitStatus,
)
from msc_desk.scoring.visits import in_window, visit_on_day
from msc_desk.services import demo
from msc_desk.services.audit_review import current_state, replay, verify_chain
from msc_desk.services.demo import (
    MAX_DEMO_PATIENTS,
    DemoExistsError,
    DemoSizeError,
    create_demo_trial,
    demo_accounts_text,
)
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


def _check_visits_and_audit(data_dir: Path) -> list[Visit]:
    """Every done visit is in its window unless flagged; the audit verifies and replays."""
    workspace = sign_in(data_dir, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        assert verify_chain(session) is None
        assert replay(session) == current_state(session)
        slots = select(AllocationSlot.patient_id, AllocationSlot.revealed_at)
        randomized = dict(
            session.execute(slots.where(AllocationSlot.patient_id.is_not(None))).all()
        )
        visits = list(session.scalars(select(Visit)))
        session.expunge_all()
    workspace.close()
    for visit in visits:
        if visit.status == VisitStatus.DONE:
            assert visit.performed_at is not None
            started = randomized[visit.patient_id]
            assert started is not None
            inside = in_window(
                visit_on_day(visit.study_day), randomization=started, at=visit.performed_at
            )
            assert (visit.deviation is None) is inside
        else:
            assert visit.deviation is None
    return visits


def test_a_demo_of_one_patient(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "one"
    assert main(["demo", "--data-dir", str(target), "--patients", "1"]) == 0
    assert "1 screened, 1 randomized" in capsys.readouterr().out
    assert len(_check_visits_and_audit(target)) == 7


def test_a_demo_of_sixty_patients_fits_its_allocation_list_and_flags_late_visits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sixty"
    assert main(["demo", "--data-dir", str(target), "--patients", "60"]) == 0
    assert "60 screened, 50 randomized" in capsys.readouterr().out
    visits = _check_visits_and_audit(target)
    done = [visit for visit in visits if visit.status == VisitStatus.DONE]
    flagged = [visit for visit in done if visit.deviation == VisitDeviation.OUTSIDE_WINDOW]
    assert flagged and len(flagged) < len(done) // 5
    off_target = [
        visit for visit in done if visit.deviation is None and visit.study_day in (7, 14, 21, 28)
    ]
    assert off_target  # some on another day of their window, as on a real ward
    assert [path.name for path in tmp_path.iterdir()] == ["sixty"]


@pytest.mark.parametrize("patients", ["-3", "0", "10001", "abc", "2.5", "9" * 5000])
def test_demo_refuses_a_bad_number_of_patients_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], patients: str
) -> None:
    target = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(target), f"--patients={patients}"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("msc-desk demo: the number of patients must be")
    assert captured.err.count("\n") == 1 and len(captured.err) < 200
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_the_service_refuses_a_bad_size_too(tmp_path: Path) -> None:
    for bad in (-3, 0, MAX_DEMO_PATIENTS + 1, True, 2.0):
        with pytest.raises(DemoSizeError):
            create_demo_trial(tmp_path, screened=bad)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_building_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "fill_follow_up", broken)
    target = tmp_path / "demo"
    with pytest.raises(RuntimeError, match="disk full"):
        create_demo_trial(target, screened=3)
    assert list(tmp_path.iterdir()) == []

    target.mkdir()  # an empty folder given beforehand is left as it was
    with pytest.raises(RuntimeError, match="disk full"):
        create_demo_trial(target, screened=3)
    assert [path.name for path in tmp_path.iterdir()] == ["demo"]
    assert list(target.iterdir()) == []


def test_demo_refuses_a_folder_that_is_not_empty_or_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DemoExistsError):
        create_demo_trial(tmp_path, screened=1)
    with pytest.raises(DemoExistsError):
        create_demo_trial(tmp_path / "notes.txt", screened=1)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_patients_screened_close_together_never_look_like_a_clock_set_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large demo packs its patients a couple of hours apart; a day for 24 patients does the same.
    monkeypatch.setattr(demo, "_span_days", lambda _screened: 1)
    summary = create_demo_trial(tmp_path / "dense", screened=24)
    assert summary.randomized > 0


def test_nothing_in_a_demo_is_recorded_after_the_moment_it_was_built(tmp_path: Path) -> None:
    # Otherwise the laptop's clock guard sees the clock set back and blocks randomization.
    built = datetime(2026, 12, 1, 3, 46, tzinfo=UTC)
    create_demo_trial(tmp_path / "demo", clock=lambda: built)
    workspace = sign_in(tmp_path / "demo", "ivanova", "demo-doctor", clock=lambda: built)
    with read_session(workspace.factory) as session:
        latest = [
            session.scalar(select(func.max(column)))
            for column in (
                AuditEntry.at,
                Visit.performed_at,
                Infusion.started_at,
                Infusion.ended_at,
                AdverseEvent.onset_at,
                Outcome.died_at,
                Outcome.last_known_alive_at,
            )
        ]
    workspace.close()
    assert all(instant is not None and instant <= built for instant in latest), latest
