"""The sidecar keyslots.json: users' wrapped keys, the sealed database key, failure counters."""

# Format 2. "users": per user, both private keys (X25519, Ed25519) wrapped by Argon2id(password).
# "recovery": the recovery X25519 private key wrapped by Argon2id(recovery code). "sealed": per
# generation of the database key, one sealed box per recipient ("user:<name>", "recovery"); two
# generations live side by side only while a rotation is under way. "failures": one counter per
# slot, created with it; a missing or unreadable counter counts as MAX_FAILURES. "attempts": a
# counter that only grows, which the database records at each sign-in.

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from msc_desk.security.filelock import exclusive_lock
from msc_desk.security.files import atomic_write_bytes
from msc_desk.security.identity import UserKeys, encode_public
from msc_desk.security.keyslots import (
    DatabaseKey,
    KdfParams,
    KeySlotError,
    check_slot,
    normalize_recovery_code,
    normalize_secret,
    slot_params,
    unwrap_secret,
    wrap_secret,
)
from msc_desk.security.sealing import SealedBoxError, open_sealed, seal_to

KEYSLOTS_FILENAME = "keyslots.json"
LOCK_FILENAME = "keyslots.lock"
FORMAT_VERSION = 2
RECOVERY_SLOT = "recovery"
UNKNOWN_BUCKET = "unknown-user"
RECOVERY_BUCKET = "recovery"
DATABASE_KEY_CONTEXT = "database-key"

MAX_FAILURES = 5
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 15 * 60
MAX_PENDING_EVENTS = 500


class KeyStoreError(KeySlotError):
    """The key-slot file is missing, damaged or of an unknown format."""


def user_slot(username: str) -> str:
    return f"user:{username}"


def lockout_delay(failures: int) -> int:
    """Seconds to wait after `failures` consecutive failures: 0, then 30 s doubling up to 15 min."""
    if failures < MAX_FAILURES:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** min(failures - MAX_FAILURES, 16), MAX_DELAY_SECONDS)


@dataclass(frozen=True)
class PendingEvent:
    """A failed attempt noted while the database was locked, to be audited at the next sign-in."""

    id: str
    at: datetime
    action: str
    username: str | None
    detail: str | None


@dataclass(frozen=True)
class UserSlot:
    """What a user's password opened: their private keys, and whether an administrator chose it."""

    keys: UserKeys
    temporary: bool


