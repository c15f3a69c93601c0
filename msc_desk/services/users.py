"""User accounts with their key slots, managed by the administrator; lock and unlock events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry, Role, Setting, User
from msc_desk.models.database import SessionFactory
from msc_desk.security.identity import UserKeys
from msc_desk.security.keyed_factory import KeyedSessionFactory, database_key
from msc_desk.security.keystore import KeyStore
from msc_desk.security.layout import load_keystore
from msc_desk.security.policy import InputRefused, check_password, check_username
from msc_desk.services.account_rules import (
    check_account_fields,
    delegation_flag,
    member_role,
    password_text,
    reason_text,
)
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.audit_writer import append_entries
from msc_desk.services.keyring import rotate_key, write_user_slot
from msc_desk.services.permissions import Action, PermissionDenied, authorize
from msc_desk.services.randomization_key import grant_pending_seals, withdraw_in_session
from msc_desk.services.registry import append_entry, latest_entry, verified_latest
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

PENDING_TABLE = "keyslots"
ATTEMPTS_PREFIX = "key-slot attempts: "
DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_IDLE_LOCK_MINUTES = 240


class UserError(InputRefused):
    """A user-management request refused; `code` says why.

    Attributes:
        code: "username_taken", "not_found", "full_name_required", "reason_required",
            "cannot_deactivate_self", "already_inactive", "last_admin", "not_a_nurse",
            "delegation_by_investigator" or
            "no_signing_key" (an administrator on a temporary password must first choose
            their own).
    """


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: Role
    can_randomize: bool
    active: bool
    created_at: datetime


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id,
        user.username,
        user.full_name,
        Role(user.role),
        user.can_randomize,
        user.active,
        user.created_at,
    )


def list_users(factory: SessionFactory) -> list[UserInfo]:
    """Every account, active or not, by username (names and roles of staff, no secrets)."""
    with read_session(factory) as session:
        return [_info(user) for user in session.scalars(select(User).order_by(User.username))]


def add_user(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    can_randomize: bool = False,
    *,
    clock: Clock = system_clock,
) -> UserInfo:
    """Create an account with a temporary password, its registry entry and key slot.

    The slot holds key pairs the administrator made, which sign nothing until the user chooses
    their own password (change_password at the first sign-in).

    Raises:
        PermissionDenied: the actor is not an administrator (the denial is audited).
        PolicyError: the username or password breaks the rules.
        UserError: "username_taken", "full_name_required", "not_a_nurse" (only nurses are
            delegated randomization; investigators randomize by role),
            "delegation_by_investigator" (an investigator delegates, after the account exists)
            or "no_signing_key" (the administrator must first choose their own password).
        InvalidField: the username, full name, password or role refused at the boundary
            (too long, a control or invisible character, not a role).
    """
    authorize(factory, actor, Action.MANAGE_USERS, clock)
    full_name = check_account_fields(username, full_name, password)
    role = member_role(role)
    can_randomize = delegation_flag(can_randomize)
    name = check_username(username)
    check_password(password, name)
    if not full_name.strip():
        raise UserError("full_name_required")
    if can_randomize and role is not Role.NURSE:
        raise UserError("not_a_nurse")
    if can_randomize:
        # Delegation is the investigator's (set_randomization_delegation), never the admin's.
        raise UserError("delegation_by_investigator")
    _require_key(factory, actor)
    key = database_key(factory, data_dir)
    keys = UserKeys.generate()
    with unit_of_work(factory, actor, clock=clock) as session:
        if session.scalar(select(User.id).where(User.username == name)) is not None:
            raise UserError("username_taken")
        user = User(
            username=name,
            full_name=full_name.strip(),
            role=role,
            can_randomize=can_randomize,
            active=True,
            created_at=clock(),
        )
        session.add(user)
        session.flush()
        append_entry(
            session, user, action="user_added", clock=clock, new_keys=keys, authority=actor,
            temporary=True,
        )  # fmt: skip
        # Before commit: if the slot cannot be written, the user is not created.
        write_user_slot(data_dir, name, keys, password, key, temporary=True)
        return _info(user)


def reset_user_password(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    username: str,
    new_password: str,
    *,
    clock: Clock = system_clock,
) -> None:
    """Give an active user a temporary password (an administrator's action, audited).

    The user gets new key pairs that sign nothing: at their next sign-in they are told of the
    reset and choose their own password, which makes their own keys. The database key is rotated,
    so no earlier copy of the slot file opens the database.

    Raises:
        PermissionDenied, PolicyError, UserError ("not_found", "already_inactive",
            "no_signing_key").
    """
    authorize(factory, actor, Action.MANAGE_USERS, clock)
    password_text(new_password)
    name = check_username(username)
    check_password(new_password, name)
    _require_key(factory, actor)
    key = database_key(factory, data_dir)
    keys = UserKeys.generate()
    with unit_of_work(factory, actor, clock=clock) as session:
        user = _user(session, name)
        if not user.active:
            raise UserError("already_inactive")
        append_entry(
            session, user, action="password_reset", clock=clock, new_keys=keys, authority=actor,
            temporary=True,
        )  # fmt: skip
        record_event(session, "password_reset", table_name="user_account", record_id=str(user.id))
        write_user_slot(data_dir, name, keys, new_password, key, temporary=True)
    rotate_key(factory, data_dir)


def deactivate_user(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    username: str,
    reason: str,
    *,
    clock: Clock = system_clock,
) -> None:
    """Deactivate an account: it can no longer sign in, and the database key is rotated.

    Its password then opens nothing, in any copy of the slot file.

    Raises:
        PermissionDenied, UserError ("reason_required", "not_found", "cannot_deactivate_self",
            "already_inactive", "last_admin", "no_signing_key").
    """
    authorize(factory, actor, Action.MANAGE_USERS, clock)
    reason = reason_text(reason)
    if not reason.strip():
        raise UserError("reason_required")
    name = check_username(username)
    _require_key(factory, actor)
    with unit_of_work(factory, actor, reason=reason.strip(), clock=clock) as session:
        user = _user(session, name)
        if user.id == actor.user_id:
            raise UserError("cannot_deactivate_self")
        if not user.active:
            raise UserError("already_inactive")
        current = verified_latest(session).get(user.id)
        if (
            current is not None
            and current.role == Role.ADMIN.value
            and _active_admins(session) <= 1
        ):
            raise UserError("last_admin")
        append_entry(
            session, user, action="deactivated", clock=clock, authority=actor, active=False
        )
        withdraw_in_session(session, user.id)
    rotate_key(factory, data_dir)


def set_randomization_delegation(
    factory: SessionFactory,
    actor: Actor,
    username: str,
    can_randomize: bool,
    *,
    reason: str,
    clock: Clock = system_clock,
) -> None:
    """An investigator delegates randomization to a nurse; an administrator may only withdraw it.

    Signed into the registry; effective at the nurse's next sign-in.

    Raises:
        PermissionDenied: the actor may not make this change (the denial is audited).
        UserError: "reason_required", "not_found", "not_a_nurse", "no_signing_key".
    """
    allowed = (Role.INVESTIGATOR,) if can_randomize else (Role.INVESTIGATOR, Role.ADMIN)
    if actor.role not in allowed:
        with unit_of_work(factory, actor, clock=clock) as session:
            record_event(session, "permission_denied", detail="delegate_randomization")
        raise PermissionDenied(actor, Action.MANAGE_USERS)
    reason = reason_text(reason)
    can_randomize = delegation_flag(can_randomize)
    if not reason.strip():
        raise UserError("reason_required")
    name = check_username(username)
    _require_key(factory, actor)
    with unit_of_work(factory, actor, reason=reason.strip(), clock=clock) as session:
        user = _user(session, name)
        if user.role != Role.NURSE:
            raise UserError("not_a_nurse")
        action = "delegation_granted" if can_randomize else "delegation_withdrawn"
        append_entry(
            session, user, action=action, clock=clock, authority=actor,
            can_randomize=can_randomize,
        )  # fmt: skip
        if not can_randomize:
            withdraw_in_session(session, user.id)
    if can_randomize:  # the investigator seals the key to the nurse's own current key
        grant_pending_seals(factory, actor, clock)


def _require_key(factory: SessionFactory, actor: Actor) -> None:
    """Refuse an actor whose key may not countersign: none, temporary, or since replaced."""
    if actor.keys is None or actor.key_entry_id is None or actor.user_id is None:
        raise UserError("no_signing_key")
    with read_session(factory) as session:
        current = latest_entry(session, actor.user_id)
        if current is None or current.id != actor.key_entry_id:
            raise UserError("no_signing_key")


def attempts_detail(attempts: int) -> str:
    """The detail of a login event: the slot file's attempt counter, which only grows."""
    return f"{ATTEMPTS_PREFIX}{attempts}"


def record_attempt_counter(session: Session, attempts: int) -> None:
    """Audit as tampering a slot-file attempt counter smaller than the last sign-in recorded.

    A smaller one means the file was replaced by an older copy, or its counters edited. The
    caller records the new value in the login event (attempts_detail).
    """
    query = (
        select(AuditEntry.new_value)
        .where(AuditEntry.action == "login", AuditEntry.new_value.like(f"{ATTEMPTS_PREFIX}%"))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    last = session.scalar(query)
    try:
        previous = int(last.removeprefix(ATTEMPTS_PREFIX)) if last else 0
    except ValueError:
        previous = 0
    if attempts < previous:
        record_event(
            session,
            "keyslots_tampered",
            table_name=PENDING_TABLE,
            detail=f"attempt counter went back from {previous} to {attempts}",
        )


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        raise UserError("not_found")
    return user


def _active_admins(session: Session) -> int:
    """Active administrators as the verified registry states them (not the plain columns)."""
    latest = verified_latest(session).values()
    return sum(1 for entry in latest if entry.role == Role.ADMIN.value and entry.active)


def flush_pending_events(session: Session, store: KeyStore) -> set[str]:
    """Audit the failed attempts noted in keyslots.json while the database was locked.

    Each keeps its own time; its id (as record_id) makes a repeated flush a no-op. Returns
    the ids now in the log: call `store.forget_pending(ids)` after the commit.
    """
    events = store.pending_events()
    if not events and not store.dropped_events:
        return set()
    ids = {event.id for event in events}
    done = set(
        session.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.table_name == PENDING_TABLE, AuditEntry.record_id.in_(ids)
            )
        )
    )
    names = {event.username for event in events if event.username}
    users = {u.username: u for u in session.scalars(select(User).where(User.username.in_(names)))}
    device = session.info["actor"].device
    rows = []
    for event in events:
        if event.id in done:
            continue
        user = users.get(event.username or "")
        rows.append(
            {
                "at": event.at,
                "user_id": user.id if user else None,
                "username": event.username,
                "role": user.role if user else None,
                "device": device,
                "action": event.action,
                "table_name": PENDING_TABLE,
                "record_id": event.id,
                "new_value": event.detail,
            }
        )
    if store.dropped_events:
        rows.append(
            {
                "at": session.info["clock"](),
                "device": device,
                "action": "failed_attempts_dropped",
                "table_name": PENDING_TABLE,
                "new_value": str(store.dropped_events),
            }
        )
    append_entries(session.connection(), rows)
    return ids


