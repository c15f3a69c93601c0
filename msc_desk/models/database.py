"""Opening the SQLite/SQLCipher database with safe pragmas, and one session per unit of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

DATABASE_FILENAME = "msc-desk.db"
KEY_BYTES = 32

SessionFactory = sessionmaker[Session]


class DatabaseError(Exception):
    """The database cannot be opened or trusted; the message says why."""


class WrongKeyError(DatabaseError):
    """The key does not open this database (or the file is not a database at all)."""


_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA temp_store = MEMORY",
    # REPLACE's implicit delete fires the append-only triggers too.
    "PRAGMA recursive_triggers = ON",
)


def _open_connection(path: Path, key: bytes | None) -> Any:
    if key is None:
        connection: Any = sqlite3.connect(str(path), check_same_thread=False)
    else:
        if len(key) != KEY_BYTES:
            raise ValueError("the database key must be 32 random bytes")
        connection = sqlcipher3.connect(str(path), check_same_thread=False)
        connection.execute("PRAGMA cipher_log_level = NONE")
        # A raw hex key skips SQLCipher's own KDF: the key is already random.
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, sqlcipher3.DatabaseError) as exc:
        connection.close()
        raise WrongKeyError(f"{path.name}: wrong key or not a database") from exc
    for pragma in _PRAGMAS:
        connection.execute(pragma)
    # SQLAlchemy emits BEGIN itself (see _begin_immediate); the driver must not.
    connection.isolation_level = None
    return connection


def create_database_engine(path: Path, key: bytes | None) -> Engine:
    """Return an engine on `path`, encrypted with `key` (None opens a plain SQLite file).

    Raises:
        WrongKeyError: the key does not open an existing file.
    """
    _open_connection(path, key).close()
    module = sqlite3 if key is None else sqlcipher3
    engine = create_engine(
        "sqlite://",
        module=module,
        creator=lambda: _open_connection(path, key),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _begin_immediate(connection: Any) -> None:
    # Take the write lock at the start, so that the audit hash chain reads a stable tail.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> SessionFactory:
    """One factory per open database; services take it and open one session per unit of work."""
    return sessionmaker(engine, expire_on_commit=False)


def quick_check(engine: Engine) -> None:
    """Raise DatabaseError unless SQLite's quick_check reports the file sound."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA quick_check").fetchall()
    except DBAPIError as exc:  # an encrypted page that fails its HMAC is reported as an error
        raise DatabaseError(f"database damaged: {exc.orig}") from exc
    if [tuple(row) for row in rows] != [("ok",)]:
        raise DatabaseError(f"database damaged: {rows[:3]}")


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file, so that a plain file copy is complete."""
    with engine.connect() as connection:
        # Outside any transaction: SQLAlchemy would open one (BEGIN IMMEDIATE) and lock the WAL.
        driver = connection.connection.driver_connection
        assert driver is not None
        busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise DatabaseError("the database is in use by another program; close it and try again")


OpenEngine = Callable[[Path], Engine]