class KeyStore:
    """keyslots.json beside the database; change it only inside `KeyStore.locked(path)`."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    @classmethod
    def create(cls, path: Path, *, demo: bool, now: datetime) -> KeyStore:
        data = {
            "format": FORMAT_VERSION,
            "workspace_id": str(uuid.uuid4()),
            "created_at": now.astimezone(UTC).isoformat(),
            "demo": demo,
            "users": {},
            "recovery": None,
            "recovery_public": None,
            "sealed": {},
            "failures": {UNKNOWN_BUCKET: {"count": 0, "last": None}},
            "attempts": 0,
            "pending_events": [],
            "dropped_events": 0,
        }
        return cls(path, data)

    @classmethod
    def load(cls, path: Path) -> KeyStore:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise KeyStoreError(f"{path.name} is missing: the database cannot be opened") from exc
        except (OSError, ValueError) as exc:
            raise KeyStoreError(f"{path.name} is damaged: restore it from a backup") from exc
        if isinstance(data, dict) and data.get("format") == 1:
            raise KeyStoreError(
                f"{path.name} belongs to a workspace of the first version, which this version "
                "does not open: create a new workspace"
            )
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise KeyStoreError(f"{path.name}: unknown key-slot format")
        store = cls(path, data)
        try:
            store._check()
        except (KeySlotError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KeyStoreError(f"{path.name} is damaged: restore it from a backup") from exc
        return store

    @classmethod
    @contextmanager
    def locked(cls, path: Path) -> Iterator[KeyStore]:
        """The store read under the OS lock on keyslots.lock; `save()` it before the block ends."""
        with exclusive_lock(path.with_name(LOCK_FILENAME)):
            yield cls.load(path)

    def _check(self) -> None:
        """Read every part once, so that damage shows here and not in the middle of a sign-in."""
        shapes = {"workspace_id": str, "users": dict, "sealed": dict, "pending_events": list}
        if any(not isinstance(self._data.get(name), kind) for name, kind in shapes.items()):
            raise KeyStoreError("malformed")
        for slot in self._data["users"].values():
            check_slot(slot)
        if self._data.get("recovery") is not None:
            check_slot(self._data["recovery"])
        for boxes in self._data["sealed"].values():
            if not isinstance(boxes, dict):
                raise KeyStoreError("malformed")
        self.pending_events()

    def save(self) -> None:
        text = json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, (text + "\n").encode("utf-8"))

    @property
    def workspace_id(self) -> str:
        return str(self._data["workspace_id"])

    @property
    def demo(self) -> bool:
        return bool(self._data.get("demo", False))

    # Users' slots ------------------------------------------------------------------------

    def has_user(self, username: str) -> bool:
        return username in self._data["users"]

    def set_user_keys(
        self,
        username: str,
        keys: UserKeys,
        password: str,
        *,
        params: KdfParams,
        temporary: bool = False,
    ) -> None:
        """Wrap `keys` for `username` with `password` (replacing any earlier slot and its count)."""
        name = user_slot(username)
        slot = wrap_secret(
            keys.private_bytes(),
            normalize_secret(password),
            workspace_id=self.workspace_id,
            slot_name=name,
            params=params,
        )
        slot["temporary"] = temporary
        self._data["users"][username] = slot
        self._data["failures"][name] = {"count": 0, "last": None}

    def open_user(self, username: str, password: str) -> UserSlot:
        """Raises WrongSecret or KeySlotError (unknown user or malformed slot)."""
        slot = self._data["users"].get(username)
        if not isinstance(slot, dict):
            raise KeySlotError("no such user slot")
        raw = unwrap_secret(
            slot,
            normalize_secret(password),
            workspace_id=self.workspace_id,
            slot_name=user_slot(username),
        )
        try:
            keys = UserKeys.from_private_bytes(raw)
        except ValueError as exc:
            raise KeySlotError("malformed key slot") from exc
        return UserSlot(keys, bool(slot.get("temporary", False)))

    def some_slot_params(self) -> KdfParams:
        """The parameters of an existing slot, to spend the same time on unknown usernames."""
        for slot in self._data["users"].values():
            return slot_params(slot)
        return slot_params(self._data["recovery"])

    # Recovery ----------------------------------------------------------------------------

    def set_recovery(
        self, private: X25519PrivateKey, recovery_code: str, *, params: KdfParams
    ) -> None:
        raw = private.private_bytes_raw()
        self._data["recovery"] = wrap_secret(
            raw,
            normalize_recovery_code(recovery_code),
            workspace_id=self.workspace_id,
            slot_name=RECOVERY_SLOT,
            params=params,
        )
        self._data["recovery_public"] = encode_public(private.public_key())
        self._data["failures"][RECOVERY_BUCKET] = {"count": 0, "last": None}

    @property
    def recovery_public(self) -> str | None:
        value = self._data.get("recovery_public")
        return value if isinstance(value, str) else None

    def open_recovery(self, recovery_code: str) -> X25519PrivateKey:
        slot = self._data.get("recovery")
        if not isinstance(slot, dict):
            raise KeySlotError("no recovery slot")
        raw = unwrap_secret(
            slot,
            normalize_recovery_code(recovery_code),
            workspace_id=self.workspace_id,
            slot_name=RECOVERY_SLOT,
        )
        try:
            return X25519PrivateKey.from_private_bytes(raw)
        except ValueError as exc:
            raise KeySlotError("malformed recovery slot") from exc

    # The sealed database key -------------------------------------------------------------

    def generations(self) -> list[int]:
        """The generations of the database key present, newest first."""
        return sorted((int(name) for name in self._data["sealed"]), reverse=True)

    def add_generation(self, key: DatabaseKey, recipients: Mapping[str, X25519PublicKey]) -> int:
        """Seal `key` to each recipient ("user:<name>" or "recovery") as a new generation."""
        generation = max(self.generations(), default=0) + 1
        self._data["sealed"][str(generation)] = {
            name: base64.b64encode(
                seal_to(public, key.reveal(), context=DATABASE_KEY_CONTEXT)
            ).decode("ascii")
            for name, public in recipients.items()
        }
        return generation

    def add_recipient(self, recipient: str, key: DatabaseKey, public: X25519PublicKey) -> None:
        """Seal the current database key (the newest generation's) to one more recipient."""
        generation = str(max(self.generations(), default=1))
        box = seal_to(public, key.reveal(), context=DATABASE_KEY_CONTEXT)
        boxes = self._data["sealed"].setdefault(generation, {})
        boxes[recipient] = base64.b64encode(box).decode("ascii")

    def keep_only_generation(self, generation: int) -> None:
        self._data["sealed"] = {
            name: boxes for name, boxes in self._data["sealed"].items() if int(name) == generation
        }

    def recipients(self, generation: int) -> set[str]:
        """Who `generation` of the database key is sealed to ("user:<name>", "recovery")."""
        return set(self._data["sealed"].get(str(generation), {}))

    def drop_generations_before(self, generation: int) -> None:
        self._data["sealed"] = {
            name: boxes for name, boxes in self._data["sealed"].items() if int(name) >= generation
        }

    def unseal(self, recipient: str, private: X25519PrivateKey) -> list[tuple[int, DatabaseKey]]:
        """Every generation of the database key sealed to `recipient` that `private` opens."""
        keys = []
        for generation in self.generations():
            box = self._data["sealed"][str(generation)].get(recipient)
            if not isinstance(box, str):
                continue
            try:
                raw = open_sealed(
                    private, base64.b64decode(box, validate=True), context=DATABASE_KEY_CONTEXT
                )
                keys.append((generation, DatabaseKey(raw)))
            except (SealedBoxError, ValueError):
                continue
        return keys

    # Failed attempts ---------------------------------------------------------------------

    @property
    def attempts(self) -> int:
        """Every attempt ever counted in this file; the database remembers the last value seen."""
        value = self._data.get("attempts")
        return value if isinstance(value, int) and value >= 0 else 0

    def _failures(self, bucket: str) -> tuple[int, datetime | None] | None:
        entry = self._data["failures"].get(bucket)
        try:
            count = entry["count"]
            last = None if entry["last"] is None else datetime.fromisoformat(entry["last"])
        except (TypeError, KeyError, ValueError):
            return None
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            return None
        if last is not None and last.utcoffset() is None:
            return None
        return count, last

    def failure_count(self, bucket: str) -> int:
        """The consecutive failures of `bucket`; a missing or unreadable counter counts as 5."""
        failures = self._failures(bucket)
        return MAX_FAILURES if failures is None else failures[0]

    def lockout_remaining(self, bucket: str, now: datetime) -> int:
        """Whole seconds until `bucket` may try again (0: not locked out)."""
        failures = self._failures(bucket)
        if failures is None:
            return lockout_delay(MAX_FAILURES)
        count, last = failures
        delay = lockout_delay(count)
        if not delay or last is None:
            return delay
        until = last + timedelta(seconds=delay)
        # A clock set backwards must not stretch the wait beyond the delay itself.
        remaining = min((until - now).total_seconds(), delay)
        return max(0, int(remaining + 0.999))

    def begin_attempt(self, bucket: str, now: datetime) -> int:
        """Count an attempt before the password is derived; returns the wait (0: go ahead).

        A missing or damaged counter is written back as MAX_FAILURES failures as of now: one
        delay, after which attempts go on as usual.
        """
        stamp = now.astimezone(UTC).isoformat()
        if self._failures(bucket) is None:
            self._data["failures"][bucket] = {"count": MAX_FAILURES, "last": stamp}
            return lockout_delay(MAX_FAILURES)
        remaining = self.lockout_remaining(bucket, now)
        if remaining:
            return remaining
        self._data["failures"][bucket] = {"count": self.failure_count(bucket) + 1, "last": stamp}
        self._data["attempts"] = self.attempts + 1
        return 0

    def clear_failures(self, bucket: str) -> None:
        self._data["failures"][bucket] = {"count": 0, "last": None}

    # Pending audit events ----------------------------------------------------------------

    def add_pending(
        self, now: datetime, action: str, username: str | None, detail: str | None
    ) -> None:
        events = self._data["pending_events"]
        events.append(
            {
                "id": str(uuid.uuid4()),
                "at": now.astimezone(UTC).isoformat(),
                "action": action,
                "username": username,
                "detail": detail,
            }
        )
        if len(events) > MAX_PENDING_EVENTS:
            overflow = len(events) - MAX_PENDING_EVENTS
            del events[:overflow]
            self._data["dropped_events"] = int(self._data.get("dropped_events", 0)) + overflow

    def pending_events(self) -> list[PendingEvent]:
        return [
            PendingEvent(
                id=str(event["id"]),
                at=datetime.fromisoformat(event["at"]),
                action=str(event["action"]),
                username=event.get("username"),
                detail=event.get("detail"),
            )
            for event in self._data["pending_events"]
        ]

    @property
    def dropped_events(self) -> int:
        return int(self._data.get("dropped_events", 0))

    def forget_pending(self, ids: set[str]) -> None:
        """Drop events now in the audit log (and the overflow count, reported with them)."""
        events = self._data["pending_events"]
        self._data["pending_events"] = [event for event in events if event["id"] not in ids]
        self._data["dropped_events"] = 0
