"""Shared test set-up: headless Qt, gui auto-marking, a real database file per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from msc_desk.models.database import DATABASE_FILENAME, create_database_engine  # noqa: E402
from msc_desk.models.migrate import prepare_database  # noqa: E402
from msc_desk.security.keyslots import KdfParams, set_new_slot_kdf  # noqa: E402

# Tests write key slots at a cheap Argon2 cost, set here in code (never read from a file).
set_new_slot_kdf(KdfParams(time_cost=1, memory_kib=8, parallelism=1))

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses Qt as `gui`, so `-m "not gui"` gives a fast loop."""
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def fixed_clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


@pytest.fixture
def plain_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated, unencrypted database file in the test's own folder."""
    engine = create_database_engine(tmp_path / DATABASE_FILENAME, None)
    prepare_database(engine, tmp_path / DATABASE_FILENAME)
    yield engine
    engine.dispose()
