"""Enrolling a laptop: its signed enrolment file, the fingerprint read on paper, its batches."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyrage
import pytest
from exporting import ExportSetup, prepare_export
from sqlalchemy import select

from msc_desk.center.central_db import count_rows, devices, open_central_database
from msc_desk.center.importer import import_batch
from msc_desk.cli import main
from msc_desk.exchange import read_batch
from msc_desk.exchange.canonical import canonical_json
from msc_desk.exchange.enrolment import (
    EnrolmentError,
    first_registry_fingerprint,
    read_enrolment,
)
from msc_desk.exchange.payload import open_payload
from msc_desk.services.export import export_batch

_FINGERPRINT = re.compile(r"Device key fingerprint \(give it to the center on paper\): (.+)")


def _laptop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str, ExportSetup]:
    """A demo laptop that wrote its enrolment file from the shell; the file, the printed
    fingerprint and the export set-up."""
    setup = prepare_export(tmp_path / "data", screened=3)
    enrolment = tmp_path / "usb" / "device.json"
    enrolment.parent.mkdir()
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-doctor\n"))
    args = ["export", "--data-dir", str(setup.data_dir), "--user", "ivanova",
            "--device-key", str(enrolment)]  # fmt: skip
    assert main(args) == 0
    printed = _FINGERPRINT.search(capsys.readouterr().out)
    assert printed is not None
    return enrolment, printed.group(1), setup


def test_a_laptop_enrolled_from_its_file_and_paper_fingerprint_sends_batches(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    central_url: str,
) -> None:
    enrolment, fingerprint, setup = _laptop(tmp_path, monkeypatch, capsys)
    on_paper = fingerprint.lower().replace(" ", "-")  # as someone might copy it down

    enroll = ["center", "enroll-device", "--db", central_url, "--from", str(enrolment),
              "--fingerprint", on_paper]  # fmt: skip
    assert main(enroll) == 0
    assert "matches the one read on paper" in capsys.readouterr().out

    workspace = setup.sign_in()
    out = tmp_path / "batches"
    out.mkdir()
    exported = export_batch(workspace.factory, workspace.actor, out)
    workspace.close()
    engine = open_central_database(central_url)
    try:
        result = import_batch(engine, exported.path, setup.center.import_keys())
        with engine.connect() as connection:
            device = connection.execute(select(devices)).one()
    finally:
        engine.dispose()
    assert result.rows == exported.rows and not result.already_imported
    # The registry fingerprint pinned at enrolment is that of the first entry the batch carries.
    identity = setup.center.import_keys().identities
    batch = read_batch(exported.path)
    payload = open_payload(pyrage.decrypt(batch.payload, list(identity)), batch.envelope)
    registry = payload.files["user_key_registry.json"]
    assert device.registry_fingerprint == first_registry_fingerprint(registry)
    assert device.device_id == batch.envelope.device_id and device.site == batch.envelope.site


def test_a_fingerprint_that_differs_from_the_paper_enrolls_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    central_url: str,
) -> None:
    enrolment, fingerprint, _setup = _laptop(tmp_path, monkeypatch, capsys)
    wrong = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    enroll = ["center", "enroll-device", "--db", central_url, "--from", str(enrolment),
              "--fingerprint"]  # fmt: skip

    assert main([*enroll, wrong]) == 2
    assert "differs from the file's" in capsys.readouterr().err
    assert main(enroll[:-1]) == 2  # no fingerprint at all
    assert "read on paper is required" in capsys.readouterr().err
    engine = open_central_database(central_url)
    assert count_rows(engine)["devices"] == 0
    engine.dispose()


def test_an_enrolment_file_altered_after_signing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    enrolment, fingerprint, _setup = _laptop(tmp_path, monkeypatch, capsys)
    wrapper = json.loads(enrolment.read_bytes())
    assert read_enrolment(enrolment.read_bytes(), fingerprint).device_id

    wrapper["document"]["site"] = "99"
    with pytest.raises(EnrolmentError, match="not signed by the key it carries"):
        read_enrolment(canonical_json(wrapper), fingerprint)
    with pytest.raises(EnrolmentError, match="not a device enrolment file"):
        read_enrolment(b"{}", fingerprint)


def test_the_enrolment_file_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    enrolment, _fingerprint, setup = _laptop(tmp_path, monkeypatch, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-doctor\n"))
    args = ["export", "--data-dir", str(setup.data_dir), "--user", "ivanova",
            "--device-key", str(enrolment)]  # fmt: skip
    assert main(args) == 2
    assert "the file exists" in capsys.readouterr().err
