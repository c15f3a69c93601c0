"""Fixtures of the security tests: a new encrypted workspace with cheap Argon2 parameters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from seeding import CHEAP_KDF, new_workspace

from msc_desk.security.keyslots import KdfParams
from msc_desk.services.workspace import OpenWorkspace, SetupResult

ADMIN_PASSWORD = "admin-password-1"


@pytest.fixture
def cheap_kdf() -> KdfParams:
    return CHEAP_KDF


@pytest.fixture
def admin_password() -> str:
    return ADMIN_PASSWORD


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture
def setup(data_dir: Path, fixed_clock: Any) -> Iterator[SetupResult]:
    """A new workspace signed in as its administrator `admin`."""
    result = new_workspace(
        data_dir,
        fixed_clock,
        site_name="НМИЦ гематологии, ОРИТ",
        device_name="Ноутбук ОРИТ-1",
        admin_full_name="Администратор",
        admin_password=ADMIN_PASSWORD,
    )
    yield result
    result.workspace.close()


@pytest.fixture
def workspace(setup: SetupResult) -> OpenWorkspace:
    return setup.workspace
