"""The workspace: first run, sign-in, recovery code, password change, start-up checks, idle lock."""

from __future__ import annotations

import functools
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from seeding import CHEAP_KDF
from sqlalchemy import select

from msc_desk.models import Device, Setting, Site, User
from msc_desk.models.database import DATABASE_FILENAME, DatabaseError
from msc_desk.models.migrate import MIGRATIONS_DIR, head_revision, prepare_database
from msc_desk.security import layout
from msc_desk.security.identity import fingerprint
from msc_desk.security.keyed_factory import database_key
from msc_desk.security.keystore import KEYSLOTS_FILENAME
from msc_desk.services.audit_review import audit_entries, verify_chain
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.workspace import (
    OpenWorkspace,
    PolicyError,
    SetupResult,
    SignInError,
    WorkspaceError,
    WorkspaceSetupError,
    change_password,
    create_workspace,
    idle_lock_minutes,
    record_lock,
    record_unlock,
    recover_with_code,
    sign_in,
    verify_password,
    workspace_exists,
)

PASSWORD = "admin-password-1"


def _create(data_dir: Path, clock: Any, **overrides: Any) -> SetupResult:
    fields: dict[str, Any] = {
        "site_code": "MSK01",
        "site_name": "НМИЦ гематологии, ОРИТ",
        "device_name": "Ноутбук ОРИТ-1",
        "admin_username": "Admin",
        "admin_full_name": "Иванов Иван",
        "admin_password": PASSWORD,
        "clock": clock,
        "kdf": CHEAP_KDF,
    }
    return create_workspace(data_dir, **(fields | overrides))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def setup(data_dir: Path, fixed_clock: Any) -> Iterator[SetupResult]:
    result = _create(data_dir, fixed_clock)
    yield result
    result.workspace.close()


def _actions(workspace: OpenWorkspace) -> list[str]:
    with read_session(workspace.factory) as session:
        return [row.action for row in audit_entries(session)]


def test_first_run_creates_site_device_administrator_and_settings(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    workspace = setup.workspace
    assert workspace_exists(data_dir)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}", setup.recovery_code)
    assert (workspace.site_name, workspace.device_name) == (
        "НМИЦ гематологии, ОРИТ",
        "Ноутбук ОРИТ-1",
    )
    assert workspace.db_path == data_dir / DATABASE_FILENAME and not workspace.is_demo
    assert (workspace.actor.username, workspace.actor.role.value) == ("admin", "admin")
    with read_session(workspace.factory) as session:
        device = session.scalars(select(Device)).one()
        assert uuid.UUID(device.device_uid).version == 4
        assert workspace.actor.device == device.device_uid
        assert session.scalars(select(Site.code)).all() == ["MSK01"]
        assert session.scalars(select(User.username)).all() == ["admin"]
        settings = {s.key: s.value for s in session.scalars(select(Setting))}
        pinned = settings.pop("recovery_key_fingerprint")
        assert fingerprint(settings.pop("recovery_public_key")) == pinned
        assert pinned == setup.recovery_fingerprint
        assert settings == {"idle_lock_minutes": "5", "cell_preparation_hours": "2"}
        rows = audit_entries(session)
        assert verify_chain(session) is None
    setup_rows = [row for row in rows if row.action != "login"]
    assert {row.username for row in setup_rows} == {"system"}
    assert {row.table_name for row in setup_rows if row.action == "insert"} == {
        "site",
        "device",
        "user_account",
        "user_key_registry",
        "setting",
    }
    assert rows[-1].action == "login" and rows[-1].username == "admin"
    assert all(row.at == fixed_clock.now for row in rows)
    assert setup.recovery_code not in (data_dir / KEYSLOTS_FILENAME).read_text(encoding="utf-8")


def test_a_demo_workspace_says_so_after_sign_in(data_dir: Path, fixed_clock: Any) -> None:
    _create(data_dir, fixed_clock, demo=True).workspace.close()
    workspace = sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    assert workspace.is_demo
    workspace.close()


