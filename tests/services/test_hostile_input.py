"""Hostile input sent through the services: each refused with its field named, nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest_randomization import CANARY_NAME, ELIGIBLE, ONSET, Trial, make_trial
from hostile_lists import signed_list
from seeding import Staff, new_workspace
from sqlalchemy import select

from msc_desk.center.allocation import MAX_FILE_BYTES, MAX_SLOT_NUMBER
from msc_desk.models import AllocationList, AuditEntry, Base, Role
from msc_desk.models.database import SessionFactory
from msc_desk.security.layout import workspace_exists
from msc_desk.services.allocation import AllocationImportError
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.screening import save_screening
from msc_desk.services.session import read_session
from msc_desk.services.trial_setup import CenterKeyError, read_center_public_key, trust_center_key
from msc_desk.services.users import add_user, deactivate_user, list_users, reset_user_password
from msc_desk.services.workspace import (
    OpenWorkspace,
    SignInError,
    change_password,
    recover_with_code,
    sign_in,
    verify_password,
)

TEN_MILLION = "Я" * 10_000_000


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    yield trial
    trial.engine.dispose()


def snapshot(factory: SessionFactory, *, skip: tuple[str, ...] = ()) -> dict[str, list[Any]]:
    """Every row of every table (for "nothing changed")."""
    with read_session(factory) as session:
        return {
            table.name: [tuple(row) for row in session.execute(select(table))]
            for table in Base.metadata.sorted_tables
            if table.name not in skip
        }


SCREENING_CASES = [
    ("ten-million-character name", {"full_name": TEN_MILLION}, "full_name", "too_long"),
    ("NUL in the name", {"full_name": "Иванов\x00Иван"}, "full_name", "forbidden_character"),
    ("bidi override", {"full_name": "Иванов \u202eвонавИ"}, "full_name", "forbidden_character"),
    ("bidi isolate", {"full_name": "\u2066Иванов\u2069"}, "full_name", "forbidden_character"),
    ("zero-width", {"full_name": "Ива\u200bнов"}, "full_name", "forbidden_character"),
    ("lone surrogate", {"full_name": "Иванов \ud800"}, "full_name", "forbidden_character"),
    (
        "5,000-character record number",
        {"medical_record_number": "7" * 5000},
        "medical_record_number",
        "too_long",
    ),
    (
        "record number with a line break",
        {"medical_record_number": "И-1\nИ-2"},
        "medical_record_number",
        "forbidden_character",
    ),
    (
        "representative with ESC",
        {"consent_representative_name": "Иванова\x1b[2J"},
        "consent_representative_name",
        "forbidden_character",
    ),
    (
        "consent in year 9000",
        {"consent_at": datetime(9000, 1, 1, tzinfo=UTC)},
        "consent_at",
        "implausible_time",
    ),
    (
        "signed with no signer and no time",
        {"consent_signer": None, "consent_at": None},
        "consent_signer",
        "consent_incomplete",
    ),
    ("signed with no time", {"consent_at": None}, "consent_at", "consent_incomplete"),
    ("signer not allowed", {"consent_signer": "guardian"}, "consent_signer", "not_allowed"),
    (
        "signer of another vocabulary",
        {"consent_signer": Role.ADMIN},
        "consent_signer",
        "not_allowed",
    ),
    (
        "signer while not signed",
        {"consent_signed": False},
        "consent_signer",
        "consent_not_signed",
    ),
    (
        "consent after the decision",
        {"consent_at": ONSET + timedelta(hours=2)},
        "consent_at",
        "consent_after_decision",
    ),
    (
        "consent 31 days before onset",
        {"consent_at": ONSET - timedelta(days=31)},
        "consent_at",
        "consent_before_onset",
    ),
    ("age 10**30", {"age_years": 10**30}, "age_years", "out_of_range"),
    ("negative age", {"age_years": -3}, "age_years", "out_of_range"),
    ("age as text", {"age_years": "45"}, "age_years", "not_a_number"),
    ("ANC NaN", {"anc_10e9_per_l": Decimal("NaN")}, "anc_10e9_per_l", "not_finite"),
    ("ANC infinite", {"anc_10e9_per_l": float("inf")}, "anc_10e9_per_l", "not_finite"),
    ("ANC 10**30", {"anc_10e9_per_l": 10**30}, "anc_10e9_per_l", "out_of_range"),
    (
        "percentage over 100",
        {
            "anc_10e9_per_l": None,
            "wbc_10e9_per_l": Decimal(1),
            "neutrophils_segmented_percent": Decimal(101),
            "neutrophils_band_percent": Decimal(0),
        },
        "neutrophils_segmented_percent",
        "out_of_range",
    ),
    (
        "naive shock onset",
        {"shock_onset": datetime(2026, 3, 2, 1, 30)},
        "shock_onset",
        "no_time_zone",
    ),
    (
        "shock onset in 1850",
        {"shock_onset": datetime(1850, 1, 1, tzinfo=UTC)},
        "shock_onset",
        "implausible_time",
    ),
    (
        "date of birth in year 9000",
        {"age_years": None, "date_of_birth": datetime(9000, 1, 1).date()},
        "date_of_birth",
        "implausible_time",
    ),
    ("sex not allowed", {"sex": "m"}, "sex", "not_allowed"),
    ("pregnant as 1", {"pregnant": 1}, "pregnant", "not_a_flag"),
    (
        "shock definition with NUL",
        {"shock_definition": "vasopressors\x00"},
        "shock_definition",
        "forbidden_character",
    ),
    (
        "shock definition too long",
        {"shock_definition": "x" * 41},
        "shock_definition",
        "too_long",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [case[1:] for case in SCREENING_CASES],
    ids=[case[0] for case in SCREENING_CASES],
)
def test_hostile_screening_input_is_refused_and_changes_nothing(
    trial: Trial, changes: dict[str, Any], field: str, code: str
) -> None:
    first = trial.screen()  # already saved: must survive the refusal untouched
    before = snapshot(trial.factory)
    trial.clock.set(hours=1)
    with pytest.raises(InvalidField) as caught:
        save_screening(trial.factory, trial.investigator, replace(ELIGIBLE, **changes), trial.clock)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert snapshot(trial.factory) == before
    assert first.study_id in [row[1] for row in before["patient"]]


def test_a_hostile_site_code_is_refused_before_any_lookup(trial: Trial) -> None:
    before = snapshot(trial.factory)
    for code, refusal in (("01\x00", "forbidden_character"), ("0" * 17, "too_long")):
        with pytest.raises(InvalidField) as caught:
            save_screening(trial.factory, trial.investigator, ELIGIBLE, trial.clock, site_code=code)
        assert (caught.value.field, caught.value.code) == ("site_code", refusal)
    assert snapshot(trial.factory) == before


def test_names_are_stored_trimmed_and_free_text_normalized(trial: Trial) -> None:
    trial.screen(full_name=f"  {CANARY_NAME}\u00a0", medical_record_number=" И-1 ")
    with read_session(trial.factory) as session:
        row = session.execute(select(Base.metadata.tables["patient_identification"])).one()
    assert (row.full_name, row.medical_record_number) == (CANARY_NAME, "И-1")


# --- users and the workspace -----------------------------------------------------------------


@pytest.fixture
def admin(tmp_path: Path, fixed_clock: Any) -> Iterator[OpenWorkspace]:
    workspace = new_workspace(tmp_path / "ws", fixed_clock).workspace
    yield workspace
    workspace.close()


USER_CASES = [
    ("ten-million-character name", {"full_name": TEN_MILLION}, "full_name", "too_long"),
    ("NUL in the name", {"full_name": "Петрова\x00"}, "full_name", "forbidden_character"),
    ("bidi in the name", {"full_name": "\u202bПетрова"}, "full_name", "forbidden_character"),
    ("surrogate in the name", {"full_name": "\udfffПетрова"}, "full_name", "forbidden_character"),
    ("NUL in the login", {"username": "nurse\x00"}, "username", "forbidden_character"),
    ("huge login", {"username": "n" * 10_000}, "username", "too_long"),
    ("surrogate password", {"password": "pass\ud800word"}, "password", "forbidden_character"),
    ("role not allowed", {"role": "superuser"}, "role", "not_allowed"),
    ("delegation as text", {"can_randomize": "yes"}, "can_randomize", "not_a_flag"),
    ("delegation unknown", {"can_randomize": None}, "can_randomize", "not_a_flag"),
]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [case[1:] for case in USER_CASES],
    ids=[case[0] for case in USER_CASES],
)
def test_hostile_user_input_is_refused_and_changes_nothing(
    admin: OpenWorkspace, fixed_clock: Any, changes: dict[str, Any], field: str, code: str
) -> None:
    fields: dict[str, Any] = {
        "username": "nurse",
        "full_name": "Петрова Ольга",
        "role": Role.NURSE,
        "password": "nurse-password",
    } | changes
    before = snapshot(admin.factory)
    keyslots = (admin.data_dir / "keyslots.json").read_bytes()
    with pytest.raises(InvalidField) as caught:
        add_user(admin.factory, admin.actor, admin.data_dir, clock=fixed_clock, **fields)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert snapshot(admin.factory) == before
    assert (admin.data_dir / "keyslots.json").read_bytes() == keyslots


def test_hostile_reasons_and_passwords_of_other_user_actions(
    admin: OpenWorkspace, fixed_clock: Any
) -> None:
    add_user(admin.factory, admin.actor, admin.data_dir, "nurse", "Петрова", Role.NURSE,
             "nurse-password", clock=fixed_clock)  # fmt: skip
    before = snapshot(admin.factory)
    with pytest.raises(InvalidField) as caught:
        deactivate_user(admin.factory, admin.actor, admin.data_dir, "nurse", "уволена\u202e",
                        clock=fixed_clock)  # fmt: skip
    assert (caught.value.field, caught.value.code) == ("reason", "forbidden_character")
    with pytest.raises(InvalidField) as caught:
        reset_user_password(admin.factory, admin.actor, admin.data_dir, "nurse", "\ud800" * 9,
                            clock=fixed_clock)  # fmt: skip
    assert (caught.value.field, caught.value.code) == ("password", "forbidden_character")
    assert snapshot(admin.factory) == before
    assert [user.active for user in list_users(admin.factory)] == [True, True]


WORKSPACE_CASES = [
    ("30-character site code", {"site_code": "A" * 30}, "site_code", "too_long"),
    ("11-character site code", {"site_code": "ABCDEFGHIJK"}, "site_code", "too_long"),
    ("site code with a dash", {"site_code": "MSK-1"}, "site_code", "not_allowed"),
    ("NUL in the site code", {"site_code": "01\x00"}, "site_code", "forbidden_character"),
    ("bidi in the site name", {"site_name": "ОРИТ\u202e"}, "site_name", "forbidden_character"),
    ("NUL in the device", {"device_name": "Н-1\x00"}, "device_name", "forbidden_character"),
    ("bidi in the device", {"device_name": "\u2067Н-1"}, "device_name", "forbidden_character"),
    ("huge device name", {"device_name": "Н" * 101}, "device_name", "too_long"),
    ("huge admin name", {"admin_full_name": TEN_MILLION}, "full_name", "too_long"),
]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [case[1:] for case in WORKSPACE_CASES],
    ids=[case[0] for case in WORKSPACE_CASES],
)
def test_hostile_workspace_fields_are_refused_and_nothing_is_created(
    tmp_path: Path, fixed_clock: Any, changes: dict[str, Any], field: str, code: str
) -> None:
    data_dir = tmp_path / "ws"
    with pytest.raises(InvalidField) as caught:
        new_workspace(data_dir, fixed_clock, **changes)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert not workspace_exists(data_dir)
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_the_longest_site_code_accepted_still_forms_study_ids(
    tmp_path: Path, fixed_clock: Any
) -> None:
    doctor = Staff("doctor", "Иванова Анна", Role.INVESTIGATOR, "doctor-password")
    fixed_clock.now = ONSET - timedelta(days=1)
    new_workspace(tmp_path, fixed_clock, [doctor], site_code="ABCDEFGHIJ").workspace.close()
    workspace = sign_in(tmp_path, "doctor", "doctor-password", clock=fixed_clock)
    try:
        fixed_clock.now = ONSET + timedelta(hours=1)
        saved = save_screening(workspace.factory, workspace.actor, ELIGIBLE, fixed_clock)
    finally:
        workspace.close()
    assert saved.study_id == "MSC-ABCDEFGHIJ-001"


# --- allocation lists ----------------------------------------------------------------------------


def refused_list(trial: Trial, data: bytes | Path) -> AllocationImportError:
    before = snapshot(trial.factory, skip=("audit_log",))
    audit_rows = trial.count(AuditEntry)
    with pytest.raises(AllocationImportError) as caught:
        trial.import_file(data)
    assert snapshot(trial.factory, skip=("audit_log",)) == before
    with read_session(trial.factory) as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.id > audit_rows))
        assert list(actions) == ["allocation_import_refused"]
    return caught.value


def test_deeply_nested_json_is_refused_as_malformed(trial: Trial) -> None:
    trial.import_list(first_slot=1, slot_count=4)
    for depth in (100_000, 1_000_000):
        error = refused_list(trial, b"[" * depth + b"]" * depth)
        assert error.code == "malformed"
    error = refused_list(trial, b'{"format":' * 200_000 + b"1" + b"}" * 200_000)
    assert error.code == "malformed"


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_json_constants_are_refused_as_malformed(trial: Trial, constant: bytes) -> None:
    good = signed_list(1, 2, device_key=trial.device_key)
    for field in (b'"first_slot":1', b'"slot_count":2'):
        bad = good.replace(field, field.split(b":")[0] + b":" + constant)
        assert refused_list(trial, bad).code == "malformed"


@pytest.mark.parametrize(
    ("first_slot", "count"),
    [
        (2**63, 1),
        (2**63 - 1, 2),
        (MAX_SLOT_NUMBER, 2),
        (MAX_SLOT_NUMBER + 1, 1),
    ],
)
def test_a_signed_list_with_absurd_slot_numbers_is_refused(
    trial: Trial, first_slot: int, count: int
) -> None:
    assert (
        refused_list(trial, signed_list(first_slot, count, device_key=trial.device_key)).code
        == "malformed"
    )
    assert trial.count(AllocationList) == 0


def test_the_last_sane_slot_is_accepted(trial: Trial) -> None:
    imported = trial.import_file(signed_list(MAX_SLOT_NUMBER - 3, 4, device_key=trial.device_key))
    assert (imported.first_slot, imported.slot_count) == (MAX_SLOT_NUMBER - 3, 4)


@pytest.mark.parametrize(
    "document",
    [
        {"stratum": "нейтропения\x00"},
        {"stratum": "neutropenia\u202e"},
        {"stratum": "\ud800"},
        {"stratum": ""},
        {"study": "NCT01849237\n"},
        {"created_at": "2026-03-01T09:00:00"},  # no time zone
        {"first_slot": 1.0},
        {"first_slot": True},
        {"first_slot": "1"},
    ],
    ids=repr,
)
def test_a_signed_list_with_hostile_fields_is_refused(
    trial: Trial, document: dict[str, Any]
) -> None:
    assert (
        refused_list(trial, signed_list(1, 2, **document, device_key=trial.device_key)).code
        == "malformed"
    )


# --- passwords that cannot be anyone's -----------------------------------------------------------


def test_unencodable_passwords_are_wrong_never_a_crash(tmp_path: Path, fixed_clock: Any) -> None:
    data_dir = tmp_path / "ws"
    new_workspace(data_dir, fixed_clock).workspace.close()
    keyslots = (data_dir / "keyslots.json").read_bytes()
    for password in ("admin-password\ud800", "\udfff" * 8, "admin\x00password"):
        with pytest.raises(SignInError) as caught:
            sign_in(data_dir, "admin", password, clock=fixed_clock)
        assert caught.value.code == "wrong_credentials"
        assert verify_password(data_dir, "admin", password, clock=fixed_clock) is False
        with pytest.raises(SignInError):
            change_password(data_dir, "admin", password, "new-password-1", clock=fixed_clock)
        with pytest.raises(SignInError):
            recover_with_code(data_dir, "admin", password, "new-password-1", clock=fixed_clock)
        with pytest.raises(InvalidField) as refused:
            change_password(data_dir, "admin", "admin-password", password, clock=fixed_clock)
        assert (refused.value.field, refused.value.code) == ("password", "forbidden_character")
    assert (data_dir / "keyslots.json").read_bytes() == keyslots
    sign_in(data_dir, "admin", "admin-password", clock=fixed_clock).close()


def test_a_center_key_that_is_not_32_bytes_is_refused_and_not_stored(
    admin: OpenWorkspace, fixed_clock: Any
) -> None:
    before = snapshot(admin.factory)
    for key in (b"", b"\x00" * 31, b"\x00" * 33, b"k" * 10_000_000):
        with pytest.raises(CenterKeyError) as caught:
            trust_center_key(admin.factory, admin.actor, key, fixed_clock)
        assert caught.value.code == "unreadable"
    assert snapshot(admin.factory) == before
    for text in (b"\xff\xfe", b"zz" * 32, b"-----BEGIN PUBLIC KEY-----\n\x00\n", b"[" * 100_000):
        with pytest.raises(CenterKeyError):
            read_center_public_key(text)


def test_a_list_file_is_read_no_further_than_the_size_limit(trial: Trial, tmp_path: Path) -> None:
    for endless in (Path("/dev/zero"), Path("/dev/urandom")):
        if endless.exists():
            assert refused_list(trial, endless).code == "malformed"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    assert refused_list(trial, big).code == "malformed"
