"""`msc-desk center keygen | key-bundle | enroll-device | revoke-device | import` from a shell."""

from __future__ import annotations

import shutil
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from batches import REGISTRY_FINGERPRINT, Device, Recipients
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from msc_desk.center.central_db import batches, count_rows, open_central_database
from msc_desk.cli import main
from msc_desk.exchange import SignedDocumentError, verify_key_bundle, verify_receipt
from msc_desk.exchange.age_keys import generate_age_identity
from msc_desk.exchange.canonical import ed25519_public_bytes, paper_fingerprint
from msc_desk.exchange.signed import make_key_bundle
from msc_desk.services.trial_setup import read_center_public_key


def _keygen(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["center", "keygen", "--out", str(folder / "center.key")]) == 0
    return capsys.readouterr().out


def test_keygen_writes_age_identities_a_receipt_key_and_a_recovery_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _keygen(tmp_path, capsys)
    for name in ("center-operational.agekey", "center-recovery.agekey", "center-receipt.key",
                 "center-recovery-sheet.txt"):  # fmt: skip
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    recovery = (tmp_path / "center-recovery.agekey").read_text().splitlines()
    assert recovery[0].startswith("# created: ") and recovery[1].startswith("# public key: age1")
    secret, recipient = recovery[2], recovery[1].removeprefix("# public key: ")
    sheet = (tmp_path / "center-recovery-sheet.txt").read_text()
    assert secret in sheet and recipient in sheet and "age -d -i" in sheet
    assert recipient in out and secret not in out
    operational = (tmp_path / "center-operational.agekey").read_text()
    assert "AGE-SECRET-KEY-" in operational and operational.split()[-1] not in sheet

    assert main(["center", "keygen", "--out", str(tmp_path / "center.key")]) == 2
    assert "never overwritten" in capsys.readouterr().err


def test_the_recovery_identity_opens_a_batch_with_the_stock_age_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _keygen(tmp_path, capsys)
    assert main(["center", "key-bundle", "--key", str(tmp_path / "center.key"),
                 "--out", str(tmp_path / "bundle.json")]) == 0  # fmt: skip
    root_public = read_center_public_key((tmp_path / "center.pub").read_bytes())
    bundle = verify_key_bundle((tmp_path / "bundle.json").read_bytes(), root_public)
    assert [entry.role for entry in bundle.recipients] == ["operational", "recovery"]
    batch = Device("dev-a").export(tmp_path / "usb", Recipients(bundle.recipient_strings()))

    opened = [
        subprocess.run(
            ["age", "-d", "-i", str(tmp_path / f"center-{role}.agekey"),
             str(batch / "payload.age")],
            check=True, capture_output=True,
        ).stdout
        for role in ("operational", "recovery")
    ]  # fmt: skip
    assert opened[0] == opened[1] and opened[0].startswith(b"PK")


