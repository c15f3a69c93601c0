"""User management: administrators only; each user a key slot; deactivation removes the key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from seeding import choose_own_password, new_workspace

from msc_desk.models import Role
from msc_desk.security.keyed_factory import NoDatabaseKey
from msc_desk.security.keystore import KEYSLOTS_FILENAME, KeyStore
from msc_desk.security.policy import PolicyError
from msc_desk.services.audit_review import audit_entries
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.registry import verify_registry
from msc_desk.services.session import audited_session_factory, read_session
from msc_desk.services.users import (
    UserError,
    add_user,
    deactivate_user,
    list_users,
    reset_user_password,
    set_randomization_delegation,
)
from msc_desk.services.workspace import OpenWorkspace, SignInError, sign_in
from msc_desk.timekeeping import system_clock


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def admin(data_dir: Path, fixed_clock: Any) -> Iterator[OpenWorkspace]:
    result = new_workspace(data_dir, fixed_clock)
    yield result.workspace
    result.workspace.close()


def _add(admin: OpenWorkspace, username: str, role: Role, **extra: Any) -> None:
    add_user(
        admin.factory,
        admin.actor,
        admin.data_dir,
        username,
        username.title(),
        role,
        f"{username}-password",
        **extra,
    )


def test_an_added_user_signs_in_with_their_own_password(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    info = add_user(
        admin.factory,
        admin.actor,
        data_dir,
        " Petrova ",
        "Петрова Мария",
        Role.NURSE,
        "petrova-password",
        clock=fixed_clock,
    )
    assert (info.username, info.role, info.can_randomize, info.active) == (
        "petrova",
        Role.NURSE,
        False,
        True,
    )
    nurse = sign_in(data_dir, "petrova", "petrova-password", clock=fixed_clock)
    assert nurse.actor.role is Role.NURSE and not nurse.actor.can_randomize
    # The administrator chose that password: the keys it opens sign nothing.
    assert nurse.must_change_password and nurse.notices == ("first_sign_in",)
    assert nurse.actor.keys is None
    nurse.close()
    choose_own_password(data_dir, "petrova", "petrova-password-2", fixed_clock, "petrova-password")
    nurse = sign_in(data_dir, "petrova", "petrova-password-2", clock=fixed_clock)
    assert not nurse.must_change_password and nurse.actor.keys is not None
    nurse.close()
    slots = json.loads((data_dir / KEYSLOTS_FILENAME).read_text(encoding="utf-8"))["users"]
    assert set(slots) == {"admin", "petrova"}
    assert [u.username for u in list_users(admin.factory)] == ["admin", "petrova"]


@pytest.mark.parametrize("role", [Role.INVESTIGATOR, Role.NURSE, Role.MONITOR])
def test_only_an_administrator_manages_users_and_a_denial_is_audited(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any, role: Role
) -> None:
    _add(admin, "staff", role)
    staff = sign_in(data_dir, "staff", "staff-password", clock=fixed_clock)
    with pytest.raises(PermissionDenied):
        _add(staff, "intruder", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        reset_user_password(staff.factory, staff.actor, data_dir, "admin", "taken-over-1")
    with pytest.raises(PermissionDenied):
        deactivate_user(staff.factory, staff.actor, data_dir, "admin", "coup")
    with read_session(staff.factory) as session:
        denied = [r for r in audit_entries(session) if r.action == "permission_denied"]
    assert [(r.username, r.new_value) for r in denied] == [("staff", "manage_users")] * 3
    assert [u.username for u in list_users(admin.factory)] == ["admin", "staff"]
    staff.close()


@pytest.mark.parametrize(
    ("username", "password", "code"),
    [
        ("x", "long-enough-1", "invalid_username"),
        ("with space", "long-enough-1", "invalid_username"),
        ("ok_name", "1234567", "password_too_short"),
        ("ok_name", "OK_NAME", "password_too_short"),
        ("ok_name8", "OK_NAME8", "password_is_username"),
        ("ok_name", "        ", "password_blank"),
    ],
)
def test_the_password_and_username_rules_have_codes(
    admin: OpenWorkspace, username: str, password: str, code: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        add_user(admin.factory, admin.actor, admin.data_dir, username, "Имя", Role.NURSE, password)
    assert caught.value.code == code


def test_usernames_are_unique_and_delegation_is_for_nurses(admin: OpenWorkspace) -> None:
    _add(admin, "ivanov", Role.INVESTIGATOR)
    with pytest.raises(UserError) as caught:
        _add(admin, "IVANOV", Role.NURSE)
    assert caught.value.code == "username_taken"
    with pytest.raises(UserError) as caught:
        _add(admin, "monitor1", Role.MONITOR, can_randomize=True)
    assert caught.value.code == "not_a_nurse"
    with pytest.raises(UserError) as caught:
        _add(admin, "nurse1", Role.NURSE, can_randomize=True)
    assert caught.value.code == "delegation_by_investigator"


def test_the_key_comes_only_from_the_open_workspace_of_that_folder(
    admin: OpenWorkspace, tmp_path: Path
) -> None:
    bare = audited_session_factory(admin.engine)
    with pytest.raises(NoDatabaseKey):
        add_user(bare, admin.actor, admin.data_dir, "nurse", "Н", Role.NURSE, "nurse-password")
    with pytest.raises(NoDatabaseKey):
        add_user(admin.factory, admin.actor, tmp_path, "nurse", "Н", Role.NURSE, "nurse-password")


def test_a_deactivated_user_cannot_sign_in_and_their_slot_holds_no_key(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    _add(admin, "sidorov", Role.INVESTIGATOR)
    with pytest.raises(UserError) as caught:
        deactivate_user(admin.factory, admin.actor, data_dir, "sidorov", "  ")
    assert caught.value.code == "reason_required"
    deactivate_user(admin.factory, admin.actor, data_dir, "sidorov", "left the hospital")
    with pytest.raises(SignInError) as refused:
        sign_in(data_dir, "sidorov", "sidorov-password", clock=fixed_clock)
    assert refused.value.code == "inactive_user"
    store = KeyStore.load(data_dir / KEYSLOTS_FILENAME)
    opened = store.open_user("sidorov", "sidorov-password")
    # Even with the password and the file, no database key is sealed to that account any more.
    assert store.unseal("user:sidorov", opened.keys.encryption) == []
    with pytest.raises(SignInError) as wrong:
        sign_in(data_dir, "sidorov", "a-guess-12345", clock=fixed_clock)
    assert wrong.value.code == "wrong_credentials"
    with read_session(admin.factory) as session:
        change = audit_entries(session, table="user_account", field="active")[-1]
    assert (change.old_value, change.new_value, change.reason) == (
        "true",
        "false",
        "left the hospital",
    )
    assert not {u.username: u for u in list_users(admin.factory)}["sidorov"].active


def test_deactivation_keeps_the_site_administrable(admin: OpenWorkspace, data_dir: Path) -> None:
    with pytest.raises(UserError) as caught:
        deactivate_user(admin.factory, admin.actor, data_dir, "admin", "tidy up")
    assert caught.value.code == "cannot_deactivate_self"
    _add(admin, "admin2", Role.ADMIN)
    temporary = sign_in(data_dir, "admin2", "admin2-password")
    with pytest.raises(UserError) as caught:  # a temporary password signs nothing
        deactivate_user(temporary.factory, temporary.actor, data_dir, "admin", "handed over")
    assert caught.value.code == "no_signing_key"
    temporary.close()
    choose_own_password(data_dir, "admin2", "admin2-own-password", system_clock, "admin2-password")
    second = sign_in(data_dir, "admin2", "admin2-own-password")
    deactivate_user(second.factory, second.actor, data_dir, "admin", "handed over")
    with pytest.raises(UserError) as caught:
        deactivate_user(second.factory, second.actor, data_dir, "admin", "again")
    assert caught.value.code == "already_inactive"
    second.close()


def test_randomization_delegation_needs_a_reason_and_a_nurse(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    _add(admin, "nurse", Role.NURSE)
    _add(admin, "doctor", Role.INVESTIGATOR)
    choose_own_password(data_dir, "doctor", "doctor-own-password", fixed_clock, "doctor-password")
    doctor = sign_in(data_dir, "doctor", "doctor-own-password", clock=fixed_clock)
    with pytest.raises(UserError) as caught:
        set_randomization_delegation(doctor.factory, doctor.actor, "nurse", True, reason="")
    assert caught.value.code == "reason_required"
    with pytest.raises(UserError) as caught:
        set_randomization_delegation(doctor.factory, doctor.actor, "doctor", True, reason="x")
    assert caught.value.code == "not_a_nurse"
    # An administrator does not grant a delegation (the investigator's log); the refusal is audited.
    with pytest.raises(PermissionDenied):
        set_randomization_delegation(admin.factory, admin.actor, "nurse", True, reason="x")
    set_randomization_delegation(doctor.factory, doctor.actor, "nurse", True, reason="night shift")
    nurse = sign_in(data_dir, "nurse", "nurse-password", clock=fixed_clock)
    assert nurse.actor.can_randomize
    nurse.close()
    # ... but may withdraw it.
    set_randomization_delegation(admin.factory, admin.actor, "nurse", False, reason="left ICU")
    nurse = sign_in(data_dir, "nurse", "nurse-password", clock=fixed_clock)
    assert not nurse.actor.can_randomize
    nurse.close()
    doctor.close()
    with read_session(admin.factory) as session:
        assert verify_registry(session) == []


def test_an_administrator_resets_a_forgotten_password(
    admin: OpenWorkspace, data_dir: Path, fixed_clock: Any
) -> None:
    _add(admin, "nurse", Role.NURSE)
    for _ in range(5):
        with pytest.raises(SignInError):
            sign_in(data_dir, "nurse", "forgotten-it", clock=fixed_clock)
    reset_user_password(admin.factory, admin.actor, data_dir, "nurse", "fresh-password-1")
    sign_in(data_dir, "nurse", "fresh-password-1", clock=fixed_clock).close()  # lockout cleared
    with pytest.raises(SignInError):
        sign_in(data_dir, "nurse", "nurse-password", clock=fixed_clock)
