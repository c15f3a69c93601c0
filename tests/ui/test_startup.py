"""Start-up: the sign-in window is painted before the database stack is imported; clear
databases and databases without key slots are refused with a message."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from trial_builder import NOW

from msc_desk.models.database import DATABASE_FILENAME
from msc_desk.security import data_folder
from msc_desk.security.data_folder import FolderKind, folder_kind
from msc_desk.security.keystore import KEYSLOTS_FILENAME
from msc_desk.services.demo import create_demo_trial
from msc_desk.ui import startup

# Runs the console entry point; at the sign-in window's first paint it reports whether SQLAlchemy
# is loaded, then waits for the background loading and reports the demo-accounts note.
CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class Probe(QObject):
    dialog = None

    def eventFilter(self, watched, event):
        if self.dialog is None and event.type() == QEvent.Type.Paint \\
                and type(watched).__name__ == "SignInDialog":
            self.dialog = watched
            print(f"first-paint sqlalchemy={'sqlalchemy' in sys.modules}", flush=True)
            QTimer.singleShot(0, self.poll)
        return False

    def poll(self):
        notes = [label.text() for label in self.dialog.findChildren(QLabel)]
        if any("demo-doctor" in text for text in notes):
            print(f"loaded workspace={'msc_desk.services.workspace' in sys.modules}", flush=True)
            os._exit(0)
        QTimer.singleShot(20, self.poll)

app = QApplication(sys.argv)
probe = Probe()
app.installEventFilter(probe)
from msc_desk.cli import main
main(["--data-dir", sys.argv[1], "--lang", "en"])
"""


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup") / "demo"
    create_demo_trial(folder, screened=2)
    return folder


def test_the_sign_in_window_is_painted_before_sqlalchemy_is_imported(demo_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(demo_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.stdout.splitlines() == [
        "first-paint sqlalchemy=False",
        "loaded workspace=True",
    ], result.stderr[-2000:]


def test_the_loaded_stack_brings_the_demo_note_and_sign_in_waits_for_it(
    qtbot: QtBot, demo_dir: Path
) -> None:
    dialog = startup.sign_in_dialog(demo_dir, lambda: NOW)
    qtbot.addWidget(dialog)
    loader = dialog.findChild(startup.BackgroundImports)
    assert loader is not None
    with qtbot.waitSignal(loader.loaded, timeout=30_000):
        dialog.show()
    qtbot.waitUntil(
        lambda: any(
            "ivanova / demo-doctor" in label.text() for label in dialog.findChildren(QLabel)
        )
    )
    dialog.username.setText("ivanova")
    dialog.password.setText("demo-doctor")
    dialog.sign_in_button.click()
    assert dialog.workspace is not None and dialog.workspace.is_demo
    dialog.workspace.close()


def test_a_sign_in_before_the_window_was_painted_loads_the_stack_itself(
    qtbot: QtBot, demo_dir: Path
) -> None:
    dialog = startup.sign_in_dialog(demo_dir, lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.username.setText("ivanova")
    dialog.password.setText("demo-doctor")
    dialog.sign_in_button.click()  # never shown: wait_until_ready starts the loading
    assert dialog.workspace is not None
    dialog.workspace.close()


def test_file_names_match_the_database_and_key_slot_modules() -> None:
    assert data_folder.DATABASE_FILE == DATABASE_FILENAME
    assert data_folder.KEYSLOTS_FILE == KEYSLOTS_FILENAME


def test_folder_kinds(tmp_path: Path, demo_dir: Path) -> None:
    assert folder_kind(tmp_path / "missing") is FolderKind.EMPTY
    assert folder_kind(tmp_path) is FolderKind.EMPTY
    assert folder_kind(demo_dir) is FolderKind.WORKSPACE
    (tmp_path / DATABASE_FILENAME).write_bytes(os.urandom(4096))
    assert folder_kind(tmp_path) is FolderKind.FOREIGN


def _clear_database(folder: Path) -> None:
    with sqlite3.connect(folder / DATABASE_FILENAME) as connection:
        connection.execute("CREATE TABLE patient (id INTEGER PRIMARY KEY, full_name TEXT)")
        connection.execute("INSERT INTO patient (full_name) VALUES ('Иванов')")
    connection.close()


@pytest.mark.parametrize("kind", [FolderKind.UNENCRYPTED, FolderKind.FOREIGN])
def test_start_up_refuses_a_clear_or_keyless_database_with_a_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: FolderKind
) -> None:
    if kind is FolderKind.UNENCRYPTED:
        _clear_database(tmp_path)
    else:
        (tmp_path / DATABASE_FILENAME).write_bytes(os.urandom(4096))
    before = (tmp_path / DATABASE_FILENAME).read_bytes()
    shown: list[Any] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args))

    assert startup.run_application(tmp_path, language="en", clock=lambda: NOW) == 1

    assert len(shown) == 1
    message = shown[0][2]
    assert str(tmp_path) in message
    expected = "unencrypted database" if kind is FolderKind.UNENCRYPTED else "key file"
    assert expected in message
    assert (tmp_path / DATABASE_FILENAME).read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [DATABASE_FILENAME]
