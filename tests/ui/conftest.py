"""Fixtures of the UI tests: a seeded trial database, private settings, Russian translators."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from trial_builder import NOW, open_trial, seed_ward, tool

from msc_desk.models.database import SessionFactory
from msc_desk.ui.i18n import install_translators, remove_translators
from msc_desk.ui.resources import resource_path

__all__ = ["NOW", "tool"]


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[SessionFactory]:
    """A migrated database file holding the ten patients of `seed_ward` at NOW."""
    with open_trial(tmp_path) as factory:
        seed_ward(factory, NOW)
        yield factory


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
