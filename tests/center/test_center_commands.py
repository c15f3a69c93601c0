"""`msc-desk center keygen` and `allocation-list`: files a laptop accepts, never overwritten."""

from __future__ import annotations

import base64
import csv
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from msc_desk.center.verification import open_list_key, open_signed_list
from msc_desk.cli import main
from msc_desk.protocol import STUDY
from msc_desk.security.identity import encode_public
from msc_desk.services.trial_setup import read_center_public_key


def test_keygen_writes_the_private_key_for_its_owner_and_a_public_key_for_laptops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["center", "keygen", "--out", str(tmp_path / "center.key")]) == 0
    assert stat.S_IMODE((tmp_path / "center.key").stat().st_mode) == 0o600
    public = read_center_public_key((tmp_path / "center.pub").read_bytes())
    assert len(public) == 32
    assert "Fingerprint to compare on paper" in capsys.readouterr().out
    assert main(["center", "keygen", "--out", str(tmp_path / "center.key")]) == 2
    assert "exists" in capsys.readouterr().err


def test_allocation_list_is_signed_for_the_device_and_the_sequence_kept_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "center.key"
    main(["center", "keygen", "--out", str(key)])
    out = tmp_path / "list.json"
    laptop = X25519PrivateKey.generate()
    device_key = encode_public(laptop.public_key())
    args = ["center", "allocation-list", "--key", str(key), "--device-uid", "dev-1"]
    args += ["--device-key", device_key, "--first-study-number", "101", "--study-numbers", "50"]
    args += ["--first-slot", "41", "--count", "8", "--out", str(out)]

    assert main(args) == 0

    public = read_center_public_key((tmp_path / "center.pub").read_bytes())
    opened = open_signed_list(
        out.read_bytes(), public, study=STUDY, device_uid="dev-1", device_key=device_key
    )
    assert (opened.first_slot, opened.slot_count) == (41, 8)
    assert (opened.first_study_number, opened.study_number_count) == (101, 50)
    list_key = open_list_key(laptop, opened.list_uid, opened.sealed_list_key)
    assert base64.b64encode(list_key) not in out.read_bytes()
    plan = tmp_path / "list.plan.csv"
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600
    rows = list(csv.DictReader(plan.read_text(encoding="utf-8").splitlines()))
    assert [int(row["slot"]) for row in rows] == list(range(41, 49))
    assert sorted(row["arm"] for row in rows) == ["control"] * 4 + ["msc"] * 4
    assert b'"control"' not in out.read_bytes() and b'"msc"' not in out.read_bytes()
    capsys.readouterr()
    assert main(args) == 2
    assert "never overwritten" in capsys.readouterr().err


def test_allocation_list_with_db_records_the_issued_list_and_report_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    from sqlalchemy import select

    from msc_desk.center.central_db import issued_lists, open_central_database

    key = tmp_path / "center.key"
    main(["center", "keygen", "--out", str(key)])
    device_key = encode_public(X25519PrivateKey.generate().public_key())
    args = ["center", "allocation-list", "--key", str(key), "--device-uid", "dev-9"]
    args += ["--device-key", device_key, "--first-slot", "1", "--count", "6"]
    args += ["--out", str(tmp_path / "list.json"), "--db", sqlite_url]
    assert main(args) == 0
    engine = open_central_database(sqlite_url)
    with engine.connect() as connection:
        issued = connection.execute(select(issued_lists)).mappings().all()
    engine.dispose()
    assert [(row["device_id"], row["first_slot"], row["slot_count"]) for row in issued] == [
        ("dev-9", 1, 6)
    ]
    capsys.readouterr()
    assert main(["center", "report", "--db", sqlite_url, "--out", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r" / "report.txt").is_file()
    assert (tmp_path / "r" / "findings.csv").is_file()
