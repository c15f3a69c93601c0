"""The clock as evidence: a clock set back stops randomization until an investigator confirms."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest_randomization import ONSET, Trial, make_trial
from sqlalchemy import select, text

from msc_desk.models import AuditEntry, ClockConfirmation
from msc_desk.security.identity import verify_signature
from msc_desk.services.allocation import RandomizationError
from msc_desk.services.clock_guard import (
    LAST_SEEN_FILENAME,
    ClockConfirmationError,
    RunningClockWatch,
    backward_since,
    check_clock,
    clock_status,
    confirm_clock,
    record_last_seen,
)
from msc_desk.services.session import read_session


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    trial.import_list()
    yield trial
    trial.engine.dispose()


def actions(trial: Trial) -> list[str]:
    with read_session(trial.factory) as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_clock_set_back_an_hour_blocks_randomization_until_confirmed(trial: Trial) -> None:
    first = trial.screen(hours=3).patient_id
    second = trial.screen(hours=3).patient_id
    trial.clock.set(hours=2)  # an hour earlier than the last audited instant
    with pytest.raises(RandomizationError) as caught:
        trial.randomize(first)
    assert caught.value.code == "clock_unconfirmed"
    assert actions(trial)[-2:] == ["randomize_refused", "clock_backward"]
    # Setting the clock forward again does not lift the block: the jump is on record.
    trial.clock.set(hours=3, minutes=30)
    with pytest.raises(RandomizationError):
        trial.randomize(first)
    trial.clock.set(hours=2, minutes=5)
    with pytest.raises(ClockConfirmationError) as refused:
        confirm_clock(trial.factory, trial.delegated_nurse, "час назад", clock=trial.clock)
    assert refused.value.code == "not_investigator"
    with pytest.raises(ClockConfirmationError):
        confirm_clock(trial.factory, trial.investigator, "  ", clock=trial.clock)

    confirmation = confirm_clock(
        trial.factory,
        trial.investigator,
        "часы ноутбука сверены с часами поста",
        clock=trial.clock,
    )

    assert trial.randomize(first).slot_number == 1
    trial.clock.set(hours=2, minutes=10)
    assert trial.randomize(second).slot_number == 2
    assert "clock_confirmed" in actions(trial)
    payload = json.loads(confirmation.payload)
    assert payload["reason"] == "часы ноутбука сверены с часами поста"
    assert trial.investigator.keys is not None
    assert confirmation.signer_public_key == trial.investigator.keys.signing_public
    assert verify_signature(
        confirmation.signer_public_key,
        base64.b64decode(confirmation.signature),
        confirmation.payload.encode("ascii"),
    )


def test_a_few_minutes_back_is_not_a_jump(trial: Trial) -> None:
    patient = trial.screen(hours=3).patient_id
    trial.clock.set(hours=2, minutes=56)
    assert trial.randomize(patient).slot_number == 1
    assert "clock_backward" not in actions(trial)


def test_the_file_beside_the_database_catches_an_older_database_copy(
    trial: Trial, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    trial.clock.set(hours=30)
    record_last_seen(trial.factory, data_dir, trial.clock)
    saved = json.loads((data_dir / LAST_SEEN_FILENAME).read_text())
    assert saved["last_seen"].startswith("2026-03-03")
    # The database only knows earlier instants; the file remembers the later one.
    trial.clock.set(hours=20)
    assert not clock_status(trial.factory, None, trial.clock).backward
    status = check_clock(trial.factory, trial.investigator, data_dir, trial.clock)
    assert status.backward and status.unconfirmed
    assert status.behind_by == timedelta(hours=10)
    assert actions(trial)[-1] == "clock_backward"
    assert json.loads((data_dir / LAST_SEEN_FILENAME).read_text()) == saved
    confirm_clock(
        trial.factory, trial.investigator, "сверено", data_dir=data_dir, clock=trial.clock
    )
    assert not check_clock(trial.factory, trial.investigator, data_dir, trial.clock).unconfirmed
    with read_session(trial.factory) as session:
        assert session.scalars(select(ClockConfirmation)).one().confirmed_by_id == (
            trial.investigator.user_id
        )


def test_a_forward_jump_while_running_is_audited(trial: Trial) -> None:
    ticks = iter([0.0, 60.0, 120.0])
    walls = iter([ONSET, ONSET + timedelta(minutes=1), ONSET + timedelta(hours=26)])
    watch = RunningClockWatch(clock=lambda: next(walls), monotonic=lambda: next(ticks))
    assert watch.check(trial.factory, trial.investigator) is None
    jump = watch.check(trial.factory, trial.investigator)
    assert jump is not None and jump > timedelta(hours=25)
    assert actions(trial)[-1] == "clock_forward"


def test_the_guard_finds_a_clock_set_back_through_its_index_not_the_whole_log(
    trial: Trial,
) -> None:
    """Every randomization asks; a scan of the log would grow with every audited value."""
    with read_session(trial.factory) as session:
        query = backward_since(0)
        sql = str(query.compile(trial.engine, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert "ix_audit_log_clock_backward" in plan, plan
        assert session.scalar(query) is None
    patient = trial.screen(hours=3).patient_id
    trial.clock.set(hours=2)  # an hour earlier than the last audited instant
    with pytest.raises(RandomizationError):
        trial.randomize(patient)
    with read_session(trial.factory) as session:
        assert session.scalar(backward_since(0)) is not None
