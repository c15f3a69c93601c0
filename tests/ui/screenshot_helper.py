"""Renders the main window on a realistic ward at 1366×768, in Russian, to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screenshot_helper.py [OUT_DIR]
(default OUT_DIR: /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from trial_builder import open_trial, seed_ward  # noqa: E402

from msc_desk.models import Role, User  # noqa: E402
from msc_desk.services.actor import Actor  # noqa: E402
from msc_desk.services.patients import list_patients  # noqa: E402
from msc_desk.services.session import unit_of_work  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.locale_input import apply_locale  # noqa: E402
from msc_desk.ui.main_window import MainWindow, WindowContext  # noqa: E402
from msc_desk.ui.resources import resource_path  # noqa: E402

NOW = datetime(2026, 11, 20, 0, 40, tzinfo=UTC)  # 03:40 in Moscow


def compile_translations(target: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(resource_path("translations").glob("*_ru.ts")):
        qm = target / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    apply_locale()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compile_translations(folder)
        install_translators(app, "ru", folder)
        with open_trial(folder) as factory:
            seed_ward(factory, NOW, is_demo=True)
            with unit_of_work(factory, Actor(None, "system", Role.ADMIN, "x")) as session:
                user = User(
                    username="petrova",
                    full_name="Петрова Анна Сергеевна",
                    role=Role.NURSE,
                    created_at=NOW,
                )
                session.add(user)
                session.flush()
                user_id = user.id
            actor = Actor(user_id, "petrova", Role.NURSE, "ОРИТ-2, ноутбук 1")
            context = WindowContext(
                db_path=Path.home() / ".local/share/MSC Desk/msc-desk.db",
                site_name="ОРИТ №2, НМИЦ гематологии",
                device_name="ОРИТ-2, ноутбук 1",
                is_demo=True,
            )
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(factory, actor, context, lambda: NOW, settings=settings)
            window.resize(1366, 768)
            window.show()
            window.patient_list.wait_loaded()
            app.processEvents()
            window.grab().save(str(out_dir / "list.png"))
            ids = {row.study_id: row.patient_id for row in list_patients(factory, actor, NOW)}
            shots = (
                ("MSC-005", (1366, 768), "main"),
                ("MSC-006", (1366, 768), "screen_failed"),
                ("MSC-002", (1366, 768), "died"),
                ("MSC-005", (1024, 640), "minimum"),
            )
            for study_id, (width, height), name in shots:
                window.resize(width, height)
                window.patient_list.select_patient(ids[study_id])
                window.patient_view.wait_loaded()
                app.processEvents()
                window.grab().save(str(out_dir / f"{name}.png"))
            window.resize(1366, 768)
            window.about_action.trigger()
            app.processEvents()
            for box in window.findChildren(QMessageBox):
                box.grab().save(str(out_dir / "about.png"))
                box.close()
            window.clear_patient_data()
            app.processEvents()
            window.grab().save(str(out_dir / "cleared.png"))
            window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
