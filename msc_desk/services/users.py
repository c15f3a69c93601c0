"""User accounts with their key slots, managed by the administrator; lock and unlock events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry, Role, Setting, User
from msc_desk.models.database import SessionFactory
from msc_desk.security.keyed_factory import KeyedSessionFactory, database_key
from msc_desk.security.keystore import KeyStore, user_slot
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
from msc_desk.services.audit import append_entries, record_event
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

PENDING_TABLE = "keyslots"
DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_IDLE_LOCK_MINUTES = 240


class UserError(InputRefused):
    """A user-management request refused; `code` says why.

    Attributes:
        code: "username_taken", "not_found", "full_name_required", "reason_required",
            "cannot_deactivate_self", "already_inactive", "last_admin" or "not_a_nurse".
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
    """Create an account and its key slot (the open workspace's key, wrapped for `password`).

    Raises:
        PermissionDenied: the actor is not an administrator (the denial is audited).
        PolicyError: the username or password breaks the rules.
        UserError: "username_taken", "full_name_required" or "not_a_nurse" (only nurses are
            delegated randomization; investigators randomize by role).
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
    key = database_key(factory, data_dir)
    _paths, store = load_keystore(data_dir)
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
        store.set_user_key(name, key, password)
        store.save()  # before commit: if the slot cannot be written, the user is not created
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
    """Give an active user a new password (a new slot for the same key; data not re-encrypted).

    Raises:
        PermissionDenied, PolicyError, UserError ("not_found", "already_inactive").
    """
    authorize(factory, actor, Action.MANAGE_USERS, clock)
    password_text(new_password)
    name = check_username(username)
    check_password(new_password, name)
    key = database_key(factory, data_dir)
    _paths, store = load_keystore(data_dir)
    with unit_of_work(factory, actor, clock=clock) as session:
        user = _user(session, name)
        if not user.active:
            raise UserError("already_inactive")
        record_event(session, "password_reset", table_name="user_account", record_id=str(user.id))
        store.set_user_key(name, key, new_password)
        store.clear_failures(user_slot(name))
        store.save()


def deactivate_user(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    username: str,
    reason: str,
    *,
    clock: Clock = system_clock,
) -> None:
    """Deactivate an account: it can no longer sign in, and its slot no longer holds the key.

    Raises:
        PermissionDenied, UserError ("reason_required", "not_found", "cannot_deactivate_self",
            "already_inactive", "last_admin").
    """
    authorize(factory, actor, Action.MANAGE_USERS, clock)
    reason = reason_text(reason)
    if not reason.strip():
        raise UserError("reason_required")
    name = check_username(username)
    _paths, store = load_keystore(data_dir)
    with unit_of_work(factory, actor, reason=reason.strip(), clock=clock) as session:
        user = _user(session, name)
        if user.id == actor.user_id:
            raise UserError("cannot_deactivate_self")
        if not user.active:
            raise UserError("already_inactive")
        if user.role == Role.ADMIN and _active_admins(session) <= 1:
            raise UserError("last_admin")
        user.active = False
        session.flush()
        store.retire_user(name)
        store.save()


def set_randomization_delegation(
    factory: SessionFactory,
    actor: Actor,
    username: str,
    can_randomize: bool,
    *,
    reason: str,
    clock: Clock = system_clock,
) -> None:
    """Delegate (or withdraw) randomization to a nurse; effective at the nurse's next sign-in.

    Raises:
        PermissionDenied, UserError ("reason_required", "not_found", "not_a_nurse").
    """
    authorize(factory, actor, Action.MANAGE_USERS, clock)
    reason = reason_text(reason)
    can_randomize = delegation_flag(can_randomize)
    if not reason.strip():
        raise UserError("reason_required")
    name = check_username(username)
    with unit_of_work(factory, actor, reason=reason.strip(), clock=clock) as session:
        user = _user(session, name)
        if user.role != Role.NURSE:
            raise UserError("not_a_nurse")
        user.can_randomize = can_randomize


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        raise UserError("not_found")
    return user


def _active_admins(session: Session) -> int:
    query = select(func.count()).where(User.role == Role.ADMIN.value, User.active.is_(True))
    return int(session.scalar(query) or 0)


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
        store.forget_pending(flushed)
        store.save()
