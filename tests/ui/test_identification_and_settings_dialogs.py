"""The identification log viewer and the site settings editor: who sees them, what they do."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from seeding import seed_site
from sqlalchemy import Engine, select
from trial_builder import NOW

from msc_desk.models import AuditEntry, Role
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.session import audited_session_factory, read_session
from msc_desk.services.settings import VIABILITY_RELEASE_PERCENT, site_settings
from msc_desk.ui.admin.settings_dialog import SiteSettingsDialog
from msc_desk.ui.identification_dialog import IdColumn, IdentificationDialog, IdentificationModel
from msc_desk.ui.main_window import MainWindow, WindowContext

NAME = "Кузнецова Валентина Игоревна"


@pytest.fixture
def staff(plain_engine: Engine) -> tuple[SessionFactory, dict[str, Actor]]:
    factory = audited_session_factory(plain_engine)
    users = {
        "doctor": (Role.INVESTIGATOR, False),
        "nurse": (Role.NURSE, False),
        "monitor": (Role.MONITOR, False),
        "admin": (Role.ADMIN, False),
    }
    actors = seed_site(factory, lambda: NOW, site_name="ОРИТ", device_uid="dev", users=users)
    for name, record in ((NAME, "И-77"), ("Орлов Пётр", "И-78")):
        save_screening(
            factory,
            actors["doctor"],
            ScreeningInput(
                shock_onset=NOW - timedelta(hours=1),
                anc_10e9_per_l=Decimal("0.1"),
                age_years=44,
                pregnant=False,
                chemo_resistant_oncohematologic=False,
                consent_signed=True,
                full_name=name,
                medical_record_number=record,
            ),
            lambda: NOW,
        )
    return factory, actors


def window_for(qtbot: QtBot, factory: SessionFactory, actor: Actor, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = WindowContext(tmp_path / "msc-desk.db", "ОРИТ", "Ноутбук-1", False)
    window = MainWindow(factory, actor, context, lambda: NOW, settings=settings)
    qtbot.addWidget(window)
    return window


def test_the_identification_log_is_searched_and_every_look_audited(
    qtbot: QtBot, qtmodeltester: Any, staff: tuple[SessionFactory, dict[str, Actor]]
) -> None:
    factory, actors = staff
    dialog = IdentificationDialog(factory, actors["nurse"], lambda: NOW)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model, force_py=True)
    qtmodeltester.check(IdentificationModel(), force_py=True)
    assert dialog.model.rowCount() == 2
    dialog.search_edit.setText("кузнец")
    dialog.search_button.click()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, IdColumn.FULL_NAME).data() == NAME
    assert dialog.model.index(0, IdColumn.RECORD_NUMBER).data() == "И-77"
    assert dialog.model.index(0, IdColumn.STUDY_ID).data().startswith("MSC-")
    with read_session(factory) as session:
        looks = session.scalars(
            select(AuditEntry.new_value).where(AuditEntry.action == "identification_viewed")
        ).all()
    assert looks == ["list: 2 row(s)", "search: 1 row(s)"]


def test_the_identification_log_is_refused_to_a_monitor(
    qtbot: QtBot, staff: tuple[SessionFactory, dict[str, Actor]], tmp_path: Path
) -> None:
    factory, actors = staff
    monitor = window_for(qtbot, factory, actors["monitor"], tmp_path)
    assert not monitor.identification_action.isVisible()
    assert window_for(qtbot, factory, actors["nurse"], tmp_path).identification_action.isVisible()
    # Even opened by other means, the service refuses: no rows, the refusal said, and audited.
    dialog = IdentificationDialog(factory, actors["monitor"], lambda: NOW)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.message.text() == "Your role does not allow this action."
    assert not dialog.search_button.isEnabled()
    with read_session(factory) as session:
        denied = session.scalars(
            select(AuditEntry.new_value).where(
                AuditEntry.action == "permission_denied", AuditEntry.username == "monitor"
            )
        ).all()
        viewed = session.scalars(
            select(AuditEntry.id).where(AuditEntry.action == "identification_viewed")
        ).all()
    assert denied == ["view_identification"] and viewed == []


def test_only_the_administrator_edits_the_site_settings(
    qtbot: QtBot, staff: tuple[SessionFactory, dict[str, Actor]], tmp_path: Path
) -> None:
    factory, actors = staff
    admin = window_for(qtbot, factory, actors["admin"], tmp_path)
    assert admin.admin_menu is not None and admin.settings_action in admin.admin_menu.actions()
    doctor = window_for(qtbot, factory, actors["doctor"], tmp_path)
    assert doctor.admin_menu is None
    dialog = admin.open_settings()
    assert dialog.viability.value() == 70
    dialog.viability.setValue(75)
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert dialog.message.text() == "Settings saved."
    assert site_settings(factory)[VIABILITY_RELEASE_PERCENT] == 75

    refused = SiteSettingsDialog(factory, actors["doctor"], lambda: NOW)
    qtbot.addWidget(refused)
    refused.viability.setValue(60)
    assert not refused.save()
    assert refused.message.text() == "Your role does not allow this action."
    assert site_settings(factory)[VIABILITY_RELEASE_PERCENT] == 75
