"""The Qt half of `msc-desk --self-test`: Russian translations and the icon, then every check."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from msc_desk.app_info import APP_NAME, ORGANIZATION
from msc_desk.resources import resource_path
from msc_desk.self_test import DOMAIN_CHECKS, Check, Outcome, SelfTestFailure, run_checks
from msc_desk.version import app_version

# A string every Russian build translates: the sign-in refusal.
_APP_PROBE = ("SignIn", "Wrong user name or password.")
# Qt's own: the Cancel button of every dialog box.
_QT_PROBE = ("QPlatformTheme", "Cancel")


def _translated(name: str, folder: str, probe: tuple[str, str]) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator(app)
    if not translator.load(name, folder):
        raise SelfTestFailure(f"missing translation {name}.qm in {folder}")
    app.installTranslator(translator)
    try:
        text = QCoreApplication.translate(*probe)
    finally:
        app.removeTranslator(translator)
    if text == probe[1] or not any("а" <= letter.lower() <= "я" for letter in text):
        raise SelfTestFailure(f"{name}.qm does not translate {probe[1]!r} into Russian")


def check_translations(_: Path) -> None:
    """The application's Russian catalogues and Qt's own qtbase_ru load and translate."""
    folder = resource_path("translations")
    files = sorted(folder.glob("*_ru.qm"))
    if not files:
        raise SelfTestFailure(f"missing resources/translations/*_ru.qm in {folder}")
    for path in files:
        translator = QTranslator()
        if not translator.load(path.stem, str(path.parent)) or translator.isEmpty():
            raise SelfTestFailure(f"cannot load {path.name}")
    _translated("app_ru", str(folder), _APP_PROBE)
    _translated(
        "qtbase_ru", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), _QT_PROBE
    )


def check_icon(_: Path) -> None:
    """The application icon is readable by Qt's image plugins."""
    for name in ("msc-desk.png", "msc-desk.ico"):
        if QIcon(str(resource_path("icons", name))).isNull():
            raise SelfTestFailure(f"resources/icons/{name} cannot be read")


QT_CHECKS = (
    Check("Russian translations (the application's and Qt's)", check_translations),
    Check("application icon", check_icon),
)


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check in a temporary folder and print one line each; 0 when all pass.

    Args:
        out: where the report goes (default: standard output; the windowed Windows bundle has
            none, so the report goes to msc-desk-self-test.txt in the temporary folder).
    """
    if out is None and sys.stdout is None:
        report = Path(tempfile.gettempdir()) / "msc-desk-self-test.txt"
        with report.open("w", encoding="utf-8") as file:
            return run_self_test(file)
    out = out if out is not None else sys.stdout
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    print(f"{APP_NAME} {app_version()} self-test", file=out)
    with tempfile.TemporaryDirectory(prefix="msc-desk-self-test-") as work:
        outcomes: list[Outcome] = run_checks((*DOMAIN_CHECKS, *QT_CHECKS), Path(work))
    for outcome in outcomes:
        print(outcome.line(), file=out)
    failed = [outcome.name for outcome in outcomes if not outcome.passed]
    print("self-test passed" if not failed else f"self-test FAILED: {', '.join(failed)}", file=out)
    return 0 if not failed else 1
