"""Bringing a database to the current schema at start-up, after a verified backup copy."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from msc_desk.models.database import (
    DatabaseError,
    checkpoint,
    page_check_at_open,
    quick_check,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The first schema's audit trail holds sealed arms and identifiers: it is append-only, so it is
# never rewritten by a migration; such a database is refused instead.
RETIRED_REVISIONS = frozenset({"0001"})


class NewerSchemaError(DatabaseError):
    """The database was made by a newer version of MSC Desk; `revision` is its schema."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"schema {revision} is newer than this MSC Desk: update the application")
        self.revision = revision


def alembic_config(migrations_dir: Path = MIGRATIONS_DIR) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir).replace("%", "%%"))
    return config


def head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str:
    head = ScriptDirectory(str(migrations_dir)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _upgrade(engine: Engine, migrations_dir: Path) -> None:
    config = alembic_config(migrations_dir)
    with engine.connect() as connection:
        # Batch migrations recreate tables, so foreign keys go off; that pragma only works
        # outside a transaction, hence the driver connection (SQLAlchemy would BEGIN first).
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def backup_copy(engine: Engine, db_path: Path, label: str, now: datetime | None = None) -> Path:
    """Copy the checkpointed database file into `backups/` beside it; return the copy's path."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    backup_dir = db_path.parent / "backups"
    backup_dir.mkdir(exist_ok=True)
    target = backup_dir / f"{db_path.stem}-{stamp}-{label}{db_path.suffix}"
    checkpoint(engine)
    shutil.copy2(db_path, target)
    return target


def prepare_database(
    engine: Engine,
    db_path: Path,
    verify_copy: Callable[[Path], None] | None = None,
    migrations_dir: Path = MIGRATIONS_DIR,
) -> Path | None:
    """Create a fresh schema, or upgrade an old one after a backup; return the backup path if any.

    Args:
        engine: an engine on `db_path`.
        db_path: the database file, to copy before upgrading.
        verify_copy: opens the copy and checks it (the caller knows the key); skipped when None.
        migrations_dir: the revisions to apply (tests pass a copy with an extra revision).

    Raises:
        NewerSchemaError: the database is from a newer version of MSC Desk.
        DatabaseError: the file is damaged or foreign.
    """
    checked = page_check_at_open(db_path)
    if checked:
        quick_check(engine)
    current = current_revision(engine)
    head = head_revision(migrations_dir)
    if current == head:
        return None  # a large file's pages are checked after sign-in (services.integrity)
    if not checked:
        quick_check(engine)  # never upgrade a damaged file
    if current is None:
        if inspect(engine).get_table_names():
            raise DatabaseError(
                "the file holds tables but no schema version: not an MSC Desk database"
            )
        _upgrade(engine, migrations_dir)
        return None
    if current in RETIRED_REVISIONS:
        raise DatabaseError(
            "this database was made by an earlier test version of MSC Desk, whose audit trail "
            "cannot be kept; create a new workspace"
        )
    known = {script.revision for script in ScriptDirectory(str(migrations_dir)).walk_revisions()}
    if current not in known:
        raise NewerSchemaError(current)
    backup = backup_copy(engine, db_path, f"before-{head}")
    if verify_copy is not None:
        verify_copy(backup)
    _upgrade(engine, migrations_dir)
    return backup