def test_a_key_bundle_signed_by_another_key_or_altered_is_refused(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    root, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    bundle = make_key_bundle(
        root,
        study="NCT01849237",
        operational=generate_age_identity().recipient,
        recovery=generate_age_identity().recipient,
        receipt_public_key=ed25519_public_bytes(other),
        created_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    assert verify_key_bundle(bundle, ed25519_public_bytes(root)).study == "NCT01849237"
    with pytest.raises(SignedDocumentError, match="another key"):
        verify_key_bundle(bundle, ed25519_public_bytes(other))
    with pytest.raises(SignedDocumentError, match="altered"):
        verify_key_bundle(bundle.replace(b"NCT01849237", b"NCT01849238"), root.public_key())
    with pytest.raises(SignedDocumentError):
        verify_key_bundle(bundle[:-2], root.public_key())


def _setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str
) -> tuple[Device, Recipients, Path]:
    """Center keys, a key bundle, an enrolled laptop and its first batch."""
    _keygen(tmp_path, capsys)
    main(["center", "key-bundle", "--key", str(tmp_path / "center.key"),
          "--out", str(tmp_path / "bundle.json")])  # fmt: skip
    root_public = read_center_public_key((tmp_path / "center.pub").read_bytes())
    bundle = verify_key_bundle((tmp_path / "bundle.json").read_bytes(), root_public)
    center = Recipients(bundle.recipient_strings())
    device = Device("dev-a")
    public_hex = (
        device.key.public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        .hex()
    )
    capsys.readouterr()
    assert main(["center", "enroll-device", "--db", db, "--device-id", "dev-a",
                 "--public-key", public_hex,
                 "--registry-fingerprint", REGISTRY_FINGERPRINT]) == 0  # fmt: skip
    assert paper_fingerprint(device_key_fingerprint(device))[:9] in capsys.readouterr().out
    return device, center, device.export(tmp_path / "usb", center)


def device_key_fingerprint(device: Device) -> str:
    from msc_desk.exchange.canonical import ed25519_fingerprint

    return ed25519_fingerprint(device.key)


def _import_args(tmp_path: Path, db: str, *batch_paths: Path) -> list[str]:
    return ["center", "import", *map(str, batch_paths), "--db", db,
            "--identity", str(tmp_path / "center-operational.agekey"),
            "--receipt-key", str(tmp_path / "center-receipt.key"),
            "--receipts", str(tmp_path / "receipts")]  # fmt: skip


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_import_from_the_shell_writes_a_receipt_and_a_replay_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest,
    backend: str,
) -> None:  # fmt: skip
    db = request.getfixturevalue("central_url" if backend == "postgresql" else "sqlite_url")
    device, center, first = _setup(tmp_path, capsys, db)
    second = device.export(tmp_path / "usb", center)

    assert main(_import_args(tmp_path, db, second, first)) == 0  # any order

    out = capsys.readouterr().out
    assert "batch 1 imported, 5 rows" in out and "batch 2 imported" in out
    bundle = verify_key_bundle(
        (tmp_path / "bundle.json").read_bytes(),
        read_center_public_key((tmp_path / "center.pub").read_bytes()),
    )
    receipt_file = tmp_path / "receipts" / "receipt-NCT01849237-dev-a-000002.json"
    receipt = verify_receipt(receipt_file.read_bytes(), bundle.receipt_public_key)
    assert (receipt.device_id, receipt.sequence) == ("dev-a", 2)
    engine = open_central_database(db)
    before = count_rows(engine)

    assert main(_import_args(tmp_path, db, first)) == 0

    assert "already imported, nothing changed" in capsys.readouterr().out
    assert count_rows(engine) == before
    with engine.connect() as connection:
        assert connection.execute(select(batches.c.sequence)).scalars().all() == [1, 2]
    engine.dispose()


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_a_refused_batch_exits_2_naming_the_reason_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest,
    backend: str,
) -> None:  # fmt: skip
    db = request.getfixturevalue("central_url" if backend == "postgresql" else "sqlite_url")
    _, _, batch = _setup(tmp_path, capsys, db)
    tampered = tmp_path / "tampered"
    shutil.copytree(batch, tampered)
    payload = (tampered / "payload.age").read_bytes()
    (tampered / "payload.age").write_bytes(payload[:-1])

    assert main(_import_args(tmp_path, db, tampered)) == 2

    err = capsys.readouterr().err
    assert "REJECTED" in err and "bad_payload" in err and "truncated" in err
    engine = open_central_database(db)
    assert count_rows(engine)["batches"] == 0
    engine.dispose()
    assert main(["center", "revoke-device", "--db", db, "--device-id", "dev-a",
                 "--reason", "stolen"]) == 0  # fmt: skip
    assert main(_import_args(tmp_path, db, batch)) == 2
    assert "revoked_device" in capsys.readouterr().err
    assert main(["center", "revoke-device", "--db", db, "--device-id", "dev-x",
                 "--reason", "x"]) == 2  # fmt: skip
    assert "not enrolled" in capsys.readouterr().err


def test_an_unreachable_or_unsupported_database_is_said_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    revoke = ["center", "revoke-device", "--device-id", "dev-a", "--reason", "x", "--db"]
    assert main([*revoke, "postgresql://nobody@127.0.0.1:1/none"]) == 2
    assert "cannot open the central database" in capsys.readouterr().err
    assert main([*revoke, "mysql://nobody@127.0.0.1/none"]) == 2
    assert "no database driver for mysql" in capsys.readouterr().err
