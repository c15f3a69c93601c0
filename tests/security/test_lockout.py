"""Failed attempts: a doubling lockout, kept beside the locked database, audited at next sign-in."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from msc_desk.security.keystore import KEYSLOTS_FILENAME, lockout_delay
from msc_desk.services.audit_review import audit_entries
from msc_desk.services.session import read_session
from msc_desk.services.workspace import SetupResult, SignInError, sign_in, verify_password


def _refused(data_dir: Path, username: str, password: str, clock: Any) -> SignInError:
    with pytest.raises(SignInError) as caught:
        sign_in(data_dir, username, password, clock=clock)
    return caught.value


def test_the_delay_doubles_from_30_seconds_up_to_15_minutes() -> None:
    delays = [lockout_delay(failures) for failures in range(12)]
    assert delays == [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]
    assert lockout_delay(10_000) == 900


def test_five_failures_lock_the_account_until_the_delay_has_passed(
    setup: SetupResult, data_dir: Path, admin_password: str, fixed_clock: Any
) -> None:
    setup.workspace.close()
    for _ in range(4):
        assert (
            _refused(data_dir, "admin", "wrong-password", fixed_clock).code == "wrong_credentials"
        )
    fifth = _refused(data_dir, "admin", "wrong-password", fixed_clock)
    assert (fifth.code, fifth.retry_after_seconds) == ("locked_out", 30)
    # Even the right password is not tried during the lockout.
    assert _refused(data_dir, "admin", admin_password, fixed_clock).code == "locked_out"
    fixed_clock.now += timedelta(seconds=29)
    assert _refused(data_dir, "admin", admin_password, fixed_clock).retry_after_seconds == 1
    fixed_clock.now += timedelta(seconds=1)
    sign_in(data_dir, "admin", admin_password, clock=fixed_clock).close()
    # Success forgets the failures: one more mistake is just a mistake.
    assert _refused(data_dir, "admin", "wrong-password", fixed_clock).code == "wrong_credentials"


def test_each_further_failure_doubles_the_wait(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    for _ in range(4):
        _refused(data_dir, "admin", "wrong-password", fixed_clock)
    waits = []
    for _ in range(7):
        error = _refused(data_dir, "admin", "wrong-password", fixed_clock)
        assert error.code == "locked_out"
        assert error.retry_after_seconds is not None
        waits.append(error.retry_after_seconds)
        fixed_clock.now += timedelta(seconds=error.retry_after_seconds)
    assert waits == [30, 60, 120, 240, 480, 900, 900]


def test_a_clock_set_back_does_not_stretch_the_lockout(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    for _ in range(5):
        _refused(data_dir, "admin", "wrong-password", fixed_clock)
    fixed_clock.now -= timedelta(days=365)
    assert _refused(data_dir, "admin", "wrong-password", fixed_clock).retry_after_seconds == 30


def test_an_unknown_username_answers_like_a_wrong_password(
    setup: SetupResult, data_dir: Path, fixed_clock: Any
) -> None:
    setup.workspace.close()
    known = [_refused(data_dir, "admin", "wrong-password", fixed_clock) for _ in range(5)]
    unknown = [_refused(data_dir, "nobody", "wrong-password", fixed_clock) for _ in range(5)]
    assert [(e.code, e.retry_after_seconds, str(e)) for e in known] == [
        (e.code, e.retry_after_seconds, str(e)) for e in unknown
    ]


def test_failures_are_audited_at_the_next_sign_in_without_typed_secrets(
    setup: SetupResult, data_dir: Path, admin_password: str, fixed_clock: Any
) -> None:
    setup.workspace.close()
    first = fixed_clock.now
    _refused(data_dir, "ADMIN ", "wrong-password", fixed_clock)
    fixed_clock.now += timedelta(minutes=1)
    _refused(data_dir, "my-Secret-Passw0rd", "oops", fixed_clock)  # password typed as the name
    assert not verify_password(data_dir, "admin", "wrong-again", clock=fixed_clock)
    sidecar = (data_dir / KEYSLOTS_FILENAME).read_text(encoding="utf-8")
    assert "my-Secret-Passw0rd".casefold() not in sidecar.casefold()
    assert "wrong-password" not in sidecar

    fixed_clock.now += timedelta(minutes=1)
    workspace = sign_in(data_dir, "admin", admin_password, clock=fixed_clock)
    with read_session(workspace.factory) as session:
        failed = [row for row in audit_entries(session) if row.action.endswith("_failed")]
        logins = [row for row in audit_entries(session) if row.action == "login"]
    assert [(row.action, row.username, row.at, row.new_value) for row in failed] == [
        ("login_failed", "admin", first, "wrong password"),
        ("login_failed", None, first + timedelta(minutes=1), "unknown user"),
        ("password_check_failed", "admin", first + timedelta(minutes=1), "wrong password"),
    ]
    assert failed[0].role == "admin" and failed[0].device == workspace.actor.device
    assert logins[-1].at == first + timedelta(minutes=2)
    assert '"pending_events": []' in (data_dir / KEYSLOTS_FILENAME).read_text(encoding="utf-8")
    workspace.close()

    # A second sign-in does not audit the same failures again.
    again = sign_in(data_dir, "admin", admin_password, clock=fixed_clock)
    with read_session(again.factory) as session:
        assert len([row for row in audit_entries(session) if row.action.endswith("_failed")]) == 3
    again.close()


def test_password_checks_count_towards_the_lockout(
    setup: SetupResult, data_dir: Path, admin_password: str, fixed_clock: Any
) -> None:
    for _ in range(4):
        assert verify_password(data_dir, "admin", "wrong", fixed_clock) is False
    with pytest.raises(SignInError) as caught:
        verify_password(data_dir, "admin", "wrong", fixed_clock)
    assert caught.value.code == "locked_out"
    with pytest.raises(SignInError):
        verify_password(data_dir, "admin", admin_password, fixed_clock)
    fixed_clock.now += timedelta(seconds=30)
    assert verify_password(data_dir, "admin", admin_password, fixed_clock) is True
