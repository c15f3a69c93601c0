"""Start-up: the sign-in window is painted first, and the database stack loads while the user types.

Importing SQLAlchemy, Alembic, the models and the services takes most of a second; this module
and the sign-in dialog import none of them. Once the sign-in window has been painted, a
background thread imports them; pressing «Sign in» waits for it if the user was faster.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QThreadPool, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from msc_desk.app_info import APP_NAME, ORGANIZATION
from msc_desk.resources import resource_path
from msc_desk.security.data_folder import FolderKind, folder_kind
from msc_desk.timekeeping import Clock, system_clock
from msc_desk.ui.gc_tuning import set_aside_startup_objects
from msc_desk.ui.i18n import install_translators, stored_language
from msc_desk.ui.sign_in import SignInDialog

# benchmarks/bench_bundle.py times a start to the first painted sign-in window, bundled or not.
EXIT_AFTER_FIRST_PAINT = "MSC_DESK_EXIT_AFTER_FIRST_PAINT"

# What the sign-in and the main window need; none of it imports Qt widgets.
DATABASE_STACK = (
    "msc_desk.services.workspace",
    "msc_desk.services.demo",
    "msc_desk.services.patients",
    "msc_desk.services.users",
)


class BackgroundImports(QObject):
    """Imports modules in a background thread; `wait()` blocks until they are loaded.

    Signals:
        loaded(): every module imported (delivered in the thread that owns this object).
    """

    loaded = Signal()

    def __init__(self, modules: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._modules = tuple(modules)
        self._thread = threading.Thread(target=self._run, name="database-stack", daemon=True)
        self._error: BaseException | None = None
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def wait(self) -> None:
        """Block until the modules are imported (importing them here if never started).

        Raises:
            Whatever an import raised, in the calling thread.
        """
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            for name in self._modules:
                importlib.import_module(name)
        except BaseException as exc:  # re-raised by wait() in the main thread
            self._error = exc
        with contextlib.suppress(RuntimeError):  # the dialog was already closed and deleted
            self.loaded.emit()


class _AfterFirstPaint(QObject):
    """Calls `then` once, after `widget` has been painted for the first time."""

    def __init__(self, widget: QWidget, then: BackgroundImports) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then.start)  # after this paint has reached the screen
            if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
                print("painted", flush=True)  # noqa: T201
                os._exit(0)
        return False


def sign_in_dialog(data_dir: Path, clock: Clock) -> SignInDialog:
    """The sign-in dialog, which starts loading the database stack once it has been painted."""
    dialog = SignInDialog(data_dir, clock)
    loader = BackgroundImports(DATABASE_STACK, dialog)
    dialog.wait_until_ready = loader.wait
    _AfterFirstPaint(dialog, loader)

    def show_demo_accounts() -> None:
        from msc_desk.services.demo import demo_accounts_text

        text = demo_accounts_text(data_dir)
        if text:
            dialog.show_demo_accounts(text)

    loader.loaded.connect(show_demo_accounts)
    return dialog


def refusal_text(kind: FolderKind, data_dir: Path) -> str | None:
    """Why the app will not open `data_dir` (None when it can)."""
    translate = QApplication.translate
    if kind is FolderKind.UNENCRYPTED:
        return translate(
            "Startup",
            "The data folder %1 holds an unencrypted database of an early version of MSC Desk. "
            "It cannot be opened or converted. Move it out of the folder (or choose another "
            "folder with --data-dir) and create a new database.",
        ).replace("%1", str(data_dir))
    if kind is FolderKind.FOREIGN:
        return translate(
            "Startup",
            "The data folder %1 holds a database without its key file (keyslots.json), so it "
            "cannot be opened. Restore the key file beside it, or choose another folder with "
            "--data-dir.",
        ).replace("%1", str(data_dir))
    return None


def apply_identity(app: QApplication) -> None:
    """Name, version and icon of the application (the icon of every window and the taskbar)."""
    from msc_desk.version import app_version

    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(app_version())
    # A missing icon is named by `msc-desk --self-test`; the app runs without it.
    with contextlib.suppress(FileNotFoundError):
        app.setWindowIcon(QIcon(str(resource_path("icons", "msc-desk.png"))))


def run_application(
    data_dir: Path, *, language: str | None = None, clock: Clock = system_clock
) -> int:
    """Start the Qt application on `data_dir` and run it until the last window closes."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_identity(app)
    install_translators(app, language or stored_language(QSettings()))
    data_dir.mkdir(parents=True, exist_ok=True)
    kind = folder_kind(data_dir)
    refusal = refusal_text(kind, data_dir)
    if refusal is not None:
        QMessageBox.critical(None, APP_NAME, refusal)
        return 1
    if kind is FolderKind.WORKSPACE:
        dialog = sign_in_dialog(data_dir, clock)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.wait_until_ready()  # no import left running while the interpreter shuts down
        if not accepted or dialog.workspace is None:
            return 0
        from msc_desk.ui import app as desk
        from msc_desk.ui.locale_input import apply_locale

        apply_locale()
        controller = desk.DeskController(data_dir, clock)
        if not controller.open_workspace(dialog.workspace):
            return 0
    else:
        from msc_desk.ui import app as desk
        from msc_desk.ui.locale_input import apply_locale

        apply_locale()
        controller = desk.DeskController(data_dir, clock)
        if not controller.start():
            return 0
    set_aside_startup_objects()  # the modules and the main window live as long as the session
    code = app.exec()
    # A check still running in the pool would signal into objects Qt has already deleted.
    QThreadPool.globalInstance().waitForDone()
    return code
