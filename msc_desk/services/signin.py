"""Signing in: the database opened with the key sealed to a user's slot, as the registry says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry, Device, Role, Site, User
from msc_desk.models.database import DatabaseError, SessionFactory, damaged_file
from msc_desk.security.credentials import (
    INACTIVE_USER,
    KEY_MISMATCH,
    WRONG_CREDENTIALS,
    SignInError,
)
from msc_desk.security.keyed_factory import KeyedSessionFactory
from msc_desk.security.keyslots import DatabaseKey
from msc_desk.security.keystore import KeyStore, UserSlot, user_slot
from msc_desk.security.layout import WorkspaceError, WorkspacePaths, start_database
from msc_desk.services.actor import Actor, system_actor
from msc_desk.services.audit import record_event
from msc_desk.services.keyring import rotate_key
from msc_desk.services.registry import (
    append_entry,
    pin_recovery_key,
    registry_size,
    verified_latest,
)
from msc_desk.services.session import install_audit_hooks, read_session, unit_of_work
from msc_desk.services.users import (
    attempts_detail,
    flush_pending_events,
    record_attempt_counter,
)
from msc_desk.timekeeping import Clock


@dataclass(frozen=True)
class OpenWorkspace:
    """A signed-in workspace: the database, its audited session factory and who is acting.

    `must_change_password` is set when the password was chosen by an administrator (a new
    account, a reset): the user must choose their own, with change_password, before their
    actions carry a signature. `notices` holds codes the sign-in screen tells the user about:
    "password_reset" (an administrator reset the password), "first_sign_in",
    "password_recovered" (the recovery code was used for this account).
    """

    engine: Engine
    factory: SessionFactory
    actor: Actor
    site_name: str
    device_name: str
    db_path: Path
    is_demo: bool
    must_change_password: bool = False
    notices: tuple[str, ...] = ()

    @property
    def data_dir(self) -> Path:
        return self.db_path.parent

    def close(self) -> None:
        """Close every connection (the key stays only as long as this object is referenced)."""
        self.engine.dispose()


def workspace_factory(engine: Engine, key: DatabaseKey, paths: WorkspacePaths) -> SessionFactory:
    return install_audit_hooks(KeyedSessionFactory(engine, key, paths.data_dir))


def device_uid_of(session: Session) -> str:
    device = session.scalars(select(Device).order_by(Device.id)).first()
    if device is None:
        raise WorkspaceError("incomplete", "the database has no device")
    return device.device_uid


def open_database(
    paths: WorkspacePaths, keys: Sequence[tuple[int, DatabaseKey]]
) -> tuple[Engine, DatabaseKey, bool]:
    """The database opened with the first of `keys` (newest first) that opens it.

    Returns the engine, the key, and whether a newer key is sealed than the one that opened
    the database (a rotation that a crash stopped before the rekey: the caller rotates again).
    A rotation stopped after the rekey is finished here: older generations are removed.

    Raises:
        SignInError: "inactive_user" when no key is sealed to this slot (deactivated).
        WorkspaceError: "key_mismatch" when none opens the database (an old slot file).
    """
    if not keys:
        raise SignInError(INACTIVE_USER)
    for generation, key in keys:
        try:
            engine = start_database(paths, key)
        except WorkspaceError as exc:
            if exc.code == "key_mismatch":
                continue
            raise
        with KeyStore.locked(paths.keyslots) as store:
            generations = store.generations() or [generation]
            if min(generations) < generation:
                store.drop_generations_before(generation)
                store.save()
        return engine, key, max(generations) > generation
    raise WorkspaceError("key_mismatch", "keyslots.json does not open this database")


@dataclass(frozen=True)
class _EntryState:
    entry_id: int
    role: Role
    can_randomize: bool
    active: bool
    temporary: bool
    action: str
    publics: tuple[str, str]


def open_as_user(
    paths: WorkspacePaths,
    store: KeyStore,
    name: str,
    slot: UserSlot,
    clock: Clock,
    *,
    events: Sequence[str] = (),
    login: bool = True,
    notices: tuple[str, ...] = (),
) -> OpenWorkspace:
    """Open the database with the key sealed to `slot`, as the user the registry says `name` is."""
    try:
        engine, key, interrupted = open_database(
            paths, store.unseal(user_slot(name), slot.keys.encryption)
        )
    except SignInError:
        _keep_pending(paths, clock, "login_refused", name, "inactive user")
        raise
    try:
        factory = workspace_factory(engine, key, paths)
        _finish_interrupted_migration(factory, store, name, slot, clock)
        with read_session(factory) as session:
            user = session.scalar(select(User).where(User.username == name))
            site = session.scalars(select(Site).order_by(Site.id)).first()
            device = session.scalars(select(Device).order_by(Device.id)).first()
            if site is None or device is None:
                raise WorkspaceError("incomplete", "the database has no site or device")
            entry = verified_latest(session).get(user.id) if user is not None else None
            site_name, device_name, device_uid = site.name, device.name, device.device_uid
            user_id = user.id if user is not None else None
            state = None
            if entry is not None:
                state = _EntryState(
                    entry.id,
                    Role(entry.role),
                    entry.can_randomize,
                    entry.active,
                    entry.temporary,
                    entry.action,
                    (entry.encryption_public, entry.signing_public),
                )
        if user_id is None:
            raise SignInError(WRONG_CREDENTIALS)
        publics = (slot.keys.encryption_public, slot.keys.signing_public)
        if state is None or state.publics != publics:
            _report_mismatch(factory, device_uid, name, clock)
            raise SignInError(KEY_MISMATCH)
        if not state.active:
            _keep_pending(paths, clock, "login_refused", name, "inactive user")
            raise SignInError(INACTIVE_USER)
        temporary = state.temporary or slot.temporary
        actor = Actor(
            user_id,
            name,
            state.role,
            device_uid,
            can_randomize=state.can_randomize,
            keys=None if temporary else slot.keys,
            key_entry_id=None if temporary else state.entry_id,
        )
        if temporary:
            notices += ("password_reset" if state.action == "password_reset" else "first_sign_in",)
        with unit_of_work(factory, actor, clock=clock) as session:
            flushed = flush_pending_events(session, store)
            for event in events:
                action, _, detail = event.partition(":")
                record_event(session, action, detail=detail or None)
            if login:
                record_attempt_counter(session, store.attempts)
                record_event(session, "login", detail=attempts_detail(store.attempts))
        if flushed or store.dropped_events:
            with KeyStore.locked(paths.keyslots) as current:
                current.forget_pending(flushed)
                current.save()
        if interrupted:  # the change that asked for a rotation is committed: rotate now
            rotate_key(factory, paths.data_dir)
    except DBAPIError as exc:
        engine.dispose()
        if damaged_file(exc):  # a large file's pages were not all checked before it opened
            raise DatabaseError(f"database damaged: {exc.orig}") from exc
        raise
    except BaseException:
        engine.dispose()
        raise
    return OpenWorkspace(
        engine,
        factory,
        actor,
        site_name,
        device_name,
        paths.db,
        store.demo,
        must_change_password=temporary,
        notices=notices,
    )


def _finish_interrupted_migration(
    factory: SessionFactory, store: KeyStore, name: str, slot: UserSlot, clock: Clock
) -> None:
    """Give the administrator of an encryption that a crash cut short their first registry entry.

    Only while the registry has never held an entry (its inserts are audited): an emptied
    registry is not a new start.
    """
    with read_session(factory) as session:
        if registry_size(session) or session.scalar(
            select(AuditEntry.id).where(AuditEntry.table_name == "user_key_registry").limit(1)
        ):
            return
        device_uid = device_uid_of(session)
    recovery = store.recovery_public
    with unit_of_work(factory, system_actor(device_uid), clock=clock) as session:
        admin = session.scalar(select(User).where(User.username == name))
        if admin is None or admin.role != Role.ADMIN or not admin.active or recovery is None:
            return
        append_entry(session, admin, action="workspace_created", clock=clock, new_keys=slot.keys)
        pin_recovery_key(session, recovery)


def _keep_pending(
    paths: WorkspacePaths, clock: Clock, action: str, name: str | None, detail: str
) -> None:
    with KeyStore.locked(paths.keyslots) as store:
        store.add_pending(clock(), action, name, detail)
        store.save()


def _report_mismatch(factory: SessionFactory, device_uid: str, name: str, clock: Clock) -> None:
    """Audit, as the application, a slot whose keys are not the registry's for that user."""
    with unit_of_work(factory, system_actor(device_uid), clock=clock) as session:
        record_event(
            session,
            "key_mismatch",
            table_name="user_key_registry",
            detail=f"{name}: the key slot does not hold the registered keys; sign-in refused",
        )
