"""The export dialog: a batch written off the GUI thread, a refusal that says where, receipts."""

from __future__ import annotations

from pathlib import Path

from exporting import ADMIN, prepare_export
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from msc_desk.exchange import make_receipt, read_batch
from msc_desk.exchange.signed import Receipt
from msc_desk.models import PatientIdentification, Screening
from msc_desk.services.export import outbox
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import system_clock
from msc_desk.ui.admin.center_bundle_dialog import CenterBundleDialog
from msc_desk.ui.export_dialog import ExportDialog


def test_export_runs_in_a_worker_and_a_receipt_clears_the_outbox(
    qtbot: QtBot, tmp_path: Path
) -> None:
    setup = prepare_export(tmp_path / "data", screened=2)
    workspace = setup.sign_in()
    dialog = ExportDialog(workspace.factory, workspace.actor, system_clock)
    qtbot.addWidget(dialog)
    out = tmp_path / "usb"
    out.mkdir()
    worker = dialog.start_export(out)
    assert worker is dialog.worker
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60000)
    assert dialog.progress.value() == 100 and dialog.outbox_list.count() == 1
    (batch,) = out.iterdir()
    envelope = read_batch(batch).envelope
    receipt = tmp_path / "receipt.json"
    receipt.write_bytes(
        make_receipt(
            setup.center.receipt_key,
            Receipt(envelope.study, envelope.device_id, 1, read_batch(batch).envelope_sha256, "t"),
        )
    )
    assert dialog.load_receipt(receipt)
    assert dialog.outbox_list.count() == 0 and outbox(workspace.factory) == []
    workspace.close()


def test_cancelled_and_refused_exports_write_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=8)
    workspace = setup.sign_in()
    dialog = ExportDialog(workspace.factory, workspace.actor, system_clock)
    qtbot.addWidget(dialog)
    out = tmp_path / "usb"
    out.mkdir()
    worker = dialog.start_export(out)
    dialog.cancel()
    assert worker is dialog.worker
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60000)
    assert list(out.iterdir()) == [] and dialog.message.text()
    with read_session(workspace.factory) as session:
        name = session.scalars(select(PatientIdentification.full_name)).first()
    assert name is not None
    with unit_of_work(workspace.factory, workspace.actor, reason="test") as session:
        screening = session.scalars(select(Screening)).first()
        assert screening is not None
        screening.notes = f"{name}"
    worker = dialog.start_export(out)
    assert worker is dialog.worker
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60000)
    assert "screening" in dialog.message.text() and "notes" in dialog.message.text()
    assert list(out.iterdir()) == []
    workspace.close()


def test_the_bundle_dialog_shows_fingerprints_before_keeping(qtbot: QtBot, tmp_path: Path) -> None:
    setup = prepare_export(tmp_path / "data", screened=1)
    admin = setup.sign_in(ADMIN)
    dialog = CenterBundleDialog(admin.factory, admin.actor, system_clock)
    qtbot.addWidget(dialog)
    assert not dialog.confirm_button.isEnabled()
    bundle = tmp_path / "bundle.json"
    bundle.write_bytes(setup.bundle())
    assert dialog.load_file(bundle) and dialog.confirm_button.isEnabled()
    assert dialog.confirm()
    forged = tmp_path / "forged.json"
    forged.write_bytes(setup.bundle().replace(b'"study"', b'"studx"'))
    assert not dialog.load_file(forged) and not dialog.confirm_button.isEnabled()
    admin.close()
