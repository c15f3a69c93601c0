"""Database start-up: new, existing, damaged, foreign, newer, and upgraded after a backup."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from msc_desk.models import Base, Site
from msc_desk.models.database import DatabaseError, create_database_engine, damaged_pages
from msc_desk.models.migrate import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    prepare_database,
)
from msc_desk.services.actor import system_actor
from msc_desk.services.session import audited_session_factory, unit_of_work

EXTRA_REVISION = '''"""Test-only revision that adds a column."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site") as batch_op:
        batch_op.add_column(sa.Column("probe", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site") as batch_op:
        batch_op.drop_column("probe")
'''


def test_empty_database_upgraded_to_head_matches_the_models(plain_engine: Engine) -> None:
    with plain_engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert current_revision(plain_engine) == head_revision()


def test_existing_database_at_head_is_left_alone(tmp_path: Path, plain_engine: Engine) -> None:
    db = tmp_path / "msc-desk.db"
    assert prepare_database(plain_engine, db) is None
    assert not (tmp_path / "backups").exists()


def test_pragmas_of_every_connection(plain_engine: Engine) -> None:
    with plain_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(plain_engine: Engine) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), plain_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO device (site_id, name, device_uid, created_at) "
                "VALUES (42, 'x', 'u', '2026-01-01 00:00:00')"
            )
        )


def test_old_database_is_backed_up_then_upgraded(tmp_path: Path, plain_engine: Engine) -> None:
    db = tmp_path / "msc-desk.db"
    with unit_of_work(audited_session_factory(plain_engine), system_actor("dev")) as session:
        session.add(Site(code="01", name="Гематология", created_at=datetime.now(UTC)))
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "9999_probe.py").write_text(
        EXTRA_REVISION.format(head=head_revision()), encoding="utf-8"
    )
    checked: list[Path] = []

    backup = prepare_database(
        plain_engine, db, verify_copy=checked.append, migrations_dir=migrations
    )

    assert backup is not None and backup.parent == tmp_path / "backups"
    assert checked == [backup]
    assert current_revision(plain_engine) == "9999"
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        assert old.execute("SELECT name FROM site").fetchall() == [("Гематология",)]
    with plain_engine.connect() as connection:
        assert connection.execute(text("SELECT name, probe FROM site")).all() == [
            ("Гематология", None)
        ]


def test_database_from_a_newer_version_is_refused(tmp_path: Path, plain_engine: Engine) -> None:
    with plain_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    with pytest.raises(DatabaseError, match="newer"):
        prepare_database(plain_engine, tmp_path / "msc-desk.db")


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (x)")
    engine = create_database_engine(path, None)
    with pytest.raises(DatabaseError, match="not an MSC Desk database"):
        prepare_database(engine, path)
    engine.dispose()


def test_damaged_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(DatabaseError):
        prepare_database(create_database_engine(path, None), path)


def test_a_database_of_the_first_schema_is_refused_with_a_clear_message(
    tmp_path: Path, plain_engine: Engine
) -> None:
    with plain_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    with pytest.raises(DatabaseError, match="earlier test version.*create a new workspace"):
        prepare_database(plain_engine, tmp_path / "msc-desk.db")
    assert not (tmp_path / "backups").exists()


def test_damaged_pages_names_what_quick_check_finds(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (x)")
        connection.executemany("INSERT INTO notes VALUES (?)", [("n" * 500,)] * 200)
    engine = create_database_engine(path, None)
    with engine.connect() as connection:
        assert damaged_pages(connection) is None
    engine.dispose()
    data = bytearray(path.read_bytes())
    data[4096 * 3 + 10 : 4096 * 3 + 60] = b"\xff" * 50  # inside a page of the table's tree
    path.write_bytes(bytes(data))
    engine = create_database_engine(path, None)
    with engine.connect() as connection:
        assert damaged_pages(connection) is not None
    engine.dispose()
