"""Fixtures of the UI tests: seeded trial databases, private settings, Russian translators."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from seeding import Staff, new_workspace
from trial_builder import CANARY, NOW, open_trial, seed_ward, tool

from msc_desk.models import ConsentSigner, Role
from msc_desk.models.database import SessionFactory
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.workspace import sign_in
from msc_desk.timekeeping import MOSCOW
from msc_desk.ui.i18n import install_translators, remove_translators
from msc_desk.ui.resources import resource_path

__all__ = ["NOW", "tool"]


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[SessionFactory]:
    """A migrated database file holding the ten patients of `seed_ward` at NOW."""
    with open_trial(tmp_path) as factory:
        seed_ward(factory, NOW)
        yield factory


# A workspace with a doctor, a nurse and one screened patient, for the app-lock and sign-in tests.
@pytest.fixture
def screened_ward(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A workspace with an investigator, a nurse and one screened patient; yields its study id."""
    clock = lambda: NOW  # noqa: E731
    staff = [
        Staff("doctor", "Иванова Анна", Role.INVESTIGATOR, "doctor-pass-1"),
        Staff("nurse", "Петрова Ольга", Role.NURSE, "nurse-pass-1"),
    ]
    new_workspace(
        tmp_path,
        clock,
        staff,
        site_code="01",
        device_name="Ноутбук-1",
        admin_full_name="Администратор",
        admin_password="admin-pass-1",
    ).workspace.close()
    doctor = sign_in(tmp_path, "doctor", "doctor-pass-1", clock=clock)
    saved = save_screening(
        doctor.factory,
        doctor.actor,
        ScreeningInput(
            shock_onset=(NOW - timedelta(hours=3)).astimezone(MOSCOW),
            anc_10e9_per_l=Decimal("0.3"),
            age_years=40,
            sex=None,
            pregnant=False,
            chemo_resistant_oncohematologic=False,
            consent_signed=True,
            consent_signer=ConsentSigner.PATIENT,
            consent_at=(NOW - timedelta(hours=1)).astimezone(MOSCOW),
            full_name=CANARY,
        ),
        clock=clock,
    )
    doctor.close()
    yield tmp_path, saved.study_id


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in the test's own folder, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def compiled_translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every committed resources/translations/*.ts compiled to .qm in a temporary folder."""
    target = tmp_path_factory.mktemp("qm")
    for ts in sorted(resource_path("translations").glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return target


@pytest.fixture
def russian(qapp: QApplication, compiled_translations: Path) -> Iterator[None]:
    """The interface in Russian, with the Russian locale, for one test."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    translators = install_translators(qapp, "ru", compiled_translations)
    yield
    remove_translators(qapp, translators)
    QLocale.setDefault(previous)
