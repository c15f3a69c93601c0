"""The key-slot file and friends: atomic writes, shredding, damage reported, setups finished."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from seeding import new_workspace

from msc_desk.security.files import atomic_write_bytes, secure_delete
from msc_desk.security.keyslots import KdfParams
from msc_desk.security.keystore import KEYSLOTS_FILENAME
from msc_desk.security.layout import WorkspacePaths
from msc_desk.services.workspace import (
    SetupResult,
    SignInError,
    WorkspaceError,
    sign_in,
    workspace_exists,
)


def test_an_atomic_write_leaves_only_the_final_file(tmp_path: Path) -> None:
    target = tmp_path / "slots.json"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["slots.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_shredding_overwrites_the_file_itself_before_unlinking(tmp_path: Path) -> None:
    secret = tmp_path / "clear.db"
    secret.write_bytes("Канарейкин Пётр".encode() * 1000)
    other_name = tmp_path / "hard-link"
    os.link(secret, other_name)  # a second name for the same blocks
    secure_delete(secret)
    assert not secret.exists()
    assert "Канарейкин".encode() not in other_name.read_bytes()
    secure_delete(tmp_path / "missing")  # nothing to do, no error


def test_the_key_slot_file_is_private(setup: SetupResult, data_dir: Path) -> None:
    mode = stat.S_IMODE((data_dir / KEYSLOTS_FILENAME).stat().st_mode)
    assert mode == 0o600


@pytest.mark.parametrize(
    "damage", ["delete", "garbage", "wrong-format", "first-format", "bad-slot"]
)
def test_a_missing_or_damaged_key_slot_file_is_reported(
    setup: SetupResult, data_dir: Path, admin_password: str, damage: str
) -> None:
    setup.workspace.close()
    slots = data_dir / KEYSLOTS_FILENAME
    if damage == "delete":
        slots.unlink()
    elif damage == "garbage":
        slots.write_bytes(b"\x00{not json")
    elif damage == "wrong-format":
        slots.write_text('{"format": 99}', encoding="utf-8")
    elif damage == "first-format":
        slots.write_text('{"format": 1}', encoding="utf-8")
    else:
        data = json.loads(slots.read_text(encoding="utf-8"))
        data["users"]["admin"]["wrapped"] = "not base64!"
        slots.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        sign_in(data_dir, "admin", admin_password)
    assert caught.value.code == "keyslots"
    if damage == "first-format":
        assert "create a new workspace" in str(caught.value)


def test_key_slots_of_another_workspace_open_nothing(
    setup: SetupResult,
    data_dir: Path,
    tmp_path: Path,
    admin_password: str,
    fixed_clock: Any,
    cheap_kdf: KdfParams,
) -> None:
    setup.workspace.close()
    other = new_workspace(
        tmp_path / "other",
        fixed_clock,
        site_code="X",
        site_name="X",
        device_name="X",
        admin_full_name="X",
        admin_password=admin_password,
        kdf=cheap_kdf,
    )
    other.workspace.close()
    (data_dir / KEYSLOTS_FILENAME).write_bytes(
        (tmp_path / "other" / KEYSLOTS_FILENAME).read_bytes()
    )
    with pytest.raises(WorkspaceError) as caught:
        sign_in(data_dir, "admin", admin_password, clock=fixed_clock)
    assert caught.value.code == "key_mismatch"


def test_a_setup_stopped_before_the_rename_is_finished_at_sign_in(
    setup: SetupResult, data_dir: Path, admin_password: str, fixed_clock: Any
) -> None:
    setup.workspace.close()
    paths = WorkspacePaths(data_dir)
    paths.db.rename(paths.staging)  # as if the power went off just before the final rename
    assert workspace_exists(data_dir)
    workspace = sign_in(data_dir, "admin", admin_password, clock=fixed_clock)
    assert workspace.site_name == "НМИЦ гематологии, ОРИТ"
    workspace.close()
    assert paths.db.exists() and not paths.staging.exists()
    with pytest.raises(SignInError):
        sign_in(data_dir, "admin", "wrong-password", clock=fixed_clock)
