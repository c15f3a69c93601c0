"""The registry of users' public keys: signed entries, their verification, signing as a user."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.models import AuditEntry, Role, Setting, User, UserKeyEntry
from msc_desk.security.identity import UserKeys, fingerprint, verify_signature
from msc_desk.services.actor import Actor
from msc_desk.timekeeping import Clock

ENTRY_FORMAT = "msc-desk key registry v1"
RECOVERY_PUBLIC_SETTING = "recovery_public_key"
RECOVERY_FINGERPRINT_SETTING = "recovery_key_fingerprint"

# Entries with no countersignature: the workspace's first administrator, and a recovery with the
# printed code (the one audited way to give an account new keys without an administrator).
SELF_AUTHORIZED = frozenset({"workspace_created", "recovered"})
# Entries an administrator countersigns; "delegation_granted" is countersigned by an investigator;
# "password_changed" by the same user's previous entry (temporary keys included: that is how the
# user replaces a password an administrator chose).
ADMIN_ACTIONS = frozenset({"user_added", "password_reset", "deactivated", "role_changed"})
# Withdrawing a delegation: the investigator who grants it, or an administrator.
WITHDRAW_ACTIONS = frozenset({"delegation_withdrawn"})
INVESTIGATOR_ACTIONS = frozenset({"delegation_granted"})
OWN_ACTIONS = frozenset({"password_changed"})


@dataclass(frozen=True)
class KeyProblem:
    """One thing wrong with identities or signatures: a stable code and a readable detail."""

    code: str
    detail: str


class NoSigningKey(Exception):
    """The acting user holds no key that may sign (system, temporary password, read-only)."""


def entry_message(entry: UserKeyEntry) -> bytes:
    """The canonical bytes an entry's signatures cover."""
    fields = [
        ENTRY_FORMAT,
        entry.user_id,
        entry.sequence,
        entry.username,
        str(entry.role),
        bool(entry.can_randomize),
        bool(entry.active),
        bool(entry.temporary),
        entry.action,
        entry.encryption_public,
        entry.signing_public,
        entry.created_at.astimezone(UTC).isoformat(),
        entry.authority_entry_id,
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _b64(signature: bytes) -> str:
    return base64.b64encode(signature).decode("ascii")


def latest_entry(session: Session, user_id: int) -> UserKeyEntry | None:
    query = select(UserKeyEntry).where(UserKeyEntry.user_id == user_id)
    return session.scalars(query.order_by(UserKeyEntry.sequence.desc()).limit(1)).first()


def append_entry(
    session: Session,
    user: User,
    *,
    action: str,
    clock: Clock,
    new_keys: UserKeys | None = None,
    authority: Actor | UserKeys | None = None,
    authority_entry_id: int | None = None,
    role: Role | None = None,
    can_randomize: bool | None = None,
    active: bool | None = None,
    temporary: bool = False,
) -> UserKeyEntry:
    """Append the user's next state, signed by `new_keys` and countersigned by `authority`.

    Unspecified fields repeat the user's latest entry. `authority` is the acting user (their
    keys and entry) or, for a user replacing their own keys, their previous keys.

    Raises:
        NoSigningKey: the authority holds no key, or the entry needs new keys and has none.
    """
    previous = latest_entry(session, user.id)
    if new_keys is None and previous is None:
        raise NoSigningKey("a first registry entry needs the user's keys")
    if isinstance(authority, Actor):
        if authority.keys is None or authority.key_entry_id is None:
            raise NoSigningKey(f"{authority.username} holds no signing key")
        authority_keys: UserKeys | None = authority.keys
        authority_entry_id = authority.key_entry_id
    else:
        authority_keys = authority
    entry = UserKeyEntry(
        user_id=user.id,
        sequence=(previous.sequence + 1) if previous else 1,
        username=user.username,
        role=str(Role(role if role is not None else previous.role if previous else user.role)),
        can_randomize=_pick(can_randomize, previous, "can_randomize", user.can_randomize),
        active=_pick(active, previous, "active", user.active),
        temporary=temporary if new_keys is not None else bool(previous and previous.temporary),
        action=action,
        encryption_public=new_keys.encryption_public if new_keys else previous.encryption_public,  # type: ignore[union-attr]
        signing_public=new_keys.signing_public if new_keys else previous.signing_public,  # type: ignore[union-attr]
        created_at=clock(),
        authority_entry_id=authority_entry_id if authority_keys is not None else None,
    )
    message = entry_message(entry)
    entry.self_signature = _b64(new_keys.sign(message)) if new_keys else None
    entry.authority_signature = _b64(authority_keys.sign(message)) if authority_keys else None
    session.add(entry)
    session.flush()
    # The plain columns follow the registry, for lists and reports; decisions read the registry.
    user.role = Role(entry.role)
    user.can_randomize = entry.can_randomize
    user.active = entry.active
    session.flush()
    return entry


def _pick(value: bool | None, previous: UserKeyEntry | None, name: str, default: bool) -> bool:
    if value is not None:
        return value
    return bool(getattr(previous, name)) if previous is not None else default


def pin_recovery_key(session: Session, public_b64: str) -> str:
    """Record the recovery public key and its fingerprint in the database; returns the latter."""
    value = fingerprint(public_b64)
    session.add(Setting(key=RECOVERY_PUBLIC_SETTING, value=public_b64))
    session.add(Setting(key=RECOVERY_FINGERPRINT_SETTING, value=value))
    session.flush()
    return value


def pinned_recovery_key(session: Session) -> tuple[str | None, str | None]:
    """The recovery public key and fingerprint pinned in the database (None if missing)."""
    public = session.get(Setting, RECOVERY_PUBLIC_SETTING)
    pinned = session.get(Setting, RECOVERY_FINGERPRINT_SETTING)
    return (public.value if public else None), (pinned.value if pinned else None)


def active_recipients(session: Session) -> dict[str, str]:
    """{username: X25519 public key} of every user whose verified latest entry is active."""
    verified = verified_latest(session)
    return {entry.username: entry.encryption_public for entry in verified.values() if entry.active}


def verified_latest(session: Session) -> dict[int, UserKeyEntry]:
    """{user id: latest entry that verifies}; an entry that fails is ignored (and reported)."""
    entries = list(session.scalars(select(UserKeyEntry).order_by(UserKeyEntry.id)))
    return _check_entries(entries).latest


def valid_entry_ids(session: Session) -> set[int]:
    """The ids of the registry entries that verify: the only keys a signature may be made with."""
    entries = list(session.scalars(select(UserKeyEntry).order_by(UserKeyEntry.id)))
    return _check_entries(entries).valid


def verify_registry(session: Session) -> list[KeyProblem]:
    """Every problem with the key registry, as stable codes with a readable detail.

    Entries whose signatures or authority fail, plain user columns that differ from the
    registry, and a recovery key pinned inconsistently.
    """
    entries = list(session.scalars(select(UserKeyEntry).order_by(UserKeyEntry.id)))
    problems = list(_check_entries(entries).problems)
    latest: dict[int, UserKeyEntry] = {}
    for entry in entries:
        latest[entry.user_id] = entry
    for user in session.scalars(select(User).order_by(User.id)):
        current = latest.get(user.id)
        if current is None:
            problems.append(
                KeyProblem("user_not_registered", f"{user.username}: no registry entry")
            )
            continue
        stated = (str(Role(user.role)), bool(user.can_randomize), bool(user.active))
        registered = (current.role, bool(current.can_randomize), bool(current.active))
        if stated != registered or user.username != current.username:
            problems.append(
                KeyProblem(
                    "user_differs_from_registry",
                    f"{user.username}: role, delegation or status differ from the registry",
                )
            )
    public, pinned = pinned_recovery_key(session)
    if public is None or pinned is None or fingerprint(public) != pinned:
        problems.append(
            KeyProblem("recovery_key_pin", "the recovery key pinned in the database is not intact")
        )
    return problems


@dataclass(frozen=True)
class _Checked:
    problems: list[KeyProblem]
    latest: dict[int, UserKeyEntry]  # per user, the latest entry that verifies
    valid: set[int]


def _check_entries(entries: list[UserKeyEntry]) -> _Checked:
    """Each entry checked in order against the earlier entries that verified."""
    problems: list[KeyProblem] = []
    by_id: dict[int, UserKeyEntry] = {}
    latest: dict[int, UserKeyEntry] = {}
    last_sequence: dict[int, int] = {}
    for index, entry in enumerate(entries):
        if entry.sequence != last_sequence.get(entry.user_id, 0) + 1:
            why: str | None = "registry_sequence"
        else:
            why = _entry_fault(entry, index, by_id, latest)
        last_sequence[entry.user_id] = entry.sequence
        if why is not None:
            where = f"{entry.username}, entry {entry.sequence} ({entry.action})"
            problems.append(KeyProblem(why, where))
            continue
        by_id[entry.id] = entry
        latest[entry.user_id] = entry
    return _Checked(problems, latest, set(by_id))


def _entry_fault(
    entry: UserKeyEntry,
    index: int,
    by_id: dict[int, UserKeyEntry],
    latest: dict[int, UserKeyEntry],
) -> str | None:
    message = entry_message(entry)
    previous = latest.get(entry.user_id)
    new_keys = previous is None or (
        (entry.encryption_public, entry.signing_public)
        != (previous.encryption_public, previous.signing_public)
    )
    if new_keys and not _verifies(entry.signing_public, entry.self_signature, message):
        return "registry_self_signature"
    if (
        not new_keys
        and entry.self_signature is not None
        and not _verifies(entry.signing_public, entry.self_signature, message)
    ):
        return "registry_self_signature"
    if entry.authority_entry_id is None:
        if entry.action == "workspace_created" and index == 0:
            return None
        if entry.action == "recovered" and new_keys and not entry.temporary:
            return None
        return "registry_no_authority"
    authority = by_id.get(entry.authority_entry_id)
    if authority is None or latest.get(authority.user_id) is not authority:
        return "registry_stale_authority"
    if not _verifies(authority.signing_public, entry.authority_signature, message):
        return "registry_authority_signature"
    return _authority_fault(entry, authority, previous)


def _authority_fault(
    entry: UserKeyEntry, authority: UserKeyEntry, previous: UserKeyEntry | None
) -> str | None:
    if entry.action in OWN_ACTIONS:
        ok = previous is not None and authority is previous and not entry.temporary
    elif authority.temporary or not authority.active:
        ok = False
    elif entry.action in INVESTIGATOR_ACTIONS:
        ok = authority.role == Role.INVESTIGATOR.value and entry.role == Role.NURSE.value
    elif entry.action in ADMIN_ACTIONS:
        # An administrator never grants a delegation: that is the investigator's log.
        granted = entry.can_randomize and not (previous is not None and previous.can_randomize)
        ok = authority.role == Role.ADMIN.value and not granted
    elif entry.action in WITHDRAW_ACTIONS:
        ok = authority.role in (Role.ADMIN.value, Role.INVESTIGATOR.value)
    else:
        ok = False
    return None if ok else "registry_authority_role"


def _verifies(public_b64: str, signature_b64: str | None, message: bytes) -> bool:
    if not signature_b64:
        return False
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except ValueError:
        return False
    return verify_signature(public_b64, signature, message)


def superseded_at(session: Session) -> dict[int, int]:
    """{entry id: audit row id at which the user's next entry was recorded}.

    A key signs nothing after its entry is superseded: a head or an e-signature recorded after
    that point with the old key is reported, even though the old signature verifies.
    """
    positions: dict[str | None, int] = dict(
        session.execute(
            select(AuditEntry.record_id, func.min(AuditEntry.id))
            .where(AuditEntry.table_name == UserKeyEntry.__tablename__)
            .where(AuditEntry.action == "insert")
            .group_by(AuditEntry.record_id)
        ).all()
    )
    entries = list(session.scalars(select(UserKeyEntry).order_by(UserKeyEntry.id)))
    previous: dict[int, UserKeyEntry] = {}
    result: dict[int, int] = {}
    for entry in entries:
        earlier = previous.get(entry.user_id)
        position = positions.get(str(entry.id))
        if earlier is not None and position is not None:
            result[earlier.id] = position
        previous[entry.user_id] = entry
    return result


def identity_events(session: Session) -> list[UserKeyEntry]:
    """Every password reset and recovery: the audited ways one account could be used by another."""
    query = select(UserKeyEntry).where(UserKeyEntry.action.in_(("password_reset", "recovered")))
    return list(session.scalars(query.order_by(UserKeyEntry.id)))


def registry_size(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserKeyEntry)) or 0)


def sign_for_actor(actor: Actor, payload: bytes, *, purpose: str) -> tuple[int, bytes]:
    """The acting user's registry entry id and Ed25519 signature of `payload` under `purpose`.

    A verifier checks it with verify_for_entry. Randomization and e-signatures use this.

    Raises:
        NoSigningKey: the actor holds no key that may sign (system, temporary password).
    """
    if actor.keys is None or actor.key_entry_id is None:
        raise NoSigningKey(f"{actor.username} holds no signing key")
    return actor.key_entry_id, actor.keys.sign(signed_message(purpose, payload))


def signed_message(purpose: str, payload: bytes) -> bytes:
    return b"msc-desk signature v1\x00" + purpose.encode("utf-8") + b"\x00" + payload


def verify_for_entry(
    session: Session, entry_id: int, purpose: str, payload: bytes, signature: bytes
) -> bool:
    """Whether `signature` is by the key of registry entry `entry_id` (not a temporary one)."""
    entry = session.get(UserKeyEntry, entry_id)
    if entry is None or entry.temporary:
        return False
    return verify_signature(entry.signing_public, signature, signed_message(purpose, payload))
