"""Renders the integrity dialog, the clock banner and the forced password dialog in Russian.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/integrity/integrity_screenshots.py
[OUT_DIR] (default /tmp/shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent.parent)]

from integrity_ward import build_ward  # noqa: E402
from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from screenshot_helper import compile_translations  # noqa: E402
from sqlalchemy import text  # noqa: E402

from msc_desk.services.workspace import sign_in  # noqa: E402
from msc_desk.ui.app import DeskController  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.integrity.integrity_dialog import IntegrityDialog  # noqa: E402
from msc_desk.ui.locale_input import apply_locale  # noqa: E402
from msc_desk.ui.own_password_dialog import OwnPasswordDialog  # noqa: E402


def _save(widget: QWidget, path: Path) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    sys.stdout.write(f"{path} {widget.width()}×{widget.height()}\n")


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    apply_locale()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compile_translations(folder)
        install_translators(app, "ru", folder)
        ward = build_ward(folder)

        doctor = sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
        with doctor.engine.begin() as connection:
            connection.execute(text("UPDATE screening SET anc_10e9_per_l = '0.9'"))
            connection.execute(
                text("UPDATE setting SET value = '1' WHERE key = 'cell_preparation_hours'")
            )
        dialog = IntegrityDialog(doctor.factory)
        dialog.head_edit.setText("12 · 0000 1111 2222 3333")
        dialog.compare_head()
        loop = QEventLoop()
        dialog.check_finished.connect(loop.quit)
        dialog.start_check()
        loop.exec()
        _save(dialog, out_dir / "integrity-dialog.png")
        dialog.close()
        doctor.close()

        ward.clock.now -= timedelta(hours=1)
        controller = DeskController(ward.data_dir, ward.clock)
        controller.open_workspace(
            sign_in(ward.data_dir, "ivanov", "ivanov-password", clock=ward.clock)
        )
        assert controller.window is not None and controller.workspace is not None
        controller.window.resize(1366, 740)
        _save(controller.window, out_dir / "clock-banner.png")
        forced = OwnPasswordDialog(
            replace(controller.workspace, notices=("password_reset",)), ward.clock
        )
        forced.old_edit.setText("temporary")
        forced.new_edit.setText("new-password-1")
        forced.repeat_edit.setText("new-password-2")
        forced.submit()
        _save(forced, out_dir / "forced-password.png")
        forced.close()
        controller.window.close()
        controller.workspace.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
