"""`msc-desk export` and `import-receipt` from a terminal: one line and exit 2 on any refusal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from exporting import prepare_export
from sqlalchemy import select

from msc_desk.cli import main
from msc_desk.exchange import make_receipt, read_batch
from msc_desk.exchange.signed import Receipt
from msc_desk.models import PatientIdentification, Screening
from msc_desk.services.export import outbox
from msc_desk.services.session import read_session, unit_of_work


def _run(monkeypatch: pytest.MonkeyPatch, password: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(list(args))


def test_export_then_receipt_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = prepare_export(tmp_path / "data", screened=2)
    out = tmp_path / "out"
    out.mkdir()
    data = str(setup.data_dir)
    args = ("export", "--data-dir", data, "--user", "ivanova", "--out", str(out))
    assert _run(monkeypatch, "demo-doctor", *args) == 0
    assert "Exported batch 1" in capsys.readouterr().out
    (batch,) = out.iterdir()
    envelope = read_batch(batch).envelope
    receipt = tmp_path / "receipt.json"
    receipt.write_bytes(
        make_receipt(
            setup.center.receipt_key,
            Receipt(envelope.study, envelope.device_id, 1, read_batch(batch).envelope_sha256, "t"),
        )
    )
    receipt_args = ("import-receipt", "--data-dir", data, "--user", "ivanova", str(receipt))
    assert _run(monkeypatch, "demo-doctor", *receipt_args) == 0
    assert "Batch 1 is acknowledged" in capsys.readouterr().out
    workspace = setup.sign_in()
    assert outbox(workspace.factory) == []
    workspace.close()


def test_refusals_are_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = prepare_export(tmp_path / "data", screened=8)
    out = tmp_path / "out"
    out.mkdir()
    data = str(setup.data_dir)
    args = ("export", "--data-dir", data, "--user", "ivanova", "--out", str(out))
    assert _run(monkeypatch, "wrong", *args) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
    missing = ("export", "--data-dir", data, "--user", "ivanova", "--out", str(tmp_path / "no"))
    assert _run(monkeypatch, "demo-doctor", *missing) == 2
    assert "no such folder" in capsys.readouterr().err
    workspace = setup.sign_in()
    with read_session(workspace.factory) as session:
        name = session.scalars(select(PatientIdentification.full_name)).first()
    assert name is not None
    with unit_of_work(workspace.factory, workspace.actor, reason="test") as session:
        screening = session.scalars(select(Screening)).first()
        assert screening is not None
        screening.notes = f"со слов {name}"
    workspace.close()
    assert _run(monkeypatch, "demo-doctor", *args) == 2
    error = capsys.readouterr().err
    assert "identifying text" in error and "screening record" in error and "notes" in error
    assert error.strip().count("\n") == 0 and list(out.iterdir()) == []
