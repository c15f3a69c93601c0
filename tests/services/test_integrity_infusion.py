"""The integrity check verifies both signed confirmations of each MSC infusion."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from infusion_trial import ONSET, InfusionTrial, make_infusion_trial, valid
from sqlalchemy import func, select, text

from msc_desk.models import Infusion
from msc_desk.services import integrity
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.infusion import PURPOSE_CHECKED, InfusionRefused, check_payload, prescribe
from msc_desk.services.infusion_check import (
    checker_from_credentials,
    confirm_check,
    verify_with_credentials,
)
from msc_desk.services.infusion_record import Administration, record_administration
from msc_desk.services.integrity import full_check
from msc_desk.services.integrity_identities import register_identity_checks
from msc_desk.services.integrity_infusion import (
    INFUSION_SAME_PERSON,
    INFUSION_SIGNATURE_INVALID,
    INFUSION_SIGNATURE_MISSING,
    INFUSION_SIGNATURE_STALE_KEY,
    INFUSION_STARTED_UNCHECKED,
    infusion_checks,
    infusion_findings,
)
from msc_desk.services.registry import signed_message
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.workspace import change_password, sign_in

_SIGNED_COLUMNS = (
    "volume_ml",
    "product_lot",
    "target_dose_million_cells_per_kg",
    "weight_kg",
    "viability_percent",
    "product_concentration_cells_per_ml",
    "prepared_by_id",
    "prepared_key_entry_id",
    "prepared_signature",
    "checked_by_id",
    "checked_key_entry_id",
    "checked_signature",
    "checked_at",
)


@dataclass
class Given:
    trial: InfusionTrial
    infusion_id: int


@pytest.fixture(scope="module")
def given(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Given]:
    """One infusion prepared by the doctor, checked by the nurse and given."""
    trial = make_infusion_trial(tmp_path_factory.mktemp("integrity-infusion") / "data")
    trial.clock.after_onset(hours=8)
    infusion_id = prescribe(trial.factory, trial.actor, trial.msc_patient, valid(), trial.clock)
    verify_with_credentials(
        trial.factory, trial.data_dir, infusion_id, "petrova", "petrova-password", trial.clock
    )
    record = Administration(
        started_at=ONSET + timedelta(hours=5),
        ended_at=None,
        volume_infused_ml="38",
        rate_ml_per_hour="76",
    )
    record_administration(trial.factory, trial.actor, infusion_id, record, trial.clock)
    yield Given(trial, infusion_id)
    trial.doctor.close()


@pytest.fixture
def tamper(given: Given) -> Iterator[Given]:
    """Change the infusion row past the services; put it back afterwards."""
    columns = ", ".join(_SIGNED_COLUMNS)
    with given.trial.doctor.engine.begin() as connection:
        saved = connection.execute(
            text(f"SELECT {columns} FROM infusion WHERE id = :id"), {"id": given.infusion_id}
        ).one()
    yield given
    assignments = ", ".join(f"{name} = :{name}" for name in _SIGNED_COLUMNS)
    with given.trial.doctor.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE infusion SET {assignments} WHERE id = :id"),
            dict(zip(_SIGNED_COLUMNS, saved, strict=True)) | {"id": given.infusion_id},
        )


def _update(given: Given, **values: object) -> None:
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    with given.trial.doctor.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE infusion SET {assignments} WHERE id = :id"),
            values | {"id": given.infusion_id},
        )


def _found(given: Given) -> set[tuple[str, str | None]]:
    with read_session(given.trial.factory) as session:
        return {
            (finding.code, finding.field)
            for finding in infusion_findings(session)
            if finding.record == str(given.infusion_id)
        }


def _payload(given: Given) -> bytes:
    with read_session(given.trial.factory) as session:
        infusion = session.get(Infusion, given.infusion_id)
        assert infusion is not None
        return check_payload(infusion)


def test_two_valid_confirmations_give_no_finding(given: Given) -> None:
    assert _found(given) == set()


@pytest.mark.usefixtures("tamper")
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("volume_ml", "58.0"),
        ("product_lot", "MSC-2026-099"),
        ("target_dose_million_cells_per_kg", "1.5"),
        ("weight_kg", "90"),
        ("viability_percent", "99"),
    ],
)
def test_a_value_changed_after_signing_breaks_both_confirmations(
    given: Given, column: str, value: str
) -> None:
    _update(given, **{column: value})
    assert _found(given) == {
        (INFUSION_SIGNATURE_INVALID, "prepared_signature"),
        (INFUSION_SIGNATURE_INVALID, "checked_signature"),
    }


@pytest.mark.usefixtures("tamper")
def test_a_confirmation_by_a_key_outside_the_registry_is_reported(given: Given) -> None:
    stranger = Ed25519PrivateKey.generate()
    forged = stranger.sign(signed_message(PURPOSE_CHECKED, _payload(given)))
    _update(given, checked_signature=base64.b64encode(forged).decode("ascii"))
    assert _found(given) == {(INFUSION_SIGNATURE_INVALID, "checked_signature")}
    _update(given, checked_key_entry_id=9999)
    assert _found(given) == {(INFUSION_SIGNATURE_INVALID, "checked_signature")}


@pytest.mark.usefixtures("tamper")
def test_a_confirmation_signed_by_another_users_key_is_reported(given: Given) -> None:
    # The preparer signs the checked confirmation, the nurse still named as the checker.
    keys = given.trial.actor.keys
    assert keys is not None
    signed = keys.sign(signed_message(PURPOSE_CHECKED, _payload(given)))
    _update(
        given,
        checked_signature=base64.b64encode(signed).decode("ascii"),
        checked_key_entry_id=given.trial.actor.key_entry_id,
    )
    assert _found(given) == {(INFUSION_SIGNATURE_INVALID, "checked_signature")}


@pytest.mark.usefixtures("tamper")
def test_one_person_in_both_roles_is_reported(given: Given) -> None:
    keys = given.trial.actor.keys
    assert keys is not None
    signed = keys.sign(signed_message(PURPOSE_CHECKED, _payload(given)))
    _update(
        given,
        checked_signature=base64.b64encode(signed).decode("ascii"),
        checked_key_entry_id=given.trial.actor.key_entry_id,
        checked_by_id=given.trial.actor.user_id,
    )
    assert _found(given) == {(INFUSION_SAME_PERSON, None)}


@pytest.mark.usefixtures("tamper")
def test_a_missing_confirmation_is_reported(given: Given) -> None:
    _update(given, prepared_signature=None, prepared_key_entry_id=None)
    assert _found(given) == {(INFUSION_SIGNATURE_MISSING, "prepared_signature")}
    _update(given, checked_signature=None, checked_key_entry_id=None, checked_by_id=None)
    assert _found(given) == {
        (INFUSION_SIGNATURE_MISSING, "prepared_signature"),
        (INFUSION_STARTED_UNCHECKED, None),
    }


@pytest.mark.usefixtures("tamper")
def test_the_full_check_reports_a_tampered_infusion(given: Given) -> None:
    before = list(integrity.FULL_CHECKS)
    try:
        register_identity_checks()
        register_identity_checks()
        assert integrity.FULL_CHECKS.count(infusion_checks) == 1
        _update(given, volume_ml="58.0")
        codes = {finding.code for finding in full_check(given.trial.factory)}
        assert INFUSION_SIGNATURE_INVALID in codes
    finally:
        integrity.FULL_CHECKS[:] = before


def test_a_confirmation_with_a_key_replaced_before_it_signed_is_reported(
    tmp_path: Path,
) -> None:
    trial = make_infusion_trial(tmp_path / "data")
    try:
        trial.clock.after_onset(hours=3)
        infusion_id = prescribe(trial.factory, trial.actor, trial.msc_patient, valid(), trial.clock)
        # The nurse's keys as a session opened before she changed her password.
        stale = checker_from_credentials(
            trial.factory, trial.data_dir, "petrova", "petrova-password", trial.clock
        )
        change_password(
            trial.data_dir, "petrova", "petrova-password", "petrova-new-password", trial.clock
        )
    finally:
        trial.doctor.close()
    doctor = trial.sign_in("ivanova")
    try:
        # The service refuses to sign with the replaced key ...
        with pytest.raises(InfusionRefused) as refused:
            confirm_check(doctor.factory, stale, infusion_id, trial.clock)
        assert refused.value.code == "stale_key"
        # ... and a confirmation written with it past the service is reported.
        with unit_of_work(doctor.factory, stale, clock=trial.clock) as session:
            infusion = session.get(Infusion, infusion_id)
            assert infusion is not None and stale.keys is not None
            signed = stale.keys.sign(signed_message(PURPOSE_CHECKED, check_payload(infusion)))
            infusion.checked_by_id = stale.user_id
            infusion.checked_key_entry_id = stale.key_entry_id
            infusion.checked_signature = base64.b64encode(signed).decode("ascii")
        with read_session(doctor.factory) as session:
            found = {
                (finding.code, finding.field)
                for finding in infusion_findings(session)
                if finding.record == str(infusion_id)
            }
    finally:
        doctor.close()
    assert found == {(INFUSION_SIGNATURE_STALE_KEY, "checked_signature")}


def test_the_demo_infusions_pass_the_infusion_checks(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    create_demo_trial(folder, screened=12)
    workspace = sign_in(folder, "ivanova", "demo-doctor")
    try:
        with read_session(workspace.factory) as session:
            assert session.scalar(select(func.count()).select_from(Infusion))
            assert infusion_checks(session) == []
    finally:
        workspace.close()