def test_first_run_refuses_an_existing_workspace(setup: SetupResult, data_dir: Path) -> None:
    with pytest.raises(WorkspaceError) as caught:
        _create(data_dir, None)
    assert caught.value.code == "exists"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"admin_password": "short"}, "password_too_short"),
        ({"admin_password": " " * 12}, "password_blank"),
        ({"admin_password": "ADMIN"}, "password_too_short"),
        ({"admin_username": "admin12345", "admin_password": "Admin12345"}, "password_is_username"),
        ({"admin_username": "a b"}, "invalid_username"),
        ({"site_name": "  "}, "missing_field"),
    ],
)
def test_first_run_refuses_bad_input_with_a_code(
    data_dir: Path, fixed_clock: Any, overrides: dict[str, str], code: str
) -> None:
    with pytest.raises(WorkspaceSetupError) as caught:
        _create(data_dir, fixed_clock, **overrides)
    assert caught.value.code == code
    assert not workspace_exists(data_dir)


def test_sign_in_opens_the_workspace_and_is_audited(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    workspace = sign_in(data_dir, "  ADMIN ", PASSWORD, clock=fixed_clock)
    assert workspace.actor == setup.workspace.actor
    assert _actions(workspace)[-2:] == ["login", "login"]
    workspace.close()


@pytest.mark.parametrize(
    ("username", "password"), [("admin", "wrong-password"), ("ghost", PASSWORD)]
)
def test_wrong_credentials_open_nothing(
    setup: SetupResult, data_dir: Path, fixed_clock: Any, username: str, password: str
) -> None:
    setup.workspace.close()
    db = data_dir / DATABASE_FILENAME
    before = (sorted(p.name for p in data_dir.iterdir()), db.stat().st_mtime_ns)
    with pytest.raises(SignInError) as caught:
        sign_in(data_dir, username, password, clock=fixed_clock)
    assert caught.value.code == "wrong_credentials"
    assert str(caught.value) == "wrong username or password"
    # The database was never opened: no WAL or shared-memory file appeared, nothing was written.
    assert (sorted(p.name for p in data_dir.iterdir()), db.stat().st_mtime_ns) == before


def test_a_wrong_recovery_code_opens_nothing_and_changes_nothing(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    listing = sorted(p.name for p in data_dir.iterdir())
    wrong = "ABCDE-" * 5 + "FGHJK"
    for code in (wrong, "not a code at all", setup.recovery_code[:-1] + "0"):
        if code == setup.recovery_code:
            continue
        with pytest.raises(SignInError) as caught:
            recover_with_code(data_dir, "admin", code, "brand-new-password", clock=fixed_clock)
        assert caught.value.code == "wrong_credentials"
    assert sorted(p.name for p in data_dir.iterdir()) == listing  # the database stayed shut
    with pytest.raises(SignInError):
        sign_in(data_dir, "admin", "brand-new-password", clock=fixed_clock)
    sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock).close()


def test_the_recovery_code_gives_new_keys_and_rotates_the_database_key(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    key_before = database_key(setup.workspace.factory, data_dir).reveal()
    salt_before = (data_dir / DATABASE_FILENAME).read_bytes()[:16]
    keys_before = setup.workspace.actor.keys
    assert keys_before is not None
    setup.workspace.close()
    typed = setup.recovery_code.lower().replace("-", " ")
    workspace = recover_with_code(data_dir, "admin", typed, "brand-new-password", clock=fixed_clock)
    assert database_key(workspace.factory, data_dir).reveal() != key_before
    assert workspace.notices == ("password_recovered",) and not workspace.must_change_password
    assert workspace.actor.keys is not None
    assert workspace.actor.keys.signing_public != keys_before.signing_public
    with read_session(workspace.factory) as session:
        assert session.scalars(select(Site.name)).one() == "НМИЦ гематологии, ОРИТ"
    assert _actions(workspace)[-2:] == ["password_recovered", "login"]
    workspace.close()
    assert (data_dir / DATABASE_FILENAME).read_bytes()[:16] == salt_before
    with pytest.raises(SignInError):
        sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    sign_in(data_dir, "admin", "brand-new-password", clock=fixed_clock).close()


def test_a_password_change_makes_new_keys_and_rotates_the_database_key(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    key_before = database_key(setup.workspace.factory, data_dir).reveal()
    keys_before = setup.workspace.actor.keys
    assert keys_before is not None
    with unit_of_work(setup.workspace.factory, setup.workspace.actor, clock=fixed_clock) as s:
        s.add(Setting(key="probe", value="written before the change"))
    setup.workspace.close()
    with pytest.raises(SignInError):
        change_password(data_dir, "admin", "not-the-password", "another-password", fixed_clock)
    with pytest.raises(PolicyError) as caught:
        change_password(data_dir, "admin", PASSWORD, PASSWORD, fixed_clock)
    assert caught.value.code == "password_unchanged"
    with pytest.raises(PolicyError):
        change_password(data_dir, "admin", PASSWORD, "short", fixed_clock)

    change_password(data_dir, "admin", PASSWORD, "another-password", fixed_clock)

    assert not verify_password(data_dir, "admin", PASSWORD, fixed_clock)
    workspace = sign_in(data_dir, "admin", "another-password", clock=fixed_clock)
    with read_session(workspace.factory) as session:
        assert session.get(Setting, "probe") is not None
    assert "password_changed" in _actions(workspace)
    assert database_key(workspace.factory, data_dir).reveal() != key_before
    assert workspace.actor.keys is not None
    assert workspace.actor.keys.signing_public != keys_before.signing_public
    workspace.close()


def test_start_up_refuses_a_damaged_database(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    db = data_dir / DATABASE_FILENAME
    data = bytearray(db.read_bytes())
    data[-2000] ^= 0xFF  # the last page: a table, not the schema (which answers as a wrong key)
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="damaged"):
        sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)


def test_start_up_upgrades_after_an_encrypted_verified_backup(
    setup: SetupResult,
    data_dir: Path,
    tmp_path: Path,
    fixed_clock: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup.workspace.close()
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "9999_probe.py").write_text(
        f'revision = "9999"\ndown_revision = "{head_revision()}"\nbranch_labels = None\n'
        "depends_on = None\n\n\ndef upgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    upgrade = functools.partial(prepare_database, migrations_dir=migrations)
    monkeypatch.setattr(layout, "prepare_database", upgrade)
    workspace = sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    workspace.close()
    (backup,) = (data_dir / "backups").glob("*.db")
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    slots = backup.with_name(backup.name + "." + KEYSLOTS_FILENAME)
    assert slots.read_bytes() == (data_dir / KEYSLOTS_FILENAME).read_bytes()


def test_idle_lock_setting_and_lock_events(setup: SetupResult, fixed_clock: Any) -> None:
    workspace = setup.workspace
    assert idle_lock_minutes(workspace.factory) == 5
    with unit_of_work(workspace.factory, workspace.actor, reason="site policy") as session:
        session.get_one(Setting, "idle_lock_minutes").value = "15"
    assert idle_lock_minutes(workspace.factory) == 15
    with unit_of_work(workspace.factory, workspace.actor, reason="typo") as session:
        session.get_one(Setting, "idle_lock_minutes").value = "soon"
    assert idle_lock_minutes(workspace.factory) == 5
    record_lock(workspace.factory, workspace.actor, fixed_clock)
    assert not verify_password(workspace.data_dir, "admin", "wrong-password", fixed_clock)
    assert verify_password(workspace.data_dir, "admin", PASSWORD, fixed_clock)
    record_unlock(workspace.factory, workspace.actor, fixed_clock)
    assert _actions(workspace)[-3:] == ["lock", "password_check_failed", "unlock"]


def test_a_large_file_opens_without_reading_every_page_and_damage_read_later_is_named(
    setup: SetupResult, data_dir: Path, fixed_clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every page of a 4 GB file before it opens would hold sign-in for some 20 s."""
    from msc_desk.models import database
    from msc_desk.services import integrity

    monkeypatch.setattr(database, "PAGE_CHECK_AT_OPEN_LIMIT", 0)  # every file counts as large
    checked: list[object] = []
    real = integrity.damaged_pages
    monkeypatch.setattr(integrity, "damaged_pages", lambda c: checked.append(c) or real(c))
    assert integrity.quick_check(setup.workspace.factory) == []  # the sign-in pass reads them
    assert len(checked) == 1
    monkeypatch.setattr(integrity, "damaged_pages", lambda _c: "page 7: btree broken")
    found = integrity.quick_check(setup.workspace.factory)
    assert [f.code for f in found] == [integrity.DATABASE_PAGES_DAMAGED]
    assert found[0].params["detail"] == "page 7: btree broken"
    setup.workspace.close()
    db = data_dir / DATABASE_FILENAME
    data = bytearray(db.read_bytes())
    data[-2000] ^= 0xFF  # as above: a page that signing in reads
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="damaged"):  # named, not a driver's error
        sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
