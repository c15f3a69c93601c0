"""`msc-desk` from a shell: every bad input ends with one line on stderr and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from msc_desk.center.allocation import generate_center_key
from msc_desk.cli import main
from msc_desk.security.identity import UserKeys


def refused_in_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command; assert exit 2 and a single line on stderr; return that line."""
    capsys.readouterr()
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("\n") and captured.err.count("\n") == 1, captured.err
    assert "Traceback" not in captured.err
    assert captured.err.startswith("msc-desk")
    return captured.err


def test_a_file_as_the_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "msc-desk.db"
    a_file.write_bytes(b"not a folder")
    assert "is a file" in refused_in_one_line(["--data-dir", str(a_file)], capsys)
    under_a_file = a_file / "ward"
    refused_in_one_line(["--data-dir", str(under_a_file)], capsys)
    assert a_file.read_bytes() == b"not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes every folder")
def test_a_data_folder_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        assert "cannot be read or written" in refused_in_one_line(
            ["--data-dir", str(locked / "ward")], capsys
        )
    finally:
        locked.chmod(0o700)


def test_the_real_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("x")
    done = subprocess.run(
        [sys.executable, "-m", "msc_desk", "--data-dir", str(a_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.fixture
def center_key(tmp_path: Path) -> Path:
    path = tmp_path / "center.key"
    generate_center_key(path)
    return path


DEVICE_KEY = UserKeys.generate().encryption_public
"""A laptop's randomization public key, to which the list key is sealed."""


def allocation_list(key: Path, out: Path, *options: str) -> list[str]:
    chosen = dict(zip(options[::2], options[1::2], strict=True))
    defaults = {"--device-uid": "dev-1", "--device-key": DEVICE_KEY, "--first-slot": "1"}
    arguments = defaults | {"--count": "8"} | chosen
    flat = [item for pair in arguments.items() for item in pair]
    return ["center", "allocation-list", "--key", str(key), "--out", str(out), *flat]


@pytest.mark.parametrize(
    "options",
    [
        ("--first-slot", str(2**63)),
        ("--first-slot", "0"),
        ("--first-slot", "-1"),
        ("--first-slot", "999999", "--count", "8"),
        ("--count", str(10**30)),
        ("--count", "0"),
        ("--count", "-5"),
        ("--count", "10001"),
        ("--device-uid", "dev\x01"),
        ("--device-uid", "d" * 37),
        ("--stratum", "нейтро\u202eпения"),
    ],
    ids=repr,
)
def test_absurd_list_arguments(
    center_key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...]
) -> None:
    out = tmp_path / "list.json"
    refused_in_one_line(allocation_list(center_key, out, *options), capsys)
    assert not out.exists() and not out.with_suffix(".plan.csv").exists()


def test_the_largest_sane_slot_range_is_signed(
    center_key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "list.json"
    assert main(allocation_list(center_key, out, "--first-slot", "999993", "--count", "8")) == 0
    assert out.exists()


def test_a_passphrase_protected_center_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "protected.key"
    generate_center_key(key, passphrase=b"correct horse battery staple")
    out = tmp_path / "list.json"
    assert "passphrase" in refused_in_one_line(allocation_list(key, out), capsys)
    assert not out.exists()


def test_unreadable_center_keys(
    center_key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rsa_key = tmp_path / "rsa.key"
    rsa_key.write_bytes(
        rsa.generate_private_key(public_exponent=65537, key_size=1024).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    garbage = tmp_path / "garbage.key"
    garbage.write_bytes(b"-----BEGIN PRIVATE KEY-----\n\x00\xff\n-----END PRIVATE KEY-----\n")
    keys = [
        tmp_path / "missing.key",
        tmp_path,  # a folder
        center_key.with_suffix(".pub"),
        rsa_key,
        garbage,
    ]
    main(["center", "keygen", "--out", str(tmp_path / "other.key")])
    keys.append(tmp_path / "other.pub")
    for key in keys:
        out = tmp_path / "list.json"
        refused_in_one_line(allocation_list(key, out), capsys)
        assert not out.exists()


def test_argument_syntax_errors_exit_2_through_argparse(
    center_key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(allocation_list(center_key, tmp_path / "x.json", "--first-slot", "abc"))
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_list_into_a_missing_folder(
    center_key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "list.json"
    assert "is not a folder" in refused_in_one_line(allocation_list(center_key, out), capsys)
    assert not out.parent.exists()
