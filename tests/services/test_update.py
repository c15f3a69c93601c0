"""Updating the application: a database of the previous schema is backed up, then migrated.

The database is made at today's head ("0002") by the real workspace set-up; the newer version
is this one's migrations plus a test-only revision "0003".
"""

from __future__ import annotations

import functools
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from seeding import new_workspace
from sqlalchemy import select, text

import msc_desk.security.layout as layout
from msc_desk.models import Site
from msc_desk.models.migrate import MIGRATIONS_DIR, current_revision, prepare_database
from msc_desk.security.keystore import KEYSLOTS_FILENAME
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
PASSWORD = "admin-password"
NEXT_REVISION = '''"""Test-only revision "0003": a column added to the site table."""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site") as batch_op:
        batch_op.add_column(sa.Column("probe", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site") as batch_op:
        batch_op.drop_column("probe")
'''


@pytest.fixture
def previous_version_database(tmp_path: Path) -> Path:
    """A workspace made by this version (schema 0002), closed."""
    data_dir = tmp_path / "ward"
    new_workspace(data_dir, lambda: NOW).workspace.close()
    return data_dir


@pytest.fixture
def newer_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This version's migrations plus revision 0003, used by every sign-in of the test."""
    migrations = tmp_path / "migrations-0003"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0003_probe.py").write_text(NEXT_REVISION, encoding="utf-8")
    newer = functools.partial(prepare_database, migrations_dir=migrations)
    monkeypatch.setattr(layout, "prepare_database", newer)
    return migrations


@pytest.mark.usefixtures("newer_version")
def test_a_newer_version_backs_up_then_migrates_the_previous_schema(
    previous_version_database: Path,
) -> None:
    data_dir = previous_version_database

    workspace = sign_in(data_dir, "admin", PASSWORD, clock=lambda: NOW)
    try:
        assert current_revision(workspace.engine) == "0003"
        with workspace.engine.connect() as connection:
            assert connection.execute(text("SELECT name, probe FROM site")).all() == [
                ("ОРИТ", None)
            ]
    finally:
        workspace.close()

    copies = sorted((data_dir / "backups").iterdir())
    assert [path.name.split("-")[-1] for path in copies] == [
        "0003.db",
        f"0003.db.{KEYSLOTS_FILENAME}",
    ]
    # The copy is whole: with its key slots beside it, it opens at the old schema.
    restored = data_dir.parent / "restored"
    restored.mkdir()
    shutil.copy(copies[0], restored / "msc-desk.db")
    shutil.copy(copies[1], restored / KEYSLOTS_FILENAME)
    with pytest.MonkeyPatch.context() as undo:
        undo.setattr(layout, "prepare_database", prepare_database)
        old = sign_in(restored, "admin", PASSWORD, clock=lambda: NOW)
    try:
        assert current_revision(old.engine) == "0002"
        with read_session(old.factory) as session:
            assert session.scalars(select(Site.name)).all() == ["ОРИТ"]
    finally:
        old.close()


@pytest.mark.usefixtures("newer_version")
def test_the_second_start_of_the_newer_version_makes_no_new_copy(
    previous_version_database: Path,
) -> None:
    data_dir = previous_version_database
    sign_in(data_dir, "admin", PASSWORD, clock=lambda: NOW).close()
    sign_in(data_dir, "admin", PASSWORD, clock=lambda: NOW).close()

    assert len(list((data_dir / "backups").glob("*.db"))) == 1
