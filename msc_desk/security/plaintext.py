"""Encrypting a clear database of an earlier version: export, verify, swap, shred the clear file."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

import sqlcipher3

from msc_desk.models.database import DatabaseError
from msc_desk.security.files import fsync_dir, replace_durably, secure_delete
from msc_desk.security.keyslots import DatabaseKey

SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


class MigrationError(DatabaseError):
    """The encrypted copy differs from the original: nothing was replaced."""


def is_plaintext_sqlite(path: Path) -> bool:
    """Whether `path` is an unencrypted SQLite file (an encrypted one starts with random bytes)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def remove_with_side_files(path: Path) -> None:
    for candidate in (path, *(side_file(path, suffix) for suffix in _SIDE_FILES)):
        candidate.unlink(missing_ok=True)


def _raw_key(key: DatabaseKey) -> str:
    return f"x'{key.reveal().hex()}'"


def _open_encrypted(path: Path, key: DatabaseKey) -> Any:
    connection = sqlcipher3.connect(str(path))
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f'PRAGMA key = "{_raw_key(key)}"')
    return connection


def _fingerprint(connection: Any) -> dict[str, Any]:
    """The schema, and each table's row count and content digest."""
    schema = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    result: dict[str, Any] = {"schema": schema}
    for _type, name, _table, _sql in schema:
        if _type != "table":
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        digest = hashlib.sha256()
        count = 0
        for row in connection.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):
            digest.update(repr(tuple(row)).encode("utf-8"))
            count += 1
        result[name] = (count, digest.hexdigest())
    result["user_version"] = connection.execute("PRAGMA user_version").fetchone()[0]
    return result


def encrypt_copy(source: Path, target: Path, key: DatabaseKey) -> dict[str, int]:
    """Write an encrypted copy of the plaintext `source` to `target` and prove it equal.

    Returns:
        The number of rows of each table copied.

    Raises:
        MigrationError: the copy is not sound or not identical (the copy is then removed).
    """
    remove_with_side_files(target)
    with closing(sqlcipher3.connect(str(source))) as plain:
        plain.isolation_level = None
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), _raw_key(key)))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
    try:
        with closing(sqlite3.connect(str(source))) as plain_check:
            expected = _fingerprint(plain_check)
        with closing(_open_encrypted(target, key)) as copy:
            integrity = copy.execute("PRAGMA integrity_check").fetchall()
            actual = _fingerprint(copy)
        if [tuple(row) for row in integrity] != [("ok",)]:
            raise MigrationError(f"the encrypted copy is damaged: {integrity[:3]}")
        different = sorted(name for name in expected if actual.get(name) != expected[name])
        if different:
            raise MigrationError(f"the encrypted copy differs in: {', '.join(different)}")
        if is_plaintext_sqlite(target):
            raise MigrationError("the copy was written unencrypted")
    except BaseException:
        remove_with_side_files(target)
        raise
    return {name: value[0] for name, value in expected.items() if isinstance(value, tuple)}


def install_encrypted(db_path: Path, staging: Path, shredded: Path) -> None:
    """Swap the verified encrypted `staging` file in for `db_path`, then shred the clear file.

    Each step can be repeated after a crash: the clear file (with its WAL) is first renamed to
    `shredded`, the encrypted file takes its name, and only then is the clear one overwritten.
    """
    if is_plaintext_sqlite(db_path):
        for suffix in ("", "-wal"):
            source = side_file(db_path, suffix)
            if source.exists():
                source.replace(side_file(shredded, suffix))
        side_file(db_path, "-shm").unlink(missing_ok=True)
        fsync_dir(db_path.parent)
    if staging.exists():
        replace_durably(staging, db_path)
    shred_clear_files(shredded)


def shred_clear_files(shredded: Path) -> None:
    """Overwrite and remove a renamed clear database and its side files (see secure_delete)."""
    for suffix in ("", *_SIDE_FILES):
        secure_delete(side_file(shredded, suffix))


def encrypt_backups(backup_dir: Path, key: DatabaseKey) -> int:
    """Encrypt, in place, every clear database copy in `backup_dir`; return how many."""
    count = 0
    if not backup_dir.is_dir():
        return 0
    for backup in sorted(backup_dir.iterdir()):
        if not backup.is_file() or not is_plaintext_sqlite(backup):
            continue
        temp = backup.with_name(backup.name + ".encrypting")
        encrypt_copy(backup, temp, key)
        secure_delete(backup)
        replace_durably(temp, backup)
        count += 1
    with suppress(OSError):
        fsync_dir(backup_dir)
    return count
