"""Only randomizing users hold the laptop's randomization key; study ids in the list's range."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest_randomization import Trial, make_trial
from sqlalchemy import select

from msc_desk.models import RandomizationKeySeal
from msc_desk.security.identity import UserKeys
from msc_desk.services.randomization_key import (
    RevealKeyError,
    ensure_randomization_key,
    grant_randomization_key,
    open_randomization_key,
    randomization_public_key,
    withdraw_in_session,
)
from msc_desk.services.session import read_session, unit_of_work


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    yield trial
    trial.engine.dispose()


def opens(trial: Trial, who: str) -> str:
    with read_session(trial.factory) as session:
        try:
            open_randomization_key(session, getattr(trial, who))
        except RevealKeyError as exc:
            return exc.code
    return "opened"


def test_only_randomizing_users_hold_a_seal(trial: Trial) -> None:
    assert randomization_public_key(trial.factory) == trial.device_key
    assert ensure_randomization_key(trial.factory, trial.investigator) == trial.device_key
    with read_session(trial.factory) as session:
        holders = set(session.scalars(select(RandomizationKeySeal.user_id)))
    assert holders == {trial.investigator.user_id, trial.delegated_nurse.user_id}
    assert opens(trial, "investigator") == opens(trial, "delegated_nurse") == "opened"
    assert opens(trial, "admin") == "not_a_randomizer"
    assert opens(trial, "monitor") == "not_a_randomizer"
    assert opens(trial, "nurse") == "not_a_randomizer"


def test_an_administrator_cannot_make_or_be_granted_the_key(trial: Trial) -> None:
    with pytest.raises(RevealKeyError) as caught:
        ensure_randomization_key(trial.factory, trial.admin)
    assert caught.value.code == "not_a_randomizer"
    assert trial.admin.keys is not None and trial.admin.user_id is not None
    with pytest.raises(RevealKeyError) as refused:
        grant_randomization_key(
            trial.factory,
            trial.investigator,
            trial.admin.user_id,
            trial.admin.keys.encryption_public,
        )
    assert refused.value.code == "not_a_randomizer"


def test_a_newly_delegated_nurse_is_granted_the_key_by_a_holder(trial: Trial) -> None:
    nurse = replace(trial.nurse, can_randomize=True)
    assert nurse.keys is not None and nurse.user_id is not None
    with unit_of_work(trial.factory, trial.admin, reason="delegation") as session:
        from msc_desk.models import User

        session.get_one(User, nurse.user_id).can_randomize = True
    assert opens(trial, "nurse") == "not_a_randomizer"  # the actor still says not delegated
    with pytest.raises(RevealKeyError) as caught:  # a user without a seal cannot grant
        grant_randomization_key(trial.factory, nurse, nurse.user_id, nurse.keys.encryption_public)
    assert caught.value.code == "no_seal"
    grant_randomization_key(
        trial.factory, trial.investigator, nurse.user_id, nurse.keys.encryption_public
    )
    with read_session(trial.factory) as session:
        assert open_randomization_key(session, nurse) is not None


def test_a_user_whose_keys_changed_cannot_open_the_old_seal(trial: Trial) -> None:
    renewed = replace(trial.investigator, keys=UserKeys.generate())
    with read_session(trial.factory) as session, pytest.raises(RevealKeyError) as caught:
        open_randomization_key(session, renewed)
    assert caught.value.code == "no_seal"


def test_study_ids_are_taken_in_the_range_the_signed_list_gives_the_device(trial: Trial) -> None:
    assert trial.screen().study_id == "MSC-01-001"  # no list yet: numbers simply follow
    trial.import_file(trial.generate(first_study_number=101, study_number_count=2).signed_file)
    assert [trial.screen().study_id for _ in range(2)] == ["MSC-01-101", "MSC-01-102"]
    with pytest.raises(ValueError, match="used up"):
        trial.screen()


def test_a_withdrawn_delegation_empties_the_seal_and_a_new_grant_refills_it(trial: Trial) -> None:
    nurse = trial.delegated_nurse
    assert nurse.keys is not None and nurse.user_id is not None
    with unit_of_work(trial.factory, trial.investigator, reason="delegation withdrawn") as session:
        assert withdraw_in_session(session, nurse.user_id) == 1
    assert opens(trial, "delegated_nurse") == "no_seal"
    grant_randomization_key(
        trial.factory, trial.investigator, nurse.user_id, nurse.keys.encryption_public
    )
    assert opens(trial, "delegated_nurse") == "opened"
