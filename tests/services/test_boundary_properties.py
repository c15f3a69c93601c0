"""Arbitrary text, numbers and instants through the services: refused, or stored valid."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from conftest_randomization import (
    DEVICE_UID,
    ELIGIBLE,
    STUDY,
    Trial,
    make_trial,
)
from hostile_lists import signed_list
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seeding import new_workspace
from sqlalchemy import select

from msc_desk.center.allocation import MAX_SLOT_NUMBER, MAX_SLOTS, plain_text
from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    ConsentSigner,
    PatientIdentification,
    Role,
    Screening,
    Sex,
    User,
)
from msc_desk.scoring import InvalidInput
from msc_desk.security.policy import InputRefused, check_username
from msc_desk.services import input_rules as rules
from msc_desk.services.allocation import AllocationImportError
from msc_desk.services.screening import ScreeningError, ScreeningInput, save_screening
from msc_desk.services.screening_rules import checked_screening_input
from msc_desk.services.session import read_session
from msc_desk.services.users import add_user

EXAMPLES = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
HOSTILE = "\x00\x07\t\n\r\x1b\x7f\x85\u200b\u200f\u202e\u2066\u2069\ufeff\ud800\udfff\u2028 "

texts = st.one_of(
    st.none(),
    st.text(st.one_of(st.characters(), st.sampled_from(HOSTILE)), max_size=60),
    st.integers(1, 3).map(lambda n: "Я" * (10**n * 70)),  # 700 .. 70,000 characters
    st.sampled_from(["", "   ", "Иванов Иван", " И-2026-42 ", "patient", "representative"]),
)
numbers = st.one_of(
    st.none(),
    st.integers(),
    st.just(10**30),
    st.floats(),
    st.decimals(),
    st.decimals(min_value=0, max_value=600, places=3),
    st.text(max_size=12),
    st.booleans(),
)
instants = st.one_of(
    st.none(),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2026, 3, 3), timezones=st.just(UTC)
    ),
    st.just(datetime(9000, 1, 1, tzinfo=UTC)),
)
flags = st.one_of(st.none(), st.booleans(), st.sampled_from([0, 1, "yes"]))
dates = st.one_of(st.none(), st.dates(), st.datetimes(), st.just(date(1980, 6, 15)))


def members(enum: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), st.sampled_from(list(enum)), texts, st.sampled_from(list(Role)))


FIELDS = dict(
    shock_onset=instants,
    shock_definition=st.one_of(texts, st.just("vasopressors_after_fluids")),
    anc_10e9_per_l=numbers,
    wbc_10e9_per_l=numbers,
    neutrophils_segmented_percent=numbers,
    neutrophils_band_percent=numbers,
    age_years=numbers,
    date_of_birth=dates,
    sex=members(Sex),
    pregnant=flags,
    chemo_resistant_oncohematologic=flags,
    consent_signed=flags,
    consent_signer=members(ConsentSigner),
    consent_at=instants,
    full_name=texts,
    medical_record_number=texts,
    consent_representative_name=texts,
)
screening_inputs = st.one_of(
    # A valid screening with a few fields changed first: the minimal example is saved.
    st.fixed_dictionaries({}, optional=FIELDS).map(lambda changes: replace(ELIGIBLE, **changes)),
    st.builds(ScreeningInput, **FIELDS),
)


def test_the_screening_service_refuses_or_stores_only_valid_screenings(tmp_path: Path) -> None:
    trial = make_trial(tmp_path)
    trial.clock.set(hours=1)

    @EXAMPLES
    @given(screening_inputs)
    def screen(given_input: ScreeningInput) -> None:
        with contextlib.suppress(InputRefused, InvalidInput, ScreeningError):
            save_screening(trial.factory, trial.investigator, given_input, trial.clock)
        assert_stored_screenings_are_valid(trial)

    try:
        screen()
        assert trial.count(Screening) > 0  # valid examples were saved, and checked
    finally:
        trial.engine.dispose()


def assert_stored_screenings_are_valid(trial: Trial) -> None:
    with read_session(trial.factory) as session:
        rows = session.execute(
            select(Screening, PatientIdentification).outerjoin(
                PatientIdentification,
                PatientIdentification.patient_id == Screening.patient_id,
            )
        ).all()
        for screening, identification in rows:
            stored = ScreeningInput(
                shock_onset=screening.shock_onset_at,
                shock_definition=screening.shock_definition,
                anc_10e9_per_l=screening.anc_10e9_per_l,
                wbc_10e9_per_l=screening.wbc_10e9_per_l,
                neutrophils_segmented_percent=screening.neutrophils_segmented_percent,
                neutrophils_band_percent=screening.neutrophils_band_percent,
                age_years=screening.age_years,
                sex=None if screening.sex is None else Sex(screening.sex),
                pregnant=screening.pregnant,
                chemo_resistant_oncohematologic=screening.chemo_resistant_oncohematologic,
                consent_signed=screening.consent_signed,
                consent_signer=(
                    None if screening.consent_signer is None
                    else ConsentSigner(screening.consent_signer)
                ),
                consent_at=screening.consent_at,
                full_name=identification and (identification.full_name or None),
                medical_record_number=identification and identification.medical_record_number,
                consent_representative_name=(
                    identification and identification.consent_representative_name
                ),
            )  # fmt: skip
            assert checked_screening_input(stored, screening.screened_at) == stored
            if identification is not None:
                assert screening.eligible
                born = identification.date_of_birth
                assert rules.calendar_date("date_of_birth", born, date(2026, 3, 3)) == born


def test_the_user_service_refuses_or_stores_only_valid_accounts(
    tmp_path: Path, fixed_clock: Any
) -> None:
    workspace = new_workspace(tmp_path / "ws", fixed_clock).workspace
    roles = st.one_of(st.sampled_from(list(Role)), texts, st.sampled_from(list(Sex)))
    usernames = st.one_of(texts, st.from_regex(r"[a-z][a-z0-9._-]{1,20}", fullmatch=True))

    @EXAMPLES
    @given(usernames, texts, roles, st.one_of(texts, st.just("long-enough-password")), flags)
    def add(username: Any, full_name: Any, role: Any, password: Any, delegated: Any) -> None:
        with contextlib.suppress(InputRefused):
            add_user(workspace.factory, workspace.actor, workspace.data_dir, username, full_name,
                     role, password, delegated, clock=fixed_clock)  # fmt: skip
        with read_session(workspace.factory) as session:
            for user in session.scalars(select(User)):
                assert check_username(user.username) == user.username
                limit = rules.column_length(User, "full_name")
                assert rules.name("full_name", user.full_name, limit) == user.full_name
                assert rules.member("role", user.role, Role) == user.role
                assert user.can_randomize in (True, False)
                assert not user.can_randomize or user.role == Role.NURSE

    try:
        add()
    finally:
        workspace.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=30,
)
ListFile = Callable[[str], bytes]
"""A list file made for a laptop's randomization public key."""


