"""Importing a signed allocation list: verified, stored sealed, refused when untrustworthy."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_randomization import (
    CENTER_KEY,
    CENTER_PUBLIC,
    OTHER_DEVICE_UID,
    Trial,
    make_trial,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from msc_desk.center.allocation import (
    SEALED_SLOT_BYTES,
    canonical_json,
    generate_allocation_list,
    key_fingerprint,
    unseal,
)
from msc_desk.center.verification import open_list_key
from msc_desk.models import AllocationList, AllocationSlot, AuditEntry
from msc_desk.security.identity import encode_public
from msc_desk.services.allocation import (
    AllocationImportError,
    import_allocation_list,
    remaining_slots,
)
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.randomization_key import open_randomization_key
from msc_desk.services.session import read_session


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    yield trial
    trial.engine.dispose()


def refused(trial: Trial, data: bytes, code: str, **kw: object) -> AllocationImportError:
    with pytest.raises(AllocationImportError) as caught:
        trial.import_file(data, **kw)
    assert caught.value.code == code, caught.value.message
    assert trial.count(AllocationList) == 0 or code in {"overlapping_slots", "already_imported"}
    return caught.value


def test_a_signed_list_is_stored_sealed_with_its_signed_part_verbatim(trial: Trial) -> None:
    generated = trial.generate(first_slot=1, slot_count=8, stratum="neutropenia")
    imported = trial.import_file(generated.signed_file)

    assert (imported.list_uid, imported.first_slot, imported.slot_count) == (
        generated.list_uid,
        1,
        8,
    )
    assert imported.signer_fingerprint == key_fingerprint(CENTER_PUBLIC)
    assert remaining_slots(trial.factory) == 8
    envelope = json.loads(generated.signed_file)
    key = list_key(trial)
    with read_session(trial.factory) as session:
        stored = session.scalars(select(AllocationList)).one()
        slots = session.scalars(select(AllocationSlot).order_by(AllocationSlot.slot_number)).all()
        assert stored.stratum == "neutropenia"
        kept = json.loads(stored.signed_document)
        assert [slot.slot_number for slot in slots] == list(range(1, 9))
        assert all(slot.arm is None and slot.patient_id is None for slot in slots)
        for slot, planned in zip(slots, generated.plan, strict=True):
            arm, _nonce = unseal(key, generated.list_uid, slot.slot_number, slot.sealed_arm)
            assert arm == planned.arm
        sealed_list_key = stored.sealed_list_key
    assert kept == envelope
    assert sealed_list_key == base64.b64decode(envelope["document"]["sealed_list_key"])
    # The center can check the kept document with its own public key.
    signature = base64.b64decode(kept["signature"]["value"])
    CENTER_KEY.public_key().verify(signature, canonical_json(kept["document"]))


def list_key(trial: Trial) -> bytes:
    """What only a randomizing user's own key opens: the list key, through the laptop's key."""
    with read_session(trial.factory) as session:
        private = open_randomization_key(session, trial.investigator)
        stored = session.scalars(select(AllocationList)).one()
        return open_list_key(private, stored.list_uid, stored.sealed_list_key)


def test_the_list_key_is_never_in_clear_in_the_file_or_on_the_laptop(trial: Trial) -> None:
    generated = trial.import_list()
    key = list_key(trial)
    assert base64.b64encode(key) not in generated.signed_file
    assert key.hex().encode() not in generated.signed_file
    assert key not in trial.raw_bytes() and base64.b64encode(key) not in trial.raw_bytes()


def test_every_sealed_slot_has_one_length_in_the_file_and_the_database(trial: Trial) -> None:
    generated = trial.import_list(first_slot=1, slot_count=40)
    assert {planned.arm for planned in generated.plan} == {"control", "msc"}
    document = json.loads(generated.signed_file)["document"]
    encoded = {len(slot["sealed"]) for slot in document["slots"]}
    assert len(encoded) == 1
    assert {len(base64.b64decode(slot["sealed"])) for slot in document["slots"]} == {
        SEALED_SLOT_BYTES
    }
    with trial.engine.connect() as connection:
        lengths = connection.exec_driver_sql(
            "SELECT DISTINCT length(sealed_arm) FROM allocation_slot"
        ).all()
    assert lengths == [(SEALED_SLOT_BYTES,)]


def test_a_list_sealed_to_another_laptop_key_is_refused(trial: Trial) -> None:
    other = encode_public(X25519PrivateKey.generate().public_key())
    refused(trial, trial.generate(device_key=other).signed_file, "wrong_device_key")
    refused(trial, trial.generate().signed_file, "no_randomization_key", device_key=None)


def test_a_list_can_be_imported_from_a_file(trial: Trial, tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_bytes(trial.generate().signed_file)
    assert trial.import_file(path).slot_count == 10


def test_an_unsigned_list_is_refused(trial: Trial) -> None:
    envelope = json.loads(trial.generate().signed_file)
    envelope["signature"] = None
    refused(trial, canonical_json(envelope) + b"\n", "unsigned")
    refused(trial, canonical_json(envelope["document"]) + b"\n", "unsigned")


def test_a_list_signed_by_another_key_is_refused(trial: Trial) -> None:
    stranger = Ed25519PrivateKey.generate()
    generated = generate_allocation_list(
        stranger,
        study="NCT01849237",
        device_uid=trial.admin.device,
        device_key=trial.device_key,
        first_slot=1,
        slot_count=4,
    )
    refused(trial, generated.signed_file, "bad_signature")


def _position(data: bytes, marker: bytes, skip: int = 0) -> int:
    return data.index(marker) + len(marker) + skip


@pytest.mark.parametrize(
    ("marker", "skip", "codes"),
    [
        (b'"study":"', 3, {"bad_signature"}),
        (b'"commitment":"', 10, {"bad_signature"}),
        (b'"sealed":"', 20, {"bad_signature"}),
        (b'"first_slot":', 0, {"bad_signature", "malformed"}),
        (b'"created_at":"', 18, {"bad_signature"}),
        (b'"sealed_list_key":"', 5, {"bad_signature", "malformed"}),
        (b'"device_key":"', 5, {"bad_signature", "malformed"}),
        (b'"value":"', 30, {"bad_signature"}),
        (b'"key_fingerprint":"', 7, {"bad_signature"}),
        (b"", 0, {"malformed"}),
    ],
)
def test_one_flipped_byte_anywhere_is_refused(
    trial: Trial, marker: bytes, skip: int, codes: set[str]
) -> None:
    data = bytearray(trial.generate().signed_file)
    position = _position(bytes(data), marker, skip)
    data[position] ^= 0x01
    with pytest.raises(AllocationImportError) as caught:
        trial.import_file(bytes(data))
    assert caught.value.code in codes
    assert trial.count(AllocationList) == 0 and trial.count(AllocationSlot) == 0


@pytest.mark.parametrize("offset", [0, 4, 9])
def test_flipped_bytes_all_across_the_file_are_refused(trial: Trial, offset: int) -> None:
    original = trial.generate(slot_count=2).signed_file
    for position in range(offset, len(original), 13):
        data = bytearray(original)
        data[position] ^= 0x20
        with pytest.raises(AllocationImportError):
            trial.import_file(bytes(data))
    assert trial.count(AllocationList) == 0


def test_a_truncated_or_extended_file_is_refused(trial: Trial) -> None:
    data = trial.generate().signed_file
    refused(trial, data[:-40], "malformed")
    refused(trial, data + b" ", "bad_signature")
    refused(trial, data.replace(b"\n", b"\r\n"), "bad_signature")


def test_a_list_for_another_study_or_device_is_refused(trial: Trial) -> None:
    refused(trial, trial.generate(study="NCT00000000").signed_file, "wrong_study")
    refused(trial, trial.generate(device_uid=OTHER_DEVICE_UID).signed_file, "wrong_device")


def test_an_overlapping_range_is_refused_and_an_adjacent_one_accepted(trial: Trial) -> None:
    trial.import_list(first_slot=1, slot_count=10)
    refused(trial, trial.generate(first_slot=5, slot_count=10).signed_file, "overlapping_slots")
    refused(trial, trial.generate(first_slot=10, slot_count=1).signed_file, "overlapping_slots")
    trial.import_list(first_slot=11, slot_count=5)
    assert remaining_slots(trial.factory) == 15


def test_a_list_below_slots_already_used_is_refused(trial: Trial) -> None:
    trial.import_list(first_slot=101, slot_count=4)
    trial.randomize(trial.screen().patient_id)
    refused(trial, trial.generate(first_slot=1, slot_count=10).signed_file, "overlapping_slots")


def test_the_same_list_twice_is_refused(trial: Trial) -> None:
    data = trial.generate().signed_file
    trial.import_file(data)
    refused(trial, data, "already_imported")
    assert trial.count(AllocationSlot) == 10


def test_only_a_site_administrator_imports(trial: Trial) -> None:
    with pytest.raises(PermissionDenied):
        import_allocation_list(
            trial.factory,
            trial.investigator,
            trial.generate().signed_file,
            trusted_center_key=CENTER_PUBLIC,
            device_uid=trial.admin.device,
            study="NCT01849237",
            device_key=trial.device_key,
            clock=trial.clock,
        )
    assert trial.count(AllocationList) == 0


def test_imports_and_refusals_are_audited(trial: Trial) -> None:
    data = trial.generate().signed_file
    trial.import_file(data)
    refused(trial, data, "already_imported")
    with read_session(trial.factory) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert "import_allocation" in actions and actions[-1] == "allocation_import_refused"


def test_a_list_may_give_a_large_trial_its_five_digit_study_numbers(trial: Trial) -> None:
    imported = trial.import_file(trial.generate(1, 4, study_number_count=10_000).signed_file)
    assert imported.slot_count == 4
    with read_session(trial.factory) as session:
        stored = session.scalars(select(AllocationList)).one()
        assert (stored.first_study_number, stored.study_number_count) == (1, 10_000)
