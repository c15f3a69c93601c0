"""Where a workspace keeps its files; finishing a setup that a crash interrupted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine

from msc_desk.models.database import (
    DATABASE_FILENAME,
    WrongKeyError,
    create_database_engine,
    quick_check,
)
from msc_desk.models.migrate import prepare_database
from msc_desk.security.filelock import exclusive_lock
from msc_desk.security.files import atomic_write_bytes, replace_durably
from msc_desk.security.identity import UserKeys
from msc_desk.security.keyslots import DatabaseKey, KdfParams
from msc_desk.security.keystore import (
    KEYSLOTS_FILENAME,
    LOCK_FILENAME,
    RECOVERY_SLOT,
    KeyStore,
    KeyStoreError,
    user_slot,
)
from msc_desk.security.plaintext import is_plaintext_sqlite
from msc_desk.security.policy import InputRefused


class WorkspaceError(InputRefused):
    """The workspace cannot be created or opened; `code` says why, the message says it in English.

    Attributes:
        code: "exists", "missing_field", "unencrypted", "keyslots", "key_mismatch" or
            "incomplete".
    """


@dataclass(frozen=True)
class WorkspacePaths:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / DATABASE_FILENAME

    @property
    def keyslots(self) -> Path:
        return self.data_dir / KEYSLOTS_FILENAME

    @property
    def staging(self) -> Path:
        """A complete, verified encrypted database waiting to take the database's name."""
        return self.data_dir / f"{DATABASE_FILENAME}.new"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"


def workspace_exists(data_dir: Path) -> bool:
    """Whether `data_dir` holds an encrypted workspace (possibly one to finish installing)."""
    paths = WorkspacePaths(Path(data_dir))
    return paths.keyslots.exists() and (paths.db.exists() or paths.staging.exists())


def holds_unencrypted_database(data_dir: Path) -> bool:
    """Whether `data_dir` holds a clear SQLite database without key slots (refused, never opened).

    Databases of the first, unencrypted schema are not migrated (their append-only audit holds
    what the current schema keeps secret): the user is told to create a new workspace.
    """
    paths = WorkspacePaths(Path(data_dir))
    return not paths.keyslots.exists() and is_plaintext_sqlite(paths.db)


def finish_interrupted(paths: WorkspacePaths) -> None:
    """Complete a setup that a crash stopped after keyslots.json was written.

    The staging file is only ever left beside keyslots.json once it is complete and verified.
    """
    if paths.keyslots.exists() and paths.staging.exists() and not paths.db.exists():
        replace_durably(paths.staging, paths.db)


def load_keystore(data_dir: Path) -> tuple[WorkspacePaths, KeyStore]:
    """The workspace's paths and key slots, after finishing any interrupted installation.

    Raises:
        WorkspaceError: "keyslots" when the key-slot file is missing or damaged.
    """
    paths = WorkspacePaths(Path(data_dir))
    finish_interrupted(paths)
    try:
        return paths, KeyStore.load(paths.keyslots)
    except KeyStoreError as exc:
        raise WorkspaceError("keyslots", str(exc)) from exc


def start_database(paths: WorkspacePaths, key: DatabaseKey) -> Engine:
    """The engine on the database, after quick_check and, if needed, backup then schema upgrade.

    The backup copy is opened with the key and checked, and gets a copy of the key slots.

    Raises:
        WorkspaceError: "key_mismatch" when the key does not open the database.
        DatabaseError: the database is damaged or from a newer version.
    """
    try:
        engine = create_database_engine(paths.db, key.reveal())
    except WrongKeyError as exc:
        raise WorkspaceError("key_mismatch", "keyslots.json does not open this database") from exc

    def verify_copy(copy: Path) -> None:
        copy_engine = create_database_engine(copy, key.reveal())
        try:
            quick_check(copy_engine)
        finally:
            copy_engine.dispose()
        # A database copy is useless without the slots that open it.
        slots = copy.with_name(copy.name + "." + KEYSLOTS_FILENAME)
        atomic_write_bytes(slots, paths.keyslots.read_bytes())

    try:
        prepare_database(engine, paths.db, verify_copy=verify_copy)
    except BaseException:
        engine.dispose()
        raise
    return engine


def new_keystore(
    paths: WorkspacePaths,
    key: DatabaseKey,
    recovery: tuple[X25519PrivateKey, str],
    username: str,
    user_keys: UserKeys,
    password: str,
    *,
    kdf: KdfParams,
    demo: bool,
    now: datetime,
) -> KeyStore:
    """Write the key slots of a new workspace: its first user's and the recovery code's.

    The database key is sealed to both.
    """
    recovery_private, recovery_code = recovery
    store = KeyStore.create(paths.keyslots, demo=demo, now=now)
    store.set_user_keys(username, user_keys, password, params=kdf)
    store.set_recovery(recovery_private, recovery_code, params=kdf)
    store.add_generation(
        key,
        {
            user_slot(username): user_keys.encryption.public_key(),
            RECOVERY_SLOT: recovery_private.public_key(),
        },
    )
    with exclusive_lock(paths.data_dir / LOCK_FILENAME):
        store.save()
    return store
