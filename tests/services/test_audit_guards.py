"""The database refuses to rewrite audit rows and allocation slots, whatever SQL is sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_randomization import Trial, make_trial
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SQLDatabaseError

AUDIT_COLUMNS = "id, at, action, prev_hash, entry_hash"  # the NOT NULL columns


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    trial.import_list(slot_count=4)
    trial.randomize(trial.screen().patient_id)
    yield trial
    trial.engine.dispose()


def refused(trial: Trial, statement: str, **params: object) -> None:
    with (
        pytest.raises(SQLDatabaseError, match="append-only|never|revealed once"),
        trial.engine.begin() as connection,
    ):
        connection.execute(text(statement), params)


def audit_row(trial: Trial, audit_id: int) -> tuple[object, ...]:
    with trial.engine.connect() as connection:
        row = connection.execute(
            text("SELECT * FROM audit_log WHERE id = :id"), {"id": audit_id}
        ).one()
    return tuple(row)


def test_recursive_triggers_are_on_for_every_connection(trial: Trial) -> None:
    with trial.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA recursive_triggers").scalar() == 1


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT OR REPLACE INTO audit_log ({c}) VALUES (3, '2026-01-01', 'x', :p, :h)",
        "REPLACE INTO audit_log ({c}) VALUES (3, '2026-01-01', 'x', :p, :h)",
        "INSERT OR IGNORE INTO audit_log ({c}) VALUES (3, '2026-01-01', 'x', :p, :h)",
        "INSERT INTO audit_log ({c}) VALUES (3, '2026-01-01', 'x', :p, :h) "
        "ON CONFLICT(id) DO UPDATE SET action = 'rewritten'",
        "INSERT INTO audit_log ({c}) VALUES (999999, '2026-01-01', 'x', :p, :same) "
        "ON CONFLICT(entry_hash) DO UPDATE SET action = 'rewritten'",
        "INSERT OR REPLACE INTO audit_log ({c}) VALUES (999999, '2026-01-01', 'x', :p, :same)",
    ],
)
def test_no_insert_rewrites_an_audit_row(trial: Trial, statement: str) -> None:
    before = audit_row(trial, 3)
    same = str(before[-1])
    refused(trial, statement.format(c=AUDIT_COLUMNS), p="0" * 64, h="f" * 64, same=same)
    assert audit_row(trial, 3) == before


def test_audit_rows_are_never_updated_or_deleted(trial: Trial) -> None:
    refused(trial, "UPDATE audit_log SET action = 'x' WHERE id = 1")
    refused(trial, "DELETE FROM audit_log WHERE id = 1")


SLOT_COLUMNS = "id, list_id, slot_number, sealed_arm, commitment"


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT OR REPLACE INTO allocation_slot ({c}) VALUES (1, 1, 1, x'00', 'c')",
        "INSERT OR IGNORE INTO allocation_slot ({c}) VALUES (1, 1, 1, x'00', 'c')",
        "INSERT INTO allocation_slot ({c}) VALUES (1, 1, 1, x'00', 'c') "
        "ON CONFLICT(id) DO UPDATE SET arm = NULL, patient_id = NULL",
        "INSERT OR REPLACE INTO allocation_slot ({c}) VALUES (99, 1, 2, x'00', 'c')",
        "INSERT INTO allocation_slot ({c}, patient_id) VALUES (99, 1, 77, x'00', 'c', 1) "
        "ON CONFLICT(patient_id) DO UPDATE SET arm = 'msc'",
    ],
)
def test_no_insert_replaces_an_allocation_slot(trial: Trial, statement: str) -> None:
    with trial.engine.connect() as connection:
        before = connection.execute(text("SELECT * FROM allocation_slot ORDER BY id")).all()
    refused(trial, statement.format(c=SLOT_COLUMNS))
    with trial.engine.connect() as connection:
        assert connection.execute(text("SELECT * FROM allocation_slot ORDER BY id")).all() == before


def test_a_slot_changes_only_from_unused_to_revealed_once(trial: Trial) -> None:
    refused(trial, "UPDATE allocation_slot SET arm = 'msc' WHERE slot_number = 1")
    refused(trial, "UPDATE allocation_slot SET patient_id = NULL WHERE slot_number = 1")
    refused(trial, "UPDATE allocation_slot SET sealed_arm = x'00' WHERE slot_number = 2")
    refused(trial, "UPDATE allocation_slot SET arm = 'msc' WHERE slot_number = 2")
    refused(trial, "DELETE FROM allocation_slot WHERE slot_number = 2")
