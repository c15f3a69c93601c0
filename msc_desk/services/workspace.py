"""The workspace: creating, encrypting, opening and unlocking the database, and users' passwords."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import Device, Role, Setting, Site, User
from msc_desk.models.database import (
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
from msc_desk.security.identity import UserKeys, encode_public
from msc_desk.security.keyed_factory import database_key
from msc_desk.security.keyslots import (
    PRODUCTION_KDF,
    DatabaseKey,
    KdfParams,
    new_recovery_code,
    new_slot_kdf,
)
from msc_desk.security.keystore import RECOVERY_SLOT, KeyStore, UserSlot
from msc_desk.security.layout import (
    WorkspaceError,
    WorkspacePaths,
    load_keystore,
    new_keystore,
    workspace_exists,
)
from msc_desk.security.plaintext import remove_with_side_files
from msc_desk.security.policy import InputRefused, PolicyError, check_password, check_username
from msc_desk.services import account_rules
from msc_desk.services.actor import Actor, system_actor
from msc_desk.services.audit import record_event
from msc_desk.services.keyring import rotate_key, write_user_slot
from msc_desk.services.registry import (
    append_entry,
    latest_entry,
    pin_recovery_key,
)
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.signin import (
    OpenWorkspace,
    device_uid_of,
    open_as_user,
    open_database,
    workspace_factory,
)
from msc_desk.services.users import (
    DEFAULT_IDLE_LOCK_MINUTES,
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
    "change_own_password",
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
class SetupResult:
    """A new workspace, its recovery code (to print once and seal in an envelope).

    `recovery_fingerprint` is the recovery key's fingerprint pinned in the database, printed on
    the same sheet.
    """

    recovery_code: str
    workspace: OpenWorkspace
    recovery_fingerprint: str = ""


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
    kdf: KdfParams | None = None,
    demo: bool = False,
) -> SetupResult:
    """First run: a new encrypted database with the site, this device and the first administrator.

    `kdf` is the Argon2id cost of the first slots (by default the cost set in code for new slots).

    Raises:
        WorkspaceError: a workspace (or any database) already exists there, or a field is empty.
        PolicyError: the username or password breaks the rules.
        InvalidField: a field refused at the boundary: a site code that cannot form study ids
            (more than 10 letters or digits), a name too long or with a control character.
    """
    site_code = account_rules.site_code(site_code)
    site_name, device_name = account_rules.site_fields(site_name, device_name)
    admin_full_name = account_rules.check_account_fields(
        admin_username, admin_full_name, admin_password
    )
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
    admin_keys = UserKeys.generate()
    recovery = X25519PrivateKey.generate()
    # Built under a temporary name: a crash before keyslots.json exists leaves no workspace.
    remove_with_side_files(paths.staging)
    engine = create_database_engine(paths.staging, key.reveal())
    try:
        prepare_database(engine, paths.staging)
        device_uid = str(uuid.uuid4())
        factory = workspace_factory(engine, key, paths)
        with unit_of_work(factory, system_actor(device_uid), clock=clock) as session:
            _populate(session, site_code, site_name, device_name, device_uid, clock)
            admin = User(
                username=name,
                full_name=admin_full_name.strip(),
                role=Role.ADMIN,
                can_randomize=False,
                active=True,
                created_at=clock(),
            )
            session.add(admin)
            session.flush()
            append_entry(
                session, admin, action="workspace_created", clock=clock, new_keys=admin_keys
            )
            pinned = pin_recovery_key(session, encode_public(recovery.public_key()))
            record_event(session, "workspace_created", detail=site_code.strip())
        checkpoint(engine)
    finally:
        engine.dispose()
    store = new_keystore(
        paths,
        key,
        (recovery, code),
        name,
        admin_keys,
        admin_password,
        kdf=kdf or new_slot_kdf(),
        demo=demo,
        now=clock(),
    )
    replace_durably(paths.staging, paths.db)
    workspace = open_as_user(paths, store, name, UserSlot(admin_keys, False), clock)
    return SetupResult(code, workspace, pinned)


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
    """Open the workspace as `username`; every attempt is counted, failures audited at next sign-in.

    Role, delegation and active status come from the user's verified registry entry, and the keys
    the password opened must be the ones registered.

    Raises:
        SignInError: "wrong_credentials" (unknown name or wrong password alike), "locked_out"
            (see `retry_after_seconds`), "inactive_user" or "key_mismatch" (reported in the audit).
        WorkspaceError: the key slots are missing or damaged, or do not fit the database.
    """
    if not account_rules.could_be_a_password(password):
        raise SignInError(WRONG_CREDENTIALS)
    paths, _store = load_keystore(data_dir)
    store, slot = open_with_password(paths.keyslots, username, password, clock(), purpose="login")
    return open_as_user(paths, store, normalize_username(username), slot, clock)


def verify_password(
    data_dir: Path, username: str, password: str, clock: Clock = system_clock
) -> bool:
    """Re-check a password (idle unlock, e-signature); failures count towards the lockout.

    Raises:
        SignInError: "locked_out" (a wrong password just returns False).
    """
    if not account_rules.could_be_a_password(password):
        return False
    paths, _store = load_keystore(data_dir)
    try:
        open_with_password(paths.keyslots, username, password, clock(), purpose="password_check")
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
    """Give an account a new password and new keys with the printed recovery code; sign in.

    The recovery is audited and recorded in the key registry (the integrity check lists every
    recovery), and the database key is rotated.

    Raises:
        InvalidField: the new password cannot be encoded (a lone surrogate) or holds NUL.
        PolicyError: the new password breaks the rules (checked before anything else).
        SignInError: a wrong code ("wrong_credentials"), a lockout, or an unknown or inactive user.
    """
    account_rules.password_text(new_password)
    check_password(new_password, username)
    if not account_rules.could_be_a_password(recovery_code):
        raise SignInError(WRONG_CREDENTIALS)
    paths, _store = load_keystore(data_dir)
    store, recovery = open_with_recovery_code(paths.keyslots, recovery_code, clock())
    name = normalize_username(username)
    engine, key, _interrupted = open_database(paths, store.unseal(RECOVERY_SLOT, recovery))
    try:
        factory = workspace_factory(engine, key, paths)
        with read_session(factory) as session:
            user = session.scalar(select(User).where(User.username == name))
            device_uid = device_uid_of(session)
            entry = latest_entry(session, user.id) if user is not None else None
            if user is None or entry is None or not entry.active:
                raise SignInError(INACTIVE_USER if user else WRONG_CREDENTIALS)
            acting = Actor(user.id, name, Role(entry.role), device_uid)
        new_keys = UserKeys.generate()
        with unit_of_work(factory, acting, clock=clock) as session:
            account = session.get(User, acting.user_id)
            assert account is not None
            created = append_entry(
                session, account, action="recovered", clock=clock, new_keys=new_keys
            )
            session.info["actor"] = replace(acting, keys=new_keys, key_entry_id=created.id)
            record_event(session, "password_recovered", table_name="user_account",
                         record_id=str(acting.user_id))  # fmt: skip
            write_user_slot(paths.data_dir, name, new_keys, new_password, key, temporary=False)
        rotate_key(factory, paths.data_dir)
    finally:
        engine.dispose()
    store = KeyStore.load(paths.keyslots)
    notices = ("password_recovered",)
    return open_as_user(paths, store, name, UserSlot(new_keys, False), clock, notices=notices)


def change_password(
    data_dir: Path, username: str, old_password: str, new_password: str, clock: Clock = system_clock
) -> None:
    """Replace a user's password, with new key pairs and a new database key; audited.

    The new keys are registered, signed by the old ones; no old copy of the slot file opens the
    database afterwards.

    This is also how a user replaces a password an administrator chose.

    Raises:
        InvalidField: the new password cannot be encoded (a lone surrogate) or holds NUL.
        PolicyError: the new password breaks the rules or equals the old one.
        SignInError: the old password is wrong, or the user is locked out or inactive.
    """
    account_rules.password_text(new_password)
    check_password(new_password, username)
    if new_password == old_password:
        raise PolicyError("password_unchanged")
    if not account_rules.could_be_a_password(old_password):
        raise SignInError(WRONG_CREDENTIALS)
    paths, _store = load_keystore(data_dir)
    store, slot = open_with_password(
        paths.keyslots, username, old_password, clock(), purpose="password_change"
    )
    name = normalize_username(username)
    workspace = open_as_user(paths, store, name, slot, clock, login=False)
    try:
        new_keys = UserKeys.generate()
        actor = workspace.actor
        with unit_of_work(workspace.factory, actor, clock=clock) as session:
            user = session.get(User, actor.user_id)
            previous = latest_entry(session, actor.user_id) if actor.user_id else None
            assert user is not None and previous is not None
            created = append_entry(
                session,
                user,
                action="password_changed",
                clock=clock,
                new_keys=new_keys,
                authority=slot.keys,
                authority_entry_id=previous.id,
            )
            session.info["actor"] = replace(actor, keys=new_keys, key_entry_id=created.id)
            record_event(session, "password_changed")
            current = database_key(workspace.factory, paths.data_dir)
            write_user_slot(paths.data_dir, name, new_keys, new_password, current, temporary=False)
        rotate_key(workspace.factory, paths.data_dir)
    finally:
        workspace.close()


def change_own_password(
    workspace: OpenWorkspace, old_password: str, new_password: str, clock: Clock = system_clock
) -> OpenWorkspace:
    """Change the signed-in user's password and return the workspace signed in afresh.

    The screen to call after a sign-in with `must_change_password`: the returned workspace acts
    with the user's own new keys. `workspace` is closed (its keys are replaced).

    Raises:
        PolicyError, SignInError: as change_password (nothing changed, `workspace` left open).
    """
    username = workspace.actor.username
    change_password(workspace.data_dir, username, old_password, new_password, clock)
    workspace.close()
    return sign_in(workspace.data_dir, username, new_password, clock=clock)
