"""The workspace: creating, encrypting, opening and unlocking the database, and users' passwords."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from msc_desk.models import Device, Role, Setting, Site, User
from msc_desk.models.database import (
    SessionFactory,
    checkpoint,
    create_database_engine,
)
from msc_desk.models.migrate import prepare_database
from msc_desk.security.credentials import (
    INACTIVE_USER,
    WRONG_CREDENTIALS,
    SignInError,
    normalize_username,
    open_with_password,
    open_with_recovery_code,
)
from msc_desk.security.files import replace_durably
from msc_desk.security.keyed_factory import KeyedSessionFactory
from msc_desk.security.keyslots import PRODUCTION_KDF, DatabaseKey, KdfParams, new_recovery_code
from msc_desk.security.keystore import KeyStore, user_slot
from msc_desk.security.layout import (
    WorkspaceError,
    WorkspacePaths,
    load_keystore,
    new_keystore,
    start_database,
    workspace_exists,
)
from msc_desk.security.plaintext import remove_with_side_files
from msc_desk.security.policy import InputRefused, PolicyError, check_password, check_username
from msc_desk.services.actor import Actor, system_actor
from msc_desk.services.audit import record_event
from msc_desk.services.session import install_audit_hooks, read_session, unit_of_work
from msc_desk.services.users import (
    DEFAULT_IDLE_LOCK_MINUTES,
    flush_pending_events,
    idle_lock_minutes,
    record_lock,
    record_unlock,
)
from msc_desk.timekeeping import Clock, system_clock

__all__ = [
    "PRODUCTION_KDF",
    "KdfParams",
    "OpenWorkspace",
    "PolicyError",
    "SetupResult",
    "SignInError",
    "WorkspaceError",
    "WorkspaceSetupError",
    "change_password",
    "create_workspace",
    "idle_lock_minutes",
    "recover_with_code",
    "record_lock",
    "record_unlock",
    "sign_in",
    "verify_password",
    "workspace_exists",
]

WorkspaceSetupError = InputRefused
"""What create_workspace refuses (WorkspaceError, PolicyError): `.code`."""

DEFAULT_SETTINGS = {
    "idle_lock_minutes": str(DEFAULT_IDLE_LOCK_MINUTES),
    "cell_preparation_hours": "2",
}


@dataclass(frozen=True)
class OpenWorkspace:
    """A signed-in workspace: the database, its audited session factory and who is acting."""

    engine: Engine
    factory: SessionFactory
    actor: Actor
    site_name: str
    device_name: str
    db_path: Path
    is_demo: bool

    @property
    def data_dir(self) -> Path:
        return self.db_path.parent

    def close(self) -> None:
        """Close every connection (the key stays only as long as this object is referenced)."""
        self.engine.dispose()


@dataclass(frozen=True)
class SetupResult:
    """A new workspace, and its recovery code, to print once and seal in an envelope."""

    recovery_code: str
    workspace: OpenWorkspace


def create_workspace(
    data_dir: Path,
    *,
    site_code: str,
    site_name: str,
    device_name: str,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    clock: Clock = system_clock,
    kdf: KdfParams = PRODUCTION_KDF,
    demo: bool = False,
) -> SetupResult:
    """First run: a new encrypted database with the site, this device and the first administrator.

    Raises:
        WorkspaceError: a workspace (or any database) already exists there, or a field is empty.
        PolicyError: the username or password breaks the rules.
    """
    paths = WorkspacePaths(Path(data_dir))
    if paths.keyslots.exists() or paths.db.exists():
        raise WorkspaceError("exists", f"{paths.data_dir} already holds a database")
    fields = (site_code, site_name, device_name, admin_full_name)
    if any(not value.strip() for value in fields):
        raise WorkspaceError("missing_field", "site, device and administrator names are required")
    name = check_username(admin_username)
    check_password(admin_password, name)
    paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = DatabaseKey.generate()
    code = new_recovery_code()
    # Built under a temporary name: a crash before keyslots.json exists leaves no workspace.
    remove_with_side_files(paths.staging)
    engine = create_database_engine(paths.staging, key.reveal())
    try:
        prepare_database(engine, paths.staging)
        device_uid = str(uuid.uuid4())
        factory = _factory(engine, key, paths)
        with unit_of_work(factory, system_actor(device_uid), clock=clock) as session:
            _populate(session, site_code, site_name, device_name, device_uid, clock)
            session.add(
                User(
                    username=name,
                    full_name=admin_full_name.strip(),
                    role=Role.ADMIN,
                    can_randomize=False,
                    active=True,
                    created_at=clock(),
                )
            )
            record_event(session, "workspace_created", detail=site_code.strip())
        checkpoint(engine)
    finally:
        engine.dispose()
    store = new_keystore(paths, key, code, name, admin_password, kdf=kdf, demo=demo, now=clock())
    replace_durably(paths.staging, paths.db)
    return SetupResult(code, _signed_in(paths, store, key, name, clock))


def _populate(
    session: Session, code: str, name: str, device: str, device_uid: str, clock: Clock
) -> None:
    site = Site(code=code.strip(), name=name.strip(), created_at=clock())
    session.add(site)
    session.flush()
    session.add(
        Device(site_id=site.id, name=device.strip(), device_uid=device_uid, created_at=clock())
    )
    session.add_all(Setting(key=key, value=value) for key, value in DEFAULT_SETTINGS.items())


def sign_in(
    data_dir: Path, username: str, password: str, *, clock: Clock = system_clock
) -> OpenWorkspace:
    """Open the workspace as `username`; failed attempts are counted, then audited at next sign-in.

    Raises:
        SignInError: "wrong_credentials" (unknown name or wrong password alike), "locked_out"
            (see `retry_after_seconds`) or "inactive_user".
        WorkspaceError: the key slots are missing or damaged, or do not fit the database.
    """
    paths, store = load_keystore(data_dir)
    key = open_with_password(store, username, password, clock(), purpose="login")
    return _signed_in(paths, store, key, normalize_username(username), clock)


def verify_password(
    data_dir: Path, username: str, password: str, clock: Clock = system_clock
) -> bool:
    """Re-check a password (idle unlock, e-signature); failures count towards the lockout.

    Raises:
        SignInError: "locked_out" or "inactive_user" (a wrong password just returns False).
    """
    _paths, store = load_keystore(data_dir)
    try:
        open_with_password(store, username, password, clock(), purpose="password_check")
    except SignInError as exc:
        if exc.code == "wrong_credentials":
            return False
        raise
    return True


def recover_with_code(
    data_dir: Path,
    username: str,
    recovery_code: str,
    new_password: str,
    clock: Clock = system_clock,
) -> OpenWorkspace:
    """Reset a forgotten password with the printed recovery code, and sign in with it.

    The key is re-wrapped for the new password; the data is not re-encrypted.

    Raises:
        PolicyError: the new password breaks the rules (checked before anything else).
        SignInError: a wrong code ("wrong_credentials"), a lockout, or an inactive user.
    """
    check_password(new_password, username)
    paths, store = load_keystore(data_dir)
    key = open_with_recovery_code(store, recovery_code, clock())
    name = normalize_username(username)
    return _signed_in(
        paths, store, key, name, clock, new_password=new_password, events=("password_recovered",)
    )


def change_password(
    data_dir: Path, username: str, old_password: str, new_password: str, clock: Clock = system_clock
) -> None:
    """Replace a user's password (re-wrapping the key; the data is not re-encrypted); audited.

    Raises:
        PolicyError: the new password breaks the rules or equals the old one.
        SignInError: the old password is wrong, or the user is locked out or inactive.
    """
    check_password(new_password, username)
    if new_password == old_password:
        raise PolicyError("password_unchanged")
    paths, store = load_keystore(data_dir)
    key = open_with_password(store, username, old_password, clock(), purpose="password_change")
    name = normalize_username(username)
    _signed_in(
        paths,
        store,
        key,
        name,
        clock,
        new_password=new_password,
        events=("password_changed",),
        login=False,
    ).close()


def _factory(engine: Engine, key: DatabaseKey, paths: WorkspacePaths) -> SessionFactory:
    return install_audit_hooks(KeyedSessionFactory(engine, key, paths.data_dir))


def _signed_in(
    paths: WorkspacePaths,
    store: KeyStore,
    key: DatabaseKey,
    name: str,
    clock: Clock,
    *,
    new_password: str | None = None,
    events: Sequence[str] = (),
    login: bool = True,
) -> OpenWorkspace:
    """Open the database with `key` as user `name`: audit, flush pending failures, re-wrap."""
    engine = start_database(paths, key)
    try:
        factory = _factory(engine, key, paths)
        with read_session(factory) as session:
            user = session.scalar(select(User).where(User.username == name))
            site = session.scalars(select(Site).order_by(Site.id)).first()
            device = session.scalars(select(Device).order_by(Device.id)).first()
            if site is None or device is None:
                raise WorkspaceError("incomplete", "the database has no site or device")
            if user is None or not user.active:
                why = "inactive user" if user else "no such user"
                store.add_pending(clock(), "login_refused", name if user else None, why)
                store.save()
                raise SignInError(INACTIVE_USER if user else WRONG_CREDENTIALS)
            actor = Actor(
                user.id,
                user.username,
                Role(user.role),
                device.device_uid,
                can_randomize=user.can_randomize,
            )
            site_name, device_name = site.name, device.name
        with unit_of_work(factory, actor, clock=clock) as session:
            flushed = flush_pending_events(session, store)
            for event in events:
                action, _, detail = event.partition(":")
                record_event(session, action, detail=detail or None)
            if login:
                record_event(session, "login")
            if new_password is not None:
                store.set_user_key(name, key, new_password)
                store.clear_failures(user_slot(name))
                store.save()  # before commit: a failed save rolls the audit back
        if flushed or store.dropped_events:
            store.forget_pending(flushed)
            store.save()
    except BaseException:
        engine.dispose()
        raise
    return OpenWorkspace(engine, factory, actor, site_name, device_name, paths.db, store.demo)