def _fixed(data: bytes) -> ListFile:
    return lambda _device_key: data


list_files = st.one_of(
    st.binary(max_size=400).map(_fixed),
    json_values.map(lambda value: _fixed(json.dumps(value).encode())),
    st.integers(1, 500).map(lambda depth: _fixed(b"[" * depth * 100 + b"]" * depth * 100)),
    st.builds(
        lambda first, count, stratum: (
            lambda key: signed_list(first, count, device_key=key, stratum=stratum)
        ),
        st.one_of(st.integers(-5, 2**70), st.integers(MAX_SLOT_NUMBER - 5, MAX_SLOT_NUMBER + 5)),
        st.integers(1, 4),
        st.one_of(st.none(), st.text(st.one_of(st.characters(), st.sampled_from(HOSTILE)))),
    ),
    st.builds(
        lambda first, count, created: (
            lambda key: signed_list(first, count, device_key=key, created_at=created)
        ),
        st.integers(1, 50),
        st.integers(1, 3),
        st.one_of(st.text(max_size=30), st.datetimes().map(datetime.isoformat)),
    ),
)


def test_the_allocation_import_refuses_or_stores_only_valid_lists(tmp_path: Path) -> None:
    trial = make_trial(tmp_path)

    @EXAMPLES
    @given(list_files)
    def import_list(make_file: ListFile) -> None:
        with contextlib.suppress(AllocationImportError):
            trial.import_file(make_file(trial.device_key))
        with read_session(trial.factory) as session:
            for stored in session.scalars(select(AllocationList)):
                assert 1 <= stored.first_slot <= stored.first_slot + stored.slot_count - 1
                assert stored.first_slot + stored.slot_count - 1 <= MAX_SLOT_NUMBER
                assert 1 <= stored.slot_count <= MAX_SLOTS
                assert (stored.study, stored.device_uid) == (STUDY, DEVICE_UID)
                assert stored.stratum is None or plain_text(stored.stratum, 40)
                assert rules.name("stratum", stored.stratum, 40, required=False) == stored.stratum
            numbers = session.scalars(select(AllocationSlot.slot_number)).all()
            assert all(1 <= number <= MAX_SLOT_NUMBER for number in numbers)

    try:
        import_list()
    finally:
        trial.engine.dispose()
