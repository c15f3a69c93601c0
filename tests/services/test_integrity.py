"""The integrity check finds silent edits, rewritten history, skipped slots and broken reveals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_randomization import Trial, make_trial
from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry
from msc_desk.services.audit_writer import GENESIS_HASH, entry_hash
from msc_desk.services.chain_head import (
    audit_chain_head,
    format_head,
    head_is_prefix,
    parse_head,
)
from msc_desk.services.integrity import (
    AUDIT_ID_GAP,
    AUDIT_LINK_BROKEN,
    AUDIT_MARK_MISMATCH,
    FULL_CHECKS,
    HEAD_NOT_PREFIX,
    REPLAY_MISMATCH,
    REPLAY_UNAUDITED_ROW,
    REVEAL_CHAIN_BROKEN,
    SLOT_SKIPPED,
    Finding,
    full_check,
    quick_check,
)
from msc_desk.services.session import read_session


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    trial.import_list(slot_count=6)
    for _ in range(3):
        trial.randomize(trial.screen().patient_id)
    trial.screen()  # eligible, not randomized
    yield trial
    trial.engine.dispose()


def codes(findings: list[Finding]) -> set[str]:
    return {finding.code for finding in findings}


def head(trial: Trial) -> tuple[int, str]:
    with read_session(trial.factory) as session:
        return audit_chain_head(session)


def rechain(connection: Connection) -> None:
    """What a key holder does after rewriting a row: recompute every hash after it."""
    table = AuditEntry.__table__
    rows = connection.execute(select(table).order_by(table.c.id)).mappings().all()
    previous = GENESIS_HASH
    for row in rows:
        new_hash = entry_hash(previous, dict(row))
        connection.execute(
            text("UPDATE audit_log SET prev_hash = :p, entry_hash = :h WHERE id = :id"),
            {"p": previous, "h": new_hash, "id": row["id"]},
        )
        previous = new_hash


def drop_guards(connection: Connection) -> None:
    for name in ("audit_log_no_update", "audit_log_no_delete", "allocation_slot_reveal_once"):
        connection.execute(text(f"DROP TRIGGER {name}"))


def test_a_sound_trial_has_no_findings(trial: Trial) -> None:
    assert full_check(trial.factory) == []
    assert quick_check(trial.factory) == []
    count, hash_hex = head(trial)
    assert full_check(trial.factory, recorded_heads=((count, hash_hex[:16]),)) == []


def test_a_clinical_value_changed_by_raw_sql_is_reported(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        connection.execute(text("UPDATE screening SET anc_10e9_per_l = '0.9' WHERE id = 2"))
    findings = full_check(trial.factory)
    assert [(f.code, f.table, f.record, f.field) for f in findings] == [
        (REPLAY_MISMATCH, "screening", "2", "anc_10e9_per_l")
    ]
    assert "screening" in findings[0].describe()


def test_a_row_inserted_by_raw_sql_without_an_audit_row_is_reported(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO setting (key, value) VALUES ('cell_preparation_hours', '1')")
        )
    assert [(f.code, f.table, f.record) for f in full_check(trial.factory)] == [
        (REPLAY_UNAUDITED_ROW, "setting", "cell_preparation_hours")
    ]


def test_a_rewritten_audit_row_with_a_recomputed_chain_is_caught_against_a_recorded_head(
    trial: Trial,
) -> None:
    count, hash_hex = head(trial)
    written_down = format_head(count, hash_hex, digits=16)
    with trial.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(
            text(
                "UPDATE audit_log SET username = 'monitor' "
                "WHERE id = (SELECT min(id) FROM audit_log WHERE action = 'randomize')"
            )
        )
        rechain(connection)
    # The chain itself recomputes: only the head written down earlier shows the rewrite.
    assert full_check(trial.factory) == []
    parsed = parse_head(written_down)
    assert parsed is not None
    with read_session(trial.factory) as session:
        assert not head_is_prefix(session, *parsed)
    findings = full_check(trial.factory, recorded_heads=(parsed,))
    assert codes(findings) == {HEAD_NOT_PREFIX}


def test_a_rewritten_audit_row_without_a_recomputed_chain_breaks_it(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(text("DELETE FROM audit_log WHERE id = 5"))
    findings = full_check(trial.factory)
    assert {(f.code, f.audit_id) for f in findings} >= {(AUDIT_ID_GAP, 6), (AUDIT_LINK_BROKEN, 6)}


def test_a_skipped_slot_is_reported(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE allocation_slot SET arm = 'msc', patient_id = 4, revealed_by_id = 2, "
                "revealed_at = '2026-03-02 01:00:00.000000', reveal_hash = :h, "
                "eligibility_sha256 = :h WHERE slot_number = 5"
            ),
            {"h": "a" * 64},
        )
    findings = full_check(trial.factory)
    assert (SLOT_SKIPPED, 5) in {(f.code, f.slot) for f in findings}


def test_a_broken_reveal_chain_is_reported(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        drop_guards(connection)
        arm = connection.execute(text("SELECT arm FROM allocation_slot WHERE slot_number = 2"))
        flipped = "msc" if arm.scalar() == "control" else "control"
        connection.execute(
            text("UPDATE allocation_slot SET arm = :arm WHERE slot_number = 2"), {"arm": flipped}
        )
    findings = full_check(trial.factory)
    assert (REVEAL_CHAIN_BROKEN, 2) in {(f.code, f.slot) for f in findings}
    assert (REPLAY_MISMATCH, "arm") in {(f.code, f.field) for f in findings}


def test_the_quick_pass_starts_from_the_last_verified_row_and_sees_it_change(
    trial: Trial,
) -> None:
    assert quick_check(trial.factory) == []
    count, _hash = head(trial)
    with trial.engine.connect() as connection:
        mark = connection.execute(text("SELECT verified_audit_id FROM integrity_mark")).scalar()
    assert mark == count
    with trial.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(text("UPDATE audit_log SET reason = 'x' WHERE id = :id"), {"id": count})
    assert codes(quick_check(trial.factory)) == {AUDIT_MARK_MISMATCH}


def test_checks_added_by_other_parts_run_in_the_full_pass(trial: Trial) -> None:
    def registry_check(session: Session) -> list[Finding]:
        return [Finding("registry_key_swapped", table="user_key", record="2")]

    FULL_CHECKS.append(registry_check)
    try:
        assert codes(full_check(trial.factory)) == {"registry_key_swapped"}
    finally:
        FULL_CHECKS.remove(registry_check)


def test_the_head_is_written_in_groups_of_four_and_read_back_tolerantly(trial: Trial) -> None:
    count, hash_hex = head(trial)
    shown = format_head(count, hash_hex)
    groups = shown.split(" · ")[1].split(" ")
    assert len(groups) == 16 and all(len(g) == 4 and g == g.upper() for g in groups)
    with read_session(trial.factory) as session:
        assert head_is_prefix(session, count, hash_hex.upper())
        assert head_is_prefix(session, count, " ".join(groups[:3]).lower())
        assert head_is_prefix(session, count - 5, "") is False
        earlier = session.execute(
            text("SELECT entry_hash FROM audit_log ORDER BY id LIMIT 1 OFFSET 9")
        ).scalar()
        assert head_is_prefix(session, 10, earlier[:12])
        assert not head_is_prefix(session, 11, earlier[:12])
        assert not head_is_prefix(session, count + 1, hash_hex)
    assert parse_head(f"{count} {hash_hex[:8]}") == (count, hash_hex[:8])
    assert parse_head("12 · zz") is None


def test_a_sealed_slot_swapped_by_raw_sql_is_reported_by_its_keyed_hash(trial: Trial) -> None:
    with trial.engine.begin() as connection:
        drop_guards(connection)
        connection.execute(
            text(
                "UPDATE allocation_slot SET sealed_arm = "
                "(SELECT sealed_arm FROM allocation_slot WHERE slot_number = 6) "
                "WHERE slot_number = 5"
            )
        )
    findings = full_check(trial.factory)
    assert [(f.code, f.field) for f in findings] == [(REPLAY_MISMATCH, "sealed_arm")]


def test_the_full_pass_reads_every_page_of_the_file(
    trial: Trial, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msc_desk.services import integrity

    assert full_check(trial.factory) == []
    monkeypatch.setattr(integrity, "damaged_pages", lambda _connection: "page 3: corrupt")
    found = full_check(trial.factory)
    assert [(f.code, f.params["detail"]) for f in found] == [
        (integrity.DATABASE_PAGES_DAMAGED, "page 3: corrupt")
    ]
