"""Export batches: the stock age CLI opens them, they are signed, and a crash leaves nothing."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pyrage
import pytest
from batches import START, Center, Device, audit_lines, batch_files, sample_tables

from msc_desk.exchange import (
    GENESIS_HASH,
    BatchFileError,
    EnvelopeError,
    audit_head,
    parse_envelope,
    read_batch,
    read_identity_file,
    verify_batch,
    write_identity_file,
)
from msc_desk.exchange.payload import build_payload
from msc_desk.exchange.tables import read_table_csv, restore_cell, table_columns, table_csv

AGE = shutil.which("age")


def _identity_file(tmp_path: Path, center: Center) -> Path:
    path = tmp_path / "operational.txt"
    write_identity_file(path, center.operational, START)
    return path


def test_stock_age_cli_gives_back_exactly_the_zip_the_app_wrote(tmp_path: Path) -> None:
    assert AGE is not None, "the age CLI comes with scripts/install-system-deps.sh"
    center, device = Center(), Device("dev-a")
    batch = device.export(tmp_path, center)
    envelope = parse_envelope((batch / "envelope.json").read_bytes())
    identity = _identity_file(tmp_path, center)

    decrypted = subprocess.run(
        [str(AGE), "-d", "-i", str(identity), str(batch / "payload.age")],
        check=True,
        capture_output=True,
    ).stdout

    tables = sample_tables("dev-a")
    columns = {name: table_columns(rows) for name, rows in tables.items()}
    rebuilt = build_payload(
        envelope.shared_fields(), tables, batch_files(columns), b"".join(device.audit), columns
    )
    assert decrypted == rebuilt
    recovery = pyrage.x25519.Identity.from_str(center.recovery.secret)
    assert pyrage.decrypt((batch / "payload.age").read_bytes(), [recovery]) == rebuilt
    with zipfile.ZipFile(io.BytesIO(decrypted)) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == {
        "manifest.json",
        "tables/patient.csv",
        "tables/visit.csv",
        "tables/data_query.csv",
        "audit_log.jsonl",
        "data_dictionary.csv",
        "user_key_registry.json",
        "study.odm.xml",
    }
    assert manifest["sequence"] == 1 and manifest["files"]["tables/patient.csv"]["rows"] == 2


def test_identity_file_is_read_like_age_keygen_writes_it(tmp_path: Path) -> None:
    center = Center()
    path = _identity_file(tmp_path, center)
    text = path.read_text()
    assert text.startswith("# created: ")
    assert f"# public key: {center.operational.recipient}\n" in text
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert str(read_identity_file(path).to_public()) == center.operational.recipient


def test_envelope_is_signed_and_holds_the_payload_hash_and_audit_head(tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    first = device.export(tmp_path, center)
    second = device.export(tmp_path, center)
    batch = read_batch(second)
    verify_batch(batch, device.key.public_key())
    envelope = batch.envelope
    assert envelope.sequence == 2
    assert envelope.previous_envelope_sha256 == read_batch(first).envelope_sha256
    head = audit_head(b"".join(device.audit))
    assert (envelope.audit_rows, envelope.audit_head) == (4, head.head)
    assert len(envelope.recipients) == 2 and envelope.created_at.endswith("Z")

    other = Device("dev-a")
    with pytest.raises(BatchFileError, match="another signing key"):
        verify_batch(batch, other.key.public_key())


def test_an_envelope_not_in_canonical_form_or_too_large_is_refused(tmp_path: Path) -> None:
    batch = Device("dev-a").export(tmp_path, Center())
    data = (batch / "envelope.json").read_bytes()
    with pytest.raises(EnvelopeError, match="canonical"):
        parse_envelope(data.replace(b"\n", b" \n"))
    with pytest.raises(EnvelopeError, match="larger than"):
        parse_envelope(data, limit=len(data) - 1)
    with pytest.raises(EnvelopeError, match="sequence"):
        parse_envelope(data.replace(b'"sequence":1', b'"sequence":0'))


def test_formula_like_text_is_neutralized_in_table_csv_but_not_in_the_audit() -> None:
    rows = [{"text": value} for value in ("=1+1", "+7", "-x", "@SUM", "\tA", "\rB", "'q", "ok")]
    rows.append({"text": -5})
    header, cells = read_table_csv(table_csv(rows))
    written = [row[0] for row in cells]
    assert written == ["'=1+1", "'+7", "'-x", "'@SUM", "'\tA", "'\rB", "''q", "ok", "-5"]
    assert [restore_cell(cell) for cell in written[:8]] == [row["text"] for row in rows[:8]]
    audit = b"".join(audit_lines(1))
    assert b'"new_value": "=value 1"' in audit
    payload = build_payload({}, {"t": [{"text": "=1"}]}, {}, audit)
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert archive.read("audit_log.jsonl") == audit
        assert archive.read("tables/t.csv") == b"text\r\n'=1\r\n"


def test_table_csv_is_rfc4180_with_utc_times_and_refuses_naive_times() -> None:
    from datetime import datetime, timedelta, timezone

    moscow = timezone(timedelta(hours=3))
    data = table_csv([{"a": 'say "hi", ok', "t": datetime(2026, 1, 2, 12, 0, tzinfo=moscow)}])
    assert data == b'a,t\r\n"say ""hi"", ok",2026-01-02T09:00:00Z\r\n'
    with pytest.raises(ValueError, match="time zone"):
        table_csv([{"t": datetime(2026, 1, 2)}])


def test_an_injected_failure_during_export_leaves_no_folder_under_the_final_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msc_desk.exchange.batch as batch_module

    def failing_rename(source: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(batch_module.os, "rename", failing_rename)
    with pytest.raises(OSError, match="disk full"):
        Device("dev-a").export(tmp_path, Center())
    assert list(tmp_path.iterdir()) == []


def test_a_failed_read_back_removes_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msc_desk.exchange.batch as batch_module

    real_read = batch_module.read_batch

    def read_altered(path: Path) -> batch_module.BatchFiles:
        (path / "payload.age").write_bytes((path / "payload.age").read_bytes()[:-1])
        return real_read(path)

    monkeypatch.setattr(batch_module, "read_batch", read_altered)
    with pytest.raises(BatchFileError, match="truncated"):
        Device("dev-a").export(tmp_path, Center())
    assert list(tmp_path.iterdir()) == []


def test_a_kill_during_export_leaves_no_partial_batch_under_the_final_name(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        import msc_desk.exchange.batch as batch_module
        from batches import Center, Device

        real_write = batch_module._write_synced
        written = []

        def write_then_die(path, data):
            real_write(path, data)
            written.append(path.name)
            if len(written) == 2:
                os.kill(os.getpid(), signal.SIGKILL)

        batch_module._write_synced = write_then_die
        Device("dev-a").export(__import__("pathlib").Path({str(tmp_path)!r}), Center())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -signal.SIGKILL
    names = [path.name for path in tmp_path.iterdir()]
    assert len(names) == 1 and names[0].startswith(".") and names[0].endswith(".partial")
    assert not (tmp_path / "NCT01849237-dev-a-000001").exists()
    # The next export of the same batch clears the leftover and completes.
    Device("dev-a").export(tmp_path, Center())
    assert [path.name for path in tmp_path.iterdir()] == ["NCT01849237-dev-a-000001"]


def test_a_batch_is_never_overwritten(tmp_path: Path) -> None:
    center, device = Center(), Device("dev-a")
    device.export(tmp_path, center)
    device.sequence, device.previous = 0, GENESIS_HASH
    with pytest.raises(FileExistsError):
        device.export(tmp_path, center)


def test_the_envelope_signature_verifies_with_stock_openssl(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    device = Device("dev-a")
    batch = device.export(tmp_path / "usb", Center())
    pem = device.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (tmp_path / "device.pem").write_bytes(pem)
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "device.pem"),
               "-rawin", "-in", str(batch / "envelope.json"), "-sigfile"]  # fmt: skip
    verified = subprocess.run([*command, str(batch / "envelope.sig")], capture_output=True)
    assert verified.returncode == 0, verified.stderr
    (tmp_path / "bad.sig").write_bytes(bytes(64))
    assert subprocess.run([*command, str(tmp_path / "bad.sig")], capture_output=True).returncode
