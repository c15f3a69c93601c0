"""Key slots: Argon2id + AES-GCM wrapping, binding, retirement, recovery codes, parameters."""

from __future__ import annotations

import base64
import hashlib
import json
import pickle
import re

import pytest
from argon2.low_level import Type, hash_secret_raw
from seeding import CHEAP_KDF

from msc_desk.security.keyslots import (
    PRODUCTION_KDF,
    DatabaseKey,
    KdfParams,
    KeySlotError,
    SlotRetired,
    WrongSecret,
    new_recovery_code,
    normalize_recovery_code,
    retire_slot,
    slot_params,
    unwrap_key,
    wrap_key,
)

WORKSPACE = "0f1e2d3c-0000-4000-8000-000000000001"


def _wrap(key: DatabaseKey, secret: bytes, name: str = "user:ivanova") -> dict[str, object]:
    return wrap_key(key, secret, workspace_id=WORKSPACE, slot_name=name, params=CHEAP_KDF)


def test_a_slot_opens_with_its_secret_only() -> None:
    key = DatabaseKey.generate()
    slot = _wrap(key, "пароль-Ивановой".encode())

    opened = unwrap_key(
        slot, "пароль-Ивановой".encode(), workspace_id=WORKSPACE, slot_name="user:ivanova"
    )
    assert opened.reveal() == key.reveal()
    with pytest.raises(WrongSecret):
        unwrap_key(slot, b"not her password", workspace_id=WORKSPACE, slot_name="user:ivanova")


def test_the_key_is_not_in_the_slot_in_clear() -> None:
    key = DatabaseKey.generate()
    text = json.dumps(_wrap(key, b"secret-password"))
    raw = key.reveal()
    assert raw.hex() not in text and raw.hex().upper() not in text
    assert "secret-password" not in text


def test_a_slot_copied_under_another_name_opens_nothing() -> None:
    key = DatabaseKey.generate()
    slot = _wrap(key, b"nurse-password", name="user:nurse")
    # Same secret, so the verifier matches: the AES-GCM associated data must catch the swap.
    with pytest.raises(WrongSecret):
        unwrap_key(slot, b"nurse-password", workspace_id=WORKSPACE, slot_name="user:admin")
    with pytest.raises(WrongSecret):
        unwrap_key(slot, b"nurse-password", workspace_id="another", slot_name="user:nurse")


def test_a_tampered_wrapped_key_is_refused() -> None:
    slot = _wrap(DatabaseKey.generate(), b"password-1")
    wrapped = bytearray(base64.b64decode(str(slot["wrapped"])))
    wrapped[0] ^= 1
    slot["wrapped"] = base64.b64encode(bytes(wrapped)).decode()
    with pytest.raises(WrongSecret):
        unwrap_key(slot, b"password-1", workspace_id=WORKSPACE, slot_name="user:ivanova")


def test_a_retired_slot_verifies_the_password_but_holds_no_key() -> None:
    key = DatabaseKey.generate()
    retired = retire_slot(_wrap(key, b"password-1"))
    assert "wrapped" not in retired
    with pytest.raises(SlotRetired):
        unwrap_key(retired, b"password-1", workspace_id=WORKSPACE, slot_name="user:ivanova")
    with pytest.raises(WrongSecret):
        unwrap_key(retired, b"password-2", workspace_id=WORKSPACE, slot_name="user:ivanova")


def test_each_slot_stores_its_parameters_and_unknown_ones_are_refused() -> None:
    slot = _wrap(DatabaseKey.generate(), b"password-1")
    assert slot_params(slot) == CHEAP_KDF
    assert slot["kdf"] == {
        "algorithm": "argon2id",
        "version": 19,
        "time_cost": 1,
        "memory_kib": 8,
        "parallelism": 1,
    }
    with pytest.raises(KeySlotError):
        slot_params(slot | {"kdf": {"algorithm": "scrypt"}})
    with pytest.raises(ValueError):
        KdfParams(time_cost=1, memory_kib=64 * 1024 * 1024, parallelism=1)  # 64 GiB


def test_production_parameters_are_argon2id_t3_m64mib_p4() -> None:
    assert KdfParams(time_cost=3, memory_kib=65536, parallelism=4) == PRODUCTION_KDF
    key = DatabaseKey.generate()
    slot = wrap_key(
        key, b"production", workspace_id=WORKSPACE, slot_name="user:pi", params=PRODUCTION_KDF
    )
    assert slot["kdf"] == {
        "algorithm": "argon2id",
        "version": 19,
        "time_cost": 3,
        "memory_kib": 65536,
        "parallelism": 4,
    }
    # The stored parameters are the ones used: an independent Argon2id call gives the same verifier.
    salt = base64.b64decode(str(slot["salt"]))
    raw = hash_secret_raw(
        b"production",
        salt,
        time_cost=3,
        memory_cost=65536,
        parallelism=4,
        hash_len=64,
        type=Type.ID,
    )
    assert hashlib.sha256(b"msc-desk verifier\x00" + raw[32:]).hexdigest() == slot["check"]
    opened = unwrap_key(slot, b"production", workspace_id=WORKSPACE, slot_name="user:pi")
    assert opened.reveal() == key.reveal()


def test_recovery_codes_are_six_groups_of_five_crockford_characters() -> None:
    codes = {new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}", code)


def test_a_typed_recovery_code_is_forgiving_about_case_spaces_and_lookalikes() -> None:
    code = "0A1B2-C3D4E-F5G6H-J7K8M-N9P0Q-RSTVW"
    typed = " oa1b2 c3d4e-f5g6h j7k8m-n9poq-rstvw "
    assert normalize_recovery_code(typed) == normalize_recovery_code(code)
    assert normalize_recovery_code("il1i1-" * 5 + "11111") == b"1" * 30
    for bad in ("", "SHORT", "0A1B2-C3D4E-F5G6H-J7K8M-N9P0Q-RSTVU", "0A1B2" * 7):
        with pytest.raises(WrongSecret):
            normalize_recovery_code(bad)


def test_the_database_key_never_shows_itself() -> None:
    key = DatabaseKey.generate()
    assert key.reveal().hex() not in repr(key)
    assert key.reveal().hex() not in str(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    with pytest.raises(ValueError):
        DatabaseKey(b"short")
