"""The laptop's enrolment file from the menu: written once, fingerprint shown, refusals in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from msc_desk.exchange.enrolment import read_enrolment
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.workspace import OpenWorkspace, sign_in
from msc_desk.timekeeping import system_clock
from msc_desk.ui.device_key_dialog import DeviceKeyDialog
from msc_desk.ui.main_window import MainWindow, WindowContext


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("enrolment") / "demo"
    create_demo_trial(data_dir, screened=2)
    return data_dir


@pytest.fixture
def investigator(demo: Path) -> Iterator[OpenWorkspace]:
    workspace = sign_in(demo, "ivanova", "demo-doctor")
    yield workspace
    workspace.close()


def test_the_saved_file_is_the_one_whose_fingerprint_is_shown(
    qtbot: QtBot, investigator: OpenWorkspace, tmp_path: Path
) -> None:
    dialog = DeviceKeyDialog(investigator.factory, investigator.actor, system_clock)
    qtbot.addWidget(dialog)
    assert dialog.fingerprint_label.isHidden()
    path = tmp_path / "laptop.json"
    assert dialog.save_to(path)
    shown = dialog.fingerprint_label.text()
    assert len(shown.splitlines()) == 4  # read aloud in four lines of four groups
    typed = shown.replace("\n", " ")  # as the center types the paper copy
    enrolment = read_enrolment(path.read_bytes(), typed)
    assert enrolment.device_id in dialog.device_label.text()
    assert str(path) in dialog.message.text()
    assert not dialog.fingerprint_label.isHidden()


def test_an_existing_file_is_never_overwritten(
    qtbot: QtBot, investigator: OpenWorkspace, tmp_path: Path
) -> None:
    dialog = DeviceKeyDialog(investigator.factory, investigator.actor, system_clock)
    qtbot.addWidget(dialog)
    path = tmp_path / "laptop.json"
    path.write_bytes(b"a letter to the center")
    assert not dialog.save_to(path)
    assert path.read_bytes() == b"a letter to the center"
    assert "already exists" in dialog.message.text()
    assert dialog.fingerprint_label.isHidden()
    assert not dialog.save_to(tmp_path / "no such folder" / "laptop.json")
    assert "could not be written" in dialog.message.text()


@pytest.mark.parametrize(
    ("user", "password", "offered"),
    [("ivanova", "demo-doctor", True), ("petrova", "demo-nurse", False)],
)
def test_only_who_may_export_finds_it_in_the_file_menu(
    qtbot: QtBot, demo: Path, tmp_path: Path, user: str, password: str, offered: bool
) -> None:
    workspace = sign_in(demo, user, password)
    try:
        context = WindowContext(
            workspace.db_path, workspace.site_name, workspace.device_name, workspace.is_demo
        )
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            workspace.factory, workspace.actor, context, system_clock, settings=settings
        )
        qtbot.addWidget(window)
        file_menu = window.menuBar().actions()[0].menu()
        assert (window.device_key_action in file_menu.actions()) is offered
        if offered:
            dialog = window.open_device_key()
            assert isinstance(dialog, DeviceKeyDialog) and dialog.isVisible()
        window.patient_list.wait_loaded()
    finally:
        workspace.close()
