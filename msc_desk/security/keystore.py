"""The sidecar file keyslots.json: key slots, failed-attempt counters, pending audit events."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from msc_desk.security.files import atomic_write_bytes
from msc_desk.security.keyslots import (
    DatabaseKey,
    KdfParams,
    KeySlotError,
    check_slot,
    normalize_recovery_code,
    normalize_secret,
    retire_slot,
    slot_params,
    unwrap_key,
    wrap_key,
)

KEYSLOTS_FILENAME = "keyslots.json"
FORMAT_VERSION = 1
RECOVERY_SLOT = "recovery"
UNKNOWN_BUCKET = "unknown-user"
RECOVERY_BUCKET = "recovery"

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


class KeyStore:
    """keyslots.json beside the database; load, change, then `save()` (atomic)."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    @classmethod
    def create(cls, path: Path, *, kdf: KdfParams, demo: bool, now: datetime) -> KeyStore:
        data = {
            "format": FORMAT_VERSION,
            "workspace_id": str(uuid.uuid4()),
            "created_at": now.astimezone(UTC).isoformat(),
            "demo": demo,
            "kdf": asdict(kdf),
            "slots": {},
            "failures": {},
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
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise KeyStoreError(f"{path.name}: unknown key-slot format")
        store = cls(path, data)
        try:
            store._check()
        except (KeySlotError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KeyStoreError(f"{path.name} is damaged: restore it from a backup") from exc
        return store

    def _check(self) -> None:
        """Read every part once, so that damage shows here and not in the middle of a sign-in."""
        shapes = {"workspace_id": str, "slots": dict, "failures": dict, "pending_events": list}
        if any(not isinstance(self._data.get(name), kind) for name, kind in shapes.items()):
            raise KeyStoreError("malformed")
        for slot in self._data["slots"].values():
            check_slot(slot)
        KdfParams(**self._data["kdf"])
        self.pending_events()
        epoch = datetime.fromtimestamp(0, UTC)
        for bucket in self._data["failures"]:
            self.lockout_remaining(bucket, epoch)

    def save(self) -> None:
        text = json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, (text + "\n").encode("utf-8"))

    @property
    def workspace_id(self) -> str:
        return str(self._data["workspace_id"])

    @property
    def demo(self) -> bool:
        return bool(self._data.get("demo", False))

    @property
    def kdf(self) -> KdfParams:
        """The Argon2id parameters for new slots (chosen when the workspace was created)."""
        return KdfParams(**self._data["kdf"])

    # Slots -------------------------------------------------------------------------------

    def has_user(self, username: str) -> bool:
        return user_slot(username) in self._data["slots"]

    def set_user_key(self, username: str, key: DatabaseKey, password: str) -> None:
        """Wrap `key` for `username` with `password`, replacing any earlier slot of that user."""
        self._wrap(user_slot(username), key, normalize_secret(password))

    def set_recovery_key(self, key: DatabaseKey, recovery_code: str) -> None:
        self._wrap(RECOVERY_SLOT, key, normalize_recovery_code(recovery_code))

    def open_user(self, username: str, password: str) -> DatabaseKey:
        """Raises WrongSecret, SlotRetired or KeySlotError (unknown user: KeySlotError)."""
        return self._unwrap(user_slot(username), normalize_secret(password))

    def open_recovery(self, recovery_code: str) -> DatabaseKey:
        return self._unwrap(RECOVERY_SLOT, normalize_recovery_code(recovery_code))

    def retire_user(self, username: str) -> None:
        """Remove the wrapped key of a deactivated user (their password then opens nothing)."""
        name = user_slot(username)
        if name in self._data["slots"]:
            self._data["slots"][name] = retire_slot(self._data["slots"][name])

    def some_slot_params(self) -> KdfParams:
        """The parameters of an existing slot, to spend the same time on unknown usernames."""
        for slot in self._data["slots"].values():
            return slot_params(slot)
        return self.kdf

    def _wrap(self, name: str, key: DatabaseKey, secret: bytes) -> None:
        self._data["slots"][name] = wrap_key(
            key, secret, workspace_id=self.workspace_id, slot_name=name, params=self.kdf
        )

    def _unwrap(self, name: str, secret: bytes) -> DatabaseKey:
        slot = self._data["slots"].get(name)
        if not isinstance(slot, dict):
            raise KeySlotError(f"no key slot {name!r}")
        return unwrap_key(slot, secret, workspace_id=self.workspace_id, slot_name=name)

    # Failed attempts ---------------------------------------------------------------------

    def lockout_remaining(self, bucket: str, now: datetime) -> int:
        """Whole seconds until `bucket` may try again (0: not locked out)."""
        entry = self._data["failures"].get(bucket)
        if not entry:
            return 0
        delay = lockout_delay(int(entry["count"]))
        until = datetime.fromisoformat(entry["last"]) + timedelta(seconds=delay)
        # A clock set backwards must not stretch the wait beyond the delay itself.
        remaining = min((until - now).total_seconds(), delay)
        return max(0, int(remaining + 0.999))

    def record_failure(self, bucket: str, now: datetime) -> None:
        entry = self._data["failures"].get(bucket) or {"count": 0}
        self._data["failures"][bucket] = {
            "count": int(entry["count"]) + 1,
            "last": now.astimezone(UTC).isoformat(),
        }

    def clear_failures(self, bucket: str) -> bool:
        """Forget the failures of `bucket`; True if there were any (the file then needs saving)."""
        return self._data["failures"].pop(bucket, None) is not None

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
