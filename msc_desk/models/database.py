"""Opening the SQLite/SQLCipher database with safe pragmas, and one session per unit of work."""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
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
    opener = _Opener(path, key)
    engine = create_engine(
        "sqlite://",
        module=module,
        creator=opener,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )
    event.listen(engine, "begin", _begin_immediate)
    _OPENERS[engine] = opener
    return engine


class _Opener:
    """Opens a connection with the current key; a rekey changes the key of later connections."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.path = path
        self.key = key

    def __call__(self) -> Any:
        return _open_connection(self.path, self.key)


_OPENERS: weakref.WeakKeyDictionary[Engine, _Opener] = weakref.WeakKeyDictionary()


def engine_key(engine: Engine) -> bytes | None:
    """The key `engine` opens its connections with now (after any rekey in this process)."""
    opener = _OPENERS.get(engine)
    return opener.key if opener is not None else None


def rekey_file(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt the database file `path` from `old_key` to `new_key` (SQLCipher `rekey`).

    The rekey is one transaction: a crash leaves the file under one key or the other, whole.
    No other connection may be open on the file.

    Raises:
        WrongKeyError: `old_key` does not open the file.
    """
    if len(new_key) != KEY_BYTES:
        raise ValueError("the database key must be 32 random bytes")
    connection = _open_connection(path, old_key)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise DatabaseError("the database is in use by another program; close it and try again")
        connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"").fetchall()
    finally:
        connection.close()
    _open_connection(path, new_key).close()


def rekey_engine(engine: Engine, old_key: bytes, new_key: bytes) -> None:
    """Rekey the file under `engine` and every engine of this process on that file.

    Their pools are emptied before and after; later connections open with `new_key`.
    """
    path = _OPENERS[engine].path.resolve()
    same_file = [
        (other, opener)
        for other, opener in list(_OPENERS.items())
        if opener.path.resolve() == path and opener.key == old_key
    ]
    for other, _opener in same_file:
        other.dispose()
    rekey_file(path, old_key, new_key)
    for other, opener in same_file:
        opener.key = new_key
        other.dispose()


def _begin_immediate(connection: Any) -> None:
    # Take the write lock at the start, so that the audit hash chain reads a stable tail.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> SessionFactory:
    """One factory per open database; services take it and open one session per unit of work."""
    return sessionmaker(engine, expire_on_commit=False)


PAGE_CHECK_AT_OPEN_LIMIT = 256 * 1024 * 1024
"""Up to this size SQLite's quick_check reads every page before a database opens (well under
a second; a trial's database is a few tens of MB). A larger file (a 10,000-patient demo holds
4 GB: some 20 s) is checked after sign-in in the background, and before any upgrade."""


def page_check_at_open(db_path: Path) -> bool:
    """Whether the file is small enough for every page to be checked before it opens."""
    return not db_path.exists() or db_path.stat().st_size <= PAGE_CHECK_AT_OPEN_LIMIT


def damaged_pages(connection: Connection) -> str | None:
    """What SQLite's quick_check finds wrong with every page of the file, or None if sound."""
    try:
        rows = connection.exec_driver_sql("PRAGMA quick_check").fetchall()
    except DBAPIError as exc:  # an encrypted page that fails its HMAC is reported as an error
        return str(exc.orig)
    if [tuple(row) for row in rows] != [("ok",)]:
        return str(rows[:3])
    return None


def damaged_file(error: DBAPIError) -> bool:
    """Whether a failed statement says the file is damaged (not busy, not a wrong statement)."""
    orig = error.orig
    return isinstance(orig, sqlcipher3.dbapi2.DatabaseError) and not isinstance(
        orig, sqlcipher3.dbapi2.OperationalError | sqlcipher3.dbapi2.ProgrammingError
    )


def quick_check(engine: Engine) -> None:
    """Raise DatabaseError unless SQLite's quick_check reports the file sound."""
    with engine.connect() as connection:
        damage = damaged_pages(connection)
    if damage is not None:
        raise DatabaseError(f"database damaged: {damage}")


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
