"""A clear database of an earlier version is encrypted without loss, and no clear copy stays."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from seeding import CHEAP_KDF

from msc_desk.models import (
    Device,
    Observation,
    Patient,
    PatientIdentification,
    PatientStatus,
    Role,
    Site,
    User,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import DATABASE_FILENAME, create_database_engine
from msc_desk.models.migrate import backup_copy, prepare_database
from msc_desk.security.identity import UserKeys
from msc_desk.security.keyslots import DatabaseKey, new_recovery_code
from msc_desk.security.layout import WorkspacePaths, new_keystore
from msc_desk.security.plaintext import encrypt_copy, is_plaintext_sqlite
from msc_desk.services.actor import system_actor
from msc_desk.services.audit_review import verify_chain
from msc_desk.services.session import audited_session_factory, read_session, unit_of_work
from msc_desk.services.users import reset_user_password
from msc_desk.services.workspace import (
    SignInError,
    WorkspaceError,
    migrate_unencrypted,
    needs_encryption,
    sign_in,
    workspace_exists,
)

CHEAP = {"kdf": CHEAP_KDF}
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
NAMES = ["Синицын Олег", "Соловьёва Анна", "Воробьёв Илья"]
PASSWORD = "new-admin-password"


def _legacy(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """An unencrypted workspace as an earlier version left it, with a clear backup."""
    data_dir.mkdir()
    db = data_dir / DATABASE_FILENAME
    engine = create_database_engine(db, None)
    prepare_database(engine, db)
    factory = audited_session_factory(engine)
    with unit_of_work(factory, system_actor("legacy-device"), clock=lambda: NOW) as session:
        site = Site(code="MSK01", name="ОРИТ", created_at=NOW)
        session.add(site)
        session.flush()
        session.add(
            Device(site_id=site.id, name="Ноутбук", device_uid="legacy-device", created_at=NOW)
        )
        for name, role in (("admin", Role.ADMIN), ("nurse", Role.NURSE)):
            session.add(User(username=name, full_name=name.title(), role=role, created_at=NOW))
        for number, name in enumerate(NAMES, start=1):
            patient = Patient(
                study_id=f"MSC-{number:03}",
                site_id=site.id,
                status=PatientStatus.SCREENING,
                created_at=NOW,
            )
            session.add(patient)
            session.flush()
            session.add(PatientIdentification(patient_id=patient.id, full_name=name))
            visit = Visit(patient_id=patient.id, study_day=0, status=VisitStatus.DONE)
            session.add(visit)
            session.flush()
            session.add(
                Observation(visit_id=visit.id, code="lactate", value=Decimal("2.10"), unit="mmol/L")
            )
    backup_copy(engine, db, "before-0002", now=NOW)
    engine.dispose()
    return _dump(db)


def _dump(db: Path, key: DatabaseKey | None = None) -> dict[str, list[tuple[Any, ...]]]:
    if key is None:
        connection: Any = sqlite3.connect(db)
    else:
        connection = sqlcipher3.connect(str(db))
        connection.execute(f"PRAGMA key = \"x'{key.reveal().hex()}'\"")
    with closing(connection):
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            t: connection.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
        }


def _clear_files(root: Path) -> list[Path]:
    needles = [name.encode(enc) for name in NAMES for enc in ("utf-8", "utf-16-le")]
    return [p for p in root.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)]


def test_every_row_survives_and_no_clear_copy_remains(tmp_path: Path, fixed_clock: Any) -> None:
    data_dir = tmp_path / "old"
    before = _legacy(data_dir)
    assert needs_encryption(data_dir) and not workspace_exists(data_dir)
    assert len(_clear_files(data_dir)) >= 2  # the database and its backup hold the names

    result = migrate_unencrypted(
        data_dir, admin_username="admin", admin_password=PASSWORD, clock=fixed_clock, **CHEAP
    )
    workspace = result.workspace
    assert re.fullmatch(r"([0-9A-Z]{5}-){5}[0-9A-Z]{5}", result.recovery_code)
    assert workspace.actor.username == "admin" and workspace.actor.role is Role.ADMIN
    key = workspace.factory.database_key()  # type: ignore[attr-defined]
    after = _dump(data_dir / DATABASE_FILENAME, key)
    assert set(after) == set(before)
    for table, rows in before.items():
        if table == "audit_log":  # the migration itself is audited after the old rows
            assert after[table][: len(rows)] == rows
            assert "database_encrypted" in {row[6] for row in after[table][len(rows) :]}
        elif table in ("user_key_registry", "audit_head_signature", "setting"):
            # The administrator's first registry entry, the pinned recovery key, a signed head.
            assert after[table][: len(rows)] == rows, table
            assert len(after[table]) > len(rows), table
        else:
            assert after[table] == rows, table
    with read_session(workspace.factory) as session:
        assert verify_chain(session) is None
    workspace.close()

    assert not is_plaintext_sqlite(data_dir / DATABASE_FILENAME)
    assert _clear_files(data_dir) == []
    backups = list((data_dir / "backups").glob("*.db"))
    assert len(backups) == 1 and not is_plaintext_sqlite(backups[0])
    assert _dump(backups[0], key)["patient_identification"] == before["patient_identification"]
    leftovers = {p.name for p in data_dir.iterdir()} - {
        "msc-desk.db",
        "keyslots.json",
        "keyslots.lock",
        "backups",
    }
    assert leftovers == set()
    assert workspace_exists(data_dir) and not needs_encryption(data_dir)


def test_other_users_sign_in_once_the_administrator_resets_their_password(
    tmp_path: Path, fixed_clock: Any
) -> None:
    data_dir = tmp_path / "old"
    _legacy(data_dir)
    admin = migrate_unencrypted(
        data_dir, admin_username="admin", admin_password=PASSWORD, clock=fixed_clock, **CHEAP
    ).workspace
    with pytest.raises(SignInError):
        sign_in(data_dir, "nurse", "anything-at-all", clock=fixed_clock)
    reset_user_password(
        admin.factory, admin.actor, data_dir, "nurse", "nurse-password-1", clock=fixed_clock
    )
    sign_in(data_dir, "nurse", "nurse-password-1", clock=fixed_clock).close()
    admin.close()
    with pytest.raises(WorkspaceError) as caught:
        migrate_unencrypted(data_dir, admin_username="admin", admin_password=PASSWORD, **CHEAP)
    assert caught.value.code == "not_unencrypted"


def test_only_an_active_administrator_may_migrate_and_a_refusal_changes_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "old"
    before = _legacy(data_dir)
    with pytest.raises(WorkspaceError) as caught:
        migrate_unencrypted(data_dir, admin_username="nurse", admin_password=PASSWORD, **CHEAP)
    assert caught.value.code == "not_admin"
    assert needs_encryption(data_dir)
    assert _dump(data_dir / DATABASE_FILENAME) == before


def test_a_crash_after_the_key_slots_are_written_is_finished_at_sign_in(
    tmp_path: Path, fixed_clock: Any
) -> None:
    data_dir = tmp_path / "old"
    before = _legacy(data_dir)
    paths = WorkspacePaths(data_dir)
    key = DatabaseKey.generate()
    encrypt_copy(paths.db, paths.staging, key)
    recovery = (X25519PrivateKey.generate(), new_recovery_code())
    new_keystore(
        paths, key, recovery, "admin", UserKeys.generate(), PASSWORD, kdf=CHEAP["kdf"],
        demo=False, now=NOW,
    )  # fmt: skip
    # ... and the power went off before the encrypted file took the database's name.
    assert is_plaintext_sqlite(paths.db) and workspace_exists(data_dir)

    workspace = sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    assert _dump(paths.db, key)["patient_identification"] == before["patient_identification"]
    workspace.close()
    assert not paths.staging.exists() and not paths.shredded.exists()
    assert not is_plaintext_sqlite(paths.db)
    assert _clear_files(data_dir) == []  # the clear backup was encrypted at sign-in too
