"""The database key rotates on every password change, reset, recovery and deactivation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from seeding import Staff, new_workspace

from msc_desk.models import Role
from msc_desk.models.database import DATABASE_FILENAME, WrongKeyError, checkpoint
from msc_desk.models.database import create_database_engine as open_engine
from msc_desk.security import rotation
from msc_desk.security.keyed_factory import database_key
from msc_desk.security.keystore import KEYSLOTS_FILENAME, KeyStore
from msc_desk.services.users import deactivate_user, reset_user_password
from msc_desk.services.workspace import (
    OpenWorkspace,
    SignInError,
    WorkspaceError,
    change_password,
    recover_with_code,
    sign_in,
)

STAFF = [
    Staff("ivanov", "Иванов И. И.", Role.INVESTIGATOR, "ivanov-password"),
    Staff("petrova", "Петрова М. А.", Role.NURSE, "petrova-password"),
]


@pytest.fixture
def admin(data_dir: Path, fixed_clock: Any) -> Iterator[OpenWorkspace]:
    result = new_workspace(data_dir, fixed_clock, STAFF)
    yield result.workspace
    result.workspace.close()


def _slots(data_dir: Path) -> Path:
    return data_dir / KEYSLOTS_FILENAME


def _refused(data_dir: Path, username: str, password: str, clock: Any) -> None:
    with pytest.raises((SignInError, WorkspaceError)):
        sign_in(data_dir, username, password, clock=clock).close()


def test_an_old_slot_file_does_not_open_the_database_after_a_deactivation(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    old_copy = _slots(data_dir).read_bytes()
    key_before = database_key(admin.factory, data_dir).reveal()
    deactivate_user(admin.factory, admin.actor, data_dir, "petrova", "left the unit")
    assert database_key(admin.factory, data_dir).reveal() != key_before
    _slots(data_dir).write_bytes(old_copy)  # she kept a copy of the file
    _refused(data_dir, "petrova", "petrova-password", fixed_clock)
    with pytest.raises(WrongKeyError):
        open_engine(data_dir / DATABASE_FILENAME, key_before)


def test_an_old_slot_file_does_not_open_the_database_after_a_reset(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    old_copy = _slots(data_dir).read_bytes()
    reset_user_password(admin.factory, admin.actor, data_dir, "ivanov", "temporary-password")
    current = _slots(data_dir).read_bytes()
    _slots(data_dir).write_bytes(old_copy)
    _refused(data_dir, "ivanov", "ivanov-password", fixed_clock)
    _refused(data_dir, "admin", "admin-password", fixed_clock)
    _slots(data_dir).write_bytes(current)
    workspace = sign_in(data_dir, "ivanov", "temporary-password", clock=fixed_clock)
    assert workspace.must_change_password and workspace.notices == ("password_reset",)
    workspace.close()


def test_an_old_slot_file_does_not_open_the_database_after_a_password_change_or_recovery(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    old_copy = _slots(data_dir).read_bytes()
    change_password(data_dir, "petrova", "petrova-password", "petrova-new-password", fixed_clock)
    after_change = _slots(data_dir).read_bytes()
    _slots(data_dir).write_bytes(old_copy)
    _refused(data_dir, "petrova", "petrova-password", fixed_clock)
    _slots(data_dir).write_bytes(after_change)
    admin.close()


def test_a_recovery_rotates_the_key(data_dir: Path, fixed_clock: Any) -> None:
    result = new_workspace(data_dir, fixed_clock, STAFF)
    result.workspace.close()
    old_copy = _slots(data_dir).read_bytes()
    recover_with_code(data_dir, "admin", result.recovery_code, "new-admin-password").close()
    _slots(data_dir).write_bytes(old_copy)
    _refused(data_dir, "ivanov", "ivanov-password", fixed_clock)


@pytest.mark.parametrize("crash_at", ["before_rekey", "after_rekey"])
def test_a_crash_between_the_phases_leaves_a_file_that_opens_the_database(
    admin: OpenWorkspace,
    data_dir: Path,
    fixed_clock: Any,
    monkeypatch: pytest.MonkeyPatch,
    crash_at: str,
) -> None:
    def power_cut(*_args: Any) -> None:
        raise KeyboardInterrupt("power cut")

    target = "rekey_engine" if crash_at == "before_rekey" else "rekey_backups"
    monkeypatch.setattr(rotation, target, power_cut)
    old_copy = _slots(data_dir).read_bytes()
    with pytest.raises(KeyboardInterrupt):
        deactivate_user(admin.factory, admin.actor, data_dir, "petrova", "left the unit")
    admin.close()
    assert len(KeyStore.load(_slots(data_dir)).generations()) == 2  # both keys sealed
    monkeypatch.undo()
    workspace = sign_in(data_dir, "ivanov", "ivanov-password", clock=fixed_clock)
    workspace.close()
    # The sign-in finished the rotation: one key remains, the one that opens the database, and
    # it is not sealed to the deactivated user (before the rekey, it rotated again).
    assert len(KeyStore.load(_slots(data_dir)).generations()) == 1
    _slots(data_dir).write_bytes(old_copy)
    _refused(data_dir, "petrova", "petrova-password", fixed_clock)
    _refused(data_dir, "admin", "admin-password", fixed_clock)


def test_backup_copies_are_rekeyed_and_their_slot_copies_replaced(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    backups = data_dir / "backups"
    backups.mkdir()
    copy = backups / "msc-desk-20261120T090000Z-before-0003.db"
    checkpoint(admin.engine)
    shutil.copy2(data_dir / DATABASE_FILENAME, copy)
    slot_copy = copy.with_name(copy.name + "." + KEYSLOTS_FILENAME)
    shutil.copy2(_slots(data_dir), slot_copy)
    old_slot_copy = slot_copy.read_bytes()
    key_before = database_key(admin.factory, data_dir).reveal()

    deactivate_user(admin.factory, admin.actor, data_dir, "petrova", "left the unit")

    key_after = database_key(admin.factory, data_dir).reveal()
    with pytest.raises(WrongKeyError):
        open_engine(copy, key_before)
    open_engine(copy, key_after).dispose()
    assert slot_copy.read_bytes() != old_slot_copy
    assert slot_copy.read_bytes() == _slots(data_dir).read_bytes()
