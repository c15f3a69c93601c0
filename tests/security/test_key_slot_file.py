"""The key-slot file holds: attempts counted under a lock, counters survive edits, KDF in code."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from seeding import CHEAP_KDF, Staff, new_workspace

from msc_desk.models import AuditEntry, Role
from msc_desk.security import keyslots
from msc_desk.security.keyslots import KdfParams, slot_params
from msc_desk.security.keystore import KEYSLOTS_FILENAME, MAX_FAILURES, KeyStore
from msc_desk.services.session import read_session
from msc_desk.services.users import reset_user_password
from msc_desk.services.workspace import SetupResult, SignInError, sign_in

PASSWORD = "admin-password-1"


def _slots(data_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((data_dir / KEYSLOTS_FILENAME).read_text(encoding="utf-8"))
    return data


def _write(data_dir: Path, data: dict[str, Any]) -> None:
    (data_dir / KEYSLOTS_FILENAME).write_text(json.dumps(data), encoding="utf-8")


def test_parallel_wrong_passwords_are_counted_exactly(
    setup: SetupResult, data_dir: Path, fixed_clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup.workspace.close()
    evaluations = 0
    guard = threading.Lock()
    original = KeyStore.open_user

    def counted(self: KeyStore, username: str, password: str) -> Any:
        nonlocal evaluations
        with guard:
            evaluations += 1
        return original(self, username, password)

    monkeypatch.setattr(KeyStore, "open_user", counted)
    codes: list[str] = []
    start = threading.Barrier(12)

    def attempt() -> None:
        start.wait()
        try:
            sign_in(data_dir, "admin", "a-wrong-guess", clock=fixed_clock)
        except SignInError as exc:
            with guard:
                codes.append(exc.code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Five passwords were tried, no more; every other attempt was refused before Argon2 ran.
    assert evaluations == MAX_FAILURES
    assert len(codes) == 12 and set(codes) <= {"wrong_credentials", "locked_out"}
    data = _slots(data_dir)
    assert data["failures"]["user:admin"]["count"] == MAX_FAILURES
    assert len(data["pending_events"]) == 12  # each attempt kept for the audit


@pytest.mark.parametrize("edit", ["removed", "invalid", "negative"])
def test_an_edited_failure_counter_counts_as_five_failures_not_zero(
    setup: SetupResult, data_dir: Path, fixed_clock: Any, edit: str
) -> None:
    setup.workspace.close()
    data = _slots(data_dir)
    if edit == "removed":
        del data["failures"]["user:admin"]
    elif edit == "invalid":
        data["failures"]["user:admin"] = {"count": "none", "last": "yesterday"}
    else:
        data["failures"]["user:admin"] = {"count": -100, "last": None}
    _write(data_dir, data)
    with pytest.raises(SignInError) as caught:  # even the right password waits one delay
        sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    assert caught.value.code == "locked_out" and caught.value.retry_after_seconds == 30
    fixed_clock.now += timedelta(seconds=31)
    # ... but only one: the refusal is never permanent.
    workspace = sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    with read_session(workspace.factory) as session:
        refusals = session.query(AuditEntry).filter(AuditEntry.action == "login_failed").all()
        assert [row.new_value for row in refusals] == ["locked out"]
    workspace.close()


def test_a_weak_slot_in_the_file_does_not_make_the_next_write_weak(
    data_dir: Path, fixed_clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    code_cost = KdfParams(time_cost=2, memory_kib=16, parallelism=1)
    monkeypatch.setattr(keyslots, "_new_slot_kdf", code_cost)
    staff = [Staff("nurse", "Медсестра", Role.NURSE, "nurse-password")]
    result = new_workspace(data_dir, fixed_clock, staff, kdf=code_cost)
    result.workspace.close()
    data = _slots(data_dir)
    weak = {"algorithm": "argon2id", "version": 19, "time_cost": 1, "memory_kib": 8}
    data["kdf"] = weak | {"parallelism": 1}  # a cost the old format read from the file
    _write(data_dir, data)
    # An administrator re-wraps the admin slot at the cheapest cost (e.g. with an old copy).
    with KeyStore.locked(data_dir / KEYSLOTS_FILENAME) as store:
        opened = store.open_user("admin", "admin-password")
        store.set_user_keys("admin", opened.keys, "admin-password", params=CHEAP_KDF)
        store.save()
    admin = sign_in(data_dir, "admin", "admin-password", clock=fixed_clock)
    reset_user_password(admin.factory, admin.actor, data_dir, "nurse", "temporary-password")
    admin.close()
    written = _slots(data_dir)["users"]["nurse"]
    assert slot_params(written) == code_cost


def test_the_attempt_counter_going_back_is_audited_as_tampering(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock).close()
    old_copy = (data_dir / KEYSLOTS_FILENAME).read_bytes()
    for _ in range(3):
        with pytest.raises(SignInError):
            sign_in(data_dir, "admin", "wrong-guess", clock=fixed_clock)
    sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock).close()
    # The failures are erased by putting back the older copy (same key: nothing rotated since).
    (data_dir / KEYSLOTS_FILENAME).write_bytes(old_copy)
    workspace = sign_in(data_dir, "admin", PASSWORD, clock=fixed_clock)
    with read_session(workspace.factory) as session:
        tampered = session.query(AuditEntry).filter(AuditEntry.action == "keyslots_tampered")
        assert [row.new_value for row in tampered] == ["attempt counter went back from 5 to 2"]
    workspace.close()
