"""Where a workspace keeps its files; finishing a setup or encryption that a crash interrupted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine, text

from msc_desk.models.database import (
    DATABASE_FILENAME,
    WrongKeyError,
    checkpoint,
    create_database_engine,
    quick_check,
)
from msc_desk.models.migrate import prepare_database
from msc_desk.security.filelock import exclusive_lock
from msc_desk.security.files import atomic_write_bytes
from msc_desk.security.identity import UserKeys
from msc_desk.security.keyslots import DatabaseKey, KdfParams, new_recovery_code
from msc_desk.security.keystore import (
    KEYSLOTS_FILENAME,
    LOCK_FILENAME,
    RECOVERY_SLOT,
    KeyStore,
    KeyStoreError,
    user_slot,
)
from msc_desk.security.plaintext import (
    encrypt_backups,
    encrypt_copy,
    install_encrypted,
    is_plaintext_sqlite,
    shred_clear_files,
)
from msc_desk.security.policy import InputRefused


class WorkspaceError(InputRefused):
    """The workspace cannot be created or opened; `code` says why, the message says it in English.

    Attributes:
        code: "exists", "missing_field", "not_unencrypted", "not_admin", "keyslots",
            "key_mismatch" or "incomplete".
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
    def shredded(self) -> Path:
        """A clear database of an earlier version, renamed before it is overwritten."""
        return self.data_dir / f"{DATABASE_FILENAME}.plaintext"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"


def workspace_exists(data_dir: Path) -> bool:
    """Whether `data_dir` holds an encrypted workspace (possibly one to finish installing)."""
    paths = WorkspacePaths(Path(data_dir))
    return paths.keyslots.exists() and (paths.db.exists() or paths.staging.exists())


def needs_encryption(data_dir: Path) -> bool:
    """Whether `data_dir` holds an unencrypted database of an earlier version to migrate."""
    paths = WorkspacePaths(Path(data_dir))
    return not paths.keyslots.exists() and is_plaintext_sqlite(paths.db)


def finish_interrupted(paths: WorkspacePaths) -> None:
    """Complete a setup or encryption that a crash stopped after keyslots.json was written.

    The staging file is only ever left beside keyslots.json once it is complete and verified.
    """
    if not paths.keyslots.exists():
        return
    if paths.staging.exists() and (not paths.db.exists() or is_plaintext_sqlite(paths.db)):
        install_encrypted(paths.db, paths.staging, paths.shredded)
    elif paths.shredded.exists() and not is_plaintext_sqlite(paths.db):
        shred_clear_files(paths.shredded)


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


def check_clear_admin(db: Path, username: str) -> None:
    """Check a clear database before encrypting it: sound, with `username` an active admin.

    Raises:
        WorkspaceError: "not_admin".
        DatabaseError: the file is damaged or in use.
    """
    engine = create_database_engine(db, None)
    try:
        quick_check(engine)
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT role, active FROM user_account WHERE username = :name"),
                {"name": username},
            ).first()
        if row is None or row[0] != "admin" or not row[1]:
            raise WorkspaceError("not_admin", f"{username} is not an active administrator there")
        checkpoint(engine)  # the WAL folded in, so that the export reads one whole file
    finally:
        engine.dispose()


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
        encrypt_backups(paths.backups, key)  # left clear by an encryption a crash interrupted
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


def encrypt_clear_workspace(
    paths: WorkspacePaths,
    username: str,
    user_keys: UserKeys,
    password: str,
    recovery: X25519PrivateKey,
    *,
    kdf: KdfParams,
    now: datetime,
) -> tuple[KeyStore, DatabaseKey, str, str]:
    """Encrypt a clear database under a new key; return the slots, key, recovery code, summary.

    Order matters for a crash at any point: the verified copy first, then the key slots, then
    the swap, and only then the shredding of the clear file (see finish_interrupted).

    Raises:
        WorkspaceError: "not_admin". MigrationError: the copy differs (nothing replaced).
    """
    check_clear_admin(paths.db, username)
    key = DatabaseKey.generate()
    code = new_recovery_code()
    counts = encrypt_copy(paths.db, paths.staging, key)
    store = new_keystore(
        paths, key, (recovery, code), username, user_keys, password, kdf=kdf, demo=False, now=now
    )
    install_encrypted(paths.db, paths.staging, paths.shredded)
    backups = encrypt_backups(paths.backups, key)
    summary = (
        f"{sum(counts.values())} rows in {len(counts)} tables encrypted; "
        f"clear file and {backups} clear backups overwritten and deleted"
    )
    return store, key, code, summary
