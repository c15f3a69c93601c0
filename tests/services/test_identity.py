"""Identity no one can borrow: the key registry, signed audit heads, signed e-signatures."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from seeding import Staff, new_workspace
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from msc_desk.models import Patient, PatientStatus, Role, Visit, VisitStatus
from msc_desk.security.identity import UserKeys
from msc_desk.security.keyed_factory import database_key
from msc_desk.security.keystore import KEYSLOTS_FILENAME, KeyStore
from msc_desk.services.audit_review import audit_entries
from msc_desk.services.audit_writer import append_entries
from msc_desk.services.head_signatures import verify_head_signatures
from msc_desk.services.identity_check import verify_identities, verify_slot_file
from msc_desk.services.registry import (
    NoSigningKey,
    identity_events,
    sign_for_actor,
    verify_for_entry,
    verify_registry,
)
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.signatures import SignatureError, sign_visit, verify_e_signatures
from msc_desk.services.users import reset_user_password
from msc_desk.services.workspace import OpenWorkspace, SignInError, change_own_password, sign_in

T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
MEANING = "Подтверждаю достоверность данных визита"


@dataclass
class Ward:
    admin: OpenWorkspace
    investigator: OpenWorkspace
    nurse: OpenWorkspace
    data_dir: Path
    visit_id: int

    def close(self) -> None:
        for workspace in (self.admin, self.investigator, self.nurse):
            workspace.close()


@pytest.fixture
def ward(tmp_path: Path, fixed_clock: Any) -> Iterator[Ward]:
    data_dir = tmp_path / "ws"
    staff = [
        Staff("ivanov", "Иванов", Role.INVESTIGATOR, "ivanov-password"),
        Staff("petrova", "Петрова", Role.NURSE, "petrova-password"),
    ]
    admin = new_workspace(data_dir, fixed_clock, staff).workspace
    investigator = sign_in(data_dir, "ivanov", "ivanov-password", clock=fixed_clock)
    nurse = sign_in(data_dir, "petrova", "petrova-password", clock=fixed_clock)
    with unit_of_work(nurse.factory, nurse.actor, clock=fixed_clock) as session:
        patient = Patient(study_id="MSC-001", site_id=1, status=PatientStatus.RANDOMIZED,
                          created_at=T0)  # fmt: skip
        session.add(patient)
        session.flush()
        visit = Visit(patient_id=patient.id, study_day=0, status=VisitStatus.DONE, performed_at=T0)
        session.add(visit)
        session.flush()
        visit_id = visit.id
    result = Ward(admin, investigator, nurse, data_dir, visit_id)
    yield result
    result.close()


def _raw(workspace: OpenWorkspace) -> Connection:
    return workspace.engine.connect()


def test_a_clean_workspace_verifies(ward: Ward, fixed_clock: Any) -> None:
    sign_visit(ward.investigator.factory, ward.investigator.actor, ward.data_dir, ward.visit_id,
               "ivanov-password", MEANING, fixed_clock)  # fmt: skip
    with read_session(ward.admin.factory) as session:
        assert verify_registry(session) == []
        assert verify_head_signatures(session) == []
        assert verify_e_signatures(session) == []


def test_an_audit_row_added_by_raw_sql_in_someones_name_has_no_valid_signature(
    ward: Ward, fixed_clock: Any
) -> None:
    actor = ward.investigator.actor
    with _raw(ward.nurse) as connection, connection.begin():
        row = {"at": fixed_clock(), "user_id": actor.user_id, "username": actor.username,
               "role": "investigator", "device": actor.device, "action": "randomize"}  # fmt: skip
        append_entries(connection, [row])
    with read_session(ward.admin.factory) as session:
        problems = verify_head_signatures(session)
    assert [problem.code for problem in problems] == ["unsigned_audit_row"]
    # Signed over by the nurse's next write, the row is still not the investigator's.
    with unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=fixed_clock) as session:
        visit = session.get(Visit, ward.visit_id)
        assert visit is not None
        visit.status = VisitStatus.MISSED
        session.info["reason"] = "correction"
    with read_session(ward.admin.factory) as session:
        codes = [problem.code for problem in verify_head_signatures(session)]
    assert codes == ["audit_row_not_by_signer"]


def test_a_swapped_public_key_is_reported(ward: Ward) -> None:
    forged = UserKeys.generate()
    with _raw(ward.nurse) as connection, connection.begin():
        # With the database key and the app's code, the append-only triggers can be dropped.
        connection.execute(text("DROP TRIGGER user_key_registry_no_update"))
        connection.execute(
            text("UPDATE user_key_registry SET signing_public = :key WHERE username = 'ivanov'"),
            {"key": forged.signing_public},
        )
    with read_session(ward.admin.factory) as session:
        codes = {problem.code for problem in verify_registry(session)}
        assert "registry_self_signature" in codes or "registry_authority_signature" in codes
        assert "head_signature" in {p.code for p in verify_head_signatures(session)}


def test_a_nurse_cannot_register_her_own_keys_for_the_investigator(
    ward: Ward, fixed_clock: Any
) -> None:
    nurse_keys = ward.nurse.actor.keys
    assert nurse_keys is not None
    forged = UserKeys.generate()
    with unit_of_work(ward.nurse.factory, ward.nurse.actor, clock=fixed_clock) as session:
        from msc_desk.models import User
        from msc_desk.services.registry import append_entry

        ivanov = session.query(User).filter_by(username="ivanov").one()
        append_entry(session, ivanov, action="password_reset", clock=fixed_clock,
                     new_keys=forged, authority=ward.nurse.actor)  # fmt: skip
    with read_session(ward.admin.factory) as session:
        codes = [problem.code for problem in verify_identities(session)]
    assert codes == ["registry_authority_role"]
    # The forged entry is ignored: the investigator still signs in with his own keys.
    sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=fixed_clock).close()
    with pytest.raises(SignInError) as caught:  # and her keys under his name are refused
        _forge_slot(ward, forged, "petrova-password")
        sign_in(ward.data_dir, "ivanov", "petrova-password", clock=fixed_clock)
    assert caught.value.code == "key_mismatch"


def _forge_slot(ward: Ward, keys: UserKeys, password: str) -> None:
    key = database_key(ward.nurse.factory, ward.data_dir)
    with KeyStore.locked(ward.data_dir / KEYSLOTS_FILENAME) as store:
        store.set_user_keys("ivanov", keys, password, params=_cost())
        store.add_recipient("user:ivanov", key, keys.encryption.public_key())
        store.save()


@pytest.mark.parametrize("attack", ["copy_own_slot", "own_keys_with_sealed_key", "new_keys"])
def test_a_nurse_who_rewrites_the_slot_file_cannot_act_as_the_investigator(
    ward: Ward, fixed_clock: Any, attack: str
) -> None:
    path = ward.data_dir / KEYSLOTS_FILENAME
    key = database_key(ward.nurse.factory, ward.data_dir)  # she is signed in: she has the key
    data = json.loads(path.read_text(encoding="utf-8"))
    if attack == "copy_own_slot":
        data["users"]["ivanov"] = data["users"]["petrova"]
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        with KeyStore.locked(path) as store:
            keys = ward.nurse.actor.keys if attack == "own_keys_with_sealed_key" else None
            keys = keys or UserKeys.generate()
            store.set_user_keys("ivanov", keys, "petrova-password", params=_cost())
            store.add_recipient("user:ivanov", key, keys.encryption.public_key())
            store.save()
    with pytest.raises(SignInError) as caught:
        sign_in(ward.data_dir, "ivanov", "petrova-password", clock=fixed_clock)
    if attack == "copy_own_slot":  # a slot is bound to its name: it opens nothing elsewhere
        assert caught.value.code == "wrong_credentials"
    else:
        assert caught.value.code == "key_mismatch"
        with read_session(ward.admin.factory) as session:
            reported = [row for row in audit_entries(session) if row.action == "key_mismatch"]
            assert reported and "ivanov" in (reported[-1].new_value or "")


def _cost() -> Any:
    from msc_desk.security.keyslots import new_slot_kdf

    return new_slot_kdf()


def test_a_temporary_password_signs_nothing_and_the_user_is_told(
    ward: Ward, fixed_clock: Any
) -> None:
    reset_user_password(ward.admin.factory, ward.admin.actor, ward.data_dir, "ivanov",
                        "temporary-password", clock=fixed_clock)  # fmt: skip
    ward.investigator.close()
    investigator = sign_in(ward.data_dir, "ivanov", "temporary-password", clock=fixed_clock)
    ward.investigator = investigator
    assert investigator.must_change_password and investigator.notices == ("password_reset",)
    with pytest.raises(NoSigningKey):
        sign_for_actor(investigator.actor, b"allocation", purpose="randomization")
    with pytest.raises(SignatureError) as caught:
        sign_visit(investigator.factory, investigator.actor, ward.data_dir, ward.visit_id,
                   "temporary-password", MEANING, fixed_clock)  # fmt: skip
    assert caught.value.code == "no_signing_key"
    with read_session(ward.admin.factory) as session:
        assert [entry.username for entry in identity_events(session)] == ["ivanov"]
        assert verify_registry(session) == []


def test_an_e_signature_carries_the_signers_key_signature(ward: Ward, fixed_clock: Any) -> None:
    signature_id = sign_visit(ward.investigator.factory, ward.investigator.actor, ward.data_dir,
                              ward.visit_id, "ivanov-password", MEANING, fixed_clock)  # fmt: skip
    with read_session(ward.admin.factory) as session:
        assert verify_e_signatures(session) == []
    with _raw(ward.nurse) as connection, connection.begin():
        connection.execute(
            text("UPDATE signature SET meaning = 'Не подтверждаю' WHERE id = :id"),
            {"id": signature_id},
        )
    with read_session(ward.admin.factory) as session:
        assert [p.code for p in verify_e_signatures(session)] == ["e_signature"]


def test_sign_for_actor_verifies_against_the_registry(ward: Ward) -> None:
    entry_id, signature = sign_for_actor(ward.investigator.actor, b"slot 7", purpose="randomize")
    with read_session(ward.admin.factory) as session:
        assert verify_for_entry(session, entry_id, "randomize", b"slot 7", signature)
        assert not verify_for_entry(session, entry_id, "randomize", b"slot 8", signature)
        nurse_entry = ward.nurse.actor.key_entry_id
        assert nurse_entry is not None
        assert not verify_for_entry(session, nurse_entry, "randomize", b"slot 7", signature)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE user_key_registry SET role = 'admin'",
        "DELETE FROM user_key_registry",
        "INSERT OR REPLACE INTO user_key_registry SELECT * FROM user_key_registry WHERE id = 2",
        "DELETE FROM audit_head_signature",
        "INSERT OR REPLACE INTO audit_head_signature SELECT * FROM audit_head_signature LIMIT 1",
    ],
)
def test_the_registry_and_head_signatures_are_append_only(ward: Ward, statement: str) -> None:
    with (
        _raw(ward.nurse) as connection,
        pytest.raises(DBAPIError, match="append-only"),
        connection.begin(),
    ):
        connection.execute(text(statement))


def test_a_head_signature_is_base64_of_an_ed25519_signature(ward: Ward) -> None:
    with _raw(ward.admin) as connection:
        signatures = connection.execute(text("SELECT signature FROM audit_head_signature")).all()
    assert signatures and all(len(base64.b64decode(row[0])) == 64 for row in signatures)


def test_a_replaced_key_signs_nothing_that_verifies(ward: Ward, fixed_clock: Any) -> None:
    # The investigator's session stays open while an administrator resets his password.
    reset_user_password(ward.admin.factory, ward.admin.actor, ward.data_dir, "ivanov",
                        "temporary-password", clock=fixed_clock)  # fmt: skip
    sign_visit(ward.investigator.factory, ward.investigator.actor, ward.data_dir, ward.visit_id,
               "temporary-password", MEANING, fixed_clock)  # fmt: skip
    with read_session(ward.admin.factory) as session:
        assert "head_stale_key" in {p.code for p in verify_head_signatures(session)}
        assert [p.code for p in verify_e_signatures(session)] == ["e_signature_stale_key"]


def test_changing_ones_own_password_gives_a_workspace_that_signs(
    ward: Ward, fixed_clock: Any
) -> None:
    reset_user_password(ward.admin.factory, ward.admin.actor, ward.data_dir, "ivanov",
                        "temporary-password", clock=fixed_clock)  # fmt: skip
    ward.investigator.close()
    temporary = sign_in(ward.data_dir, "ivanov", "temporary-password", clock=fixed_clock)
    assert temporary.must_change_password
    own = change_own_password(temporary, "temporary-password", "ivanov-own-password", fixed_clock)
    ward.investigator = own
    assert not own.must_change_password and own.actor.keys is not None
    sign_visit(own.factory, own.actor, ward.data_dir, ward.visit_id, "ivanov-own-password",
               MEANING, fixed_clock)  # fmt: skip
    with read_session(ward.admin.factory) as session:
        assert verify_registry(session) == []
        assert verify_head_signatures(session) == []
        assert verify_e_signatures(session) == []
        # The reset is the audited exception, listed for the center.
        assert [(e.username, e.action) for e in identity_events(session)] == [
            ("ivanov", "password_reset")
        ]


def test_the_database_key_sealed_to_an_outsider_is_reported(ward: Ward) -> None:
    outsider = UserKeys.generate()
    key = database_key(ward.nurse.factory, ward.data_dir)
    with read_session(ward.admin.factory) as session:
        assert verify_slot_file(session, ward.data_dir) == []
    with KeyStore.locked(ward.data_dir / KEYSLOTS_FILENAME) as store:
        store.add_recipient("user:friend", key, outsider.encryption.public_key())
        store.save()
    with read_session(ward.admin.factory) as session:
        problems = verify_slot_file(session, ward.data_dir)
    assert [(p.code, p.detail) for p in problems] == [
        ("sealed_to_unregistered", "the database key is sealed to user:friend")
    ]
