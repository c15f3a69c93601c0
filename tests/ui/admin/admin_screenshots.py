"""Renders the users, audit and signature dialogs at 1366×768 in Russian, to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/admin/admin_screenshots.py [OUT_DIR]
(default OUT_DIR: /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ui
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests: seeding

from admin_ward import STAFF  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402
from screenshot_helper import compile_translations  # noqa: E402
from seeding import Staff, new_workspace  # noqa: E402
from trial_builder import add_patient  # noqa: E402

from msc_desk.models import Arm, PatientStatus, Role, VisitStatus  # noqa: E402
from msc_desk.services.users import set_randomization_delegation  # noqa: E402
from msc_desk.services.workspace import sign_in  # noqa: E402
from msc_desk.ui.admin.users_dialog import UsersDialog  # noqa: E402
from msc_desk.ui.audit.audit_dialog import AuditDialog  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.signature_dialog import SignatureDialog  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
SIZE = (1366, 700)  # 768 less the title bar and a taskbar


def _shoot(dialog: QDialog, path: Path, size: tuple[int, int] | None = None) -> None:
    if size is not None:
        dialog.resize(*size)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    with tempfile.TemporaryDirectory() as tmp:
        qm = Path(tmp) / "qm"
        qm.mkdir()
        compile_translations(qm)
        install_translators(app, "ru", qm)
        data_dir = Path(tmp) / "ws"

        def clock() -> datetime:
            return NOW

        staff = (
            *STAFF,
            Staff("sidorova", "Сидорова Елена Николаевна", Role.NURSE, "sidorova-password"),
            Staff(
                "monitor.kim", "Ким Александр Вячеславович", Role.MONITOR, "monitor.kim-password"
            ),
        )
        admin = new_workspace(
            data_dir,
            clock,
            staff,
            site_name="ОРИТ №2",
            device_name="Ноутбук-1",
            admin_full_name="Смирнов Олег Петрович",
        ).workspace
        set_randomization_delegation(
            admin.factory, admin.actor, "petrova", True, reason="Приказ №12 от 01.11.2026"
        )
        investigator = sign_in(data_dir, "ivanov", "ivanov-password", clock=clock)
        patient = add_patient(
            investigator.factory,
            "MSC-004",
            PatientStatus.RANDOMIZED,
            screened_at=NOW - timedelta(days=9),
            randomized_at=NOW - timedelta(days=9) + timedelta(hours=1),
            arm=Arm.MSC,
            visits={0: VisitStatus.DONE, 2: VisitStatus.DONE, 3: VisitStatus.DONE},
        )
        users = UsersDialog(admin.factory, admin.actor, data_dir, clock)
        users.select("petrova")
        _shoot(users, out / "admin_users.png", SIZE)
        audit = AuditDialog(investigator.factory, investigator.actor, clock)
        audit.table.selectRow(audit.model.rowCount() - 1)  # the detail pane, filled
        _shoot(audit, out / "admin_audit.png", SIZE)
        signature = SignatureDialog(
            investigator.factory, investigator.actor, data_dir, clock, patient, "MSC-004"
        )
        signature.password_edit.setText("wrong")
        signature.sign()
        _shoot(signature, out / "admin_signature.png")
        admin.close()
        investigator.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
