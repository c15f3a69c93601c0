"""The session factory of an open workspace, carrying its database key for new users' key slots."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from msc_desk.models.database import engine_key
from msc_desk.security.keyslots import DatabaseKey


class NoDatabaseKey(Exception):
    """The session factory does not belong to an open workspace, so it holds no key."""


class KeyedSessionFactory(sessionmaker[Session]):
    """A session factory (audit hooks are installed by the caller) that also holds the key.

    The key lives in this object, as it already does in the engine's connection factory, and in
    no global: whoever holds an open workspace's factory can wrap the key for a new user.
    """

    def __init__(self, engine: Engine, key: DatabaseKey, data_dir: Path) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._database_key = key
        self.data_dir = data_dir

    def database_key(self) -> DatabaseKey:
        # A rotation by another workspace of this process on the same file rekeys this engine too.
        current = engine_key(self.kw["bind"])
        if current is not None and current != self._database_key.reveal():
            self._database_key = DatabaseKey(current)
        return self._database_key

    def replace_database_key(self, key: DatabaseKey) -> None:
        """After a rotation: the key the database is now encrypted with."""
        self._database_key = key


def database_key(factory: sessionmaker[Session], data_dir: Path) -> DatabaseKey:
    """The key of the open workspace in `data_dir` that `factory` belongs to.

    Raises:
        NoDatabaseKey: `factory` is not the factory of an open workspace in `data_dir`.
    """
    if not isinstance(factory, KeyedSessionFactory):
        raise NoDatabaseKey("this session factory does not belong to an open workspace")
    if Path(data_dir).resolve() != factory.data_dir.resolve():
        raise NoDatabaseKey(f"the open workspace is in {factory.data_dir}, not in {data_dir}")
    return factory.database_key()
