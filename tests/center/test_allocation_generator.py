"""The center's allocation-list generator, root key and signed format."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from msc_desk.center.allocation import (
    DOCUMENT_FORMAT,
    ENVELOPE_FORMAT,
    GENESIS_REVEAL_HASH,
    AllocationListError,
    GeneratedList,
    canonical_json,
    commitment,
    generate_allocation_list,
    generate_center_key,
    key_fingerprint,
    load_center_key,
    paper_fingerprint,
    permuted_blocks,
    public_key_bytes,
    reveal_hash,
    unseal,
)
from msc_desk.center.verification import (
    Reveal,
    first_broken_reveal,
    open_list_key,
    open_signed_list,
    open_slot,
)
from msc_desk.security.identity import encode_public

KEY = Ed25519PrivateKey.generate()
LAPTOP = X25519PrivateKey.generate()
LAPTOP_PUBLIC = encode_public(LAPTOP.public_key())
DEVICE = "5b0f8e52-1c7e-4b53-9a0e-8a8f3f1f2c01"
CREATED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def generate(
    first_slot: int = 1, slot_count: int = 20, **kw: Any
) -> tuple[GeneratedList, dict[str, Any]]:
    generated = generate_allocation_list(
        KEY,
        study="NCT01849237",
        device_uid=DEVICE,
        device_key=LAPTOP_PUBLIC,
        first_slot=first_slot,
        slot_count=slot_count,
        clock=lambda: CREATED,
        **kw,
    )
    return generated, json.loads(generated.signed_file)


def blocks_of(rows: list[tuple[int, int, str]]) -> dict[int, list[tuple[int, str]]]:
    grouped: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for block, size, arm in rows:
        grouped[block].append((size, arm))
    return grouped


@pytest.mark.parametrize("count", [2, 4, 7, 30, 31, 100])
def test_every_complete_block_is_balanced_and_of_size_2_or_4(count: int) -> None:
    for _ in range(50):
        rows = permuted_blocks(count)
        assert len(rows) == count
        grouped = blocks_of(rows)
        assert sorted(grouped) == list(range(len(grouped)))
        for index, members in grouped.items():
            size = members[0][0]
            assert size in {2, 4} and all(s == size for s, _ in members)
            arms = Counter(arm for _, arm in members)
            if len(members) == size:
                assert arms == {"control": size // 2, "msc": size // 2}
            else:  # only an odd count leaves a truncated last block
                assert count % 2 == 1 and index == max(grouped) and len(members) == 1


def test_both_block_sizes_and_both_orders_occur() -> None:
    sizes: Counter[int] = Counter()
    first_arms: Counter[str] = Counter()
    for _ in range(100):
        for members in blocks_of(permuted_blocks(30)).values():
            sizes[members[0][0]] += 1
            first_arms[members[0][1]] += 1
    assert sizes[2] > 100 and sizes[4] > 100
    assert first_arms["control"] > 100 and first_arms["msc"] > 100


def test_block_sizes_must_be_even() -> None:
    with pytest.raises(ValueError):
        permuted_blocks(10, (3,))
    with pytest.raises(ValueError):
        permuted_blocks(10, ())


def test_slots_are_numbered_from_the_first_slot_of_the_range() -> None:
    generated, envelope = generate(first_slot=41, slot_count=10, stratum="site-01")
    document = envelope["document"]
    assert [entry["slot"] for entry in document["slots"]] == list(range(41, 51))
    assert (document["first_slot"], document["slot_count"]) == (41, 10)
    assert document["format"] == DOCUMENT_FORMAT and document["stratum"] == "site-01"
    assert document["study"] == "NCT01849237" and document["device_uid"] == DEVICE
    assert document["device_key"] == LAPTOP_PUBLIC
    assert (document["first_study_number"], document["study_number_count"]) == (1, 999)
    assert document["created_at"] == CREATED.isoformat()
    assert [p.slot for p in generated.plan] == list(range(41, 51))


def test_the_signature_verifies_and_the_slots_match_the_plan() -> None:
    generated, envelope = generate()
    document = envelope["document"]
    assert envelope["format"] == ENVELOPE_FORMAT
    assert generated.signed_file == canonical_json(envelope) + b"\n"
    signature = envelope["signature"]
    assert signature["key_fingerprint"] == key_fingerprint(KEY.public_key())
    KEY.public_key().verify(base64.b64decode(signature["value"]), canonical_json(document))
    assert set(envelope) == {"format", "document", "signature"}  # no list key in clear
    sealed_key = base64.b64decode(document["sealed_list_key"])
    list_key = open_list_key(LAPTOP, document["list_uid"], sealed_key)
    assert hashlib.sha256(list_key).hexdigest() == document["list_key_sha256"]
    assert base64.b64encode(list_key) not in generated.signed_file
    with pytest.raises(AllocationListError):
        open_list_key(X25519PrivateKey.generate(), document["list_uid"], sealed_key)
    uid = document["list_uid"]
    for entry, planned in zip(document["slots"], generated.plan, strict=True):
        assert entry["commitment"] == commitment(uid, planned.slot, planned.arm, planned.nonce)
        sealed = base64.b64decode(entry["sealed"])
        assert unseal(list_key, uid, planned.slot, sealed) == (planned.arm, planned.nonce)
    assert b"control" not in generated.signed_file


def test_the_opened_list_matches_what_was_generated() -> None:
    generated, _ = generate(first_slot=5, slot_count=6)
    opened = open_signed_list(generated.signed_file, public_key_bytes(KEY))
    assert (opened.first_slot, opened.last_slot, opened.slot_count) == (5, 10, 6)
    assert opened.device_key == LAPTOP_PUBLIC
    list_key = open_list_key(LAPTOP, opened.list_uid, opened.sealed_list_key)
    arms = [
        open_slot(list_key, opened.list_uid, s.slot, s.sealed, s.commitment) for s in opened.slots
    ]
    assert arms == [p.arm for p in generated.plan]
    assert opened.signed_document.encode() + b"\n" == generated.signed_file


def test_every_sealed_slot_has_one_length_whatever_its_arm() -> None:
    generated, envelope = generate(slot_count=60)
    assert {p.arm for p in generated.plan} == {"control", "msc"}
    lengths = {len(entry["sealed"]) for entry in envelope["document"]["slots"]}
    assert len(lengths) == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"first_slot": 0},
        {"slot_count": 0},
        {"study": ""},
        {"device_uid": "x" * 37},
        {"stratum": ""},
        {"first_slot": 2**63},
        {"device_key": "not a key"},
        {"first_study_number": 0},
        {"first_study_number": 99_990, "study_number_count": 20},
    ],
)
def test_invalid_requests_are_refused(kwargs: dict[str, Any]) -> None:
    options: dict[str, Any] = {
        "study": "NCT01849237",
        "device_uid": DEVICE,
        "device_key": LAPTOP_PUBLIC,
        "first_slot": 1,
        "slot_count": 4,
    } | kwargs
    with pytest.raises(ValueError):
        generate_allocation_list(KEY, **options)


def test_the_center_key_file_is_private_and_loads_back(tmp_path: Path) -> None:
    path = tmp_path / "center-root.pem"
    center = generate_center_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    loaded = load_center_key(path)
    assert public_key_bytes(loaded) == center.public_key
    assert center.fingerprint == hashlib.sha256(center.public_key).hexdigest()
    groups = center.paper_fingerprint.split(" ")
    assert len(groups) == 16 and all(len(g) == 4 and g == g.upper() for g in groups)
    assert "".join(groups).lower() == center.fingerprint
    with pytest.raises(FileExistsError):
        generate_center_key(path)


def test_a_passphrase_protects_the_center_key(tmp_path: Path) -> None:
    path = tmp_path / "center-root.pem"
    center = generate_center_key(path, passphrase=b"correct horse")
    assert b"ENCRYPTED" in path.read_bytes()
    assert public_key_bytes(load_center_key(path, passphrase=b"correct horse")) == (
        center.public_key
    )
    with pytest.raises((ValueError, TypeError)):
        load_center_key(path, passphrase=b"wrong")
    assert paper_fingerprint("ab" * 32).startswith("ABAB ABAB")


ELIGIBILITY = "e" * 64


def test_the_reveal_hash_covers_every_field() -> None:
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    g, e = GENESIS_REVEAL_HASH, ELIGIBILITY
    base = ("uid", 1, "msc", "MSC-01-001", e, at)
    reference = reveal_hash(g, *base)
    changed = [
        ("1" * 64, *base),
        (g, "uid2", 1, "msc", "MSC-01-001", e, at),
        (g, "uid", 2, "msc", "MSC-01-001", e, at),
        (g, "uid", 1, "control", "MSC-01-001", e, at),
        (g, "uid", 1, "msc", "MSC-01-002", e, at),
        (g, "uid", 1, "msc", "MSC-01-001", "f" * 64, at),
        (g, "uid", 1, "msc", "MSC-01-001", e, at.replace(microsecond=1)),
    ]
    assert all(reveal_hash(*args) != reference for args in changed)


def test_the_reveal_chain_format_is_the_documented_one() -> None:
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    instant = "2026-03-02T08:00:00.000000+00:00"
    carbon_text = (
        f"reveal-chain/2|carbon|{GENESIS_REVEAL_HASH}|uid|1|MSC-01-001|{ELIGIBILITY}|{instant}"
    )
    carbon = hashlib.sha256(carbon_text.encode()).hexdigest()
    expected = hashlib.sha256(f"reveal-chain/2|reveal|{carbon}|msc".encode()).hexdigest()
    assert reveal_hash(GENESIS_REVEAL_HASH, "uid", 1, "msc", "MSC-01-001", ELIGIBILITY, at) == (
        expected
    )


def test_the_reveal_chain_check_finds_a_skip_and_a_rewrite() -> None:
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    e = ELIGIBILITY
    first = reveal_hash(GENESIS_REVEAL_HASH, "uid", 1, "msc", "MSC-01-001", e, at)
    second = reveal_hash(first, "uid", 2, "control", "MSC-01-002", e, at)
    used = [
        Reveal(1, "uid", "msc", "MSC-01-001", e, at, first),
        Reveal(2, "uid", "control", "MSC-01-002", e, at, second),
    ]
    unused = Reveal(3, "uid", None, None, None, None, None)
    assert first_broken_reveal([*used, unused]) is None
    assert first_broken_reveal([used[0], unused, replace(used[1], slot=4)]) == 4
    assert first_broken_reveal([used[0], replace(used[1], arm="msc"), unused]) == 2
    assert first_broken_reveal([*used, replace(unused, study_id="MSC-01-003")]) == 3
