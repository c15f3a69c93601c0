"""Rotating the database key: a new key sealed to the active users, SQLCipher rekey, backups too."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Engine

from msc_desk.models.database import (
    DATABASE_FILENAME,
    WrongKeyError,
    rekey_engine,
    rekey_file,
)
from msc_desk.security.files import atomic_write_bytes
from msc_desk.security.keyslots import DatabaseKey
from msc_desk.security.keystore import KEYSLOTS_FILENAME, KeyStore

# Order, so that a crash at any point leaves a slot file that opens the database:
#   1. the new key is sealed beside the old one (the file opens the database under either);
#   2. the database is rekeyed in one transaction;
#   3. the backup copies are rekeyed, and get a copy of the slot file;
#   4. the old key is removed from the slot file.
# A sign-in tries every key it can unseal, newest first, and finishes step 4 if it was missed.


def backup_databases(backup_dir: Path) -> list[Path]:
    """The database copies in `backups/` (each beside its own copy of the slot file)."""
    if not backup_dir.is_dir():
        return []
    suffix = Path(DATABASE_FILENAME).suffix
    return sorted(
        path for path in backup_dir.iterdir() if path.is_file() and path.name.endswith(suffix)
    )


def slot_copy(backup: Path) -> Path:
    return backup.with_name(backup.name + "." + KEYSLOTS_FILENAME)


def rotate_database_key(
    keyslots: Path,
    db_path: Path,
    engine: Engine | None,
    old_key: DatabaseKey,
    recipients: Mapping[str, X25519PublicKey],
) -> DatabaseKey:
    """Replace the database key by a new one sealed to `recipients` only; returns the new key.

    Args:
        keyslots: the workspace's keyslots.json.
        db_path: the database, keyed with `old_key`.
        engine: the open engine on it (its pool is emptied, and reopens with the new key).
        old_key: the current key.
        recipients: {"user:<name>" or "recovery": X25519 public key}, from the registry.
    """
    new_key = DatabaseKey.generate()
    with KeyStore.locked(keyslots) as store:
        generation = store.add_generation(new_key, recipients)
        store.save()
    if engine is not None:
        rekey_engine(engine, old_key.reveal(), new_key.reveal())
    else:
        rekey_file(db_path, old_key.reveal(), new_key.reveal())
    backups = rekey_backups(db_path.parent / "backups", old_key, new_key)
    with KeyStore.locked(keyslots) as store:
        store.keep_only_generation(generation)
        store.save()
        text = keyslots.read_bytes()
    for backup in backups:
        atomic_write_bytes(slot_copy(backup), text)
    return new_key


def rekey_backups(backup_dir: Path, old_key: DatabaseKey, new_key: DatabaseKey) -> list[Path]:
    """Rekey each backup copy under `old_key` to `new_key`; returns those now under `new_key`.

    A copy under another key (made before an earlier rotation that did not reach it) is left
    as it is: only its own slot copy opens it.
    """
    done = []
    for backup in backup_databases(backup_dir):
        try:
            rekey_file(backup, old_key.reveal(), new_key.reveal())
        except WrongKeyError:
            try:
                rekey_file(backup, new_key.reveal(), new_key.reveal())
            except WrongKeyError:
                continue
        done.append(backup)
    return done