def idle_lock_minutes(factory: SessionFactory) -> int:
    """The site's idle auto-lock delay in minutes (setting `idle_lock_minutes`, default 5)."""
    with read_session(factory) as session:
        setting = session.get(Setting, "idle_lock_minutes")
        value = setting.value if setting is not None else ""
    try:
        minutes = int(value)
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES
    return minutes if 1 <= minutes <= MAX_IDLE_LOCK_MINUTES else DEFAULT_IDLE_LOCK_MINUTES


def record_lock(factory: SessionFactory, actor: Actor, clock: Clock = system_clock) -> None:
    """Audit that the screen was locked (idle timeout or by hand)."""
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, "lock")


def record_unlock(factory: SessionFactory, actor: Actor, clock: Clock = system_clock) -> None:
    """Audit an unlock by the same user (after verify_password), with any failed attempts."""
    store = None
    if isinstance(factory, KeyedSessionFactory):
        _paths, store = load_keystore(factory.data_dir)
    with unit_of_work(factory, actor, clock=clock) as session:
        flushed = flush_pending_events(session, store) if store is not None else set()
        record_event(session, "unlock")
    if store is not None and (flushed or store.dropped_events):
        with KeyStore.locked(store.path) as current:
            current.forget_pending(flushed)
            current.save()
