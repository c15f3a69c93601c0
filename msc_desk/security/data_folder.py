"""What a data folder holds, read from its file names alone, before the database stack is loaded."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from msc_desk.security.plaintext import is_plaintext_sqlite

# The same names as models.database.DATABASE_FILENAME and security.keystore.KEYSLOTS_FILENAME
# (a test holds them equal): importing those modules would load SQLAlchemy and the KDF first.
DATABASE_FILE = "msc-desk.db"
KEYSLOTS_FILE = "keyslots.json"
STAGING_FILE = f"{DATABASE_FILE}.new"


class FolderKind(StrEnum):
    EMPTY = "empty"  # no database: the first run sets one up
    WORKSPACE = "workspace"  # an encrypted workspace: sign in
    UNENCRYPTED = "unencrypted"  # a clear database of the first schema: refused
    FOREIGN = "foreign"  # a database file without key slots that is not a clear SQLite file


def folder_kind(data_dir: Path) -> FolderKind:
    """Which of the FolderKind cases `data_dir` is (a missing folder is EMPTY)."""
    folder = Path(data_dir)
    database = folder / DATABASE_FILE
    if (folder / KEYSLOTS_FILE).exists():
        if database.exists() or (folder / STAGING_FILE).exists():
            return FolderKind.WORKSPACE
        return FolderKind.EMPTY
    if is_plaintext_sqlite(database):
        return FolderKind.UNENCRYPTED
    if database.exists():
        return FolderKind.FOREIGN
    return FolderKind.EMPTY
