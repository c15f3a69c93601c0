"""Renders the handover, randomize-later, identification, settings and signature screens.

At 1366×768 in Russian, to PNG files.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/ward_screenshots.py [OUT_DIR]
(default OUT_DIR: /tmp/ward_shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/ui
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests: seeding

from PySide6.QtCore import QLocale, QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from screenshot_helper import compile_translations  # noqa: E402
from seeding import Staff, new_workspace  # noqa: E402
from trial_builder import add_patient  # noqa: E402

from msc_desk.models import Arm, ConsentSigner, PatientStatus, Role, Sex, VisitStatus  # noqa: E402
from msc_desk.services.screening import ScreeningInput, save_screening  # noqa: E402
from msc_desk.services.workspace import sign_in  # noqa: E402
from msc_desk.ui.first_run import RecoveryCodeDialog  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.main_window import MainWindow, WindowContext  # noqa: E402
from msc_desk.ui.screening.randomize_dialog import RandomizeDialog  # noqa: E402
from msc_desk.ui.sign_in import LockDialog  # noqa: E402
from msc_desk.ui.signature_dialog import SignatureDialog, UnsignDialog  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
SIZE = (1366, 768)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def shoot(widget: QWidget, path: Path, size: tuple[int, int] | None = None) -> None:
    if size is not None:
        widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))


def main(out: Path) -> None:  # noqa: PLR0915
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        qm = Path(tmp) / "qm"
        qm.mkdir()
        compile_translations(qm)
        install_translators(app, "ru", qm)
        data_dir = Path(tmp) / "ws"
        staff = (Staff("ivanov", "Иванов Сергей Андреевич", Role.INVESTIGATOR, "ivanov-password"),)
        admin = new_workspace(
            data_dir, clock, staff, site_name="ОРИТ №2", device_name="Ноутбук-1"
        ).workspace
        doctor = sign_in(data_dir, "ivanov", "ivanov-password", clock=clock)
        onset = NOW - timedelta(hours=4)
        stranded = save_screening(
            doctor.factory,
            doctor.actor,
            ScreeningInput(
                shock_onset=onset,
                anc_10e9_per_l=Decimal("0.2"),
                age_years=58,
                sex=Sex.MALE,
                pregnant=False,
                chemo_resistant_oncohematologic=False,
                consent_signed=True,
                consent_signer=ConsentSigner.REPRESENTATIVE,
                consent_at=onset + timedelta(minutes=40),
                full_name="Кузнецов Валентин Игоревич",
                medical_record_number="И-2026-0417",
            ),
            clock,
        )
        t0 = NOW - timedelta(days=3)
        done = add_patient(doctor.factory, "MSC-01-101", PatientStatus.RANDOMIZED,
                           screened_at=t0 - timedelta(hours=2), randomized_at=t0, arm=Arm.MSC,
                           visits={0: VisitStatus.DONE, 2: VisitStatus.DONE})  # fmt: skip
        pending = add_patient(doctor.factory, "MSC-01-102", PatientStatus.RANDOMIZED,
                              screened_at=t0 - timedelta(hours=1), randomized_at=t0,
                              arm=Arm.CONTROL,
                              visits={0: VisitStatus.DONE, 2: VisitStatus.SCHEDULED})  # fmt: skip
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        context = WindowContext(doctor.db_path, "ОРИТ №2", "Ноутбук-1", False)
        window = MainWindow(doctor.factory, doctor.actor, context, clock, settings=settings)
        window.resize(*SIZE)
        window.show()
        window.patient_list.wait_loaded()
        window.patient_list.select_patient(stranded.patient_id)
        window.patient_view.wait_loaded()
        shoot(window, out / "main_stranded.png")

        window.patient_view.summary_tab.randomize_button.click()
        [dialog] = window.findChildren(RandomizeDialog)
        shoot(dialog, out / "randomize_confirm.png")
        dialog.randomize()
        shoot(dialog, out / "randomize_no_list.png")
        dialog.close()

        clock.now = NOW + timedelta(hours=6, minutes=30)
        window.open_randomize(stranded.patient_id)
        dialog = window.findChildren(RandomizeDialog)[-1]
        dialog.randomize()
        shoot(dialog, out / "randomize_closed.png")
        dialog.close()
        clock.now = NOW

        log = window.open_screening_log()
        log.table.selectRow(0)  # type: ignore[attr-defined]
        shoot(log, out / "log_stranded.png")
        log.close()

        file_menu = window.menuBar().actions()[0].menu()
        file_menu.popup(window.mapToGlobal(QPoint(0, 20)))
        shoot(file_menu, out / "file_menu.png")
        file_menu.close()

        ident = window.open_identification()
        shoot(ident, out / "identification.png")
        ident.close()

        window.patient_list.select_patient(done)
        window.patient_view.wait_loaded()
        shoot(window, out / "main_unsigned.png")
        window.open_signature(done, "MSC-01-101")
        sig = window.findChildren(SignatureDialog)[-1]
        shoot(sig, out / "signature_ready.png")
        sig.password_edit.setText("ivanov-password")
        sig.sign()
        shoot(sig, out / "signature_done.png")
        sig.close()
        shoot(window, out / "main_signed.png")
        window.open_unsign(done, "MSC-01-101")
        unsign = window.findChildren(UnsignDialog)[-1]
        shoot(unsign, out / "unsign.png")
        unsign.close()
        window.open_signature(pending, "MSC-01-102")
        blocked = window.findChildren(SignatureDialog)[-1]
        shoot(blocked, out / "signature_blocked.png")
        blocked.close()

        admin_context = WindowContext(admin.db_path, "ОРИТ №2", "Ноутбук-1", False)
        admin_window = MainWindow(admin.factory, admin.actor, admin_context, clock,
                                  settings=settings)  # fmt: skip
        admin_window.resize(*SIZE)
        editor = admin_window.open_settings()
        shoot(editor, out / "settings.png")
        editor.idle_minutes.setValue(10)
        editor.save()
        shoot(editor, out / "settings_saved.png")

        lock = LockDialog(data_dir, "ivanov", "Иванов Сергей Андреевич", clock)
        lock.message.setText("Экран заблокирован. В системе: Иванов Сергей Андреевич.")
        shoot(lock, out / "lock_now.png")

        recovery = RecoveryCodeDialog(
            "K7QX-2M9D-PL4T-8RWB-C3NZ-H6FV-JY5E-A2GU", site_name="ОРИТ №2", created_at=NOW
        )
        shoot(recovery, out / "recovery.png")
        sheet = recovery.sheet()
        sheet.setTextWidth(760)
        image = QImage(800, int(sheet.size().height()) + 40, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(20, 20)
        sheet.drawContents(painter)
        painter.end()
        image.save(str(out / "recovery_sheet.png"))
        for workspace in (admin, doctor):
            workspace.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/ward_shots"))
