"""Opening a key slot with a password or recovery code: counted first, under the file's OS lock."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from msc_desk.security.keyslots import KeySlotError, WrongSecret, burn_kdf
from msc_desk.security.keystore import (
    RECOVERY_BUCKET,
    UNKNOWN_BUCKET,
    KeyStore,
    UserSlot,
    user_slot,
)

WRONG_CREDENTIALS = "wrong_credentials"
LOCKED_OUT = "locked_out"
INACTIVE_USER = "inactive_user"
KEY_MISMATCH = "key_mismatch"

_MESSAGES = {
    WRONG_CREDENTIALS: "wrong username or password",
    LOCKED_OUT: "too many failed attempts: wait before trying again",
    INACTIVE_USER: "this account has been deactivated",
    KEY_MISMATCH: "this account's key slot does not match the key registry: see the administrator",
}


class SignInError(Exception):
    """A sign-in (or password check) refused; `code` says why, never which of name or password.

    Attributes:
        code: "wrong_credentials", "locked_out", "inactive_user" or "key_mismatch" (the slot's
            keys are not the ones the registry holds for that user: the file was altered).
        retry_after_seconds: for "locked_out", the wait before the next attempt.
    """

    def __init__(self, code: str, retry_after_seconds: int | None = None) -> None:
        message = _MESSAGES.get(code, code)
        if retry_after_seconds:
            message = f"{message} ({retry_after_seconds} s)"
        super().__init__(message)
        self.code = code
        self.retry_after_seconds = retry_after_seconds


def normalize_username(username: str) -> str:
    """Usernames are matched trimmed, NFC-normalized and case-insensitively."""
    return unicodedata.normalize("NFC", username).strip().casefold()


def _count_attempt(
    path: Path, bucket_of: str | None, now: datetime, action: str, username: str | None
) -> str:
    """Count one attempt under the lock, before any key derivation; returns the bucket.

    Raises:
        SignInError: "locked_out" (the refusal is kept for the audit).
    """
    with KeyStore.locked(path) as store:
        bucket = bucket_of if bucket_of is not None else UNKNOWN_BUCKET
        if bucket_of is not None and bucket_of.startswith("user:"):
            name = bucket_of.removeprefix("user:")
            bucket = bucket_of if store.has_user(name) else UNKNOWN_BUCKET
        remaining = store.begin_attempt(bucket, now)
        if remaining:
            store.add_pending(
                now, action, username if bucket != UNKNOWN_BUCKET else None, "locked out"
            )
        store.save()
    if remaining:
        raise SignInError(LOCKED_OUT, remaining)
    return bucket


def open_with_password(
    path: Path, username: str, password: str, now: datetime, *, purpose: str = "login"
) -> tuple[KeyStore, UserSlot]:
    """The user's private keys from their slot; the attempt is counted before Argon2 runs.

    Args:
        path: the workspace's keyslots.json.
        username: as typed; matched normalized (see normalize_username).
        password: as typed.
        now: the current instant, for the lockout.
        purpose: "login", "password_check" or "password_change"; a failure is audited as
            "<purpose>_failed".

    Returns:
        The store as saved after the success, and what the slot held.

    Raises:
        SignInError: wrong credentials (unknown name and wrong password alike) or a lockout.
    """
    name = normalize_username(username)
    action = f"{purpose}_failed"
    bucket = _count_attempt(path, user_slot(name), now, action, name)
    known = bucket != UNKNOWN_BUCKET
    # Only an existing username is kept: a password typed into the name field must not be.
    audited_name = name if known else None
    store = KeyStore.load(path)
    try:
        if not known:
            burn_kdf(store.some_slot_params())
            raise WrongSecret("unknown username")
        opened = store.open_user(name, password)
    except (WrongSecret, KeySlotError):
        detail = "wrong password" if known else "unknown user"
        _fail(path, bucket, now, action, audited_name, detail)
    with KeyStore.locked(path) as store:
        store.clear_failures(bucket)
        store.save()
    return store, opened


def open_with_recovery_code(
    path: Path, recovery_code: str, now: datetime
) -> tuple[KeyStore, X25519PrivateKey]:
    """The recovery private key, under the same counting and lockout rules as passwords.

    Raises:
        SignInError: a wrong code ("wrong_credentials") or a lockout.
    """
    _count_attempt(path, RECOVERY_BUCKET, now, "recovery_failed", None)
    store = KeyStore.load(path)
    try:
        private = store.open_recovery(recovery_code)
    except (WrongSecret, KeySlotError):
        _fail(path, RECOVERY_BUCKET, now, "recovery_failed", None, "wrong recovery code")
    with KeyStore.locked(path) as store:
        store.clear_failures(RECOVERY_BUCKET)
        store.save()
    return store, private


def _fail(
    path: Path, bucket: str, now: datetime, action: str, username: str | None, detail: str
) -> NoReturn:
    with KeyStore.locked(path) as store:
        store.add_pending(now, action, username, detail)
        store.save()
    remaining = store.lockout_remaining(bucket, now)
    if remaining:
        raise SignInError(LOCKED_OUT, remaining) from None
    raise SignInError(WRONG_CREDENTIALS) from None
