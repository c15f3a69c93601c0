"""Identity and updates seen from the interface: the About dialog, the title, a newer database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text
from trial_builder import NOW

from msc_desk.models import Device
from msc_desk.models.migrate import head_revision
from msc_desk.services.session import read_session
from msc_desk.services.workspace import OpenWorkspace, sign_in
from msc_desk.ui.about_dialog import AboutDialog
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.sign_in import SignInDialog
from msc_desk.version import app_version


@pytest.fixture
def workspace(screened_ward: tuple[Path, str]) -> OpenWorkspace:
    opened = sign_in(screened_ward[0], "doctor", "doctor-pass-1", clock=lambda: NOW)
    yield opened  # type: ignore[misc]
    opened.close()


def _device_uid(workspace: OpenWorkspace) -> str:
    with read_session(workspace.factory) as session:
        return session.scalars(select(Device.device_uid)).one()


def _table(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    rows = {}
    for row in range(dialog.libraries.rowCount()):
        name, version, licence = (dialog.libraries.item(row, c).text() for c in range(3))
        rows[name.lower()] = (version, licence)
    return rows


@pytest.mark.usefixtures("russian")
def test_about_shows_version_schema_device_and_licences(
    qtbot: QtBot, workspace: OpenWorkspace
) -> None:
    dialog = AboutDialog(workspace.factory)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "О программе MSC Desk"
    assert dialog.version_label.text() == app_version() != ""
    assert dialog.schema_label.text() == head_revision() == "0002"
    assert dialog.device_label.text() == f"{_device_uid(workspace)} (Ноутбук-1)"
    libraries = _table(dialog)
    assert libraries["sqlalchemy"][1] == "MIT"
    assert libraries["sqlcipher3"][1] == "Zlib"
    assert libraries["pyside6_essentials"][1].startswith("LGPL-3.0-only")
    assert "pytest" not in libraries  # only what the application runs on
    assert all(licence != "unknown" for _, licence in libraries.values())


def test_about_names_an_older_schema_beside_the_newest(
    qtbot: QtBot, workspace: OpenWorkspace
) -> None:
    with workspace.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))

    dialog = AboutDialog(workspace.factory)
    qtbot.addWidget(dialog)

    assert dialog.schema_label.text() == "0001 (this version's newest: 0002)"


def test_the_window_title_and_help_menu_open_about(qtbot: QtBot, workspace: OpenWorkspace) -> None:
    context = WindowContext(workspace.db_path, "ОРИТ", "Н-1", False)
    window = MainWindow(workspace.factory, workspace.actor, context, lambda: NOW)
    qtbot.addWidget(window)
    assert window.patient_list.wait_loaded()

    assert window.windowTitle() == f"MSC Desk {app_version()} — ОРИТ"
    window.about_action.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()


@pytest.mark.usefixtures("russian")
def test_a_database_from_a_newer_version_is_refused_in_clear_russian(
    qtbot: QtBot, qapp: QApplication, screened_ward: tuple[Path, str]
) -> None:
    data_dir = screened_ward[0]
    opened = sign_in(data_dir, "doctor", "doctor-pass-1", clock=lambda: NOW)
    with opened.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    opened.close()
    dialog = SignInDialog(data_dir, lambda: NOW)
    qtbot.addWidget(dialog)

    dialog.username.setText("doctor")
    dialog.password.setText("doctor-pass-1")
    dialog.sign_in_button.click()

    assert dialog.workspace is None
    assert dialog.error.text() == (
        f"База данных сохранена более новой версией MSC Desk (схема 0003), эта версия "
        f"({app_version()}) открыть её не может. Данные не изменены. Установите на этот "
        "ноутбук новую версию MSC Desk."
    )
    assert not (data_dir / "backups").exists()


def test_the_application_carries_its_name_version_and_icon(qapp: QApplication) -> None:
    from msc_desk.ui.startup import apply_identity

    apply_identity(qapp)

    assert qapp.applicationName() == "MSC Desk"
    assert qapp.applicationVersion() == app_version()
    icon = qapp.windowIcon()
    assert not icon.isNull() and icon.pixmap(64, 64).width() == 64


@pytest.mark.usefixtures("russian")
def test_the_recovery_dialog_refuses_a_newer_database_in_clear_russian(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from seeding import new_workspace

    from msc_desk.ui.sign_in import RecoveryDialog

    created = new_workspace(tmp_path, lambda: NOW)
    with created.workspace.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    created.workspace.close()
    dialog = RecoveryDialog(tmp_path, lambda: NOW)
    qtbot.addWidget(dialog)

    dialog.username.setText("admin")
    dialog.code.setText(created.recovery_code)
    dialog.password.setText("new-password-1")
    dialog.password_again.setText("new-password-1")
    dialog.apply_button.click()

    assert dialog.workspace is None
    assert dialog.error.text().startswith(
        "База данных сохранена более новой версией MSC Desk (схема 0003)"
    )
