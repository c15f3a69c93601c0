"""Opening a key slot with a password or recovery code: lockout, and failures kept for the audit."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import NoReturn

from msc_desk.security.keyslots import DatabaseKey, SlotRetired, WrongSecret, burn_kdf
from msc_desk.security.keystore import RECOVERY_BUCKET, UNKNOWN_BUCKET, KeyStore, user_slot

WRONG_CREDENTIALS = "wrong_credentials"
LOCKED_OUT = "locked_out"
INACTIVE_USER = "inactive_user"

_MESSAGES = {
    WRONG_CREDENTIALS: "wrong username or password",
    LOCKED_OUT: "too many failed attempts: wait before trying again",
    INACTIVE_USER: "this account has been deactivated",
}


class SignInError(Exception):
    """A sign-in (or password check) refused; `code` says why, never which of name or password.

    Attributes:
        code: "wrong_credentials", "locked_out" or "inactive_user".
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


def open_with_password(
    store: KeyStore, username: str, password: str, now: datetime, *, purpose: str = "login"
) -> DatabaseKey:
    """The database key from `username`'s slot; a failure is counted and kept for the audit.

    Args:
        store: the workspace's key slots (saved here when a failure is counted).
        username: as typed; matched normalized (see normalize_username).
        password: as typed.
        now: the current instant, for the lockout.
        purpose: "login", "password_check" or "password_change"; a failure is audited as
            "<purpose>_failed".

    Raises:
        SignInError: wrong credentials (unknown name and wrong password alike), a lockout, or
            the right password of a deactivated user.
    """
    name = normalize_username(username)
    known = store.has_user(name)
    bucket = user_slot(name) if known else UNKNOWN_BUCKET
    # Only an existing username is kept: a password typed into the name field must not be.
    audited_name = name if known else None
    action = f"{purpose}_failed"
    remaining = store.lockout_remaining(bucket, now)
    if remaining:
        store.add_pending(now, action, audited_name, "locked out")
        store.save()
        raise SignInError(LOCKED_OUT, remaining)
    try:
        if not known:
            burn_kdf(store.some_slot_params())
            raise WrongSecret("unknown username")
        key = store.open_user(name, password)
    except WrongSecret:
        _fail(
            store, bucket, now, action, audited_name, "wrong password" if known else "unknown user"
        )
    except SlotRetired:
        store.clear_failures(bucket)
        store.add_pending(now, "login_refused", name, "inactive user")
        store.save()
        raise SignInError(INACTIVE_USER) from None
    if store.clear_failures(bucket):
        store.save()
    return key


def open_with_recovery_code(store: KeyStore, recovery_code: str, now: datetime) -> DatabaseKey:
    """The database key from the recovery slot, under the same lockout rules as passwords.

    Raises:
        SignInError: a wrong code ("wrong_credentials") or a lockout.
    """
    remaining = store.lockout_remaining(RECOVERY_BUCKET, now)
    if remaining:
        store.add_pending(now, "recovery_failed", None, "locked out")
        store.save()
        raise SignInError(LOCKED_OUT, remaining)
    try:
        key = store.open_recovery(recovery_code)
    except (WrongSecret, SlotRetired):
        _fail(store, RECOVERY_BUCKET, now, "recovery_failed", None, "wrong recovery code")
    if store.clear_failures(RECOVERY_BUCKET):
        store.save()
    return key


def _fail(
    store: KeyStore, bucket: str, now: datetime, action: str, username: str | None, detail: str
) -> NoReturn:
    store.record_failure(bucket, now)
    store.add_pending(now, action, username, detail)
    store.save()
    remaining = store.lockout_remaining(bucket, now)
    if remaining:
        raise SignInError(LOCKED_OUT, remaining) from None
    raise SignInError(WRONG_CREDENTIALS) from None
