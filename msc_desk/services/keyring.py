"""Key-slot writes that go with registry entries: new slots, and rotating the database key."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from msc_desk.models.database import DATABASE_FILENAME, SessionFactory
from msc_desk.security.identity import UserKeys, decode_encryption_public
from msc_desk.security.keyed_factory import KeyedSessionFactory, database_key
from msc_desk.security.keyslots import DatabaseKey, new_slot_kdf
from msc_desk.security.keystore import (
    KEYSLOTS_FILENAME,
    RECOVERY_SLOT,
    KeyStore,
    KeyStoreError,
    user_slot,
)
from msc_desk.security.rotation import rotate_database_key
from msc_desk.services.registry import KeyProblem, active_recipients, pinned_recovery_key
from msc_desk.services.session import read_session


def write_user_slot(
    data_dir: Path,
    username: str,
    keys: UserKeys,
    password: str,
    current_key: DatabaseKey,
    *,
    temporary: bool,
) -> None:
    """Wrap `keys` for `username` (at the cost set in code) and seal the current key to them."""
    with KeyStore.locked(Path(data_dir) / KEYSLOTS_FILENAME) as store:
        store.set_user_keys(username, keys, password, params=new_slot_kdf(), temporary=temporary)
        store.add_recipient(user_slot(username), current_key, keys.encryption.public_key())
        store.save()


def recipients(session: Session) -> dict[str, X25519PublicKey]:
    """Whom the database key is sealed to: active users and the recovery key.

    Their public keys come from the registry and the database's pin, never from the slot file.
    """
    sealed_to = {
        user_slot(name): decode_encryption_public(public)
        for name, public in active_recipients(session).items()
    }
    recovery, _fingerprint = pinned_recovery_key(session)
    if recovery is not None:
        sealed_to[RECOVERY_SLOT] = decode_encryption_public(recovery)
    return sealed_to


def verify_slot_file(session: Session, data_dir: Path) -> list[KeyProblem]:
    """What the slot file holds beyond what the registry allows.

    The database key sealed to anyone but the active users and the pinned recovery key, or a
    recovery key other than the pinned one.
    """
    problems = []
    try:
        store = KeyStore.load(Path(data_dir) / KEYSLOTS_FILENAME)
    except KeyStoreError as exc:
        return [KeyProblem("slot_file_unreadable", str(exc))]
    allowed = {user_slot(name) for name in active_recipients(session)} | {RECOVERY_SLOT}
    for generation in store.generations():
        for extra in sorted(store.recipients(generation) - allowed):
            problems.append(
                KeyProblem("sealed_to_unregistered", f"the database key is sealed to {extra}")
            )
    pinned, _fingerprint = pinned_recovery_key(session)
    if store.recovery_public != pinned:
        problems.append(
            KeyProblem("slot_recovery_key", "the slot file's recovery key is not the pinned one")
        )
    return problems


def rotate_key(factory: SessionFactory, data_dir: Path) -> DatabaseKey:
    """Rotate the key of the open workspace in `data_dir` (after the change was committed)."""
    key = database_key(factory, data_dir)
    engine = factory.kw["bind"]
    assert isinstance(engine, Engine)
    with read_session(factory) as session:
        sealed_to = recipients(session)
    data_dir = Path(data_dir)
    db_path = data_dir / DATABASE_FILENAME
    new_key = rotate_database_key(data_dir / KEYSLOTS_FILENAME, db_path, engine, key, sealed_to)
    assert isinstance(factory, KeyedSessionFactory)
    factory.replace_database_key(new_key)
    return new_key
