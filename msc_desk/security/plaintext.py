"""Recognizing a clear (unencrypted) SQLite file, and removing a database with its side files."""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


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
