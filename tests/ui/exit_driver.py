"""Runs the application on a demo folder and drives one short session, then quits.

Usage: python exit_driver.py DATA_DIR [BROWSE_ROUNDS]

Sign-in as the investigator, a refused randomization (a screened-out patient), browsing the
patient list row by row, the screening log, a context menu over the patient list, then
File → Exit. The exit code is the application's; a crash during interpreter shutdown shows as a
signal or a fatal error on stderr. While browsing, the driver prints how the reference count of
True changed ("true-refcount-drift: N"): an extension that returns True without owning a
reference makes it fall with every call, until the interpreter frees True and aborts.
"""

from __future__ import annotations

import faulthandler
import gc
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from msc_desk.ui import app as desk_app
from msc_desk.ui import startup
from msc_desk.ui.sign_in import SignInDialog

STEP_MS = 30


def _later(step: Callable[[], None]) -> None:
    QTimer.singleShot(STEP_MS, step)


def _sign_in() -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, SignInDialog):
        _later(_sign_in)
        return
    dialog.username.setText("ivanova")
    dialog.password.setText("demo-doctor")
    dialog.sign_in_button.click()
    _later(_refused_randomization)


def _controller() -> desk_app.DeskController:
    controller = CONTROLLERS[0]
    assert controller.window is not None and controller.workspace is not None
    return controller


def _refused_randomization() -> None:
    from sqlalchemy import select

    from msc_desk.models import Patient, PatientStatus
    from msc_desk.services.allocation import RandomizationError, randomize
    from msc_desk.services.session import read_session

    workspace = _controller().workspace
    assert workspace is not None
    with read_session(workspace.factory) as session:
        patient_id = session.scalar(
            select(Patient.id).where(Patient.status == PatientStatus.SCREEN_FAILED)
        )
    assert patient_id is not None
    try:
        randomize(workspace.factory, workspace.actor, patient_id)
    except RandomizationError:
        pass
    else:
        raise AssertionError("a screened-out patient was randomized")
    _later(_browse)


def _browse() -> None:
    window = _controller().window
    assert window is not None
    table = window.patient_list.table
    app = QApplication.instance()
    assert app is not None
    rows = table.model().rowCount()
    _select_every_row(table, rows, app)  # warm-up: caches fill on the first pass
    # Counted with no patient being read: a read in flight holds references of its own.
    window.patient_view.wait_loaded()
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
        _select_every_row(table, rows, app)
    window.patient_view.wait_loaded()
    gc.collect()
    print(f"true-refcount-drift: {sys.getrefcount(True) - before}", flush=True)  # noqa: T201
    _later(_screening_log)


def _select_every_row(table: QTableView, rows: int, app: QCoreApplication) -> None:
    for row in range(rows):
        table.selectRow(row)
        app.processEvents()


def _screening_log() -> None:
    window = _controller().window
    assert window is not None
    window.screening_log_action.trigger()
    _later(_context_menu)


def _context_menu() -> None:
    window = _controller().window
    assert window is not None
    table = window.patient_list.table
    menu = QMenu(table)
    menu.addAction(window.reload_action)
    menu.addAction(window.find_action)
    QTimer.singleShot(STEP_MS, menu.close)
    menu.exec(table.viewport().mapToGlobal(QPoint(10, 10)))
    _later(_quit)


def _quit() -> None:
    window = _controller().window
    assert window is not None
    window.quit_action.trigger()


CONTROLLERS: list[desk_app.DeskController] = []


class _RecordedController(desk_app.DeskController):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        CONTROLLERS.append(self)


def main() -> int:
    faulthandler.enable()
    QApplication(sys.argv)
    desk_app.DeskController = _RecordedController  # type: ignore[misc]
    QTimer.singleShot(0, _sign_in)
    return startup.run_application(Path(sys.argv[1]), language="en")


if __name__ == "__main__":
    sys.exit(main())
